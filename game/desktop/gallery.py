"""The endings gallery: every ending of the story, the ones reached in any playthrough
shown by name, the others locked as "???". Kept across games in the data folder."""

from __future__ import annotations

import pygame

from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, dim, draw_button, label_line, rrect, scrollbar

LOCKED_TEXT = "Not reached yet. Other choices lead here."


def excerpt(scene) -> str:
    """The ending's first words, unless they hold {expressions} that need a game to fill."""
    for passage in scene.passages:
        raw = passage.text.raw.strip()
        if raw and "{" not in raw:
            return raw if len(raw) <= 110 else raw[:107].rsplit(" ", 1)[0] + "…"
    return ""


def full_text(scene) -> str:
    """An opened ending's text: its passages without {expressions} (they need a game to fill)."""
    parts = [
        " ".join(p.text.raw.split()) for p in scene.passages if p.text.raw.strip() and "{" not in p.text.raw
    ]
    text = "\n\n".join(parts)
    return text if len(text) <= 900 else text[:897].rsplit(" ", 1)[0] + "…"


class GalleryScreen(Screen):
    """Cards in a scrolling grid between the heading and a bar that holds Back, so Back never
    covers a card at any window size. Arrows move between cards (the grid scrolls to the
    focused one), the wheel and Page Up/Down scroll; Enter or a click opens a reached ending,
    Esc closes it, then the gallery."""

    name = "gallery"

    def __init__(self, app):
        super().__init__(app)
        self.back = ButtonList([Button("Back", "back")])
        self.grid = ButtonList()
        self.cards: list[tuple[pygame.Rect, object, bool]] = []
        self.boxes: list = []
        self.scroll = 0.0
        self.content_h = 0
        self.view = pygame.Rect(0, 0, 0, 0)
        self.opened = None  # the ending shown in full, or None

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
        head_h = self.cache.font("serif_bold", t.title).get_height()
        top = t.px(48) + head_h + t.px(4) + self.cache.font("sans", t.small).get_height() + t.px(20)
        bar = t.px(56) + 2 * t.px(16)
        self.view = pygame.Rect(x0 - t.px(4), top, width + t.px(8), max(t.px(80), h - top - bar))
        self.x0, self.width = x0, width
        self.cards = []
        buttons = []
        for i, scene in enumerate(endings):
            r = pygame.Rect(x0 + (i % cols) * (cw + gap), (i // cols) * (ch + gap) + t.px(4), cw, ch)
            ok = scene.id in reached
            self.cards.append((r, scene, ok))
            buttons.append(Button(scene.id, scene, enabled=ok, rect=r))
        self.grid.columns = cols
        self.grid.set(buttons)
        rows = (len(endings) + cols - 1) // cols
        self.content_h = rows * (ch + gap) + t.px(8)
        below = min(self.view.bottom, self.view.y + self.content_h)  # under the cards, never on them
        self.back.buttons[0].rect = pygame.Rect(x0, below + t.px(16), t.px(200), t.px(56))
        self.count = (sum(1 for _, _, ok in self.cards if ok), len(self.cards))
        self._clamp()

    def _clamp(self) -> None:
        self.scroll = max(0.0, min(self.scroll, float(max(0, self.content_h - self.view.h))))

    def _show(self, rect: pygame.Rect) -> None:
        if rect.top < self.scroll:
            self.scroll = rect.top - self.theme.px(4)
        elif rect.bottom > self.scroll + self.view.h:
            self.scroll = rect.bottom - self.view.h + self.theme.px(4)
        self._clamp()

    def handle(self, inp: Input) -> None:
        a = inp.action
        if self.opened is not None:
            if a in ("back", "alt_click", "confirm", "click"):
                self.opened = None
            return
        if a in ("back", "alt_click") or self.back.handle(inp) is not None:
            self.app.pop()
            return
        if a == "scroll":
            self.scroll -= inp.value * self.theme.px(60)
            self._clamp()
            return
        if a in ("page_up", "page_down"):
            self.scroll += (1 if a == "page_down" else -1) * self.view.h * 0.85
            self._clamp()
            return
        if a in ("point", "click"):
            if not self.view.collidepoint(inp.pos):
                self.grid.hover = None
                return
            inp = Input(a, (inp.pos[0], inp.pos[1] - self.view.y + round(self.scroll)))
        if a in ("up", "down", "left", "right") and self.grid.focus is None and self.back.focus is not None:
            self.back.focus = None
        picked = self.grid.handle(inp)
        if self.grid.focus is not None and a in ("up", "down", "left", "right"):
            self._show(self.grid.buttons[self.grid.focus].rect)
        if picked is not None:
            self.app.sounds.play("click")
            self.opened = picked.data

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
        prev = surf.get_clip()
        surf.set_clip(self.view)
        dy = self.view.y - round(self.scroll)
        for i, (card, scene, ok) in enumerate(self.cards):
            rect = card.move(0, dy)
            if rect.bottom < self.view.top or rect.top > self.view.bottom:
                continue
            hovered, focused = self.grid.state(i)
            lit = ok and (hovered or focused)
            rrect(surf, (p.card_hover if lit else p.card) if ok else p.bg2, rect, t.px(14))
            ring = p.accent if ok else p.card_line
            rrect(surf, ring, rect, t.px(14), t.px(3) if focused else 1)
            pad = t.px(20)
            inner = rect.w - 2 * pad
            label = "ENDING  ·  OPEN" if lit else ("ENDING" if ok else "LOCKED")
            lbl = self.cache.line(label, "sans_bold", t.label, p.accent if ok else p.faint)
            surf.blit(lbl, (rect.x + pad, rect.y + pad))
            y = rect.y + pad + lbl.get_height() + t.px(8)
            title = scene.title.raw if ok else "???"
            line = label_line(
                self.cache, title, "serif_bold", round(t.body * 1.15), p.ink if ok else p.faint, inner
            )
            surf.blit(line, (rect.x + pad, y))
            self.boxes.append(
                (card, pygame.Rect(card.x + pad, y - dy, line.get_width(), line.get_height()), title)
            )
            y += line.get_height() + t.px(6)
            text = excerpt(scene) if ok else LOCKED_TEXT
            block = self.cache.block(text, "serif_italic" if ok else "sans", t.small, p.muted, inner, 1.45)
            block.draw(surf, rect.x + pad, y)
            self.boxes.append((card, pygame.Rect(card.x + pad, y - dy, block.width, block.height), "excerpt"))
        surf.set_clip(prev)
        scrollbar(surf, t, self.view, self.scroll, self.content_h, gap=2)
        b = self.back.buttons[0]
        hovered, focused = self.back.state(0)
        draw_button(surf, self.cache, t, b, hovered, focused, b.rect, align="center")
        if self.opened is not None:
            self._draw_opened(surf)

    def _draw_opened(self, surf: pygame.Surface) -> None:
        """The opened ending on a card over the dimmed gallery."""
        t, p = self.theme, self.theme.palette
        dim(surf, p.overlay)
        w, h = surf.get_size()
        width = min(w - 2 * t.px(40), t.px(720))
        pad = t.px(28)
        scene = self.opened
        title = self.cache.block(scene.title.raw, "serif_bold", t.title, p.ink, width - 2 * pad, 1.2)
        body = self.cache.block(full_text(scene), "serif", t.small, p.ink, width - 2 * pad, 1.5)
        hint = self.cache.line("Esc, Enter or a click closes", "sans", t.label, p.muted)
        ch = min(
            h - 2 * t.px(24), pad * 2 + title.height + t.px(12) + body.height + t.px(14) + hint.get_height()
        )
        card = pygame.Rect((w - width) // 2, (h - ch) // 2, width, ch)
        rrect(surf, p.bg2, card, t.px(18))
        rrect(surf, p.accent, card, t.px(18), 1)
        title.draw(surf, card.x + pad, card.y + pad)
        clip = pygame.Rect(card.x, card.y + pad, card.w, card.h - 2 * pad - hint.get_height() - t.px(14))
        body.draw(surf, card.x + pad, card.y + pad + title.height + t.px(12), clip=clip)
        surf.blit(hint, (card.x + pad, card.bottom - pad - hint.get_height()))

    def text_boxes(self):
        return self.boxes
