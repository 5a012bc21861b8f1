"""The settings screen: each row shows its value; Enter, a click or left/right change it.
Changes apply at once and are saved (see :mod:`game.desktop.settings`)."""

from __future__ import annotations

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


def _show(value) -> str:
    if isinstance(value, bool):
        return "On" if value else "Off"
    if isinstance(value, int):
        return f"{value}%"
    return str(value).capitalize()


class SettingsScreen(ListScreen):
    name = "settings"
    heading = "Settings"
    subheading = "Enter or click to change, ← → to step. Saved as you go."
    width_px = 520

    def __init__(self, app):
        super().__init__(app)
        self.opaque = app.session is None  # over the title screen, a full page; in game, an overlay

    def buttons(self) -> list[Button]:
        s = self.app.settings
        rows = [Button(label, name, value=_show(getattr(s, name))) for name, label in ROWS]
        return rows + [Button("Done", "done")]

    def handle(self, inp: Input) -> None:
        if inp.action in ("left", "right") and self.list.focus is not None:
            b = self.list.buttons[self.list.focus]
            if b.data != "done":
                self.change(b.data, -1 if inp.action == "left" else 1)
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
