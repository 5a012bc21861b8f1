"""Fixtures of the workshop kit's tests: stories, and folders of logs written by simulated players."""

from __future__ import annotations

import pytest

from game.engine import load_story
from game.workshop.demo import write_demo_logs

from ..helpers import ROOT, SAMPLE, load_ok

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "مريم ‮evil‬",  # Arabic with a right-to-left override inside
    "🐼 Panda 🐼",
    '=HYPERLINK("http://evil.example")',
    "Robert'); DROP TABLE players;--",
    "<svg onload=alert(1)>",
    "&amp; &lt;b&gt; plain",
]


def main_story():
    """The shipped scenario (it must load: test_cli checks it lints clean)."""
    path = ROOT / "story" / "pearl"
    story, diagnostics = load_story(path)
    assert story is not None, [str(d) for d in diagnostics[:5]]
    return path, story


@pytest.fixture(scope="session")
def sample():
    return load_ok(SAMPLE)


@pytest.fixture(scope="session")
def sample_logs(tmp_path_factory, sample):
    """24 simulated players of the sample story, with hostile pseudonyms, in one folder."""
    folder = tmp_path_factory.mktemp("logs")
    write_demo_logs(sample, folder, players=24, seed=100, transparency="partial", pseudonyms=HOSTILE)
    return folder
