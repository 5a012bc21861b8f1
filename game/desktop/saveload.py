"""Save and load slots: six slots and the autosave, as cards in a grid, each with a picture of the
game, its chapter, story date, score, turn and when it was saved.

Saving to an empty slot writes at once; over a save, it asks first. "Delete a save…" turns the
cards into delete buttons (each asks first). Loading an unreadable save shows its one-line reason
instead of failing. The subheading names the folder the saves are in.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from ..engine import InputError
from .confirm import ConfirmScreen
from .listscreen import ListScreen
from .storage import AUTOSAVE, THUMB_SIZE, SlotInfo, saves_root, shown_path
from .widgets import Button, button_height, draw_button, rrect


def when(iso: str) -> str:
    """A save time in local time, short: ``27 Nov, 14:05``."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %b, %H:%M").lstrip("0")
    except ValueError:
        return ""


def slot_name(name: str) -> str:
    return "Autosave" if name == AUTOSAVE else f"Slot {name.removeprefix('slot')}"


def describe(info: SlotInfo) -> tuple[str, str]:
    """(label, note) of a slot card: the scene's title; then the chapter, the story's date and
    the score (as the player saw them), and the turn and when it was saved."""
    name = slot_name(info.name)
    if not info.exists:
        return name, "Empty"
    if info.error:
        return name, "Unreadable save"
    story = [part for part in (info.chapter, info.date) if part]
    if info.score is not None:
        story.append(f"score {info.score}")
    status = "Ended" if info.ended else f"Turn {info.turn}"
    stamp = when(info.saved_at)
    meta = status + (f"  ·  saved {stamp}" if stamp else "")
    note = "  ·  ".join(story) + "\n" + meta if story else meta
    return f"{name}: {info.label or 'Untitled'}", note


class SaveLoadScreen(ListScreen):
    name = "saveload"
    width_px = 900
    max_columns = 1  # the slot grid is laid out here (see _place)

    def __init__(self, app, mode: str):
        self.mode = mode
        self.deleting = False
        super().__init__(app)
        self.opaque = app.session is None
        self._thumbs: dict[str, pygame.Surface | None] = {}
        self._words()

    def _words(self) -> None:
        folder = shown_path(saves_root())
        if self.deleting:
            self.heading = "Delete a save"
            self.subheading = "Pick the save to delete (you will be asked first)."
        elif self.mode == "save":
            self.heading = "Save game"
            self.subheading = f"Pick a slot to save to. Saves are kept in {folder}"
        else:
            self.heading = "Load game"
            self.subheading = (
                f"Pick a save to continue from (the game autosaves after every choice). In {folder}"
            )

    def buttons(self) -> list[Button]:
        slots = self.app.slots
        out = []
        self.infos = {}
        for name in slots.names(with_autosave=self.mode == "load" or self.deleting):
            info = slots.info(name)
            self.infos[name] = info
            label, note = describe(info)
            if self.deleting:
                enabled = info.exists
            else:
                enabled = self.mode == "save" or (info.exists and not info.error)
            out.append(Button(label, name, enabled=enabled, note=note))
        if self.deleting:
            return out + [Button("Done deleting", "back")]
        if any(info.exists for info in self.infos.values()):
            out.append(Button("Delete a save…", "delete"))
        return out + [Button("Back", "back")]

    def layout(self) -> None:
        self._thumbs = {}
        super().layout()
        t = self.theme
        self.list_top = self.list.buttons[0].rect.y if self.list.buttons else self.card.y
        h = self.app.surface.get_height()
        # with pictures if the card fits the window; else without (huge text in a small window)
        for picture_h in (t.px(56), 0):
            self._place(picture_h)
            if self.card.h <= h - 2 * t.px(8):
                break

    def _place(self, picture_h: int) -> None:
        """Two columns of slot cards, each with a ``picture_h`` picture at its left (0: none);
        Delete and Back side by side below them."""
        t = self.theme
        buttons = self.list.buttons
        if not buttons:
            return
        self.list.columns = 2
        self.inset = round(picture_h * THUMB_SIZE[0] / THUMB_SIZE[1]) + t.px(14) if picture_h else 0
        gap = t.px(12) if picture_h else t.px(8)
        inner = self.card.w - 2 * t.px(28)
        cw = (inner - gap) // 2
        slots = [b for b in buttons if b.data not in ("back", "delete")]
        rest = buttons[len(slots) :]
        row_h = max(button_height(self.cache, t, b, cw, inset=self.inset) for b in slots)
        row_h = max(row_h, picture_h + t.px(24))
        y = self.list_top
        x0 = self.card.x + t.px(28)
        for i, b in enumerate(slots):
            b.rect = pygame.Rect(x0 + (i % 2) * (cw + gap), y + (i // 2) * (row_h + gap), cw, row_h)
        y += ((len(slots) + 1) // 2) * (row_h + gap)
        bw = (inner - gap * (len(rest) - 1)) // len(rest)
        bh = max(button_height(self.cache, t, b, bw) for b in rest)
        for i, b in enumerate(rest):
            b.rect = pygame.Rect(x0 + i * (bw + gap), y, bw, bh)
        h = self.app.surface.get_height()
        top = self.card.y
        self.card.h = y + bh + t.px(28) - top
        self.card.y = (h - self.card.h) // 2
        shift = self.card.y - top
        self.head_y += shift
        self.list_top += shift
        for b in buttons:
            b.rect.y += shift

    def _thumb(self, name: str, size: tuple[int, int]) -> pygame.Surface | None:
        """A slot's picture at ``size``, read once per layout (seven small pictures at most)."""
        if name not in self._thumbs:
            info = self.infos.get(name)
            picture = None
            if info is not None and info.thumb is not None:
                try:
                    picture = pygame.transform.smoothscale(pygame.image.load(str(info.thumb)), size)
                except (pygame.error, OSError, ValueError):
                    picture = None  # a broken picture leaves the frame empty
            self._thumbs[name] = picture
        return self._thumbs[name]

    def draw(self, surf: pygame.Surface) -> None:
        super().draw(surf)
        t, p = self.theme, self.theme.palette
        for i, b in enumerate(self.list.buttons):
            if b.data in ("back", "delete"):
                continue
            hovered, focused = self.list.state(i)
            # the card again, its text moved right of the picture
            draw_button(surf, self.cache, t, b, hovered, focused, b.rect, inset=self.inset)
            if not self.inset:
                continue
            frame = pygame.Rect(b.rect.x + t.px(16), 0, self.inset - t.px(14), 0)
            frame.h = round(frame.w * THUMB_SIZE[1] / THUMB_SIZE[0])
            frame.centery = b.rect.centery
            picture = self._thumb(b.data, frame.size)
            if picture is not None:
                surf.blit(picture, frame)
            else:
                rrect(surf, p.bg, frame, t.px(6))
            rrect(surf, p.card_line, frame, t.px(6), 1)

    def back(self) -> None:
        if self.deleting:
            self._set_deleting(False)
        else:
            self.app.pop()

    def _set_deleting(self, on: bool) -> None:
        self.deleting = on
        self._words()
        self.list.focus = None if self.list.focus is None else 0
        self.layout()
        self.app.dirty = True

    def pick(self, button: Button) -> None:
        name = button.data
        if name == "back":
            self.back()
            return
        if name == "delete":
            self._set_deleting(True)
            return
        info = self.infos.get(name)
        label = slot_name(name)
        if self.deleting:
            title = f"{label}: {info.label}" if info and info.label else label

            def delete() -> None:
                try:
                    self.app.slots.delete(name)
                except OSError as exc:
                    self.app.toast(f"Could not delete: {exc.strerror or exc}")
                    return
                self.app.toast(f"Deleted {label.lower() if name == AUTOSAVE else label}")
                self._set_deleting(False)

            self.app.push(
                ConfirmScreen(self.app, "Delete this save?", f"{title} will be gone.", "Delete", delete)
            )
            return
        if self.mode == "save":
            if info is not None and info.exists:
                what = f"{label} holds “{info.label or 'Untitled'}” ({describe(info)[1].splitlines()[-1]})."
                self.app.push(
                    ConfirmScreen(
                        self.app, "Replace this save?", what, "Replace it", lambda: self._save(name)
                    )
                )
                return
            self._save(name)
            return
        try:
            session = self.app.slots.load(name)
        except InputError as exc:
            self.app.toast(f"Could not load: {exc.diagnostics[0].message if exc.diagnostics else exc}")
            return
        self.app.load_game(session)
        self.app.toast("Loaded")

    def _save(self, name: str) -> None:
        session = self.app.session
        frame = session.frame()
        try:
            self.app.slots.save(session, name, frame.title or frame.scene, self.app.thumbnail())
        except OSError as exc:
            self.app.toast(f"Could not save: {exc.strerror or exc}")
            return
        self.app.toast(f"Saved to slot {name.removeprefix('slot')}")
        self.layout()
