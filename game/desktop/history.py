"""The history screen: every scene shown so far and the choice taken on it, scrollable
(wheel, arrows, Page Up/Down, Home/End). Esc, H or the Close button go back."""

from __future__ import annotations

from typing import NamedTuple

import pygame

from .inputs import Input
from .measure import column_width
from .screen import Screen
from .widgets import Button, ButtonList, rrect, scrollbar


class Text(NamedTuple):
    """A piece of history to render when it scrolls into view: TextCache.block's arguments."""

    text: str
    role: str
    size: int
    colour: tuple[int, int, int]
    width: int
    leading: float


class HistoryScreen(Screen):
    name = "history"

    def __init__(self, app):
        super().__init__(app)
        self.items: list[tuple[Text, int, int, int]] = []  # text, x, y (content coordinates), height
        self.scroll = 0.0
        self.content_h = 0
        self.view = pygame.Rect(0, 0, 0, 0)
        self.close = ButtonList([Button("Close", "close")])
        self.start_at_end = True

    def layout(self) -> None:
        t, p = self.theme, self.theme.palette
        w, h = self.app.surface.get_size()
        col_w = column_width(self.cache, t, w - 2 * t.px(48))
        x = (w - col_w) // 2
        top = t.px(96)
        self.view = pygame.Rect(x - t.px(8), top, col_w + t.px(16), h - top - t.px(24))
        size = t.font_px(14.5)
        bw = self.cache.font("sans_semi", size).size("Close")[0] + t.px(32)
        self.close.buttons[0].rect = pygame.Rect(x + col_w - bw, t.px(30), bw, round(size * 2.3))
        self.tool_size = size
        self.col = pygame.Rect(x, 0, col_w, 0)
        # measured, not rendered: a long game's history is far more text than the cache holds,
        # so only the lines in view are rendered (draw), and nothing here keeps surfaces alive
        items: list[tuple[Text, int, int, int]] = []
        y = 0

        def add(text: Text, at_x: int, gap: int) -> None:
            nonlocal y
            h = self.cache.height(text.text, text.role, text.size, text.width, text.leading)
            items.append((text, at_x, y, h))
            y += h + gap

        entries = self.app.session.history() if self.app.session else []
        for n, entry in enumerate(entries):
            f = entry.frame
            if f.after:
                add(Text(f.after, "serif_italic", t.body, p.muted, col_w, 1.55), x, t.px(12))
            if f.title:
                add(Text(f.title, "serif_bold", round(t.body * 1.25), p.ink, col_w, 1.3), x, t.px(8))
            for para in f.paragraphs:
                add(Text(para, "serif", t.body, p.ink, col_w, 1.55), x, round(t.body * 0.6))
            if entry.choice_text:
                choice = Text(f"→  {entry.choice_text}", "sans_semi", t.ui, p.accent, col_w - t.px(8), 1.4)
                add(choice, x + t.px(8), 0)
            y += t.px(34) if n + 1 < len(entries) else 0
        self.items = items
        self.content_h = y
        if self.start_at_end:
            self.scroll = float(max(0, self.content_h - self.view.h))
            self.start_at_end = False
        self._clamp()

    def _clamp(self) -> None:
        self.scroll = max(0.0, min(self.scroll, float(max(0, self.content_h - self.view.h))))

    def handle(self, inp: Input) -> None:
        a = inp.action
        step = self.theme.px(60)
        if a in ("back", "history", "alt_click"):
            self.app.pop()
            return
        if self.close.handle(inp) is not None:
            self.app.pop()
            return
        if a == "scroll":
            self.scroll -= inp.value * step
        elif a in ("up", "down"):
            self.scroll += step if a == "down" else -step
        elif a in ("page_up", "page_down"):
            self.scroll += (1 if a == "page_down" else -1) * self.view.h * 0.85
        elif a == "home":
            self.scroll = 0
        elif a == "end":
            self.scroll = self.content_h
        self._clamp()

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        title = self.cache.line("History", "serif_bold", t.title, p.ink)
        surf.blit(title, (self.col.x, t.px(26)))
        b = self.close.buttons[0]
        hovered, _ = self.close.state(0)
        if hovered:
            rrect(surf, p.card_hover, b.rect, b.rect.h // 2)
        rrect(surf, p.card_line, b.rect, b.rect.h // 2, 1)
        txt = self.cache.line(b.label, "sans_semi", self.tool_size, p.ink)
        surf.blit(txt, txt.get_rect(center=b.rect.center))
        pygame.draw.line(
            surf, p.card_line, (self.col.x, self.view.y - t.px(12)), (self.col.right, self.view.y - t.px(12))
        )
        prev = surf.get_clip()
        surf.set_clip(self.view)
        dy = self.view.y - round(self.scroll)
        for text, x, y, h in self.items:
            if y + dy > self.view.bottom or y + dy + h < self.view.top:
                continue
            self._block(text).draw(surf, x, y + dy, clip=self.view)
        surf.set_clip(prev)
        scrollbar(surf, self.theme, self.view, self.scroll, self.content_h)

    def _block(self, text: Text):
        return self.cache.block(text.text, text.role, text.size, text.colour, text.width, text.leading)

    def text_boxes(self):
        panel = pygame.Rect(self.col.x - 1, 0, self.col.w + 2, max(self.content_h, 1) + 1)
        boxes = []
        for text, x, y, _ in self.items:
            b = self._block(text)
            boxes.append((panel, pygame.Rect(x, y, b.width, b.height), b.lines[0] if b.lines else ""))
        return boxes
