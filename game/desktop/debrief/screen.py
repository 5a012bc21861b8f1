"""The debrief screen: five step tabs at the top, the page in a scrolling view, buttons at the
bottom.

Keys: ←/→ or 1-5 change page, ↑/↓ and the wheel scroll, Page Up/Down scroll a screenful (and
turn the page at either end), Home/End, Enter the highlighted button, Esc back to the
story. The mouse clicks the step tabs at the top and the buttons at the bottom.
"""

from __future__ import annotations

import pygame

from ...engine.debrief import Debrief, build_debrief
from ...engine.reflection import questions
from ...engine.scoring.format import DEBRIEF_STEPS
from ...workshop.reflect import moves
from ..inputs import Input
from ..memory import give_back
from ..screen import Screen
from ..widgets import Button, ButtonList, label_line, mix, rrect, scrollbar
from .look import fade
from .page import Page
from .pages import PageWriter
from .words import Words

SHORT_TITLES = {
    "feel": "How it felt",
    "happened": "What happened",
    "mechanism": "The mechanism",
    "real": "What is real",
    "question": "The question",
}


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        session = app.session
        self.story = app.story
        asked = app.claim_answers
        rated = (asked["before"], asked["after"]) if app.claims_asked else None
        self.debrief: Debrief = build_debrief(self.story, session.states, claims=rated)
        self.words = Words(self.story, session.state)
        frame = session.frame()
        self.ending_text = " ".join(frame.paragraphs) if session.state.ending else ""
        answers = getattr(app, "answers", {})
        #: how the player's answers moved, as the terminal and the browser show them
        self.moves = moves(questions(self.story), answers.get("before", {}), answers.get("after", {}))
        self.page = 0
        self.scroll = 0.0
        self.content_h = 0
        self.list = ButtonList()
        self.steps = ButtonList()
        self.view = pygame.Rect(0, 0, 0, 0)
        self.boxes: list = []
        self.hover_step: int | None = None

    # -- layout ----------------------------------------------------------------------
    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        margin = t.px(48)
        self.col_w = min(w - 2 * margin, t.px(860))
        self.col_x = (w - self.col_w) // 2
        self._layout_steps(w)
        self._layout_buttons(w, h)
        top = self.steps_bottom + t.px(18)
        self.view = pygame.Rect(self.col_x - t.px(12), top, self.col_w + t.px(24), self.bar_top - top)
        self._build()

    def _layout_steps(self, w: int) -> None:
        """The five steps as tabs across the top: number and short title (numbers only
        when the titles do not fit)."""
        t = self.theme
        size = t.font_px(13.5)
        font = self.cache.font("sans_semi", size)
        gap = t.px(6)
        avail = min(w - 2 * t.px(24), t.px(1100))
        labels = [f"{i}  {SHORT_TITLES[s]}" for i, s in enumerate(DEBRIEF_STEPS, 1)]
        widths = [font.size(lbl)[0] + t.px(30) for lbl in labels]
        if sum(widths) + gap * 4 > avail:
            labels = [str(i) for i in range(1, 6)]
            widths = [font.size(lbl)[0] + t.px(30) for lbl in labels]
        self.step_size = size
        bh = round(size * 2.3)
        x = (w - (sum(widths) + gap * 4)) // 2
        y = t.px(22)
        buttons = []
        for i, (lbl, bw) in enumerate(zip(labels, widths, strict=True)):
            b = Button(lbl, i)
            b.rect = pygame.Rect(x, y, bw, bh)
            buttons.append(b)
            x += bw + gap
        self.steps.set(buttons)
        self.steps_bottom = y + bh

    def _layout_buttons(self, w: int, h: int) -> None:
        t = self.theme
        last = self.page == len(DEBRIEF_STEPS) - 1
        right = [Button("Back", "prev", enabled=self.page > 0)]
        if last:
            right += [Button("Endings", "gallery"), Button("Play again", "again")]
        else:
            right.append(Button(f"Next: {SHORT_TITLES[DEBRIEF_STEPS[self.page + 1]]}  →", "next"))
        left = Button("Main menu", "title")
        size = t.font_px(15.5)
        font = self.cache.font("sans_semi", size)
        bh = max(t.px(40), round(size * 2.6))
        self.bar_top = h - t.px(22) - bh - t.px(18)
        y = h - t.px(22) - bh
        area_l = min(self.col_x, (w - t.px(1100)) // 2) if w > t.px(1100) else t.px(24)
        area_r = w - area_l
        left.rect = pygame.Rect(area_l, y, font.size(left.label)[0] + t.px(40), bh)
        x = area_r
        for b in reversed(right):
            bw = font.size(b.label)[0] + t.px(40)
            b.rect = pygame.Rect(x - bw, y, bw, bh)
            x -= bw + t.px(10)
        buttons = [left, *right]
        focus_data = "again" if last else "next"
        self.list.set(buttons)
        self.list.focus = next(i for i, b in enumerate(buttons) if b.data == focus_data)
        self.button_size = size

    def go(self, page: int) -> None:
        page = max(0, min(len(DEBRIEF_STEPS) - 1, page))
        if page != self.page:
            self.page = page
            self.scroll = 0.0
            self.layout()
            give_back()  # the last page's text may have left the cache: free its pages
            self.app.dirty = True

    def _build(self) -> None:
        page = Page(self.cache, self.theme, self.col_x, self.col_w)
        writer = PageWriter(
            self.theme, self.cache, self.debrief, self.words, self.ending_text, self.view.h, self.moves
        )
        writer.write(DEBRIEF_STEPS[self.page], page)
        self.writer = writer
        page.space(self.theme.px(24))
        self.current = page
        self.content_h = page.y
        self._clamp()

    def _clamp(self) -> None:
        self.scroll = max(0.0, min(self.scroll, float(max(0, self.content_h - self.view.h))))

    # -- input -----------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        a = inp.action
        if a in ("back", "alt_click"):
            self.app.pop()
            return
        if a == "point":
            hover = next((i for i, b in enumerate(self.steps.buttons) if b.rect.collidepoint(inp.pos)), None)
            self.hover_step = hover
            self.list.handle(inp)
            return
        if a == "click":
            step = next((b for b in self.steps.buttons if b.rect.collidepoint(inp.pos)), None)
            if step is not None:
                self.app.sounds.play("click")
                self.go(step.data)
                return
        if a in ("up", "down") and inp.key == pygame.K_TAB:
            self.list.move(-1 if a == "up" else 1)  # Tab walks the buttons below the page
            return
        if self._move(inp):
            return
        picked = self.list.handle(inp)
        if picked is not None:
            self.app.sounds.play("click")
            self._button(picked.data)

    def _move(self, inp: Input) -> bool:
        """Turn the page or scroll it for a key or the wheel; True if ``inp`` did."""
        a = inp.action
        if a in ("left", "right"):
            self.go(self.page + (-1 if a == "left" else 1))
        elif a == "number" and inp.value <= len(DEBRIEF_STEPS):
            self.go(inp.value - 1)  # the step tabs show their numbers: the keys take them
        elif a in ("up", "down"):
            self._scroll_by((-1 if a == "up" else 1) * self.theme.px(60))
        elif a == "scroll":
            self._scroll_by(-inp.value * self.theme.px(60))
        elif a in ("page_up", "page_down"):
            down = a == "page_down"
            limit = max(0, self.content_h - self.view.h)
            if down and self.scroll >= limit - 1:
                self.go(self.page + 1)
            elif not down and self.scroll <= 0:
                self.go(self.page - 1)
            else:
                self._scroll_by((1 if down else -1) * self.view.h * 0.85)
        elif a in ("home", "end"):
            self.scroll = 0.0 if a == "home" else float(self.content_h)
            self._clamp()
        else:
            return False
        return True

    def _button(self, what) -> None:
        from ..gallery import GalleryScreen

        if what == "next":
            self.go(self.page + 1)
        elif what == "prev":
            self.go(self.page - 1)
        elif what == "again":
            self.app.new_game()
        elif what == "gallery":
            self.app.push(GalleryScreen(self.app))
        elif what == "title":
            self.app.to_title()

    def _scroll_by(self, amount: float) -> None:
        self.scroll += amount
        self._clamp()

    # -- drawing ---------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        self.boxes = []
        self._draw_steps(surf)
        prev = surf.get_clip()
        surf.set_clip(self.view)
        dy = self.view.y - round(self.scroll)
        if DEBRIEF_STEPS[self.page] == "feel" and self.content_h < self.view.h:
            dy += (self.view.h - self.content_h) // 3  # a short first page sits nearer the middle
        top, bottom = round(self.scroll) - t.px(40), round(self.scroll) + self.view.h + t.px(40)
        for item in self.current.items:
            if item.rect.bottom >= top and item.rect.top <= bottom:
                item.draw(surf, dy)
        surf.set_clip(prev)
        self._fades(surf)
        self._scrollbar(surf)
        pygame.draw.line(surf, p.card_line, (0, self.bar_top), (surf.get_width(), self.bar_top))
        for i, b in enumerate(self.list.buttons):
            hovered, focused = self.list.state(i)
            self._draw_button(surf, b, hovered, focused)

    def _draw_steps(self, surf) -> None:
        t, p = self.theme, self.theme.palette
        for i, b in enumerate(self.steps.buttons):
            on = i == self.page
            done = i < self.page
            r = b.rect
            if on:
                rrect(surf, p.accent, r, r.h // 2)
                colour = p.accent_ink
            else:
                if self.hover_step == i:
                    rrect(surf, p.card_hover, r, r.h // 2)
                rrect(surf, p.card_line, r, r.h // 2, 1)
                colour = p.ink if done or self.hover_step == i else p.muted
            lbl = label_line(self.cache, b.label, "sans_semi", self.step_size, colour, r.w - t.px(20))
            surf.blit(lbl, lbl.get_rect(center=r.center))
            self.boxes.append((r, lbl.get_rect(center=r.center), b.label))

    def _draw_button(self, surf, b: Button, hovered: bool, focused: bool) -> None:
        t, p = self.theme, self.theme.palette
        r = b.rect
        primary = b.data in ("next", "again")
        if not b.enabled:
            rrect(surf, p.card_line, r, r.h // 2, 1)
            colour = p.disabled
        elif primary:
            rrect(surf, p.accent if not hovered else mix(p.accent, (255, 255, 255), 0.15), r, r.h // 2)
            colour = p.accent_ink
        else:
            rrect(surf, p.card_hover if hovered else p.card, r, r.h // 2)
            rrect(surf, p.card_line, r, r.h // 2, 1)
            colour = p.ink
        if focused and b.enabled:
            rrect(
                surf,
                p.ink if primary else p.accent,
                r.inflate(t.px(6), t.px(6)),
                (r.h + t.px(6)) // 2,
                max(1, t.px(2)),
            )
        lbl = label_line(self.cache, b.label, "sans_semi", self.button_size, colour, r.w - t.px(16))
        surf.blit(lbl, lbl.get_rect(center=r.center))
        self.boxes.append((r, lbl.get_rect(center=r.center), b.label))

    def _fades(self, surf) -> None:
        """Soft edges where the page scrolls under the top and bottom of its window."""
        t, p = self.theme, self.theme.palette
        h = t.px(24)
        limit = max(0, self.content_h - self.view.h)
        for at_top, show in ((True, self.scroll > 0), (False, self.scroll < limit)):
            if not show:
                continue
            surf.blit(
                fade(self.view.w, h, p.bg, at_top),
                (self.view.x, self.view.y if at_top else self.view.bottom - h),
            )

    def _scrollbar(self, surf) -> None:
        scrollbar(surf, self.theme, self.view, self.scroll, self.content_h, gap=10)

    def text_boxes(self):
        # the page scrolls: its text must stay within the column's width (content coordinates)
        column = pygame.Rect(self.col_x - 1, 0, self.col_w + 2, max(self.content_h, self.view.h) + 1)
        out = [(column, box, what) for box, what in self.current.boxes]
        return out + self.boxes
