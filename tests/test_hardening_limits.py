"""Limits as a contract (#12 item 2): every limit is in one table, enforced at load with E210 (or the
file codes), and the worst cases a lint-clean story may hold load clean (their timing is in the
bench, not here)."""

from __future__ import annotations

import pytest

from bench import limit_cases
from game.engine import limits, load_story
from game.engine.limits import LIMITS, markdown_table

from .helpers import ROOT, write_story


@pytest.mark.parametrize("name", sorted(limit_cases.CASES))
def test_the_worst_cases_within_the_limits_load_clean(tmp_path, name):
    story, diagnostics = load_story(limit_cases.CASES[name](tmp_path))
    assert story is not None, [str(d) for d in diagnostics if d.is_error][:3]


def test_the_issues_calendar_case_is_refused(tmp_path):
    story, diagnostics = load_story(limit_cases.calendar_refused(tmp_path))
    assert story is None and [d.code for d in diagnostics] == ["E210"]
    assert "calendar_months" in diagnostics[0].message


def test_one_long_calendar_jump_with_many_contacts_is_refused(tmp_path, monkeypatch):
    path = limit_cases.calendar_contacts(tmp_path)
    monkeypatch.setattr(limits, "STEP_MONTH_WORK", limits.STEP_MONTH_WORK // 2)
    story, diagnostics = load_story(path)
    assert story is None and [d.code for d in diagnostics] == ["E210"]
    assert "step_month_work" in diagnostics[0].message and "scene 'b'" in diagnostics[0].message


def test_dated_scenes_between_keep_each_jump_small(tmp_path):
    """The bound follows the story: twelve monthly scenes are twelve one-month choices."""
    lines = ["story: {id: t, title: T, start: s0}", "calendar: {start: 2015-01}"]
    lines += ["scoring: {id: r, title: R, range: {min: 0, max: 100, start: 50}}", "scenes:"]
    lines += [
        f"  s{i}: {{date: 2015-{i + 1:02d}, text: x, choices: [{{id: go, text: Go, next: s{i + 1}}}]}}"
        for i in range(11)
    ]
    lines += ["  s11: {date: 2015-12, text: x, choices: [{id: go, text: Go, next: end}]}"]
    lines += ["endings:", "  end: {title: End}"]
    path = tmp_path / "monthly.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from game.engine.budget import calendar_start, longest_jump

    story, diagnostics = load_story(path)
    assert story is not None, [str(d) for d in diagnostics]
    assert longest_jump(story, calendar_start(story))[0] == 1


RULES = "scoring:\n  id: r\n  title: R\n  range: {min: 0, max: 9, start: 1}\n"


@pytest.mark.parametrize(
    "key, body",
    [
        (
            "CHOICES_PER_SCENE",
            "scenes:\n  a: {choices: [{id: a1, text: A, next: end}, {id: a2, text: B, next: end}]}\n",
        ),
        (
            "TIERS",
            RULES
            + "  tiers: [{id: a, title: A, min: 0}, {id: b, title: B, min: 5}]\nscenes:\n  a: {next: end}\n",
        ),
        (
            "CONTACTS",
            RULES
            + "contacts:\n  x: {name: X, score: 5, closeness: 1}\n  y: {name: Y, score: 5, closeness: 1}\n"
            + "scenes:\n  a: {next: end}\n",
        ),
    ],
)
def test_each_count_limit_is_enforced_with_e210(tmp_path, monkeypatch, key, body):
    monkeypatch.setattr(limits, key, 1)
    text = "story: {id: t, title: T, start: a}\n" + body + "endings:\n  end: {title: End}\n"
    story, diagnostics = load_story(write_story(tmp_path, text))
    assert story is None and "E210" in [d.code for d in diagnostics], [str(d) for d in diagnostics]


def test_a_variables_initial_value_is_bounded(tmp_path):
    text = "story: {id: t, title: T, start: a}\nvariables: {n: 1000000000000000000000000000000}\n"
    text += "scenes:\n  a: {next: end}\nendings:\n  end: {title: End}\n"
    story, diagnostics = load_story(write_story(tmp_path, text))
    assert story is None and "E210" in [d.code for d in diagnostics]


def test_the_docs_table_is_generated_from_the_one_module():
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    assert markdown_table() in doc
    assert {limit.key for limit in LIMITS} >= {
        "file_bytes",
        "story_files",
        "story_bytes",
        "yaml_depth",
        "json_depth",
        "int_magnitude",
        "calendar_months",
        "tiers",
        "perks",
        "rules",
        "actions_per_choice",
        "choices_per_scene",
        "contacts",
        "step_month_work",
    }


def test_playtest_honours_max_seconds_and_keeps_a_bounded_result(tmp_path, capsys):
    from game.authoring.playtest import MAX_PROBLEMS, playtest
    from game.cli import main

    from .helpers import load_ok

    loop = "story: {id: t, title: T, start: a}\nscenes:\n"
    loop += "  a: {text: x, choices: [{id: again, text: Again, next: a}]}\nendings:\n  end: {title: End}\n"
    story = load_ok(write_story(tmp_path, loop))
    result = playtest(story, 2 * MAX_PROBLEMS, max_turns=3)
    assert len(result.problems) == MAX_PROBLEMS and result.problems_dropped == MAX_PROBLEMS
    stopped = playtest(story, 1_000_000, max_turns=100_000, max_seconds=0.05)
    assert stopped.stopped_by == "time" and stopped.runs < 1_000_000
    code = main(["playtest", str(tmp_path / "story.yaml"), "--runs", "1000000", "--max-seconds", "0.05"])
    assert code in (0, 1) and "stopped by --max-seconds" in capsys.readouterr().out
