"""The shipped story as a teacher checks it: facts with real, dated sources; a debrief that reads
the ledger; text that reads the rules in force."""

import random
import re

import pytest

from game.engine import available, choose, start
from game.engine.debrief import build_debrief
from game.engine.loader import load_story_or_raise
from game.engine.scoring.engine import model_of
from game.paths import story_dir
from game.workshop.simulate import policy_named

STORY = load_story_or_raise(story_dir())
FACTS = model_of(STORY).facts


def play(policy: str, seed: int, story=STORY):
    state, _ = start(story, seed, {})
    rng, states, pick = random.Random(seed), [state], policy_named(policy)
    while state.ending is None:
        offered = [c for c, enabled, _ in available(story, state) if enabled]
        state, _ = choose(story, state, pick(story, state, offered, rng).uid)
        states.append(state)
    return states


def test_every_source_is_a_dated_publication_never_the_fact_sheet():
    for fid, fact in FACTS.items():
        assert "FACTS.md" not in fact.source, fid
        assert re.search(r"\b(19|20)\d\d\b", fact.source), f"{fid}: source has no date: {fact.source}"


def test_what_rests_on_journalism_is_not_labelled_documented():
    assert FACTS["no_single_score"].label == "reported"
    assert "4.6" not in FACTS["ride_ratings"].claim
    assert FACTS["driver_cutoff"].label == "reported"
    assert "white paper" not in FACTS["court_blacklist"].source
    assert "National Public Credit Information Center" in FACTS["court_blacklist"].source


def test_the_games_invented_numbers_and_merged_systems_are_labelled_speculative():
    assert FACTS["invented_numbers"].label == "speculative"
    assert "650" in FACTS["invented_numbers"].claim
    assert FACTS["one_app_myth"].label == "speculative"
    assert "2017" in FACTS["visa_perks"].source and "2018" in FACTS["visa_perks"].source


@pytest.mark.parametrize("policy, seed", [("loyal", 1), ("conformist", 2), ("random", 3)])
def test_the_debrief_sets_the_reported_friends_weight_beside_this_players_ledger(policy, seed):
    states = play(policy, seed)
    debrief = build_debrief(STORY, states, whatifs=False)
    relationships = dict((f, total) for f, _title, total in debrief.by_factor).get("relationships", 0)
    mechanism = dict((step, text) for step, _title, text in debrief.steps)["mechanism"]
    assert "5 per cent" in mechanism
    assert f"add up to {relationships} points" in mechanism
