"""Counterfactuals equal a direct replay, and a debrief reveals facts and roads not taken."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Session, choose, start
from game.engine.debrief import build_debrief
from game.engine.whatif import counterfactuals, outcome_of

from .helpers import SAMPLE, load_ok, play

STORY = load_ok(SAMPLE)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), st.lists(st.integers(0, 8), max_size=20))
def test_counterfactuals_equal_a_direct_replay(seed, picks):
    session = Session(STORY, seed)
    for pick in picks:
        enabled = [c for c in session.frame().choices if c.enabled]
        if not enabled:
            break
        session.choose(enabled[pick % len(enabled)].id)
    for whatif in counterfactuals(STORY, session.states):
        state, _ = start(STORY, seed)
        for uid in whatif.outcome.path:
            state, _ = choose(STORY, state, uid)
        assert outcome_of(state) == whatif.outcome
        assert whatif.outcome.path[whatif.turn - 1] == whatif.alternative


def test_debrief_of_a_playthrough():
    session = play(STORY, ["ignore", "buy_anime", "post_photo", "drop_mei"], seed=3)
    debrief = build_debrief(STORY, session.states)
    assert debrief.ending == "uneasy"
    assert [s[0] for s in debrief.steps] == ["feel", "happened", "mechanism", "real", "question"]
    assert (
        debrief.steps[-1][2] == "What would you have to know to trust a number like this?"
    )  # the ending's own
    assert debrief.curve[0].score == 600 and debrief.curve[-1].score == debrief.final_score
    assert [f.label for f in debrief.facts] == ["speculative"]
    keep = [w for w in debrief.whatifs if w.alternative == "evening.keep_mei"]
    assert keep and keep[0].outcome.score != debrief.final_score
    assert any(c.key for c in debrief.choices)
