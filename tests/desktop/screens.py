"""Build each screen of the game in a known state, for snapshots and layout checks."""

from __future__ import annotations

import json

from desktop_helpers import step

from game.desktop import scoreview as sv

SAMPLE_VIEW = sv.ScoreView(
    True,
    684,
    "good",
    "Good",
    (
        sv.LedgerLine(1, 12, "Paid utilities on time"),
        sv.LedgerLine(2, -8, "Bought imported anime"),
        sv.LedgerLine(3, 5, "Shared the city’s good-news post"),
        sv.LedgerLine(4, -20, "Wei fell below 550"),
    ),
    (
        sv.Contact("Mum", 712, "Good"),
        sv.Contact("Wei Zhang", 548, "Fair"),
        sv.Contact("Landlord Liu", 801, "Excellent"),
    ),
)

SCREENS = (
    "title",
    "story",
    "story_score",
    "menu",
    "save",
    "load",
    "settings",
    "history",
    "gallery",
    "debrief",
)


def _fix_save_times(app) -> None:
    """Saves record the time; pin it so slot cards render the same every run."""
    for name in app.slots.names():
        path = app.slots.path(name)
        if path.exists():
            data = json.loads(path.read_text())
            data["saved_at"] = "2020-01-01T12:00:00+00:00"
            path.write_text(json.dumps(data))


def build(app, which: str):
    """Put ``app`` on screen ``which`` (one of SCREENS) and return it, drawn."""
    from game.desktop.debrief import DebriefScreen
    from game.desktop.gallery import GalleryScreen
    from game.desktop.history import HistoryScreen
    from game.desktop.menu import GameMenu
    from game.desktop.saveload import SaveLoadScreen
    from game.desktop.settings_screen import SettingsScreen
    from game.desktop.title import TitleScreen

    if which == "title":
        app.reset(TitleScreen(app))
    elif which == "gallery":
        app.gallery.add("quiet")
        app.reset(TitleScreen(app))
        app.push(GalleryScreen(app))
    else:
        app.new_game()
        story = app.top
        story._pick("choose", "activate")
        if which == "story_score":
            story.panel.set_view(SAMPLE_VIEW, animate=False)
            story.panel.push(
                [sv.Notice("score", "−8 points", "Leisure purchases may indicate idleness.", -8)]
            )
        elif which == "menu":
            app.push(GameMenu(app))
        elif which in ("save", "load"):
            app.slots.save(app.session, "slot1", "The market")
            _fix_save_times(app)
            app.push(SaveLoadScreen(app, which))
        elif which == "settings":
            app.push(SettingsScreen(app))
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
