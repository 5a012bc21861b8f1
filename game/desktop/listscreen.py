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
        cw = min(w - 2 * t.px(24), t.px(self.width_px))
        inner = cw - 2 * t.px(28)
        head_h = self.cache.height(self.heading, "serif_bold", t.title, inner, leading=1.2)
        sub_h = (
            self.cache.height(self.subheading, "sans", t.small, inner, 1.45) + t.px(10)
            if self.subheading
            else 0
        )
        heights = [button_height(self.cache, t, b, inner) for b in self.list.buttons]
        for gap in (t.px(10), t.px(4)):  # closer rows before anything would leave the window
            total = t.px(28) + head_h + sub_h + t.px(20) + sum(heights) + gap * (len(heights) - 1) + t.px(28)
            if total <= h - 2 * t.px(16):
                break
        self.card = pygame.Rect(0, 0, cw, min(total, h - 2 * t.px(16)))
        self.card.center = (w // 2, h // 2)
        y = self.card.y + t.px(28) + head_h + sub_h + t.px(20)
        self.head_y = self.card.y + t.px(28)
        for b, bh in zip(self.list.buttons, heights, strict=True):
            b.rect = pygame.Rect(self.card.x + t.px(28), y, inner, bh)
            y += bh + gap

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
