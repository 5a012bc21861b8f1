"""A question before something that cannot be undone: overwrite a save, delete one, start a new
game over the autosave. Two buttons; the keyboard starts on the safe one (Cancel), and Esc or a
right click cancels."""

from __future__ import annotations

from collections.abc import Callable

from .listscreen import ListScreen
from .widgets import Button


class ConfirmScreen(ListScreen):
    name = "confirm"
    width_px = 480

    def __init__(self, app, heading: str, detail: str, yes: str, then: Callable[[], None]):
        self.heading, self.subheading, self.yes, self.then = heading, detail, yes, then
        super().__init__(app)
        self.list.focus = 1  # Cancel: Enter at once does no harm

    def buttons(self) -> list[Button]:
        return [Button(self.yes, "yes"), Button("Cancel", "no")]

    def pick(self, button: Button) -> None:
        self.app.pop()
        if button.data == "yes":
            self.then()
