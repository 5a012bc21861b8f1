"""Settings that must not break the game: switching fullscreen from the keyboard happens once per
key press (#13 item 5); Esc goes back where the player came from (#13 item 9)."""

from __future__ import annotations

import pygame
from desktop_helpers import key, step

from game.desktop.settings_screen import SettingsScreen
from game.desktop.title import TitleScreen


def _down(k: int, mod: int = 0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def _up(k: int, mod: int = 0):
    return pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)


def test_holding_f11_switches_fullscreen_once(make_app):
    app = make_app()
    app.reset(TitleScreen(app))
    # SDL reports a held key as pressed again when the reopened window takes the focus
    step(app, events=[_down(pygame.K_F11)])
    step(app, events=[_down(pygame.K_F11), _down(pygame.K_F11)])
    assert not app.settings.fullscreen, "switched before the key was let go"
    step(app, events=[_up(pygame.K_F11)])
    assert app.settings.fullscreen
    step(app, events=[_up(pygame.K_F11)])  # a second release without a press changes nothing
    assert app.settings.fullscreen
    step(app, events=[_down(pygame.K_RETURN, pygame.KMOD_ALT), _up(pygame.K_RETURN)])
    assert not app.settings.fullscreen, "Alt+Enter switches back"


def test_enter_on_the_fullscreen_row_switches_once(make_app):
    app = make_app()
    app.reset(TitleScreen(app))
    screen = SettingsScreen(app)
    app.push(screen)
    screen.list.focus = next(i for i, b in enumerate(screen.list.buttons) if b.data == "fullscreen")
    step(app, events=[_down(pygame.K_RETURN), _down(pygame.K_RETURN), _down(pygame.K_RETURN)])
    assert not app.settings.fullscreen
    step(app, events=[_up(pygame.K_RETURN)])
    assert app.settings.fullscreen
    assert app.top is screen and screen.list.buttons[screen.list.focus].data == "fullscreen"
    on = next(b for b in screen.list.buttons if b.data == "fullscreen")
    assert on.value == "On"
    step(app, events=[_down(pygame.K_LEFT), _up(pygame.K_LEFT)])
    assert not app.settings.fullscreen


def test_escape_returns_where_you_came_from(make_app):
    app = make_app()
    app.new_game()
    step(app)
    key(app, pygame.K_h)  # History from the game...
    assert app.top.name == "history"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"  # ...back to the game
    for item in ("history", "settings"):
        key(app, pygame.K_ESCAPE)
        assert app.top.name == "menu"
        menu = app.top
        menu.pick(next(b for b in menu.list.buttons if b.data == item))
        assert app.top.name == item
        key(app, pygame.K_ESCAPE)
        assert app.top.name == "menu", f"Esc from {item} opened from the menu goes back to the menu"
        key(app, pygame.K_ESCAPE)
        assert app.top.name == "story"
