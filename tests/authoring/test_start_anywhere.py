"""Starting anywhere: ``text --from SCENE --set NAME=VALUE`` with piped input, and bad arguments."""

import pytest

from game.engine import start

from ..helpers import SAMPLE, load_ok
from .test_cli_tools import run


def test_text_from_a_scene_with_variables_set():
    result = run(
        "text", "--story", str(SAMPLE), "--seed", "1", "--from", "street",
        "--set", "money=50", "--set", "purchases=work-clothes,anime", "--set", "flags.posted_photo=true",
        stdin="4\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== A new app ==" not in out and "== The square ==" in out
    assert "You have ¥50 left and a bag that says what you are: anime, work-clothes." in out
    # flags.posted_photo is set, so walking home is uneasy
    assert "*** THE END: Something is counting ***" in out


def test_text_from_an_ending_ends_at_once():
    result = run("text", "--story", str(SAMPLE), "--seed", "1", "--from", "quiet")
    assert result.returncode == 0 and "*** THE END: An ordinary day ***" in result.stdout


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--from", "nowhere"], "unknown scene 'nowhere'"),
        (["--set", "money=lots"], "money is a whole number"),
        (["--set", "nosuch=1"], "no variable 'nosuch'"),
        (["--set", "money"], "write NAME=VALUE"),
        (["--set", "flags.posted_photo=yes"], "true or false"),
    ],
)
def test_bad_from_or_set_is_one_line_exit_2(args, needle):
    result = run("text", "--story", str(SAMPLE), *args, stdin="1\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and needle in result.stderr


def test_start_at_a_dated_scene_keeps_the_calendar():
    story = load_ok(SAMPLE)
    state, events = start(story, 1, at="street")
    last_score = [e for e in events if e.kind == "score"][-1]["score"]
    assert state.ext["score"].score == last_score
