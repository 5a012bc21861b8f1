"""What the score app shows: partial by default, nothing while the app is off or deleted, and each
view worded by the mode (the table "What each mode shows" in docs/scoring-format.md)."""

from __future__ import annotations

import io
import re

import pytest

from game.cli import build_parser
from game.engine import Session
from game.engine.scoring.engine import part_of
from game.paths import story_dir
from game.text.terminal import TextFrontEnd

from .helpers import load_ok, write_story
from .test_scoring import RULES, STORY

MODES = ("opaque", "partial", "transparent")


@pytest.fixture(scope="module")
def shipped():
    return load_ok(story_dir())


def command(session: Session, word: str) -> str:
    out = io.StringIO()
    front = TextFrontEnd(session, io.StringIO(), out)
    from game.text import terminal

    terminal.COMMANDS[word][1](front)
    return out.getvalue()


def test_partial_is_the_default_in_the_engine_and_on_the_command_line(shipped):
    assert part_of(Session(shipped, 0).state).mode == "partial"
    for sub in ("play", "text"):
        assert build_parser().parse_args([sub]).transparency is None  # the engine's default applies


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("word", ["score", "ledger", "contacts"])
def test_no_view_shows_the_score_before_activation_or_after_deletion(shipped, mode, word):
    before = Session(shipped, 0, {"transparency": mode})
    text = command(before, word)
    assert "not active" in text and not re.search(r"\d", text), text
    deleted = Session(shipped, 0, {"transparency": mode}, sets={"flags.left_app": True})
    text = command(deleted, word)
    assert "deleted" in text and not re.search(r"\d", text), text


@pytest.fixture
def hidden(tmp_path):
    text = STORY.replace(
        "calendar: {start: 2015-01}", "calendar: {start: 2015-01}\napp: {visible_if: looking}"
    )
    return load_ok(write_story(tmp_path, text + RULES + "variables: {looking: false}\n"))


def test_a_refusal_never_quotes_the_score_while_the_app_is_off(hidden):
    off = Session(hidden, 0, {"transparency": "transparent"})
    reason = next(c.reason for c in off.frame().choices if c.id == "gated")
    assert reason == "Not eligible." and "600" not in reason
    on = Session(hidden, 0, {"transparency": "transparent"}, sets={"looking": True})
    reason = next(c.reason for c in on.frame().choices if c.id == "gated")
    assert reason == "Needs a score of 650 or more; yours is 600."


@pytest.mark.parametrize("mode", MODES)
def test_contacts_show_pull_only_as_the_mode_allows(hidden, mode):
    session = Session(hidden, 0, {"transparency": mode}, sets={"looking": True})
    session.choose("month")
    text = command(session, "contacts")
    assert "Ann: score" in text
    assert ("pull this month" in text) == (mode == "transparent")
    assert ("Pulling you down: Ann" in text) == (mode != "opaque")
    assert ("a month)" in text) == (mode == "transparent")  # a suggestion's predicted gain


@pytest.mark.parametrize("mode", MODES)
def test_score_shows_the_next_threshold_only_when_transparent(hidden, mode):
    session = Session(hidden, 0, {"transparency": mode}, sets={"looking": True})
    text = command(session, "score")
    assert text.startswith("Score 600 (Mid)")
    assert ("Next tier High at 650" in text) == (mode == "transparent")
