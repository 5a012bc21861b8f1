"""Save and load slots: six slots and the autosave, as cards in a grid.

Saving writes at once (the card shows what is there before you pick it); loading an
unreadable save shows its one-line reason instead of failing.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from ..engine import InputError
from .listscreen import ListScreen
from .storage import AUTOSAVE, SlotInfo
from .widgets import Button, button_height


def when(iso: str) -> str:
    """A save time in local time, short: ``27 Nov, 14:05``."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %b, %H:%M").lstrip("0")
    except ValueError:
        return ""


def describe(info: SlotInfo) -> tuple[str, str]:
    """(label, note) of a slot card."""
    name = "Autosave" if info.name == AUTOSAVE else f"Slot {info.name.removeprefix('slot')}"
    if not info.exists:
        return name, "Empty"
    if info.error:
        return name, "Unreadable save"
    status = "Ended" if info.ended else f"Turn {info.turn}"
    stamp = when(info.saved_at)
    return f"{name}: {info.label or 'Untitled'}", f"{status}" + (f"  ·  {stamp}" if stamp else "")


class SaveLoadScreen(ListScreen):
    name = "saveload"
    width_px = 860

    def __init__(self, app, mode: str):
        self.mode = mode
        super().__init__(app)
        self.heading = "Save game" if mode == "save" else "Load game"
        self.subheading = (
            "Pick a slot to save to; it replaces what is there."
            if mode == "save"
            else "Pick a save to continue from. The game autosaves after every choice."
        )
        self.opaque = app.session is None

    def buttons(self) -> list[Button]:
        slots = self.app.slots
        out = []
        for name in slots.names(with_autosave=self.mode == "load"):
            info = slots.info(name)
            label, note = describe(info)
            enabled = self.mode == "save" or (info.exists and not info.error)
            out.append(Button(label, name, enabled=enabled, note=note))
        return out + [Button("Back", "back")]

    def layout(self) -> None:
        super().layout()
        # two columns of slot cards; Back spans the width
        t = self.theme
        buttons = self.list.buttons
        if not buttons:
            return
        self.list.columns = 2
        gap = t.px(12)
        inner = self.card.w - 2 * t.px(28)
        cw = (inner - gap) // 2
        slots = buttons[:-1]
        hs = [button_height(self.cache, t, b, cw) for b in slots]
        row_h = max(hs) if hs else 0
        y = buttons[0].rect.y
        x0 = self.card.x + t.px(28)
        for i, b in enumerate(slots):
            b.rect = pygame.Rect(x0 + (i % 2) * (cw + gap), y + (i // 2) * (row_h + gap), cw, row_h)
        rows = (len(slots) + 1) // 2
        back = buttons[-1]
        back_h = button_height(self.cache, t, back, inner)
        back.rect = pygame.Rect(x0, y + rows * (row_h + gap), inner, back_h)
        bottom = back.rect.bottom + t.px(28)
        h = self.app.surface.get_height()
        self.card.h = bottom - self.card.y
        shift = (h - self.card.h) // 2 - self.card.y
        self.card.y += shift
        self.head_y += shift
        for b in buttons:
            b.rect.y += shift

    def pick(self, button: Button) -> None:
        name = button.data
        if name == "back":
            self.app.pop()
            return
        if self.mode == "save":
            session = self.app.session
            frame = session.frame()
            try:
                self.app.slots.save(session, name, frame.title or frame.scene)
            except OSError as exc:
                self.app.toast(f"Could not save: {exc.strerror or exc}")
                return
            self.app.toast(f"Saved to slot {name.removeprefix('slot')}")
            self.layout()
            return
        try:
            session = self.app.slots.load(name)
        except InputError as exc:
            self.app.toast(f"Could not load: {exc.diagnostics[0].message if exc.diagnostics else exc}")
            return
        self.app.load_game(session)
        self.app.toast("Loaded")
