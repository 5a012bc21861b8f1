"""Counterfactuals equal a direct replay, and a debrief reveals facts and roads not taken."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Session, choose, start
from game.engine.debrief import build_debrief
from game.engine.whatif import MAX_CARDS, counterfactuals, outcome_of
from game.paths import story_dir

from .helpers import SAMPLE, load_ok, play

STORY = load_ok(SAMPLE)
SHIPPED = load_ok(story_dir())


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


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.lists(st.integers(0, 8), max_size=70))
def test_every_card_is_exactly_the_path_it_describes(seed, picks):
    """Shipped story: each card's figure and ending equal a direct replay of its path; that path is the
    player's own up to the turn, the alternative, then the player's own choices or the substitutes the
    card names; at most six cards, all of them key choices."""
    session = Session(SHIPPED, seed)
    for pick in picks:
        enabled = [c for c in session.frame().choices if c.enabled]
        if session.ended or not enabled:
            break
        session.choose(enabled[pick % len(enabled)].id)
    own = set(session.state.path)
    cards = counterfactuals(SHIPPED, session.states)
    assert len(cards) <= MAX_CARDS
    for w in cards:
        assert SHIPPED.choice(w.alternative).key
        state, _ = start(SHIPPED, seed)
        for uid in w.outcome.path:
            state, _ = choose(SHIPPED, state, uid)
        assert outcome_of(state) == w.outcome
        path = w.outcome.path
        assert path[: w.turn - 1] == session.state.path[: w.turn - 1] and path[w.turn - 1] == w.alternative
        named = {uid for uid, _ in w.substitutes}
        assert all(uid in own or uid in named or uid in w.forced for uid in path[w.turn :])
