"""Issue #19's findings: what an author writing from the docs tripped on, each fixed and checked."""

from __future__ import annotations

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
