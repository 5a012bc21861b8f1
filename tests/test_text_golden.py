"""A golden transcript of the terminal front end: what a player sees, word for word."""

import io
from pathlib import Path

import pytest

from game.engine import Session
from game.text.terminal import TextFrontEnd

from .helpers import SAMPLE, load_ok

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    # name: (seed, input lines)
    "sample_photo": (7, ["3", "1", "2", "x", "1", "undo", "2", "history", "1"]),
    "sample_fallback": (2, ["4", "1", "1", "1", "4", "9", "1", "3"]),
}


def transcript(seed, lines):
    session = Session(load_ok(SAMPLE), seed)
    out = io.StringIO()
    front = TextFrontEnd(session, io.StringIO("".join(line + "\n" for line in lines)), out)
    code = front.run()
    if front.session.ended:  # as socialscore text does: the debrief follows THE END
        front.show_debrief()
    return out.getvalue() + f"[exit {code}]\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_terminal_transcript_matches_golden(name, request):
    got = transcript(*CASES[name])
    path = GOLDEN / f"text_{name}.txt"
    if request.config.getoption("--update-golden") or not path.exists():
        if not request.config.getoption("--update-golden") and __import__("os").environ.get("CI"):
            pytest.fail(f"{path.name} is missing; run pytest --update-golden and commit it")
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
