"""Games played by a rule: one loop (game/engine/playout.py) for every tool that plays whole games."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.engine import ChoiceFailed, Session, autoplay, play_out, start, uniform
from game.engine.playout import stopped_by

from .authoring import stories
from .helpers import ROOT, break_choice, load_ok, write_story


def first(state, offered):
    return offered[0]


def test_the_same_seed_and_rule_play_the_same_game_and_stop_at_the_ending():
    story = load_ok(ROOT / "story" / "pearl")
    games = []
    for _ in range(2):
        state, _ = start(story, 11)
        games.append(list(autoplay(story, state, uniform(random.Random(11)))))
    assert [m.after for m in games[0]] == [m.after for m in games[1]]
    last = games[0][-1].after
    assert last.ending is not None and stopped_by(story, last) is None
    # each move starts where the one before ended
    assert all(a.after == b.before for a, b in zip(games[0], games[0][1:], strict=False))


def test_it_stops_in_a_scene_with_no_enabled_choice_and_at_the_turn_limit(tmp_path: Path):
    stuck = load_ok(write_story(tmp_path, stories.STUCK, "stuck.yaml"))
    state = play_out(stuck, start(stuck)[0], first)
    assert state.scene == "hall" and stopped_by(stuck, state) == "stuck"
    endless = load_ok(write_story(tmp_path, stories.ENDLESS, "endless.yaml"))
    state = play_out(endless, start(endless)[0], first, max_turns=7)
    assert state.turn == 7 and state.ending is None and stopped_by(endless, state, 7) == "turns"


def test_a_choice_that_raises_is_reported_with_the_state_it_was_taken_in(tmp_path, monkeypatch):
    story = load_ok(write_story(tmp_path, stories.DIAMOND))
    break_choice(monkeypatch, "left.on")
    with pytest.raises(ChoiceFailed) as caught:
        play_out(story, start(story)[0], first)
    assert caught.value.state.scene == "left" and caught.value.choice.uid == "left.on"
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_a_session_played_on_keeps_every_step_for_undo_and_saves():
    story = load_ok(ROOT / "story" / "pearl")
    session = Session(story, 4)
    moves = session.play_on(uniform(random.Random(4)))
    assert session.ended and len(session.states) == len(moves) + 1
    loaded = Session.from_save_data(story, session.save_data())
    assert loaded.state == session.state and len(loaded.states) == len(session.states)
    assert session.undo() and session.state == moves[-1].before
