"""The debrief in the terminal: all five steps as plain text, each fact with its label and source,
and the mode the player actually had; the shipped story's text says what the app tells by mode."""

from __future__ import annotations

import io
import random

import pytest

from game.engine import Session, uniform
from game.engine.debrief import MODE_NOTES, build_debrief
from game.engine.messages import say
from game.paths import story_dir
from game.text.terminal import TextFrontEnd

from .helpers import load_ok

MODES = ("opaque", "partial", "transparent")


@pytest.fixture(scope="module")
def shipped():
    return load_ok(story_dir())


def finished(story, mode: str, seed: int = 5) -> Session:
    session = Session(story, seed, {"transparency": mode})
    session.play_on(uniform(random.Random(seed)))
    assert session.ended
    return session


@pytest.mark.parametrize("mode", MODES)
def test_the_terminal_debrief_has_five_steps_facts_and_the_players_mode(shipped, mode):
    session = finished(shipped, mode)
    out = io.StringIO()
    TextFrontEnd(session, io.StringIO(), out, width=10_000).show_debrief()
    text = out.getvalue()
    for n in range(1, 6):
        assert f"Step {n} of 5: " in text
    assert say(MODE_NOTES[mode]) in text
    assert sum(say(note) in text for note in MODE_NOTES.values()) == 1
    d = build_debrief(shipped, session.states, whatifs=False)
    assert d.facts
    for fact in d.facts:
        assert f"{fact.claim} Label: {fact.label}." in text
        assert f"Source: {fact.source.rstrip('.')}." in text
    assert "◆" not in text and "\x1b" not in text  # nothing said by a symbol or a colour
    assert text.rstrip().endswith("=== End of the debrief ===")


@pytest.mark.parametrize("mode", MODES)
def test_the_story_says_it_never_says_why_only_when_it_does_not(shipped, mode):
    session = Session(
        shipped, 0, {"transparency": mode}, at="opt_in_crash_after", sets={"flags.activated": True}
    )
    text = " ".join(session.frame().paragraphs)
    assert ("It never says why." in text) == (mode == "opaque")
    assert "The dial says" in text
