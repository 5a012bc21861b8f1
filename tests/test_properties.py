"""Invariants of the engine, checked on random play (hypothesis shrinks any failure)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from game.engine import Session, choose, frame, start
from game.engine.saves import state_from_json

from .helpers import SAMPLE, load_ok

STORY = load_ok(SAMPLE)


def walk(seed: int, picks: list[int]):
    """Play by picking among the enabled choices with the given indexes; return states and events."""
    state, events = start(STORY, seed)
    states, all_events = [state], [events]
    for pick in picks:
        f = frame(STORY, state)
        enabled = [c for c in f.choices if c.enabled]
        if f.status != "choosing" or not enabled:
            break
        state, events = choose(STORY, state, enabled[pick % len(enabled)].id)
        states.append(state)
        all_events.append(events)
    return states, all_events


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=30))
def test_random_walk_never_crashes_and_round_trips_through_json(seed, picks):
    states, _ = walk(seed, picks)
    for state in states:
        data = json.loads(json.dumps(state.to_json()))
        assert state_from_json(STORY, data) == state
        f = frame(STORY, state)
        assert f.status in ("choosing", "ended")
        for var in STORY.variables.values():
            value = state.vars[var.name]
            if var.type == "int":
                assert (var.min is None or value >= var.min) and (var.max is None or value <= var.max)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=30))
def test_same_seed_and_choices_give_the_same_game(seed, picks):
    a = walk(seed, picks)
    b = walk(seed, picks)
    assert [json.dumps(s.to_json()) for s in a[0]] == [json.dumps(s.to_json()) for s in b[0]]
    assert a[1] == b[1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=30))
def test_replaying_the_path_rebuilds_the_state(seed, picks):
    states, _ = walk(seed, picks)
    final = states[-1]
    replayed, _ = start(STORY, seed)
    for uid in final.path:
        replayed, _ = choose(STORY, replayed, uid)
    assert replayed == final


class PlayMachine(RuleBasedStateMachine):
    """Choose, undo, save and load in any order: the session stays consistent."""

    def __init__(self):
        super().__init__()
        self.session = Session(STORY, 11)
        self.saved = None

    @rule(pick=st.integers(0, 10))
    def take(self, pick):
        f = self.session.frame()
        enabled = [c for c in f.choices if c.enabled]
        if enabled:
            turn = self.session.state.turn
            self.session.choose(enabled[pick % len(enabled)].id)
            assert self.session.state.turn == turn + 1

    @rule()
    def undo(self):
        before = len(self.session.states)
        undone = self.session.undo()
        assert len(self.session.states) == before - undone

    @rule()
    def save(self):
        self.saved = (self.session.save_data(), self.session.state)

    @rule()
    def load(self):
        if self.saved:
            data, state = self.saved
            self.session = Session.from_save_data(STORY, json.loads(json.dumps(data)))
            assert self.session.state == state

    @invariant()
    def history_matches_states(self):
        assert len(self.session.history()) == len(self.session.states)
        assert self.session.state.turn == len(self.session.state.path)


PlayMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_play_machine = PlayMachine.TestCase
