"""The app's notices agree with the state: derived from the states before and after each step, in
the session's mode, nothing while the app is off, a welcome (not a tier arrow) when it comes on,
and perks that do not flicker near a threshold."""

from __future__ import annotations

import random

import pytest

from game.engine import Session, autoplay, start, uniform
from game.engine.scoring import shown
from game.engine.scoring.engine import model_of, part_of, perks_now
from game.engine.scoring.model import PERK_MARGIN
from game.engine.scoring.notices import step_notices
from game.paths import story_dir

from .helpers import load_ok, write_story
from .test_scoring import RULES, STORY

MODES = ("opaque", "partial", "transparent")


@pytest.fixture(scope="module")
def shipped():
    return load_ok(story_dir())


def random_game(story, seed: int, mode: str):
    """A game of random enabled choices: yields (before, after, events) for each step."""
    state, _ = start(story, seed, {"transparency": mode})
    for move in autoplay(story, state, uniform(random.Random(seed)), max_turns=200):
        yield move.before, move.after, move.events


def rule_texts(story, mode: str) -> set[str]:
    rules = model_of(story).rules
    return {getattr(r, mode) for r in rules.rules if getattr(r, mode)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_every_notice_agrees_with_the_state(shipped, mode, seed):
    rules = model_of(shipped).rules
    hidden_rules = rule_texts(shipped, "transparent") | rule_texts(shipped, "partial")
    for before, after, events in random_game(shipped, seed, mode):
        notes = step_notices(shipped, before, after, events)
        if shown.status(shipped, after) != "active":
            assert notes == (), "a notice while the app is off or deleted"
            continue
        old, new = part_of(before), part_of(after)
        if shown.status(shipped, before) != "active":
            assert [n.kind for n in notes] == ["welcome"] and str(new.score) in notes[0].text
            continue
        scores = [n.score for n in notes if n.kind == "score"]
        if scores:
            assert scores[-1] == new.score, "the last change shown is the dial's number"
        tiers = [n for n in notes if n.kind == "tier"]
        assert len(tiers) == (old.tier != new.tier)
        for n in tiers:
            assert rules.tier_title(new.tier) in n.text
            assert (n.change == "up") == (rules.tier_rank(new.tier) > rules.tier_rank(old.tier))
        for n in notes:
            if n.kind in ("perk", "penalty"):
                pid = next(p for p, perk in rules.perks.items() if perk.title in n.text)
                assert (pid in old.perks) == (n.change == "off") and (pid in new.perks) == (n.change == "on")
            if mode == "opaque":
                assert not any(t in n.text or t in n.body for t in hidden_rules), n.text


def test_first_activation_is_a_welcome_not_a_tier_change(shipped):
    session = Session(shipped, 3)
    session.choose("read_terms")
    before = session.state
    events = session.choose("activate")
    notes = step_notices(shipped, before, session.state, events)
    assert [n.kind for n in notes] == ["welcome"]
    assert notes[0].text.startswith("Pearl Credit is on. Your score is ")


def test_nothing_after_the_app_is_deleted(tmp_path):
    text = STORY.replace("calendar: {start: 2015-01}", "calendar: {start: 2015-01}\napp: {deleted_if: gone}")
    story = load_ok(write_story(tmp_path, text + RULES + "variables: {gone: false}\n"))
    session = Session(story, 0, sets={"gone": True})
    before = session.state
    events = session.choose("boots")
    assert part_of(session.state).score == 610 and events
    assert step_notices(story, before, session.state, events) == ()


def test_a_penalty_is_lifted_only_past_its_margin(shipped):
    rules = model_of(shipped).rules
    part = part_of(Session(shipped, 0).state)
    part = part.evolve(era="mandatory", perks=frozenset())
    assert "slow_internet" in perks_now(rules, part.evolve(score=549))
    held = part.evolve(score=549, perks=frozenset({"slow_internet"}))
    for score in (550, 555, 550 + PERK_MARGIN - 1):
        assert "slow_internet" in perks_now(rules, held.evolve(score=score)), score
    assert "slow_internet" not in perks_now(rules, held.evolve(score=550 + PERK_MARGIN))


def test_a_perk_is_kept_within_its_margin_and_gained_only_at_its_threshold(shipped):
    rules = model_of(shipped).rules
    part = part_of(Session(shipped, 0).state).evolve(perks=frozenset())
    assert "bike_no_deposit" not in perks_now(rules, part.evolve(score=599))
    held = part.evolve(perks=frozenset({"bike_no_deposit"}))
    assert "bike_no_deposit" in perks_now(rules, held.evolve(score=600 - PERK_MARGIN))
    assert "bike_no_deposit" not in perks_now(rules, held.evolve(score=600 - PERK_MARGIN - 1))
