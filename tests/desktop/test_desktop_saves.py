"""Saves like a finished game's (#13 item 7): each card shows a picture, the chapter, the story's
date and the score; overwriting, deleting and a new game over a game under way ask first; the
saves folder is named where the player looks."""

from __future__ import annotations

import pygame
from desktop_helpers import click, key, step

from game.desktop.saveload import SaveLoadScreen
from game.desktop.settings_screen import SettingsScreen
from game.desktop.storage import AUTOSAVE, THUMB_SIZE, saves_root, shown_path
from game.desktop.title import TitleScreen


def _playing(app, choices=("activate",)):
    app.new_game()
    for choice in choices:
        app.top._pick("choose", choice)
    step(app)
    return app.top


def _button(screen, data):
    return next(b for b in screen.list.buttons if b.data == data)


def test_a_save_card_shows_picture_chapter_date_and_score(make_app):
    app = make_app()
    _playing(app)
    app.push(SaveLoadScreen(app, "save"))
    step(app)
    click(app, _button(app.top, "slot1").rect.center)
    info = app.slots.info("slot1")
    assert info.exists and info.thumb is not None
    assert pygame.image.load(str(info.thumb)).get_size() == THUMB_SIZE
    shown = app.top  # the save screen over the story: the phone beneath shows the score
    assert (info.chapter, info.date) == ("Market day", "Apr 2015")
    assert info.score == app.screen_named("story").panel.data.score
    assert shown.name == "saveload"
    card = _button(app.top, "slot1")
    assert "Market day" in card.note and "Apr 2015" in card.note and f"score {info.score}" in card.note
    assert app.top.inset > 0 and app.top._thumbs.get("slot1") is not None  # the picture is drawn
    assert shown_path(saves_root()) in app.top.subheading


def test_saving_over_a_save_asks_first(make_app):
    app = make_app()
    _playing(app)
    app.slots.save(app.session, "slot2", "older")
    app.top._pick("choose", "buy_boots")
    app.push(SaveLoadScreen(app, "save"))
    step(app)
    click(app, _button(app.top, "slot2").rect.center)
    assert app.top.name == "confirm"
    key(app, pygame.K_RETURN)  # the keyboard starts on Cancel
    assert app.top.name == "saveload" and app.slots.info("slot2").label == "older"
    click(app, _button(app.top, "slot2").rect.center)
    click(app, _button(app.top, "yes").rect.center)
    assert app.slots.info("slot2").turn == app.session.state.turn


def test_deleting_a_save(make_app):
    app = make_app()
    _playing(app)
    app.slots.save(app.session, "slot3", "to go", app.thumbnail())
    app.push(SaveLoadScreen(app, "load"))
    step(app)
    click(app, _button(app.top, "delete").rect.center)
    assert app.top.deleting and app.top.heading == "Delete a save"
    assert not _button(app.top, "slot4").enabled  # an empty slot cannot be deleted
    click(app, _button(app.top, "slot3").rect.center)
    assert app.top.name == "confirm"
    click(app, _button(app.top, "yes").rect.center)
    assert not app.slots.path("slot3").exists()
    assert not app.slots.path("slot3").with_suffix(".png").exists()
    assert app.top.name == "saveload" and not app.top.deleting


def test_a_new_game_over_a_game_under_way_asks_first(make_app):
    app = make_app()
    _playing(app)
    app.to_title()  # autosaves the game under way
    assert app.slots.info(AUTOSAVE).exists
    click(app, _button(app.top, "new").rect.center)
    assert app.top.name == "confirm" and "replaced" in app.top.subheading
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title" and app.session is None
    click(app, _button(app.top, "new").rect.center)
    click(app, _button(app.top, "yes").rect.center)
    assert app.top.name == "story" and app.session.state.turn == 0


def test_settings_name_the_saves_folder(make_app):
    app = make_app()
    app.reset(TitleScreen(app))
    app.push(SettingsScreen(app))
    assert shown_path(saves_root()) in app.top.subheading
