"""The transcript format: its header, its steps, and the command that writes one."""

import pytest

from game.authoring.transcript import TranscriptError, check, parse

from ..helpers import SAMPLE, write_story
from . import stories
from .test_cli_tools import run


def test_parse_header_and_steps():
    t = parse("# hi\nstory: s.yaml\nseed: 3\nset: a=1\nset: b=2\nfrom: x\n\n  out\n> one\n  more\n> two\n")
    assert (t.story, t.seed, t.transparency, t.at, t.sets) == (
        "s.yaml",
        3,
        "partial",
        "x",
        ["a=1", "b=2"],
    )
    assert t.choices == ["one", "two"] and t.header[0] == "# hi"


@pytest.mark.parametrize(
    "text, needle",
    [
        ("seed: 1\n\n", "names no story"),
        ("story: a\nseed: x\n\n", "whole number"),
        ("story: a\ntransparency: loud\n\n", "transparency"),
        ("story: a\nwhat: 1\n\n", "expected 'key: value'"),
        ("story: a\nstory: b\n\n", "given twice"),
    ],
)
def test_bad_headers(text, needle):
    with pytest.raises(TranscriptError, match=needle):
        parse(text)


def test_command_writes_a_transcript_that_checks_clean(tmp_path):
    story = write_story(tmp_path, stories.DIAMOND)
    out = tmp_path / "sub" / "diamond.transcript"
    out.parent.mkdir()
    result = run("transcript", str(story), "--choices", "left,on,bottom.end", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("story: ../story.yaml\nseed: 0\ntransparency: partial\n\n")
    assert "*** THE END: The end [fin] ***" in text
    expected, actual = check(out)
    assert expected == actual


def test_a_change_in_the_story_shows_as_a_difference(tmp_path):
    story = write_story(tmp_path, stories.DIAMOND)
    out = tmp_path / "d.transcript"
    run("transcript", str(story), "--choices", "left,on", "-o", str(out))
    story.write_text(story.read_text().replace("text: Go left", "text: Turn left"))
    expected, actual = check(out)
    assert "* left: Go left" in expected and "* left: Turn left" in actual


def test_unavailable_choice_is_recorded_and_exit_1(tmp_path):
    result = run("transcript", str(SAMPLE / "story.yaml"), "--choices", "ignore,buy_luxury,walk_home")
    assert result.returncode == 1
    assert "! cannot choose: 'buy_luxury' is not available: Not on your budget." in result.stdout
    assert "> walk_home\n  ! not played: an earlier step failed" in result.stdout


def test_transcript_bad_set_is_one_line(tmp_path):
    result = run("transcript", str(SAMPLE), "--set", "money=lots")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
