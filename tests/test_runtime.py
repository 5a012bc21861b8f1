"""The step API: frames show what a player must see; choices change exactly what they say."""

import pytest

from game.engine import ChoiceError, StartError, choose, frame, start

from .helpers import MINI, load_ok, write_story


@pytest.fixture
def mini(tmp_path):
    return load_ok(write_story(tmp_path, MINI))


def test_first_frame_shows_text_and_choices(mini):
    state, events = start(mini, seed=1)
    f = frame(mini, state)
    assert f.title == "Start"
    assert f.paragraphs == ("You have 10.",)
    assert [(c.id, c.enabled, c.reason) for c in f.choices] == [
        ("spend", True, None),
        ("rich", False, "Too poor."),
    ]
    assert f.status == "choosing"
    assert [e.kind for e in events] == ["scene"]


def test_choice_effects_become_events_with_their_cause(mini):
    state, _ = start(mini)
    state, events = choose(mini, state, "spend")
    kinds = [e.kind for e in events]
    assert kinds == ["choice", "variable", "variable", "scene"]
    money = events[1]
    assert (money["name"], money["old"], money["new"]) == ("money", 10, 5)
    assert (money.cause.scene, money.cause.choice) == ("a", "spend")
    assert state.vars["bag"] == frozenset({"thing"})
    assert state.scene == "b" and state.turn == 1 and state.path == ("a.spend",)
    assert frame(mini, state).paragraphs == ("Bag holds thing.", "You bought a thing.")


def test_disabled_choice_is_refused_with_its_reason(mini):
    state, _ = start(mini)
    with pytest.raises(ChoiceError, match="Too poor"):
        choose(mini, state, "rich")
    with pytest.raises(ChoiceError, match="no choice 'nope'"):
        choose(mini, state, "nope")


def test_once_choice_disappears_and_unlocks_the_next(mini):
    state, _ = start(mini)
    state, _ = choose(mini, state, "spend")
    assert [c.id for c in frame(mini, state).choices] == ["again", "finish"]
    state, _ = choose(mini, state, "again")
    f = frame(mini, state)
    assert [(c.id, c.enabled) for c in f.choices] == [("finish", True)]
    state, events = choose(mini, state, "b.finish")
    assert state.ending == "end"
    f = frame(mini, state)
    assert f.status == "ended" and f.ending == "end" and f.paragraphs == ("Done with 5.",)
    assert events[-1].kind == "ending"
    with pytest.raises(ChoiceError, match="ended"):
        choose(mini, state, "finish")


def test_fallback_shows_only_when_nothing_else_is_available(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: fb, title: F, start: a}
            variables: {key: false}
            scenes:
              a:
                choices:
                  - {id: door, text: Open the door, enable_if: key, reason: Locked., next: out}
                  - {id: wait, text: Wait, fallback: true, next: out}
            endings:
              out: {title: Out}
            """,
        )
    )
    state, _ = start(story)
    assert [(c.id, c.enabled) for c in frame(story, state).choices] == [("door", False), ("wait", True)]
    state, _ = start(story, sets={"key": True})
    assert [c.id for c in frame(story, state).choices] == ["door"]


def test_clamping_to_declared_bounds_is_recorded(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: c, title: C, start: a}
            variables: {money: {type: int, initial: 3, min: 0, max: 10}}
            scenes:
              a:
                choices:
                  - {id: spend, text: Spend, effects: money -= 50, next: a}
            """,
        )
    )
    state, _ = start(story)
    state, events = choose(story, state, "spend")
    change = next(e for e in events if e.kind == "variable")
    assert (change["new"], change["clamped"]) == (0, True)


def test_random_branches_follow_the_seed(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: r, title: R, start: a}
            variables: {roll: 0}
            scenes:
              a:
                choices:
                  - id: go
                    text: Go
                    effects: roll = random(1, 6)
                    next: {random: [{to: x, weight: 1}, {to: y, weight: 1}]}
            endings:
              x: {title: X}
              y: {title: Y}
            """,
        )
    )
    outcomes = set()
    for seed in range(40):
        s1, e1 = choose(story, start(story, seed)[0], "go")
        s2, e2 = choose(story, start(story, seed)[0], "go")
        assert s1 == s2 and e1 == e2
        assert 1 <= s1.vars["roll"] <= 6
        outcomes.add((s1.ending, s1.vars["roll"]))
    assert {o[0] for o in outcomes} == {"x", "y"}
    assert len({o[1] for o in outcomes}) == 6


def test_conditional_next_takes_the_first_true_branch(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: n, title: N, start: a}
            variables: {x: 0}
            scenes:
              a:
                choices:
                  - id: go
                    text: Go
                    next: [{if: x > 5, to: big}, {if: x > 0, to: small}, {to: none}]
            endings: {big: {title: B}, small: {title: S}, none: {title: N}}
            """,
        )
    )
    for x, ending in ((9, "big"), (1, "small"), (0, "none")):
        state, _ = choose(story, start(story, sets={"x": x})[0], "go")
        assert state.ending == ending


def test_start_anywhere_checks_its_arguments(mini):
    state, _ = start(mini, at="b", sets={"money": 70})
    assert state.scene == "b" and state.vars["money"] == 70
    with pytest.raises(StartError, match="unknown scene"):
        start(mini, at="zzz")
    with pytest.raises(StartError, match="unknown variable"):
        start(mini, sets={"nope": 1})
    with pytest.raises(StartError, match="int"):
        start(mini, sets={"money": "lots"})


def test_choice_without_next_reenters_the_scene_and_counts_visits(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: v, title: V, start: a}
            scenes:
              a:
                text:
                  - Here.
                  - {if: visits.a > 2, text: Again and again.}
                choices:
                  - {id: look, text: Look, after: You look.}
                  - {id: leave, text: Leave, enable_if: chosen.a.look >= 2, reason: Look twice., next: out}
            endings: {out: {title: Out}}
            """,
        )
    )
    state, _ = start(story)
    state, _ = choose(story, state, "look")
    f = frame(story, state)
    assert f.after == "You look." and f.paragraphs == ("Here.",)
    state, _ = choose(story, state, "look")
    assert frame(story, state).paragraphs == ("Here.", "Again and again.")
    state, _ = choose(story, state, "leave")
    assert state.ending == "out" and dict(state.visits) == {"a": 3, "out": 1}
