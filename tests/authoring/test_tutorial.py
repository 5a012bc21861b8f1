"""Every YAML snippet of docs/tutorial.md loads, lints clean and can be played to an ending."""

from __future__ import annotations

import re

import pytest

from game.authoring.lint import lint

from ..helpers import ROOT, load_ok, play

TUTORIAL = ROOT / "docs" / "tutorial.md"
SNIPPETS = re.findall(r"```yaml\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)


def test_the_tutorial_has_its_four_steps():
    assert len(SNIPPETS) == 4


@pytest.mark.parametrize("step", range(len(SNIPPETS)), ids=lambda i: f"step{i + 1}")
def test_each_step_lints_clean(tmp_path, step):
    path = tmp_path / "interview.yaml"
    path.write_text(SNIPPETS[step], encoding="utf-8")
    result = lint(str(path))
    assert (result.errors, result.warnings) == (0, 0), [str(d) for d in result.diagnostics]


def test_the_last_step_plays_as_the_text_says(tmp_path):
    path = tmp_path / "interview.yaml"
    path.write_text(SNIPPETS[-1], encoding="utf-8")
    story = load_ok(path)
    assert play(story, ["profile", "wait", "answer"]).state.ending == "hired"
    assert play(story, ["wait", "answer"]).state.ending == "maybe"
    two_coffees = play(story, ["coffee", "coffee"])
    offered = {c.id: c for c in two_coffees.frame().choices}
    assert offered["coffee"].reason == "Two is already too many."


def test_the_typo_in_step_one_gives_the_error_the_text_shows(tmp_path):
    path = tmp_path / "interview.yaml"
    path.write_text(SNIPPETS[0].replace("next: office", "next: ofice"), encoding="utf-8")
    shown = re.search(r"`interview.yaml:(.*?)`", TUTORIAL.read_text(encoding="utf-8"))[1]
    assert [str(d) for d in lint(str(path)).diagnostics] == [f"{path}:{shown}"]
