"""The second scenario, Many Numbers: endings that follow the arc, a classroom length, facts with dated
sources, and a debrief that compares it with Pearl point by point (#18)."""

import re
import statistics

import pytest

from game.engine import choose, frame, load_story_or_raise, start
from game.paths import scenarios, story_dir
from game.workshop.simulate import simulate

STORY = load_story_or_raise(story_dir("many-numbers"))
SCORE = STORY.extra["score"]  # the scoring extension's content: facts, debrief
ENDINGS = {"approved", "the_association", "paper_trail", "deactivated", "conditional"}


def test_both_scenarios_ship_and_pearl_is_the_default():
    assert list(scenarios()) == ["pearl", "many-numbers"]
    assert STORY.id == "many_numbers" and load_story_or_raise(story_dir()).id == "social_score"


def test_no_ending_is_taken_by_more_than_forty_percent_of_random_players():
    summary = simulate(STORY, "random", 200, 0)
    assert set(summary.endings) == ENDINGS
    assert max(summary.endings.values()) <= 0.4 * summary.runs, summary.endings


def test_the_conformist_is_approved():
    assert set(simulate(STORY, "conformist", 5, 0).endings) == {"approved"}


def playthrough_words(seed: int) -> int:
    """Words a player reads in one random game: titles, text, the choices offered and what follows them."""
    import random

    rng = random.Random(seed)
    state, _ = start(STORY, seed=seed)
    words = 0
    while True:
        shown = frame(STORY, state)
        words += sum(len(p.split()) for p in (shown.title, shown.after, *shown.paragraphs))
        words += sum(len(c.text.split()) for c in shown.choices)
        if shown.status != "choosing":
            return words
        state, _ = choose(STORY, state, rng.choice([c for c in shown.choices if c.enabled]).id)


def test_a_playthrough_fits_a_lesson():
    counts = [playthrough_words(seed) for seed in range(60)]
    # 3,500-5,000 words is 15-20 minutes at 200 words a minute: every sampled game inside
    assert 3500 <= statistics.median(counts) <= 5000, counts
    assert min(counts) >= 3500 and max(counts) <= 5000, counts


def test_every_fact_has_a_label_and_a_dated_source():
    for fact_id, fact in SCORE.facts.items():
        assert fact.label in {"documented", "reported", "speculative"}, fact_id
        assert re.search(r"\b(19|20)\d\d\b", fact.source) or fact.label == "speculative", fact_id


def test_invented_numbers_are_labelled_speculative():
    invented = SCORE.facts["invented_numbers"]
    assert invented.label == "speculative"
    for number in ("640", "650", "4.70"):
        assert number in invented.claim


@pytest.mark.parametrize("point", ["Who scores you", "Who sees the score", "Can you appeal", "opt out"])
def test_the_debrief_compares_with_pearl_point_by_point(point):
    text = " ".join(p for p in SCORE.debrief["real"].parts if isinstance(p, str))
    assert "Pearl" in text and point in text
