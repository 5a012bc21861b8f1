"""The in-game menu (Esc): resume, save, load, history, settings, title, quit. Main menu and Quit ask
the reflection questions after play first when the game asks them (a workshop) and has not yet."""

from __future__ import annotations

from .listscreen import ListScreen
from .notes import UNDO_OFF
from .widgets import Button


class GameMenu(ListScreen):
    name = "menu"
    heading = "Paused"
    width_px = 420

    def buttons(self) -> list[Button]:
        s = self.app.session
        can_undo = s is not None and s.can_undo
        return [
            Button("Resume", "resume"),
            Button("Save game", "save", enabled=s is not None),
            Button("Load game", "load"),
            Button("Undo last choice", "undo", enabled=can_undo, note=self._undo_note()),
            Button("History", "history"),
            Button("Settings", "settings"),
            Button("Main menu", "title"),
            Button("Quit", "quit"),
        ]

    def _undo_note(self) -> str:
        s = self.app.session
        return UNDO_OFF if s is not None and s.undo_locked else ""

    def pick(self, button: Button) -> None:
        from .history import HistoryScreen
        from .saveload import SaveLoadScreen
        from .settings_screen import SettingsScreen

        what = button.data
        if what == "resume":
            self.app.pop()
        elif what in ("save", "load"):
            self.app.push(SaveLoadScreen(self.app, what))
        elif what == "undo":
            self.app.pop()
            story = self.app.screen_named("story")
            if story is not None:
                story.undo()
        elif what == "history":
            self.app.push(HistoryScreen(self.app))  # over the menu: Esc comes back here, as from Settings
        elif what == "settings":
            self.app.push(SettingsScreen(self.app))
        elif what in ("title", "quit"):
            # Leaving a game before its ending: in a workshop (no Continue there) the game is over, so the
            # questions after play are asked now, once, as at an ending; elsewhere nothing is asked.
            self.app.pop()
            self.app.after_ending(self.app.to_title if what == "title" else self.app.quit)
