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
    # a perk shown in a year is sourced by a publication of that year, not by a 2015 article
    claim_years = set(re.findall(r"\b20\d\d\b", FACTS["visa_perks"].claim))
    assert claim_years and claim_years <= set(re.findall(r"\b20\d\d\b", FACTS["visa_perks"].source))
    assert "white paper" not in FACTS["penalties_conjecture"].source


@pytest.mark.parametrize("policy, seed", [("loyal", 1), ("conformist", 2), ("random", 3)])
def test_the_debrief_sets_the_reported_friends_weight_beside_this_players_ledger(policy, seed):
    states = play(policy, seed)
    debrief = build_debrief(STORY, states, whatifs=False)
    relationships = dict((f, total) for f, _title, total in debrief.by_factor).get("relationships", 0)
    mechanism = dict((step, text) for step, _title, text in debrief.steps)["mechanism"]
    assert "5 per cent" in mechanism
    assert f"add up to {relationships} points" in mechanism


def _prose(node, key=""):
    """Every text a player or a debrief reader sees, with the key it sits under."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("if", "enable_if", "effects", "on_enter", "next", "to", "visible_if", "deleted_if"):
                yield from _prose(v, str(k))
    elif isinstance(node, list):
        for item in node:
            yield from _prose(item, key)
    elif isinstance(node, str) and key in PROSE_KEYS:
        yield key, node


PROSE_KEYS = {
    "text",
    "partial",
    "transparent",
    "vague",
    "else",
    "after",
    "says",
    "reason",
    "title",
    "claim",
    "analogue",
    "continue",
    "bio",
    "low",
    "high",
    "description",
    "feel",
    "happened",
    "mechanism",
    "real",
    "question",
}
ENDS_A_SENTENCE = tuple(".!?:;…”’)") + ("—",)


def _story_texts():
    import yaml

    for path in sorted(story_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, text in _prose(data):
            yield path.name, key, text


def test_the_story_uses_curly_quotes_only():
    straight = [(f, text[:70]) for f, _key, text in _story_texts() if '"' in text]
    assert straight == []


def test_no_paragraph_break_falls_inside_a_sentence():
    broken = []
    for f, _key, text in _story_texts():
        paragraphs = [p.strip() for p in text.split("\n\n")]
        for before in paragraphs[:-1]:
            if before and not before.endswith(ENDS_A_SENTENCE):
                broken.append((f, before[-60:]))
    assert broken == []


def _frames(story, seed, first=None, sets=None):
    """The frames of one random game (``first``: a choice id to take whenever offered, e.g. 'decline';
    ``sets``: story variables set at the start, e.g. the cut)."""
    from game.engine import Session

    session, rng = Session(story, seed, sets=sets), random.Random(seed)
    while not session.ended:
        frame = session.frame()
        yield session.state, frame
        enabled = [c for c in frame.choices if c.enabled]
        wanted = [c for c in enabled if c.id == first]
        session.choose((wanted or [rng.choice(enabled)])[0].id)
    yield session.state, session.frame()


SEEN_ONLY_IN_THE_APP = ("The dial", "the dial is lower", "It has gone down by", "Your score is")


@pytest.mark.parametrize("seed", range(4))
def test_a_player_who_never_activated_is_never_told_what_the_dial_says(seed):
    from game.engine.scoring.queries import app_active

    for state, frame in _frames(STORY, seed, first="decline"):
        if app_active(STORY, state):
            continue
        shown = " ".join(frame.paragraphs) + frame.after
        assert not [s for s in SEEN_ONLY_IN_THE_APP if s in shown], (frame.scene, shown[:200])


#: What the story may say only when contacts' scores move yours (rules.pull > 0).
SAID_ONLY_WITH_THE_PULL = (
    "pull your",
    "pulling at you",
    "pulling you down",
    "she pulls you",
    "Holding you back",
    "Lifting you",
    "affecting your credit",
    "shapes your trust",
    "affected your trust",
    "what they're doing to you",
    "who affects your score",
)


@pytest.mark.parametrize("rules", ["no-friends", "rewards-dissent"])
@pytest.mark.parametrize("cut", ["full", "classroom"])
@pytest.mark.parametrize("seed", range(6))
def test_under_rules_without_the_pull_no_one_says_friends_pull_your_score(rules, cut, seed):
    story = load_story_or_raise(story_dir(), story_dir() / "rules-lab" / f"{rules}.rules.yaml")
    assert story.extra["score"].rules.pull_percent == 0
    first = "keep_mei" if seed % 2 else None  # half the games keep Mei in the circle all along
    for _state, frame in _frames(story, seed, first=first, sets={"cut": cut}):
        shown = " ".join((*frame.paragraphs, frame.after, *(c.text for c in frame.choices)))
        assert not [s for s in SAID_ONLY_WITH_THE_PULL if s in shown], (frame.scene, shown[:200])


def _endings(policy: str, runs: int, cut: str) -> dict[str, int]:
    from collections import Counter

    from game.engine import Session

    ends: Counter = Counter()
    pick = policy_named(policy)
    for seed in range(runs):
        session, rng = Session(STORY, seed, sets={"cut": cut}), random.Random(seed)
        while not session.ended:
            offered = [c for c, enabled, _ in available(STORY, session.state) if enabled]
            session.choose(pick(STORY, session.state, offered, rng).id)
        ends[session.state.ending] += 1
    return dict(ends)


@pytest.mark.parametrize("cut", ["full", "classroom"])
def test_the_gold_ending_is_the_climbers_and_no_ending_takes_forty_percent_of_random_players(cut):
    assert _endings("conformist", 3, cut) == {"gold_empty_chair": 3}
    assert set(_endings("loyal", 10, cut)) <= {"clear_conscience", "logged_out"}
    random_players = _endings("random", 80, cut)
    assert len(random_players) >= 6 and max(random_players.values()) <= 0.4 * 80, random_players


def _score_after(at: str, choice: str) -> tuple[str, int]:
    """The text of scene ``at`` before choosing, and how far ``choice`` moves the score."""
    from game.engine import Session
    from game.engine.scoring import queries

    session = Session(STORY, 1, sets={"flags.activated": True}, at=at)
    shown, before = " ".join(session.frame().paragraphs), queries.part(session.state).score
    session.choose(choice)
    return shown, queries.part(session.state).score - before


def test_the_decent_answers_to_zhang_cost_points_and_he_says_so_before_you_choose():
    shown, reported = _score_after("y2020_zhang", "report_deng")
    assert "a correction is a record, on you" in shown and reported > 0
    for choice in ("tell_deng", "refuse_zhang"):
        assert _score_after("y2020_zhang", choice)[1] < 0, choice


def test_the_seat_dispute_and_leaving_say_their_cost_before_the_choice():
    shown, kept = _score_after("y2018_train", "keep_seat")
    assert "log a seat dispute" in shown and "WILL BE RECORDED" in shown and kept < 0
    shown, left = _score_after("y2019_offer", "take_job")
    assert "identity details are reviewed" in shown and left < 0
