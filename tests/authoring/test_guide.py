"""The authoring guide's examples work: its story loads, and the commands it names exist."""

import re

from game.cli import build_parser
from game.engine import load_story

from ..helpers import ROOT

GUIDE = ROOT / "docs" / "authoring-guide.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_complete_story_examples_load(tmp_path):
    stories = [b for b in blocks("yaml") if "\nstory:" in b]
    assert stories
    for i, text in enumerate(stories):
        path = tmp_path / f"example{i}.yaml"
        path.write_text(text, encoding="utf-8")
        story, diagnostics = load_story(path)
        assert story is not None, [str(d) for d in diagnostics]


def test_every_command_in_the_guide_exists():
    commands = set(re.findall(r"socialscore ([a-z-]+)", GUIDE.read_text(encoding="utf-8")))
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001
    assert commands <= known, commands - known
