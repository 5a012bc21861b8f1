"""Choices as a player meets them: nothing taken unseen, the typewriter quick and skippable."""

from __future__ import annotations

import pygame
import pytest
from desktop_helpers import key, step


@pytest.fixture(scope="module")
def scenario():
    """The shipped scenario: its opening scene is long, as a real first scene is."""
    from game.engine import load_story_or_raise
    from game.paths import story_dir

    return load_story_or_raise(story_dir())


def _story_at(make_app, size=(1024, 600), story=None, **settings):
    app = make_app(size=size, story=story, **settings)
    app.new_game()
    step(app)
    return app


def test_focus_does_not_carry_into_the_next_scene(make_app):
    app = _story_at(make_app, size=(1280, 720))
    screen = app.top
    key(app, pygame.K_DOWN)
    assert screen.choices.focus is not None
    key(app, pygame.K_RETURN)
    assert app.session.state.turn == 1
    assert screen.choices.focus is None  # Enter now takes nothing until the player moves focus
    key(app, pygame.K_RETURN)
    assert app.session.state.turn == 1


def test_a_choice_below_the_fold_is_shown_before_it_is_taken(make_app, scenario):
    app = _story_at(make_app, story=scenario, text_size="huge")
    screen = app.top
    hidden = [b for b in screen.choices.buttons if b.enabled and not screen.shows(b.rect)]
    assert hidden, "at 1024×600 with huge text the opening's last choice is below the fold"
    assert screen.more_below
    target = hidden[-1]
    key(app, getattr(pygame, f"K_{target.number}"))
    assert app.session.state.turn == 0  # not taken: scrolled into view and focused instead
    assert screen.shows(target.rect)
    assert screen.choices.buttons[screen.choices.focus] is target
    key(app, getattr(pygame, f"K_{target.number}"))
    assert app.session.state.turn == 1


def test_the_typewriter_finishes_a_scene_in_about_three_seconds(make_app, scenario):
    app = _story_at(make_app, size=(1280, 720), story=scenario, text_speed="normal")
    screen = app.top
    assert screen.typing and screen.total_chars > 300
    step(app, 60 * 2)  # two seconds: still typing, and the player is told how to skip
    assert screen.typing
    assert screen.hint_rect is not None and screen.view.contains(screen.hint_rect)
    step(app, 60 * 1 + 10)
    assert not screen.typing


def test_space_completes_the_text_before_it_takes_anything(make_app):
    app = _story_at(make_app, size=(1280, 720), text_speed="slow")
    screen = app.top
    key(app, pygame.K_DOWN)
    key(app, pygame.K_SPACE)
    assert not screen.typing
    assert app.session.state.turn == 0
