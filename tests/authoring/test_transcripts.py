"""Golden transcripts: every ``*.transcript`` under tests/ and the story folders plays as written.

``pytest --update-golden`` rewrites them from the current output (review the diff before committing).
"""

from pathlib import Path

import pytest

from game.authoring.transcript import check, diff

from ..helpers import ROOT


def transcripts() -> list[Path]:
    found = sorted((ROOT / "tests").rglob("*.transcript"))
    for folder in sorted(ROOT.glob("story*")):
        if folder.is_dir():
            found.extend(sorted(folder.rglob("*.transcript")))
    return found


@pytest.mark.parametrize("path", transcripts(), ids=lambda p: str(p.relative_to(ROOT)))
def test_transcript(path, request):
    expected, actual = check(path)
    if actual == expected:
        return
    if request.config.getoption("--update-golden"):
        path.write_text(actual, encoding="utf-8")
        return
    pytest.fail(
        f"{path.relative_to(ROOT)} no longer matches (run pytest --update-golden to accept):\n"
        + diff(expected, actual, path.name),
        pytrace=False,
    )


def test_there_are_transcripts_of_the_sample():
    names = {p.name for p in transcripts() if p.parent.name == "sample"}
    assert {"photo.transcript", "fallback.transcript"} <= names
