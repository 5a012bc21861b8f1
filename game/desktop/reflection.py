"""The story's reflection questions, one a page: before the first scene and after the ending.

Each page shows the question and a row of buttons 1..scale with the low and high labels at the
ends. A number key or a click answers and moves on; ← → move the focus along the row and Enter
answers; ↓ (or Tab) reaches "Skip", which (like Esc) leaves the question unanswered. When the last
question is done, ``done(answers)`` gets {question id: answer} for the questions answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from ..engine.reflection import Question
from .inputs import Input
from .screen import Screen
from .widgets import Button, button_height, draw_button, label_line, rrect

PHASE_LABEL = {"before": "BEFORE YOU PLAY", "after": "NOW THAT YOU HAVE PLAYED"}
#: under the label (the terminal's game.workshop.reflect.INTRO, without repeating the label)
INTRO = {
    "before": "A few questions. There are no right answers; the class sees only totals.",
    "after": "The same questions again. Answer as you think now.",
}


class ReflectionScreen(Screen):
    name = "reflection"
    #: the phase labels, intros and what each page is called (the claims screen has its own)
    phase_label = PHASE_LABEL
    intro = INTRO
    item_word = "QUESTION"
    skip_label = "Skip this question"

    def __init__(self, app, phase: str, items: Sequence[Question], done: Callable[[dict[str, int]], None]):
        super().__init__(app)
        self.phase = phase
        self.items = tuple(items)
        self.done = done
        self.index = 0
        self.answers: dict[str, int] = {}
        #: keyboard focus: 0..scale-1 a point of the scale, scale the Skip button, None: none yet
        self.focus: int | None = None
        self.hover: int | None = None
        self.points: list[Button] = []
        self.skip = Button(self.skip_label, "skip")
        self.card = pygame.Rect(0, 0, 0, 0)
        self.boxes: list = []

    @property
    def question(self) -> Question:
        return self.items[self.index]

    def point_labels(self) -> list[str]:
        """The buttons' labels, left to right (answers 1..n)."""
        return [str(i + 1) for i in range(self.question.scale)]

    def point_width(self) -> int:
        return self.theme.px(84)

    # -- geometry ----------------------------------------------------------------------
    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        q = self.question
        cw = min(w - 2 * t.px(24), t.px(760))
        self.pad = pad = t.px(36)
        inner = self.inner = cw - 2 * pad
        self.qsize = t.font_px(27)
        label_h = self.cache.font("sans_bold", t.label).get_height()
        intro_h = self.cache.height(self.intro[self.phase], "sans", t.small, inner, 1.45)
        q_h = self.cache.height(q.text, "serif_bold", self.qsize, inner, 1.3)
        gap = t.px(10)
        size = max(t.px(40), round(t.ui * 2.6))
        bw = min(self.point_width(), (inner - gap * (q.scale - 1)) // q.scale)
        row_w = bw * q.scale + gap * (q.scale - 1)
        half = max(t.px(40), row_w // 2 - t.px(8))
        ends_h = max(
            self.cache.height(q.low, "sans", t.small, half, 1.35),
            self.cache.height(q.high, "sans", t.small, half, 1.35),
        )
        skip_w = min(inner, self.cache.font("sans", t.ui).size(self.skip.label)[0] + t.px(64))
        skip_h = button_height(self.cache, t, self.skip, skip_w)
        hint_h = self.cache.font("sans", t.label).get_height()
        body = [label_h, t.px(10), q_h, t.px(26), size, t.px(8), ends_h, t.px(26), skip_h]
        room = h - 2 * t.px(16) - 2 * pad
        # in a small window with large text the intro and the key hint give way first
        self.show_intro = sum(body) + intro_h + t.px(14) + t.px(14) + hint_h <= room
        self.show_hint = (
            sum(body) + t.px(14) + hint_h + (intro_h + t.px(14) if self.show_intro else 0) <= room
        )
        total = (
            sum(body)
            + (intro_h + t.px(14) if self.show_intro else 0)
            + (t.px(14) + hint_h if self.show_hint else 0)
            + 2 * pad
        )
        self.card = pygame.Rect(0, 0, cw, total)
        self.card.center = (w // 2, h // 2)
        self.card.top = max(t.px(16), self.card.top)
        x, y = self.card.x + pad, self.card.y + pad
        self.label_y = y
        y += label_h + t.px(10)
        if self.show_intro:
            self.intro_y = y
            y += intro_h + t.px(14)
        self.q_y = y
        y += q_h + t.px(26)
        row_x = x + (inner - row_w) // 2
        self.points = []
        for i, text in enumerate(self.point_labels()):
            b = Button(text, i + 1)
            b.rect = pygame.Rect(row_x + i * (bw + gap), y, bw, size)
            self.points.append(b)
        y += size + t.px(8)
        self.ends_y = y
        self.row = pygame.Rect(row_x, self.points[0].rect.y, row_w, size)
        self.half = half
        y += ends_h + t.px(26)
        self.skip.rect = pygame.Rect(x + (inner - skip_w) // 2, y, skip_w, skip_h)
        self.hint_y = self.skip.rect.bottom + t.px(14)

    # -- input -------------------------------------------------------------------------
    def _at(self, pos) -> int | None:
        for i, b in enumerate(self.points):
            if b.rect.collidepoint(pos):
                return i
        return len(self.points) if self.skip.rect.collidepoint(pos) else None

    def handle(self, inp: Input) -> None:  # noqa: C901 - a flat switch over the input's action, one case a branch
        a = inp.action
        n = len(self.points)
        self.app.dirty = True
        if a in ("back", "alt_click"):
            self.answer(None)
        elif a == "number":
            if 1 <= inp.value <= n:
                self.answer(inp.value)
        elif a in ("left", "right"):
            step = -1 if a == "left" else 1
            if self.focus is None or self.focus >= n:
                self.focus = (n // 2) if self.focus is None else n - 1
            else:
                self.focus = max(0, min(n - 1, self.focus + step))
        elif a == "down":
            if self.focus is None or self.focus < n:
                self._row_focus = self.focus
                self.focus = n
        elif a == "up":
            if self.focus == n or self.focus is None:
                self.focus = getattr(self, "_row_focus", None)
                if self.focus is None:
                    self.focus = n // 2
        elif a == "confirm":
            if self.focus is not None:
                self.answer(None if self.focus >= n else self.focus + 1)
        elif a == "point":
            self.hover = self._at(inp.pos)
        elif a == "click":
            i = self._at(inp.pos)
            if i is not None:
                self.answer(None if i >= n else i + 1)

    def answer(self, value: int | None) -> None:
        """Record ``value`` for this question (None: skipped) and show the next one (or finish)."""
        self.app.sounds.play("click")
        if value is not None and self.question.valid(value):
            self.answers[self.question.id] = value
        if self.index + 1 >= len(self.items):
            self.done(dict(self.answers))
            return
        self.index += 1
        self.focus = None
        self.hover = None
        self.layout()

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        q = self.question
        surf.fill(p.bg)
        rrect(surf, p.bg2, self.card, t.px(18))
        rrect(surf, p.card_line, self.card, t.px(18), 1)
        x = self.card.x + self.pad
        self.boxes = []

        def box(rect: pygame.Rect, what: str) -> None:
            self.boxes.append((self.card, rect, what))

        label = f"{self.phase_label[self.phase]}  ·  {self.item_word} {self.index + 1} OF {len(self.items)}"
        lbl = label_line(self.cache, label, "sans_bold", t.label, p.accent, self.inner)
        surf.blit(lbl, (x, self.label_y))
        box(pygame.Rect(x, self.label_y, lbl.get_width(), lbl.get_height()), "label")
        if self.show_intro:
            intro = self.cache.block(self.intro[self.phase], "sans", t.small, p.muted, self.inner, 1.45)
            intro.draw(surf, x, self.intro_y)
            box(pygame.Rect(x, self.intro_y, intro.width, intro.height), "intro")
        text = self.cache.block(q.text, "serif_bold", self.qsize, p.ink, self.inner, 1.3)
        text.draw(surf, x, self.q_y)
        box(pygame.Rect(x, self.q_y, text.width, text.height), q.text)
        n = len(self.points)
        for i, b in enumerate(self.points):
            self._draw_point(surf, b, hovered=self.hover == i, focused=self.focus == i)
            box(b.rect, b.label)
        low = self.cache.block(q.low, "sans", t.small, p.muted, self.half, 1.35)
        low.draw(surf, self.row.x, self.ends_y)
        box(pygame.Rect(self.row.x, self.ends_y, low.width, low.height), q.low)
        high = self.cache.block(q.high, "sans", t.small, p.muted, self.half, 1.35)
        hx = self.row.right - high.width
        for i, line in enumerate(high.surfaces):  # right-aligned, line by line
            surf.blit(line, (self.row.right - line.get_width(), self.ends_y + i * high.line_h))
        box(pygame.Rect(hx, self.ends_y, high.width, high.height), q.high)
        draw_button(
            surf, self.cache, t, self.skip, self.hover == n, self.focus == n, self.skip.rect, align="center"
        )
        box(self.skip.rect, self.skip.label)
        if self.show_hint:
            hint = f"Press 1–{n}, or ← → and Enter.  Esc skips."
            hs = label_line(self.cache, hint, "sans", t.label, p.faint, self.inner)
            hx = x + (self.inner - hs.get_width()) // 2
            surf.blit(hs, (hx, self.hint_y))
            box(pygame.Rect(hx, self.hint_y, hs.get_width(), hs.get_height()), "hint")

    def _draw_point(self, surf, b: Button, hovered: bool, focused: bool) -> None:
        t, p = self.theme, self.theme.palette
        radius = t.px(10)
        bg = p.card_hover if hovered or focused else p.card
        rrect(surf, bg, b.rect, radius)
        rrect(surf, p.accent if focused else p.card_line, b.rect, radius, t.px(2) if focused else 1)
        if hovered and not focused:
            bar = pygame.Rect(b.rect.x + radius, b.rect.bottom - t.px(3), b.rect.w - 2 * radius, t.px(3))
            rrect(surf, p.accent, bar, t.px(2))
        num = self.cache.line(b.label, "sans_semi", round(t.ui * 1.15), p.accent if focused else p.ink)
        surf.blit(num, num.get_rect(center=b.rect.center))

    def text_boxes(self):
        return self.boxes
