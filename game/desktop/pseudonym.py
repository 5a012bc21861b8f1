"""Before a logged game: a small card that asks for a pseudonym for the class report.

Typed text arrives as pygame TEXTINPUT events (so accents, other scripts and input methods work);
Backspace deletes, ← → Home End move the caret, Enter starts, Esc goes back, Tab reaches the
buttons; the mouse clicks the field or the buttons. An empty field means "anonymous". The text is
shown exactly as typed (pygame draws it, nothing interprets it) and cleaned by
:func:`game.workshop.log.clean_pseudonym` before it goes into the log.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable

import pygame

from ..workshop.log import PSEUDONYM_MAX, clean_pseudonym
from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, button_height, draw_button, label_line, rrect

HEADING = "Choose a pseudonym"
EXPLAIN = (
    "It names your anonymous log in the class report. Please don't use your real name. "
    "Leave it empty to stay anonymous."
)
HINT = "Type, then press Enter.  Esc goes back."
PLACEHOLDER = "anonymous"
_ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)


def _typeable(text: str) -> str:
    """``text`` without control characters (a pasted newline or tab must not end up in a name)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


class PseudonymScreen(Screen):
    name = "pseudonym"

    def __init__(self, app, done: Callable[[str], None]):
        super().__init__(app)
        self.done = done
        self.text = ""
        self.caret = 0
        self.buttons = ButtonList()
        self.card = pygame.Rect(0, 0, 0, 0)
        self.field = pygame.Rect(0, 0, 0, 0)
        self.boxes: list = []
        self._repeat = pygame.key.get_repeat()
        with contextlib.suppress(pygame.error):
            pygame.key.start_text_input()
            pygame.key.set_repeat(400, 35)  # a held Backspace keeps deleting

    # -- geometry ----------------------------------------------------------------------
    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        self.card_w = min(w - 2 * t.px(24), t.px(600))
        self.pad = t.px(32)
        inner = self.card_w - 2 * self.pad
        self.inner = inner
        code = self.app.session_code
        self.label = f"WORKSHOP SESSION {code.upper()}" if code else "BEFORE YOU PLAY"
        label_h = self.cache.font("sans_bold", t.label).get_height()
        head_h = self.cache.height(HEADING, "serif_bold", t.title, inner, 1.2)
        explain_h = self.cache.height(EXPLAIN, "sans", t.ui, inner, 1.45)
        self.field_h = round(self.cache.font("sans", t.ui).get_height() * 1.9)
        buttons = [Button("Start", "start"), Button("Back", "back")]
        bw = (inner - t.px(12)) // 2
        bh = max(button_height(self.cache, t, b, bw) for b in buttons)
        hint_h = self.cache.font("sans", t.small).get_height()
        parts = [label_h, t.px(8), head_h, t.px(12), explain_h, t.px(22), self.field_h, t.px(22), bh]
        self.show_hint = sum(parts) + t.px(14) + hint_h + 2 * self.pad <= h - 2 * t.px(16)
        total = sum(parts) + (t.px(14) + hint_h if self.show_hint else 0) + 2 * self.pad
        self.card = pygame.Rect(0, 0, self.card_w, total)
        self.card.center = (w // 2, h // 2)
        self.card.top = max(t.px(16), self.card.top)
        x, y = self.card.x + self.pad, self.card.y + self.pad
        self.label_y = y
        y += label_h + t.px(8)
        self.head_y = y
        y += head_h + t.px(12)
        self.explain_y = y
        y += explain_h + t.px(22)
        self.field = pygame.Rect(x, y, inner, self.field_h)
        y += self.field_h + t.px(22)
        for i, b in enumerate(buttons):
            b.rect = pygame.Rect(x + i * (bw + t.px(12)), y, bw, bh)
        self.hint_y = y + bh + t.px(14)
        focus = self.buttons.focus
        self.buttons.set(buttons)
        self.buttons.focus = focus
        with contextlib.suppress(pygame.error):
            pygame.key.set_text_input_rect(self.field)

    # -- editing -----------------------------------------------------------------------
    def insert(self, typed: str) -> None:
        typed = _typeable(typed)[: max(0, PSEUDONYM_MAX - len(self.text))]
        if typed:
            self.text = self.text[: self.caret] + typed + self.text[self.caret :]
            self.caret += len(typed)

    def handle(self, inp: Input) -> None:
        a = inp.action
        self.app.dirty = True
        if a in ("back", "alt_click"):
            self.back()
            return
        if a == "text":
            self.buttons.focus = None
            self.insert(inp.text)
            return
        if a == "undo" and self.buttons.focus is None:  # Backspace (and Ctrl+Z) delete
            if self.caret > 0:
                self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                self.caret -= 1
            return
        if a in ("left", "right", "home", "end") and self.buttons.focus is None:
            self.caret = {
                "left": max(0, self.caret - 1),
                "right": min(len(self.text), self.caret + 1),
                "home": 0,
                "end": len(self.text),
            }[a]
            return
        if a == "confirm":
            if inp.key not in _ENTER and not (self.buttons.focus is not None and inp.key == pygame.K_SPACE):
                return  # Space types a space (it arrives as text), it does not submit
            if self.buttons.focus is None:
                self.submit()
                return
        if a in ("click", "press") and self.field.collidepoint(inp.pos):
            self.buttons.focus = None
            self.caret = self._caret_at(inp.pos[0])
            return
        if a == "up" and self.buttons.focus == 0:
            self.buttons.focus = None
            return
        if a in ("up", "down") and self.buttons.focus is None:
            self.buttons.focus = 0 if a == "down" else None
            return
        if a not in ("up", "down", "point", "click", "confirm"):
            return
        picked = self.buttons.handle(inp)
        if picked is not None:
            self.app.sounds.play("click")
            if picked.data == "start":
                self.submit()
            else:
                self.back()

    def _caret_at(self, x: int) -> int:
        font = self.cache.font("sans", self.theme.ui)
        left = self.field.x + self.theme.px(14) - self._offset()
        best = 0
        for i in range(len(self.text) + 1):
            if font.size(self.text[:i])[0] <= x - left:
                best = i
        return best

    def _offset(self) -> int:
        """How far the text is shifted left so the caret stays in the field."""
        font = self.cache.font("sans", self.theme.ui)
        room = self.field.w - 2 * self.theme.px(14)
        return max(0, font.size(self.text[: self.caret])[0] - room)

    def _leave(self) -> None:
        with contextlib.suppress(pygame.error):
            pygame.key.set_repeat(*self._repeat)
            pygame.key.stop_text_input()

    def submit(self) -> None:
        self._leave()
        self.done(clean_pseudonym(self.text))

    def back(self) -> None:
        self._leave()
        if len(self.app.stack) > 1:
            self.app.pop()
        else:
            self.app.to_title()

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        rrect(surf, p.bg2, self.card, t.px(18))
        rrect(surf, p.card_line, self.card, t.px(18), 1)
        x = self.card.x + self.pad
        self.boxes = []
        lbl = label_line(self.cache, self.label, "sans_bold", t.label, p.accent, self.inner)
        surf.blit(lbl, (x, self.label_y))
        self.boxes.append(
            (self.card, pygame.Rect(x, self.label_y, lbl.get_width(), lbl.get_height()), "label")
        )
        head = self.cache.block(HEADING, "serif_bold", t.title, p.ink, self.inner, 1.2)
        head.draw(surf, x, self.head_y)
        self.boxes.append((self.card, pygame.Rect(x, self.head_y, head.width, head.height), HEADING))
        body = self.cache.block(EXPLAIN, "sans", t.ui, p.muted, self.inner, 1.45)
        body.draw(surf, x, self.explain_y)
        self.boxes.append((self.card, pygame.Rect(x, self.explain_y, body.width, body.height), "explain"))
        self._draw_field(surf)
        self.boxes.append((self.card, self.field, "field"))
        for i, b in enumerate(self.buttons.buttons):
            hovered, focused = self.buttons.state(i)
            draw_button(surf, self.cache, t, b, hovered, focused, b.rect, align="center")
            self.boxes.append((self.card, b.rect, b.label))
        if self.show_hint:
            hint = label_line(self.cache, HINT, "sans", t.small, p.faint, self.inner)
            surf.blit(hint, (x, self.hint_y))
            self.boxes.append(
                (self.card, pygame.Rect(x, self.hint_y, hint.get_width(), hint.get_height()), "hint")
            )

    def _draw_field(self, surf) -> None:
        t, p = self.theme, self.theme.palette
        active = self.buttons.focus is None
        rrect(surf, p.card, self.field, t.px(10))
        rrect(surf, p.accent if active else p.card_line, self.field, t.px(10), t.px(2) if active else 1)
        font = self.cache.font("sans", t.ui)
        pad = t.px(14)
        inside = self.field.inflate(-2 * pad, 0)
        ty = self.field.y + (self.field.h - font.get_height()) // 2
        prev = surf.get_clip()
        surf.set_clip(inside.clip(prev) if prev else inside)
        if self.text:
            shown = self.cache.line(self.text, "sans", t.ui, p.ink, smart=False)
            surf.blit(shown, (inside.x - self._offset(), ty))
        else:
            ph = self.cache.line(PLACEHOLDER, "sans", t.ui, p.faint, smart=False)
            surf.blit(ph, (inside.x, ty))
        if active:
            cx = inside.x - self._offset() + font.size(self.text[: self.caret])[0]
            pygame.draw.rect(
                surf, p.accent, pygame.Rect(cx, ty + t.px(2), max(2, t.px(2)), font.get_height() - t.px(4))
            )
        surf.set_clip(prev)
        count = f"{len(self.text)}/{PSEUDONYM_MAX}"
        if len(self.text) > PSEUDONYM_MAX * 3 // 4:
            cnt = self.cache.line(count, "sans", t.label, p.muted, smart=False)
            surf.blit(cnt, (self.field.right - cnt.get_width(), self.field.bottom + t.px(4)))

    def text_boxes(self):
        return self.boxes
