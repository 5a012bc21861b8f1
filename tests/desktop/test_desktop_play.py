"""Scripted playthroughs to an ending: keyboard only, mouse only; and the menus on the way."""

from __future__ import annotations

import json

import pygame
from desktop_helpers import click, key, on_screen, step


def test_keyboard_only_reaches_an_ending(make_app, home):
    from game.desktop.title import TitleScreen

    app = make_app(text_speed="normal")  # the typewriter is on: the first key skips it
    app.reset(TitleScreen(app))
    step(app)
    key(app, pygame.K_RETURN)  # "New game" has focus when there is no autosave
    assert app.top.name == "story"
    assert app.top.typing
    key(app, pygame.K_SPACE)  # skip the typewriter
    assert not app.top.typing
    key(app, pygame.K_3)  # read the terms (stays in the opening)
    key(app, pygame.K_SPACE)
    key(app, pygame.K_BACKSPACE)  # undo it
    assert app.session.state.turn == 0
    key(app, pygame.K_DOWN)  # focus the first choice, then Enter
    key(app, pygame.K_RETURN)
    assert app.session.frame().scene == "market"
    key(app, pygame.K_SPACE)
    key(app, pygame.K_1)  # boots
    key(app, pygame.K_SPACE)
    key(app, pygame.K_4)  # walk home
    assert app.session.ended
    key(app, pygame.K_SPACE)
    key(app, pygame.K_1)  # see how it went
    assert app.top.name == "debrief"
    ending = app.session.state.ending
    gallery = json.loads((home / "data" / "endings.json").read_text())
    assert ending in gallery[app.story.id]
    assert (home / "data" / "saves" / app.story.id / "autosave.json").exists()


def test_mouse_only_reaches_an_ending(make_app, home):
    from game.desktop.title import TitleScreen

    app = make_app()
    app.reset(TitleScreen(app))
    step(app)
    new = next(b for b in app.top.list.buttons if b.data == "new")
    click(app, new.rect.center)
    assert app.top.name == "story"
    # open and close the menu with the mouse
    menu = next(b for b in app.top.tools.buttons if b.data == "menu")
    click(app, menu.rect.center)
    assert app.top.name == "menu"
    resume = next(b for b in app.top.list.buttons if b.data == "resume")
    click(app, resume.rect.center)
    assert app.top.name == "story"
    for _ in range(12):
        screen = app.top
        if screen.name != "story":
            break
        first = next(b for b in screen.choices.buttons if b.enabled)
        click(app, on_screen(screen, first))
    assert app.top.name == "debrief"
    assert app.session.ended
    title = next(b for b in app.top.list.buttons if b.data == "title")
    click(app, title.rect.center)
    assert app.top.name == "title"
    assert next(b for b in app.top.list.buttons if b.data == "continue").enabled


def test_save_and_load_a_slot(make_app, home):
    app = make_app()
    app.new_game()
    step(app)
    key(app, pygame.K_1)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "menu"
    save = next(b for b in app.top.list.buttons if b.data == "save")
    click(app, save.rect.center)
    slot2 = next(b for b in app.top.list.buttons if b.data == "slot2")
    click(app, slot2.rect.center)
    assert (home / "data" / "saves" / app.story.id / "slot2.json").exists()
    key(app, pygame.K_ESCAPE)  # back to the menu
    key(app, pygame.K_ESCAPE)  # back to the story
    key(app, pygame.K_1)  # move on
    assert app.session.state.turn == 2
    key(app, pygame.K_ESCAPE)
    load = next(b for b in app.top.list.buttons if b.data == "load")
    click(app, load.rect.center)
    slot2 = next(b for b in app.top.list.buttons if b.data == "slot2")
    click(app, slot2.rect.center)
    assert app.top.name == "story"
    assert app.session.state.turn == 1


def test_settings_are_saved_and_applied(make_app, home):
    app = make_app()
    app.new_game()
    step(app)
    key(app, pygame.K_ESCAPE)
    settings = next(b for b in app.top.list.buttons if b.data == "settings")
    click(app, settings.rect.center)
    assert app.top.name == "settings"
    size = next(b for b in app.top.list.buttons if b.data == "text_size")
    before = app.theme.body
    click(app, size.rect.center)
    assert app.settings.text_size == "large"
    assert app.theme.body > before
    saved = json.loads((home / "config" / "settings.json").read_text())
    assert saved["text_size"] == "large"


def test_history_scrolls_and_closes(make_app):
    app = make_app()
    app.new_game()
    step(app)
    key(app, pygame.K_1)
    key(app, pygame.K_h)
    assert app.top.name == "history"
    key(app, pygame.K_HOME)
    assert app.top.scroll == 0
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"


def test_closing_the_window_autosaves(make_app, home):
    app = make_app()
    app.new_game()
    step(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)
    assert not app.running
    assert (home / "data" / "saves" / app.story.id / "autosave.json").exists()


def test_idle_frames_are_not_redrawn(make_app):
    app = make_app()
    app.new_game()
    step(app)
    drawn = app.frames_drawn
    step(app, 30)
    assert app.frames_drawn == drawn  # nothing moved, nothing was drawn
    assert not app.animating


def test_text_is_rendered_once(make_app):
    app = make_app()
    app.new_game()
    step(app)
    app.draw()
    renders = app.cache.renders
    for _ in range(20):
        app.draw()
    assert app.cache.renders == renders
