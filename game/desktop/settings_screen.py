"""The settings screen: each row shows its value; Enter, a click or left/right change it.
Changes apply at once and are saved (see :mod:`game.desktop.settings`).

The last row, "Save anonymous session logs", shows the folder the logs go to; when the game was
started with a workshop log folder (``--log-dir``, ``--workshop``) it is on and cannot be changed."""

from __future__ import annotations

import os
from pathlib import Path

from .inputs import Input
from .listscreen import ListScreen
from .widgets import Button

ROWS = (
    ("text_size", "Text size"),
    ("text_speed", "Text speed"),
    ("fullscreen", "Fullscreen"),
    ("high_contrast", "High contrast"),
    ("reduced_motion", "Reduced motion"),
    ("volume", "Volume"),
)


LOGS_LABEL = "Save anonymous session logs"


def _show(value) -> str:
    if isinstance(value, bool):
        return "On" if value else "Off"
    if isinstance(value, int):
        return f"{value}%"
    return str(value).capitalize()


class SettingsScreen(ListScreen):
    name = "settings"
    heading = "Settings"
    width_px = 520

    def __init__(self, app):
        super().__init__(app)
        from .storage import saves_root, shown_path

        self.subheading = (
            f"Enter or click to change, ← → to step. Saved as you go. Your saves: {shown_path(saves_root())}"
        )
        self.opaque = app.session is None  # over the title screen, a full page; in game, an overlay

    def buttons(self) -> list[Button]:
        s = self.app.settings
        rows = [Button(label, name, value=_show(getattr(s, name))) for name, label in ROWS]
        forced = self.app.workshop.log_dir
        if forced is not None:
            logs = Button(LOGS_LABEL, "session_logs", False, "This workshop saves them in ", value="On")
        else:
            logs = Button(LOGS_LABEL, "session_logs", value=_show(s.session_logs), note="In ")
        logs.note += self._folder(forced or s.log_path, logs.note)
        return rows + [logs, Button("Done", "done")]

    def _folder(self, path: Path, before: str) -> str:
        """``path`` on one line of the note: the home folder as ~, the middle elided if long."""
        text = str(path)
        home = str(Path.home())
        if home not in ("", "/") and (text == home or text.startswith(home + os.sep)):
            text = "~" + text[len(home) :]
        t = self.theme
        font = self.cache.font("sans", round(t.ui * 0.8))
        cw = min(self.app.surface.get_width() - 2 * t.px(24), t.px(self.width_px))
        room = cw - 2 * t.px(28) - 2 * t.px(16) - font.size(before)[0] - t.px(4)
        if font.size(text)[0] <= room:
            return text
        keep = len(text)
        while keep > 1 and font.size("…" + text[-keep:])[0] > room:
            keep -= 1
        return "…" + text[-keep:]

    def handle(self, inp: Input) -> None:
        focused = self.list.buttons[self.list.focus] if self.list.focus is not None else None
        on_fullscreen = focused is not None and focused.data == "fullscreen"
        if inp.key and on_fullscreen and inp.action in ("confirm", "left", "right"):
            self.app.sounds.play("click")
            self.app.fullscreen_on_release(inp.key)  # on the press it would flip back and forth
            return
        if inp.action in ("left", "right") and focused is not None:
            if focused.data != "done":
                self.change(focused.data, -1 if inp.action == "left" else 1)
            return
        super().handle(inp)

    def pick(self, button: Button) -> None:
        if button.data == "done":
            self.app.pop()
        else:
            self.change(button.data, 1)

    def change(self, name: str, step: int) -> None:
        self.app.apply_settings(self.app.settings.cycle(name, step))
        if name == "volume":
            self.app.sounds.play("click")
