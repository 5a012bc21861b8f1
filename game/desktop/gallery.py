"""The endings gallery: every ending of the story, the ones reached in any playthrough
shown by name, the others locked as "???". Kept across games in the data folder."""

from __future__ import annotations

import pygame

from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, draw_button, label_line, rrect

LOCKED_TEXT = "Not reached yet. Other choices lead here."


def excerpt(scene) -> str:
    """The ending's first words, unless they hold {expressions} that need a game to fill."""
    for passage in scene.passages:
        raw = passage.text.raw.strip()
        if raw and "{" not in raw:
            return raw if len(raw) <= 110 else raw[:107].rsplit(" ", 1)[0] + "…"
    return ""


class GalleryScreen(Screen):
    name = "gallery"

    def __init__(self, app):
        super().__init__(app)
        self.back = ButtonList([Button("Back", "back")])
        self.back.focus = 0
        self.cards: list[tuple[pygame.Rect, object, bool]] = []
        self.boxes: list = []

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        reached = self.app.gallery.reached()
        endings = self.app.story.endings
        width = min(w - 2 * t.px(48), t.px(900))
        x0 = (w - width) // 2
        cols = 2 if width > t.px(560) else 1
        gap = t.px(16)
        cw = (width - gap * (cols - 1)) // cols
        pad = t.px(20)
        inner = cw - 2 * pad
        ch = 0
        for scene in endings:
            ok = scene.id in reached
            text = excerpt(scene) if ok else LOCKED_TEXT
            need = (
                self.cache.font("sans_bold", t.label).get_height()
                + t.px(8)
                + self.cache.font("serif_bold", round(t.body * 1.15)).get_height()
                + t.px(6)
                + self.cache.height(text, "serif_italic" if ok else "sans", t.small, inner, 1.45)
            )
            ch = max(ch, need + 2 * pad)
        top = t.px(150)
        self.x0, self.width = x0, width
        self.cards = []
        for i, scene in enumerate(endings):
            r = pygame.Rect(x0 + (i % cols) * (cw + gap), top + (i // cols) * (ch + gap), cw, ch)
            self.cards.append((r, scene, scene.id in reached))
        rows = (len(endings) + cols - 1) // cols
        by = min(h - t.px(90), top + rows * (ch + gap) + t.px(8))
        self.back.buttons[0].rect = pygame.Rect(x0, by, t.px(200), t.px(56))
        self.count = (sum(1 for _, _, ok in self.cards if ok), len(self.cards))

    def handle(self, inp: Input) -> None:
        if inp.action in ("back", "alt_click") or self.back.handle(inp) is not None:
            self.app.pop()

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        self.boxes = []
        head = self.cache.line("Endings", "serif_bold", t.title, p.ink)
        surf.blit(head, (self.x0, t.px(48)))
        found, total = self.count
        sub = self.cache.line(
            f"{found} of {total} found across all your playthroughs", "sans", t.small, p.muted
        )
        surf.blit(sub, (self.x0, t.px(48) + head.get_height() + t.px(4)))
        for rect, scene, ok in self.cards:
            rrect(surf, p.card if ok else p.bg2, rect, t.px(14))
            rrect(surf, p.accent if ok else p.card_line, rect, t.px(14), 1)
            pad = t.px(20)
            inner = rect.w - 2 * pad
            label = "ENDING" if ok else "LOCKED"
            lbl = self.cache.line(label, "sans_bold", t.label, p.accent if ok else p.faint)
            surf.blit(lbl, (rect.x + pad, rect.y + pad))
            y = rect.y + pad + lbl.get_height() + t.px(8)
            title = scene.title.raw if ok else "???"
            line = label_line(
                self.cache, title, "serif_bold", round(t.body * 1.15), p.ink if ok else p.faint, inner
            )
            surf.blit(line, (rect.x + pad, y))
            self.boxes.append(
                (rect, pygame.Rect(rect.x + pad, y, line.get_width(), line.get_height()), title)
            )
            y += line.get_height() + t.px(6)
            text = excerpt(scene) if ok else LOCKED_TEXT
            block = self.cache.block(text, "serif_italic" if ok else "sans", t.small, p.muted, inner, 1.45)
            block.draw(surf, rect.x + pad, y)
            self.boxes.append((rect, pygame.Rect(rect.x + pad, y, block.width, block.height), "excerpt"))
        b = self.back.buttons[0]
        hovered, focused = self.back.state(0)
        draw_button(surf, self.cache, t, b, hovered, focused, b.rect, align="center")

    def text_boxes(self):
        return self.boxes
