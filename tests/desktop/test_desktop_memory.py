"""The desktop game's memory stays bounded: the text cache by bytes, screens hold no text of their own."""

from __future__ import annotations

import pygame

from game.desktop.text import Fonts, TextCache


def test_the_text_cache_is_bounded_in_bytes_and_still_hits(make_app):
    make_app()  # pygame's font module up
    cache = TextCache(Fonts())
    cache.fit((320, 200))  # a tiny window: a small budget
    for i in range(400):
        cache.block(f"Paragraph {i}: the stalls are open under a grey sky.", "serif", 21, (9, 9, 9), 280)
        assert cache.bytes <= cache.budget
    renders = cache.renders
    for _ in range(5):
        cache.line("Menu", "sans", 15, (255, 255, 255))
    assert cache.renders == renders + 1  # asked five times, rendered once


def test_the_budget_follows_the_window(make_app):
    app = make_app(size=(1280, 720))
    small = app.cache.budget
    pygame.display.set_mode((2560, 1440))
    app.relayout()
    assert app.cache.budget == 4 * small


def test_history_keeps_no_rendered_text_of_its_own(make_app):
    from game.desktop.history import HistoryScreen

    app = make_app()
    app.new_game()
    for _ in range(3):
        choice = next(c for c in app.session.frame().choices if c.enabled)
        app.top._pick("choose", choice.id)
    history = HistoryScreen(app)
    app.push(history)
    app.step(1 / 60, [])
    assert history.items
    assert not any(isinstance(part, pygame.Surface) for item in history.items for part in item)
