"""Flat steps: a step shares what it does not change with the state before it (#16 deliver 1)."""

import pickle

from game.engine import Session, State
from game.engine.trail import EMPTY_TRAIL, Trail

from .helpers import load_ok, write_story

LOOP = """
story: {id: loop, title: Loop, start: a}
variables:
  n: {type: int, initial: 0, min: 0}
scenes:
  a:
    choices: [{id: go, text: Go, effects: [n += 1], next: b}]
  b:
    choices: [{id: back, text: Back, next: a}]
"""


def test_a_trail_reads_like_the_tuple_it_replaces():
    trail = Trail.of(["a", "b"]).plus("c")
    assert trail == ("a", "b", "c") and trail == ["a", "b", "c"] and list(trail) == ["a", "b", "c"]
    assert len(trail) == 3 and trail[-1] == "c" and trail[0] == "a" and trail[1:] == ("b", "c")
    assert trail + ("d",) == ("a", "b", "c", "d") and trail == ("a", "b", "c")  # unchanged
    assert not EMPTY_TRAIL and EMPTY_TRAIL == () and Trail.of(()) == EMPTY_TRAIL
    assert hash(trail) == hash(("a", "b", "c")) and "b" in trail and trail.index("c") == 2
    assert pickle.loads(pickle.dumps(trail)) == trail and repr(trail) == "Trail(('a', 'b', 'c'))"


def test_a_long_trail_is_built_compared_and_freed_without_recursion():
    trail = EMPTY_TRAIL
    for i in range(200_000):
        trail = trail.plus(i)
    assert trail == Trail.of(range(200_000)) and trail[-1] == 199_999
    del trail  # a deep chain of nodes must not overflow the C stack when freed


def test_each_step_shares_the_path_and_counts_of_the_state_before(tmp_path):
    story = load_ok(write_story(tmp_path, LOOP))
    session = Session(story)
    for _ in range(50):
        session.choose("go")
        session.choose("back")
    before, after = session.states[-2], session.states[-1]
    assert after.path._prev is before.path  # one new node, the rest shared (no copy of the path)
    assert after.path == before.path + ("b.back",) and len(after.path) == 100
    assert after.to_json()["path"][-2:] == ["a.go", "b.back"]


def test_a_state_from_plain_data_is_the_same_state(tmp_path):
    story = load_ok(write_story(tmp_path, LOOP))
    session = Session(story)
    session.choose("go")
    state = session.state
    plain = State(
        state.story,
        state.scene,
        dict(state.vars),
        state.seed,
        state.draws,
        state.turn,
        dict(state.visits),
        dict(state.chosen),
        state.ending,
        tuple(state.path),
        state.last_choice,
        state.after,
        state.ext,
    )
    assert plain == state and plain.to_json() == state.to_json()
