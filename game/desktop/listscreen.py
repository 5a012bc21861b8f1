"""A screen that is a titled column of buttons: the base of the menus and settings.

Subclasses give ``heading``, build their buttons in ``buttons()`` and react in
``pick(button)``. As an overlay (``opaque = False``) it dims the screen beneath.
Esc or a right click goes back.
"""

from __future__ import annotations

import pygame

from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, button_height, dim, draw_button, rrect


class ListScreen(Screen):
    opaque = False
    heading = ""
    subheading = ""
    width_px = 460
    #: columns the buttons may take when one column would not fit the window
    max_columns = 2

    def __init__(self, app):
        super().__init__(app)
        self.list = ButtonList()
        self.card = pygame.Rect(0, 0, 0, 0)
        self.boxes: list = []

    def buttons(self) -> list[Button]:
        return []

    def pick(self, button: Button) -> None:
        pass

    def back(self) -> None:
        self.app.pop()

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        focus = self.list.focus
        self.list.set(self.buttons())
        if focus is not None and focus < len(self.list.buttons):
            self.list.focus = focus
        avail = h - 2 * t.px(16)
        # one column with airy rows; closer rows; then two columns, before anything would leave
        # the window (huge text in a small window)
        tries = [(1, t.px(10)), (1, t.px(4))] + ([(2, t.px(10))] if self.max_columns > 1 else [])
        for columns, gap in tries:
            cw = min(w - 2 * t.px(24), t.px(self.width_px) * columns)
            inner = cw - 2 * t.px(28)
            col_w = (inner - gap * (columns - 1)) // columns
            head_h = self.cache.height(self.heading, "serif_bold", t.title, inner, leading=1.2)
            sub_h = (
                self.cache.height(self.subheading, "sans", t.small, inner, 1.45) + t.px(10)
                if self.subheading
                else 0
            )
            heights = [button_height(self.cache, t, b, col_w) for b in self.list.buttons]
            rows = [max(heights[i : i + columns]) for i in range(0, len(heights), columns)]
            total = t.px(28) + head_h + sub_h + t.px(20) + sum(rows) + gap * (len(rows) - 1) + t.px(28)
            if total <= avail:
                break
        self.list.columns = columns
        self.card = pygame.Rect(0, 0, cw, min(total, avail))
        self.card.center = (w // 2, h // 2)
        y = self.card.y + t.px(28) + head_h + sub_h + t.px(20)
        self.head_y = self.card.y + t.px(28)
        for i, b in enumerate(self.list.buttons):
            row, col = divmod(i, columns)
            row_h = heights[i] if columns == 1 else rows[row]
            b.rect = pygame.Rect(self.card.x + t.px(28) + col * (col_w + gap), y, col_w, row_h)
            if col == columns - 1 or i == len(self.list.buttons) - 1:
                y += row_h + gap

    def handle(self, inp: Input) -> None:
        if inp.action in ("back", "alt_click"):
            self.back()
            return
        picked = self.list.handle(inp)
        if picked is not None:
            self.app.sounds.play("click")
            self.pick(picked)

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        if self.opaque:
            surf.fill(p.bg)
        else:
            dim(surf, p.overlay)
        rrect(surf, p.bg2, self.card, t.px(18))
        rrect(surf, p.card_line, self.card, t.px(18), 1)
        inner = self.card.w - 2 * t.px(28)
        x = self.card.x + t.px(28)
        head = self.cache.block(self.heading, "serif_bold", t.title, p.ink, inner, leading=1.2)
        head.draw(surf, x, self.head_y)
        self.boxes = [(self.card, pygame.Rect(x, self.head_y, head.width, head.height), self.heading)]
        if self.subheading:
            sub = self.cache.block(self.subheading, "sans", t.small, p.muted, inner, 1.45)
            sub.draw(surf, x, self.head_y + head.height + t.px(6))
        for i, b in enumerate(self.list.buttons):
            hovered, focused = self.list.state(i)
            draw_button(surf, self.cache, t, b, hovered, focused, b.rect)
            self.boxes.append((self.card, b.rect, b.label))

    def text_boxes(self):
        return self.boxes
