"""Build each screen of the game in a known state, for snapshots and layout checks.

Screens named ``score_*`` and ``debrief_*`` play the sample story (tests/stories/sample),
which uses every scoring feature; the others play the shipped story. The workshop screens
(``pseudonym``, ``reflection*``, ``*_workshop``) run as a workshop preset would: session code
K7Q2, undo locked, logs in the private data folder.
"""

from __future__ import annotations

import json
from dataclasses import replace

from desktop_helpers import step

#: the sample story's choices to an ending, through every kind of score event
SAMPLE_PATH = ("activate", "buy_anime", "post_photo", "drop_mei")

SCREENS = (
    "title",
    "story",
    "score_notice",
    "score_friends",
    "score_activity",
    "menu",
    "save",
    "load",
    "settings",
    "history",
    "gallery",
    "debrief",
    "debrief_feel",
    "debrief_happened",
    "debrief_mechanism",
    "debrief_real",
    "debrief_question",
    "pseudonym",
    "reflection",
    "reflection_after",
    "title_workshop",
    "story_workshop",
)
WORKSHOP_SCREENS = ("pseudonym", "reflection", "reflection_after", "title_workshop", "story_workshop")
#: typed into the pseudonym field: shown as typed, never interpreted
HOSTILE = "<script>x</script>"

DEBRIEF_PAGES = ("feel", "happened", "mechanism", "real", "question")


def uses_sample(which: str) -> bool:
    return which.startswith(("score_", "debrief_"))


def _fix_save_times(app) -> None:
    """Saves record the time; pin it so slot cards render the same every run."""
    for name in app.slots.names():
        path = app.slots.path(name)
        if path.exists():
            data = json.loads(path.read_text())
            data["saved_at"] = "2020-01-01T12:00:00+00:00"
            path.write_text(json.dumps(data))


def _build_workshop(app, which: str) -> None:
    import pygame

    from game.desktop.app import Workshop
    from game.desktop.reflection import ReflectionScreen
    from game.desktop.storage import data_dir
    from game.desktop.title import TitleScreen
    from game.engine.reflection import questions

    logs = data_dir() / "logs"
    app.workshop = Workshop(log_dir=logs, session_code="K7Q2", undo_locked=True)
    app.reset(TitleScreen(app))
    if which == "pseudonym":
        app.new_game()
        step(app, events=[pygame.event.Event(pygame.TEXTINPUT, text=HOSTILE)])
    elif which == "reflection":
        app.new_game()
        app.top.submit()
        app.top.focus = 2  # the keyboard is on the middle of the scale
    elif which == "reflection_after":
        screen = ReflectionScreen(app, "after", questions(app.story), lambda answers: None)
        app.reset(screen)
        screen.answer(4)  # the second question, with the default labels
    elif which == "story_workshop":
        app.workshop = Workshop(session_code="K7Q2", undo_locked=True)  # not logging: no questions
        app.new_game()
        story = app.top
        story._pick("choose", "activate")
        story.tools.hover = next(i for i, b in enumerate(story.tools.buttons) if b.data == "undo")


def _same_saves_folder(app) -> None:
    """The screen names the saves folder (a temporary one in tests): show the usual one instead."""
    from game.desktop.storage import saves_root, shown_path

    screen = app.top
    screen.subheading = screen.subheading.replace(
        shown_path(saves_root()), "~/.local/share/socialscore/saves"
    )
    screen.layout()


def build(app, which: str):
    """Put ``app`` on screen ``which`` (one of SCREENS) and return it, drawn. ``score_*``
    and ``debrief_*`` need an app on the sample story."""
    from game.desktop.debrief import DebriefScreen
    from game.desktop.gallery import GalleryScreen
    from game.desktop.history import HistoryScreen
    from game.desktop.menu import GameMenu
    from game.desktop.saveload import SaveLoadScreen
    from game.desktop.settings_screen import SettingsScreen
    from game.desktop.title import TitleScreen

    if which in WORKSHOP_SCREENS:
        _build_workshop(app, which)
    elif which == "title":
        app.reset(TitleScreen(app))
    elif which == "gallery":
        app.gallery.add("quiet")
        app.reset(TitleScreen(app))
        app.push(GalleryScreen(app))
    elif which.startswith("score_"):
        app.new_game()
        story = app.top
        for choice in SAMPLE_PATH[:2]:
            story._pick("choose", choice)
        story.panel.clear_notices()  # only the last choice's notices show
        story._pick("choose", SAMPLE_PATH[2])
        if which != "score_notice":
            story.panel.clear_notices()
            story.panel.set_tab(which.removeprefix("score_"))
    elif which.startswith("debrief_"):
        app.new_game()
        story = app.top
        for choice in SAMPLE_PATH:
            story._pick("choose", choice)
        if which == "debrief_feel":  # answered before and after: the page shows how they moved
            from game.engine.reflection import questions

            items = questions(app.story)
            app.answers = {"before": {q.id: 2 for q in items}, "after": {q.id: 4 for q in items}}
        app.push(DebriefScreen(app))
        app.top.go(DEBRIEF_PAGES.index(which.removeprefix("debrief_")))
    else:
        app.new_game()
        story = app.top
        story._pick("choose", "activate")
        if which == "menu":
            app.push(GameMenu(app))
        elif which in ("save", "load"):
            app.slots.save(app.session, "slot1", "The market", app.thumbnail())
            _fix_save_times(app)
            app.push(SaveLoadScreen(app, which))
            _same_saves_folder(app)
        elif which == "settings":
            # the logs folder is shown: keep it the same on every machine
            app.settings = replace(app.settings, log_folder="/home/player/socialscore-logs")
            app.push(SettingsScreen(app))
            _same_saves_folder(app)
        elif which == "history":
            story._pick("choose", "buy_boots")
            app.push(HistoryScreen(app))
        elif which == "debrief":
            story._pick("choose", "buy_boots")
            story._pick("choose", "walk_home")
            app.push(DebriefScreen(app))
    app.toasts = []
    step(app)
    app.toasts = []
    app.draw()
    return app.top
