"""Techniques named in play and claims rated before and after: the format, the loader's checks,
the events a step records and the debrief's queries (game/engine/techniques.py, claims.py)."""

from __future__ import annotations

import pytest

from game.engine import EventKind, load_story
from game.engine.claims import ANSWERS, claims, score
from game.engine.techniques import met, named, not_met

from .helpers import codes, load_ok, play, write_story

STORY = """
story: {id: t, title: T, start: a}
techniques:
  reward: {name: Reward, text: A perk for good behaviour.}
  loss: {name: Loss aversion, text: Losing hurts more than winning pleases.}
  peer: {name: Peer pressure, text: Others watch your score.}
facts:
  f1: {label: documented, claim: C, source: S}
  f2: {label: speculative, claim: D, source: Invented}
claims:
  - {id: c1, text: X happened., answer: true, label: documented, fact: f1, explanation: It did.}
  - {id: c2, text: Y happened., answer: false, label: myth, fact: f2, explanation: It did not.}
scenes:
  a:
    title: Start
    technique: reward
    choices:
      - {id: go, text: Go, technique: loss, next: b}
      - {id: stay, text: Stay, next: b}
  b:
    title: Second
    technique: reward
    choices: [{id: go, text: Go, next: end}]
endings:
  end: {title: End}
"""


@pytest.fixture
def story(tmp_path):
    return load_ok(write_story(tmp_path, STORY))


def test_a_tagged_scene_and_choice_record_technique_events(story):
    session = play(story, ["go"])
    kinds = [(e.kind, e.get("id")) for e in session.last_events if e.kind == EventKind.TECHNIQUE]
    # taking "go" names loss aversion; entering b names the reward again (its own scene)
    assert kinds == [(EventKind.TECHNIQUE, "loss"), (EventKind.TECHNIQUE, "reward")]
    scene_event = [e for e in session.last_events if e.kind == EventKind.TECHNIQUE][1]
    assert scene_event.cause.to_json() == {"scene": "b"}
    assert [t.name for t in named(story, session.state)] == ["Loss aversion", "Reward"]


def test_the_debrief_lists_techniques_met_once_in_order_and_the_rest_as_not_met(story):
    session = play(story, ["go", "go"])
    got = [(m.technique.id, m.turn, m.scene_title, m.by_choice) for m in met(story, session.state)]
    assert got == [("reward", 0, "Start", False), ("loss", 1, "Start", True)]
    assert [t.id for t in not_met(story, session.state)] == ["peer"]
    other = play(story, ["stay", "go"])
    assert [m.technique.id for m in met(story, other.state)] == ["reward"]
    assert [t.id for t in not_met(story, other.state)] == ["loss", "peer"]


def test_claims_load_with_their_key_and_score_answers(story):
    items = claims(story)
    assert [(c.id, c.key, c.label, c.fact) for c in items] == [
        ("c1", "true", "documented", "f1"),
        ("c2", "false", "myth", "f2"),
    ]
    assert ANSWERS == ("true", "false", "unsure")
    assert score(items, {"c1": "true", "c2": "unsure"}) == 1
    assert score(items, {"c1": "false"}) == 0
    assert score(items, {"c1": "true", "c2": "false"}) == 2


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("technique: loss", "technique: nudge", "E303", "unknown technique 'nudge'"),
        ("technique: loss", "technique: loss-y", "E203", "not a valid technique id"),
        ("fact: f2,", "fact: nope,", "E303", "unknown fact 'nope'"),
        ("answer: false, ", "", "E202", "answer"),
        ("label: myth", "label: rumour", "E207", "rumour"),
        ("id: c2,", "id: c1,", "E204", "claim 'c1'"),
        ("  peer: {name: Peer pressure, text: Others watch your score.}\n", "", "W506", ""),
    ],
)
def test_the_loader_names_each_mistake_with_its_code(tmp_path, old, new, code, words):
    assert old in STORY
    text = STORY.replace(old, new, 1)
    if code == "W506":  # a fact only a claim cites is cited: no W506 for f1 or f2
        from game.authoring.lint import lint

        assert "W506" not in codes(lint(str(write_story(tmp_path, text))).diagnostics)
        return
    _story, diagnostics = load_story(write_story(tmp_path, text))
    found = [d for d in diagnostics if d.code == code]
    assert found, [str(d) for d in diagnostics]
    assert words in found[0].message
    assert found[0].line > 0


def test_a_story_without_techniques_or_claims_has_none(tmp_path):
    text = "story: {id: p, title: P, start: a}\nscenes:\n  a: {next: e}\nendings:\n  e: {title: E}\n"
    plain = load_ok(write_story(tmp_path, text))
    session = play(plain, [])
    assert claims(plain) == ()
    assert met(plain, session.state) == [] and not_met(plain, session.state) == []


@pytest.mark.parametrize("name", ["pearl", "many-numbers"])
def test_each_shipped_story_has_six_mixed_claims_and_reachable_techniques(name):
    import random

    from game.engine import Session
    from game.engine.techniques import table

    from .helpers import ROOT

    story = load_ok(ROOT / "story" / name)
    items = claims(story)
    assert len(items) == 6
    assert {c.answer for c in items} == {True, False}
    assert {"documented", "myth"} <= {c.label for c in items} and "reported" in {c.label for c in items}
    met_ids: set[str] = set()
    for seed in range(12):  # random games, full and classroom cut, meet every technique between them
        rng = random.Random(seed)
        sets = {"cut": "classroom"} if "cut" in story.variables and seed % 2 else None
        session = Session(story, seed, {"seed": seed}, sets=sets)
        while not session.ended:
            session.choose(rng.choice([c for c in session.frame().choices if c.enabled]).id)
        met_ids |= {m.technique.id for m in met(story, session.state)}
    assert met_ids == set(table(story)), set(table(story)) - met_ids
    assert 4 <= len(table(story)) <= 8
