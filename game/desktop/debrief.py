"""The debrief after an ending: what happened, the path of choices, counts of events,
and the score curve.

The score curve is drawn from ``score`` events (through :mod:`scoreview`) when the
scoring model emits them; until then, and for the facts from the reporting that the
content issue will supply, clearly marked placeholders stand in.
"""

from __future__ import annotations

from collections import Counter

import pygame

from . import scoreview
from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, button_height, draw_button, label_line, rrect

KIND_NAMES = {
    "choice": ("choice", "choices"),
    "scene": ("scene", "scenes"),
    "variable": ("change", "changes"),
    "random": ("chance roll", "chance rolls"),
    "score": ("score change", "score changes"),
    "tier": ("tier change", "tier changes"),
    "contact": ("contact event", "contact events"),
    "ending": ("ending", "endings"),
}


def summary(session) -> dict:
    """What the debrief shows, as plain data (tests read it): ending, path, counts, curve."""
    story = session.story
    ending = story.scenes.get(session.state.ending) if session.state.ending else None
    path = [e.choice_text for e in session.history() if e.choice_text]
    counts = Counter(e.kind for e in session.events)
    view = scoreview.read(session.state)
    start = scoreview.read(session.states[0]).score
    frame = session.frame()
    return {
        "ending": frame.title if ending else "",
        "text": " ".join(frame.paragraphs) if ending else "",
        "ending_id": session.state.ending,
        "path": path,
        "counts": dict(counts),
        "curve": scoreview.curve(session.events, start),
        "score": view,
    }


def count_line(counts: dict) -> str:
    parts = []
    for kind in ("choice", "scene", "variable", "random", "score", "tier", "contact"):
        n = counts.get(kind, 0)
        if n:
            one, many = KIND_NAMES[kind]
            parts.append(f"{n} {one if n == 1 else many}")
    return "  ·  ".join(parts) or "No events"


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.data = summary(app.session)
        self.list = ButtonList(
            [
                Button("Play again", "again"),
                Button("Endings gallery", "gallery"),
                Button("Main menu", "title"),
            ],
            columns=3,
        )
        self.list.focus = 0
        self.boxes: list = []

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        m = t.px(48)
        width = min(w - 2 * m, t.px(1120))
        self.x0 = (w - width) // 2
        gap = t.px(28)
        self.left = pygame.Rect(self.x0, t.px(40), (width - gap) * 55 // 100, 0)
        self.right = pygame.Rect(self.left.right + gap, t.px(40), width - self.left.w - gap, 0)
        bh = max(button_height(self.cache, t, b, t.px(220)) for b in self.list.buttons)
        y = h - t.px(32) - bh
        bw = (self.left.w - 2 * t.px(12)) // 3
        for i, b in enumerate(self.list.buttons):
            b.rect = pygame.Rect(self.x0 + i * (bw + t.px(12)), y, bw, bh)
        self.bottom = y - t.px(20)
        self.left.h = self.right.h = self.bottom - self.left.y

    def handle(self, inp: Input) -> None:
        from .gallery import GalleryScreen

        if inp.action in ("back", "alt_click"):
            self.app.pop()
            return
        if inp.action in ("up", "down"):
            inp = Input("left" if inp.action == "up" else "right")
        picked = self.list.handle(inp)
        if picked is None:
            return
        self.app.sounds.play("click")
        if picked.data == "again":
            self.app.new_game()
        elif picked.data == "gallery":
            self.app.push(GalleryScreen(self.app))
        elif picked.data == "title":
            self.app.to_title()

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        self.boxes = []
        x, y, width = self.left.x, self.left.y, self.left.w
        lbl = self.cache.line("DEBRIEF  ·  THE END", "sans_bold", t.label, p.accent)
        surf.blit(lbl, (x, y))
        y += lbl.get_height() + t.px(8)
        head = self.cache.block(self.data["ending"] or "The end", "serif_bold", t.title, p.ink, width, 1.2)
        head.draw(surf, x, y)
        self.boxes.append((self.left, pygame.Rect(x, y, head.width, head.height), "ending"))
        y += head.height + t.px(8)
        if self.data["text"]:
            text = self.cache.block(self.data["text"], "serif_italic", t.font_px(17), p.muted, width, 1.55)
            text.draw(surf, x, y)
            self.boxes.append((self.left, pygame.Rect(x, y, text.width, text.height), "ending text"))
            y += text.height + t.px(10)
        counts = self.cache.block(count_line(self.data["counts"]), "sans", t.small, p.muted, width, 1.45)
        counts.draw(surf, x, y)
        y += counts.height + t.px(22)
        y = self._path(surf, x, y, width)
        self._curve(surf)
        for i, b in enumerate(self.list.buttons):
            hovered, focused = self.list.state(i)
            draw_button(surf, self.cache, t, b, hovered, focused, b.rect, align="center")

    def _path(self, surf, x, y, width) -> int:
        t, p = self.theme, self.theme.palette
        sec = self.cache.line("YOUR PATH", "sans_bold", t.label, p.muted)
        surf.blit(sec, (x, y))
        y += sec.get_height() + t.px(10)
        path = self.data["path"]
        size = t.font_px(16)
        row = round(size * 1.75)
        room = max(0, (self.bottom - y) // row)
        shown = path if len(path) <= room else path[: max(0, room - 1)]
        num_w = self.cache.font("sans_semi", size).size("00")[0]
        for i, text in enumerate(shown, 1):
            tx = x + num_w + t.px(12)
            line = label_line(self.cache, text, "serif", size, p.ink, x + width - tx)
            surf.blit(line, (tx, y))
            num = self.cache.line(str(i), "sans_semi", round(size * 0.85), p.accent, smart=False)
            surf.blit(num, num.get_rect(midright=(x + num_w, y + line.get_height() // 2)))
            self.boxes.append((self.left, pygame.Rect(tx, y, line.get_width(), line.get_height()), text))
            y += row
        if len(shown) < len(path):
            more = self.cache.line(
                f"… and {len(path) - len(shown)} more (see History)", "sans", t.small, p.muted
            )
            surf.blit(more, (x, y))
            y += row
        if not path:
            none = self.cache.line("No choices: you started at the end.", "sans", t.small, p.muted)
            surf.blit(none, (x, y))
        return y

    def _card(self, surf, rect, title, body, placeholder: bool) -> pygame.Rect:
        t, p = self.theme, self.theme.palette
        rrect(surf, p.bg2, rect, t.px(14))
        rrect(surf, p.card_line, rect, t.px(14), 1)
        pad = t.px(20)
        inner = rect.w - 2 * pad
        y = rect.y + pad
        head = label_line(self.cache, title, "sans_bold", t.label, p.muted, inner)
        surf.blit(head, (rect.x + pad, y))
        y += head.get_height() + t.px(10)
        if placeholder:
            tag = self.cache.line("PLACEHOLDER", "sans_bold", t.font_px(11), p.accent_ink)
            pill = tag.get_rect().inflate(t.px(14), t.px(6))
            pill.topleft = (rect.x + pad, y)
            rrect(surf, p.accent, pill, pill.h // 2)
            surf.blit(tag, tag.get_rect(center=pill.center))
            y = pill.bottom + t.px(10)
        if body:
            block = self.cache.block(body, "sans", t.small, p.muted, inner, 1.5)
            fit = max(0, (rect.bottom - pad - y) // block.line_h)
            clip = surf.get_clip()
            surf.set_clip(pygame.Rect(rect.x, y, rect.w, fit * block.line_h))
            block.draw(surf, rect.x + pad, y)
            surf.set_clip(clip)
            self.boxes.append(
                (
                    rect,
                    pygame.Rect(rect.x + pad, y, block.width, min(block.height, fit * block.line_h)),
                    title,
                )
            )
            y += block.height
        return pygame.Rect(rect.x + pad, y, inner, rect.bottom - pad - y)

    def _curve(self, surf) -> None:
        t = self.theme
        r = self.right
        top_h = r.h * 58 // 100
        chart = pygame.Rect(r.x, r.y, r.w, top_h)
        facts = pygame.Rect(r.x, chart.bottom + t.px(16), r.w, r.h - top_h - t.px(16))
        points = self.data["curve"]
        if len(points) >= 2:
            area = self._card(surf, chart, "YOUR SCORE OVER TIME", "", False)
            self._plot(surf, area, points)
        else:
            self._card(
                surf,
                chart,
                "YOUR SCORE OVER TIME",
                "The curve of your score through this playthrough goes here once the scoring model "
                "is in the story: every rise and fall, marked with what caused it.",
                True,
            )
        self._card(
            surf,
            facts,
            "WHAT WAS REAL",
            "Facts from the reporting on Sesame Credit and China's social credit pilots (2015–2020), "
            "matched to the moments you just played, arrive with the content.",
            True,
        )

    def _plot(self, surf, area: pygame.Rect, points) -> None:
        t, p = self.theme, self.theme.palette
        lo, hi = scoreview.SCORE_MIN, scoreview.SCORE_MAX
        last_turn = max(1, max(turn for turn, _ in points))
        xy = [
            (area.x + area.w * turn / last_turn, area.bottom - area.h * (score - lo) / (hi - lo))
            for turn, score in points
        ]
        pygame.draw.line(surf, p.card_line, area.bottomleft, area.bottomright)
        if len(xy) >= 2:
            pygame.draw.lines(surf, p.accent, False, xy, t.px(3))
        for pt in xy:
            pygame.draw.circle(surf, p.accent, pt, t.px(4))
        last = self.cache.line(str(points[-1][1]), "sans_bold", t.small, p.ink, smart=False)
        surf.blit(
            last, last.get_rect(bottomright=(area.right, max(area.y + last.get_height(), xy[-1][1] - 6)))
        )

    def text_boxes(self):
        return self.boxes
