"""The desktop debrief shows what the terminal and the browser show (#13 item 9): the player's answers to
the reflection questions before → after, the same figures; and its score chart writes every label clear
of the others at every window size, in games of both shipped scenarios."""

from __future__ import annotations

import itertools
import random

import pygame
import pytest
from desktop_helpers import key

from game.desktop.debrief import DebriefScreen
from game.engine import load_story_or_raise
from game.engine.reflection import questions
from game.paths import story_dir
from game.workshop.reflect import compare

SIZES = ((1024, 600), (1280, 720), (1920, 1080), (2560, 1440))


def _play_to_the_end(app, seed: int) -> None:
    rng = random.Random(seed)
    session = app.session
    while not session.ended:
        shown = [c for c in session.frame().choices if c.enabled]
        app.choose(rng.choice(shown).id)


def test_the_debrief_shows_the_answers_before_and_after(make_app):
    """Asked before and after play, by keyboard: the first page lists each question with both answers,
    the figures the terminal prints for the same answers."""
    app = make_app(story=load_story_or_raise(story_dir("pearl")), workshop={"reflect": True})
    items = questions(app.story)
    assert len(items) >= 2
    app.new_game()
    for _ in items:
        key(app, pygame.K_2)
    while app.top.name == "claims":  # then the claims (true or false?): skipped here
        key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"
    _play_to_the_end(app, seed=5)
    app.after_ending(lambda: app.push(DebriefScreen(app)))
    answers_after = [2 + i % 3 for i in range(len(items))]
    for value in answers_after:
        key(app, getattr(pygame, f"K_{value}"))
    while app.top.name == "claims":
        key(app, pygame.K_ESCAPE)
    debrief = app.top
    assert debrief.name == "debrief" and debrief.page == 0
    texts = [text for _box, text in debrief.current.boxes]
    at = texts.index("YOUR ANSWERS, BEFORE AND AFTER")
    terminal = compare(
        items, {q.id: 2 for q in items}, {q.id: v for q, v in zip(items, answers_after, strict=True)}
    )
    for q, value, line in zip(items, answers_after, terminal, strict=True):
        i = texts.index(q.text, at)
        assert texts[i + 1].startswith(f"Before: 2   →   After: {value}")
        assert f"Before: 2, now: {value}" in line  # the terminal's line: the same two figures
    moved = [text for text in texts[at:] if "(higher)" in text]
    assert len(moved) == sum(v > 2 for v in answers_after)


def test_no_answers_no_section(make_app):
    """Without the questions (not a workshop), or for a loaded game, the page does not invent answers."""
    app = make_app(story=load_story_or_raise(story_dir("pearl")))
    app.new_game()
    _play_to_the_end(app, seed=5)
    app.push(DebriefScreen(app))
    assert "YOUR ANSWERS, BEFORE AND AFTER" not in [text for _box, text in app.top.current.boxes]


@pytest.mark.parametrize("scenario", ["pearl", "many-numbers"])
def test_the_score_chart_s_labels_never_overlap(make_app, scenario):
    """Games ending in different places at every window size: no label of the chart covers another or
    the ending's marker, and all stay inside the chart. (Before, a tier's name was written at the band's
    right end whatever stood there, so the ending's label or marker covered it.)"""
    story = load_story_or_raise(story_dir(scenario))
    for size in SIZES:
        app = make_app(size=size, story=story)
        for seed in range(4):
            app.new_game()
            _play_to_the_end(app, seed)
            app.push(DebriefScreen(app))
            debrief = app.top
            debrief.go(1)
            labels = debrief.writer.chart_labels
            where = f"{scenario} seed {seed} at {size[0]}×{size[1]}"
            assert len(labels) >= 4, where
            chart = debrief.writer.chart.plan(debrief.writer.chart_rect)
            for box, text in labels:
                assert debrief.writer.chart_rect.contains(box), f"{where}: {text!r} leaves the chart"
            for (b1, t1), (b2, t2) in itertools.combinations(labels, 2):
                assert not b1.colliderect(b2), f"{where}: {t1!r} {b1} overlaps {t2!r} {b2}"
            (x, y), r = chart.marker
            marker = pygame.Rect(round(x) - r, round(y) - r, 2 * r, 2 * r)
            for box, text in labels[2:]:  # the tier names and months; the ending's label sits beside it
                assert not box.colliderect(marker), f"{where}: {text!r} is under the ending's marker"
            app.draw()
        pygame.display.quit()
