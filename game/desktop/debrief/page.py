"""Lays one debrief page out top to bottom, in content coordinates (the screen scrolls it).

A :class:`Page` collects :class:`Item` pieces (each knows its rectangle and how to draw
itself shifted by the scroll) and the text boxes the overflow tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ..text import TextCache
from ..theme import Theme
from ..widgets import label_line


@dataclass
class Item:
    """A piece of the page in content coordinates; ``draw(surf, dy)`` paints it shifted by dy."""

    rect: pygame.Rect
    draw: Callable[[pygame.Surface, int], None]


class Page:
    """Lays a page out top to bottom: text blocks, labels and custom pieces, with the text
    boxes the overflow tests check."""

    def __init__(self, cache: TextCache, theme: Theme, x: int, width: int):
        self.cache, self.theme = cache, theme
        self.x, self.w = x, width
        self.y = 0
        self.items: list[Item] = []
        self.boxes: list[tuple[pygame.Rect, str]] = []

    def space(self, h: int) -> None:
        self.y += h

    def text(
        self, text: str, role: str, size: int, colour, *, leading=1.5, x=0, width=None, gap=0, center=False
    ) -> pygame.Rect:
        width = width or self.w - x
        block = self.cache.block(text, role, size, colour, width, leading)
        bx = self.x + x + ((width - block.width) // 2 if center else 0)
        rect = pygame.Rect(bx, self.y, block.width, block.height)

        # draw asks the cache again rather than keeping the block: a long page must not hold
        # more rendered text alive than the cache's budget
        def again():
            return self.cache.block(text, role, size, colour, width, leading)

        if center:
            # centred lines: each line centred on its own
            def draw(surf, dy, y=self.y):
                block = again()
                for i, line in enumerate(block.surfaces):
                    surf.blit(line, (self.x + x + (width - line.get_width()) // 2, y + dy + i * block.line_h))
        else:

            def draw(surf, dy, bx=bx, y=self.y):
                again().draw(surf, bx, y + dy)

        self.items.append(Item(rect, draw))
        self.boxes.append((rect, text))
        self.y += block.height + gap
        return rect

    def custom(self, h: int, draw: Callable[[pygame.Surface, pygame.Rect], None], boxes=()) -> pygame.Rect:
        rect = pygame.Rect(self.x, self.y, self.w, h)
        self.items.append(Item(rect, lambda surf, dy, rect=rect: draw(surf, rect.move(0, dy))))
        self.boxes.extend(boxes)
        self.y += h
        return rect

    def section(self, title: str, note: str = "") -> None:
        t, p = self.theme, self.theme.palette
        self.space(t.px(30))
        size = t.label
        h = self.cache.font("sans_bold", size).get_height()
        title_w = min(self.w, self.cache.font("sans_bold", size).size(title)[0])
        boxes = [(pygame.Rect(self.x, self.y, title_w, h), title)]

        def draw(surf, r):
            lbl = label_line(self.cache, title, "sans_bold", size, p.accent, r.w)
            surf.blit(lbl, r.topleft)
            lx = r.x + lbl.get_width() + t.px(14)
            if lx < r.right:
                pygame.draw.line(surf, p.card_line, (lx, r.centery), (r.right, r.centery))

        self.custom(h, draw, boxes)
        self.space(t.px(12))
        if note:
            self.text(note, "sans", t.small, p.muted, leading=1.45, gap=t.px(10))
