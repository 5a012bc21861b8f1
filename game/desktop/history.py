"""The history screen: every scene shown so far and the choice taken on it, scrollable
(wheel, arrows, Page Up/Down, Home/End). Esc, H or the Close button go back."""

from __future__ import annotations

import pygame

from .inputs import Input
from .screen import Screen
from .story import MEASURE_CHARS, SAMPLE
from .text import Block
from .widgets import Button, ButtonList, rrect, scrollbar


class HistoryScreen(Screen):
    name = "history"

    def __init__(self, app):
        super().__init__(app)
        self.items: list[tuple[Block, int, int]] = []  # block, x, y in content coordinates
        self.scroll = 0.0
        self.content_h = 0
        self.view = pygame.Rect(0, 0, 0, 0)
        self.close = ButtonList([Button("Close", "close")])
        self.start_at_end = True

    def layout(self) -> None:
        t, p = self.theme, self.theme.palette
        w, h = self.app.surface.get_size()
        avg = self.cache.font("serif", t.body).size(SAMPLE)[0] / len(SAMPLE)
        col_w = min(w - 2 * t.px(48), round(avg * MEASURE_CHARS))
        x = (w - col_w) // 2
        top = t.px(96)
        self.view = pygame.Rect(x - t.px(8), top, col_w + t.px(16), h - top - t.px(24))
        size = t.font_px(14.5)
        bw = self.cache.font("sans_semi", size).size("Close")[0] + t.px(32)
        self.close.buttons[0].rect = pygame.Rect(x + col_w - bw, t.px(30), bw, round(size * 2.3))
        self.tool_size = size
        self.col = pygame.Rect(x, 0, col_w, 0)
        items = []
        y = 0
        entries = self.app.session.history() if self.app.session else []
        for n, entry in enumerate(entries):
            f = entry.frame
            if f.after:
                b = self.cache.block(f.after, "serif_italic", t.body, p.muted, col_w, 1.55)
                items.append((b, x, y))
                y += b.height + t.px(12)
            if f.title:
                b = self.cache.block(f.title, "serif_bold", round(t.body * 1.25), p.ink, col_w, 1.3)
                items.append((b, x, y))
                y += b.height + t.px(8)
            for para in f.paragraphs:
                b = self.cache.block(para, "serif", t.body, p.ink, col_w, 1.55)
                items.append((b, x, y))
                y += b.height + round(t.body * 0.6)
            if entry.choice_text:
                b = self.cache.block(
                    f"→  {entry.choice_text}", "sans_semi", t.ui, p.accent, col_w - t.px(8), 1.4
                )
                items.append((b, x + t.px(8), y))
                y += b.height
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
        for block, x, y in self.items:
            if y + dy > self.view.bottom or y + dy + block.height < self.view.top:
                continue
            block.draw(surf, x, y + dy, clip=self.view)
        surf.set_clip(prev)
        scrollbar(surf, self.theme, self.view, self.scroll, self.content_h)

    def text_boxes(self):
        panel = pygame.Rect(self.col.x - 1, 0, self.col.w + 2, max(self.content_h, 1) + 1)
        return [
            (panel, pygame.Rect(x, y, b.width, b.height), b.lines[0] if b.lines else "")
            for b, x, y in self.items
        ]
