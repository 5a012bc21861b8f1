"""Issue #19's findings: what an author writing from the docs tripped on, each fixed and checked."""

from __future__ import annotations

import pytest

from game.engine import load_story

from ..helpers import codes, load_ok, play, write_story

HEAD = "story: {id: t, title: T, start: a}\n"


def diagnostics(tmp_path, text: str):
    _, found = load_story(write_story(tmp_path, HEAD + text))
    return found


def test_a_comma_inside_a_flow_list_effect_is_one_error_saying_quote_it(tmp_path):
    found = diagnostics(
        tmp_path,
        """\
variables: {roll: 0}
scenes:
  a:
    choices:
      - {id: go, text: Go, effects: [roll = random(1, 6)], next: end}
endings:
  end: {title: End}
""",
    )
    assert codes(found) == ["E400"]
    assert "quote it" in found[0].message and "block list" in found[0].message
    assert (found[0].line, found[0].col) == (6, 38)


def test_quoted_or_block_list_effects_with_commas_load(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            HEAD
            + """\
variables: {roll: 0, other: 0}
scenes:
  a:
    choices:
      - id: go
        text: Go
        effects: ["roll = random(1, 6)", other = 2]
        next: b
  b:
    choices:
      - id: go
        text: Go
        effects:
          - roll = random(1, 6)
        next: end
endings:
  end: {title: End}
""",
        )
    )
    assert 1 <= play(story, ["go"]).state.vars["roll"] <= 6


def test_a_set_literal_inside_text_interpolation(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            HEAD
            + """\
scenes:
  a:
    text: "Count {len({'a', 'b'})}, a brace {{ and a quoted brace {'}'}"
    choices: [{id: go, text: Go, next: end}]
endings:
  end: {title: End}
""",
        )
    )
    assert "Count 2, a brace { and a quoted brace }" in play(story, []).frame().paragraphs[0]


def test_chosen_reads_the_continue_choice_of_a_scene_without_choices(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            HEAD
            + """\
scenes:
  a:
    text: Hello
    next: b
  b:
    text: "Continued {chosen.a.continue} time"
    choices: [{id: go, text: Go, next: end}]
endings:
  end: {title: End}
""",
        )
    )
    assert "Continued 1 time" in play(story, ["continue"]).frame().paragraphs[0]


# -- one error per cause (finding 5) ------------------------------------------------

SCORING = """\
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 500}
  tiers: [{id: low, title: Low, min: 0}]
  rules:
    - {id: p, on: {buy: [x]}, factor: FACTOR, change: 5}
"""
ACTION_SCENES = """\
scenes:
  a:
    choices:
      - {id: go, text: Go, actions: [{buy: x}], next: end}
      - {id: go2, text: Go, actions: [{buy: x}], next: end}
endings:
  end: {title: End}
"""


@pytest.mark.parametrize(
    "text, code, needle",
    [
        # an unknown factor: not also "rule needs the field 'factor'", nor an error per action
        (SCORING.replace("FACTOR", "vibes") + ACTION_SCENES, "E207", "'vibes'"),
        # a bad date: not also "calendar needs the field 'start'"
        (
            "calendar: {start: 2015-13}\n" + ACTION_SCENES.replace("actions: [{buy: x}], ", ""),
            "E207",
            "2015-13",
        ),
        # a bad id: not also "choice needs the field 'id'"
        (
            "scenes:\n  a: {choices: [{id: go-on, text: Go, next: end}]}\nendings: {end: {title: E}}\n",
            "E203",
            "go-on",
        ),
        # a rejected variable: not also E301 at every use
        (
            "variables: {money: {type: int, initial: x}}\n"
            "scenes:\n  a:\n    text: '{money}'\n"
            "    choices: [{id: go, text: Go, if: money > 1, effects: [money += 1], next: end}]\n"
            "endings: {end: {title: E}}\n",
            "E200",
            "'money'",
        ),
    ],
    ids=["factor", "date", "id", "variable"],
)
def test_one_error_per_cause(tmp_path, text, code, needle):
    found = diagnostics(tmp_path, text)
    assert codes(found) == [code], [str(d) for d in found]
    assert needle in found[0].message


def test_a_second_scoring_block_is_reported_once(tmp_path):
    base = SCORING.replace("FACTOR", "behaviour")
    (tmp_path / "rules2.yaml").write_text(base, encoding="utf-8")
    write_story(tmp_path, HEAD + base + ACTION_SCENES)
    _, found = load_story(tmp_path)
    assert codes(found) == ["E206"], [str(d) for d in found]
    assert "a second scoring: block" in found[0].message


def test_a_file_with_errors_is_not_also_told_it_has_no_story_block(tmp_path):
    write_story(tmp_path, "story: {id: t, title: T, start: a\n")
    _, found = load_story(tmp_path)
    assert codes(found) == ["E103"]


@pytest.mark.parametrize(
    "scene",
    ["a: {choices: [{id: go, text: Go, effects: [score = 5], next: end}]}", "a: {text: '{year}', next: end}"],
    ids=["score", "year"],
)
def test_a_score_name_without_scoring_says_it_needs_a_scoring_block(tmp_path, scene):
    found = diagnostics(
        tmp_path, f"calendar: {{start: 2016-01}}\nscenes:\n  {scene}\nendings:\n  end: {{title: E}}\n"
    )
    assert codes(found) == ["E301"]
    assert "exists only in a story with a scoring: block" in found[0].message
