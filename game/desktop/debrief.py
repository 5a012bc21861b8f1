"""The debrief after an ending, in five pages: how it felt, what happened, how the
mechanism works, what is real, and a question to take away.

The data comes from :func:`game.engine.debrief.build_debrief`, computed once when the
screen opens (it replays the roads not taken, which is not free). The debrief reveals
everything, whatever the session's transparency mode: explanations are the transparent
ones.

Keys: ←/→ change page, ↑/↓ and the wheel scroll, Page Up/Down scroll a screenful (and
turn the page at either end), Home/End, Enter the highlighted button, Esc back to the
story. The mouse clicks the step tabs at the top and the buttons at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ..engine.debrief import STEP_TITLES, Debrief, build_debrief
from ..engine.runtime import Context
from ..engine.scoring.engine import model_of
from ..engine.scoring.format import DEBRIEF_STEPS
from .inputs import Input
from .scoreview import date_text, signed
from .screen import Screen
from .widgets import Button, ButtonList, label_line, rrect, scrollbar

SHORT_TITLES = {
    "feel": "How it felt",
    "happened": "What happened",
    "mechanism": "The mechanism",
    "real": "What is real",
    "question": "The question",
}
LABEL_COLOURS = {"documented": (96, 186, 132), "reported": (232, 176, 76), "speculative": (168, 146, 232)}
LABEL_NOTES = {
    "documented": "in official documents or the company’s own statements",
    "reported": "by journalists and researchers",
    "speculative": "claimed or imagined, not confirmed",
}


@dataclass
class Item:
    """A piece of the page in content coordinates; ``draw(surf, dy)`` paints it shifted by dy."""

    rect: pygame.Rect
    draw: Callable[[pygame.Surface, int], None]


class Page:
    """Lays a page out top to bottom: text blocks, labels and custom pieces, with the text
    boxes the overflow tests check."""

    def __init__(self, screen: DebriefScreen, x: int, width: int):
        self.s = screen
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
        block = self.s.cache.block(text, role, size, colour, width, leading)
        bx = self.x + x + ((width - block.width) // 2 if center else 0)
        rect = pygame.Rect(bx, self.y, block.width, block.height)
        if center:
            # centred lines: each line centred on its own
            def draw(surf, dy, block=block, y=self.y):
                for i, line in enumerate(block.surfaces):
                    surf.blit(line, (self.x + x + (width - line.get_width()) // 2, y + dy + i * block.line_h))
        else:

            def draw(surf, dy, block=block, bx=bx, y=self.y):
                block.draw(surf, bx, y + dy)

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
        t, p = self.s.theme, self.s.theme.palette
        self.space(t.px(30))
        size = t.label
        h = self.s.cache.font("sans_bold", size).get_height()
        title_w = min(self.w, self.s.cache.font("sans_bold", size).size(title)[0])
        boxes = [(pygame.Rect(self.x, self.y, title_w, h), title)]

        def draw(surf, r):
            lbl = label_line(self.s.cache, title, "sans_bold", size, p.accent, r.w)
            surf.blit(lbl, r.topleft)
            lx = r.x + lbl.get_width() + t.px(14)
            if lx < r.right:
                pygame.draw.line(surf, p.card_line, (lx, r.centery), (r.right, r.centery))

        self.custom(h, draw, boxes)
        self.space(t.px(12))
        if note:
            self.text(note, "sans", t.small, p.muted, leading=1.45, gap=t.px(10))


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        session = app.session
        self.story = app.story
        self.debrief: Debrief = build_debrief(self.story, session.states)
        self.ctx = Context(self.story, session.state)
        frame = session.frame()
        self.ending_text = " ".join(frame.paragraphs) if session.state.ending else ""
        model = model_of(self.story)
        rules = model.rules if model is not None else None
        self.tiers = [(tier.id, tier.title, tier.min) for tier in rules.tiers] if rules else []
        self.range = (rules.min, rules.max) if rules else (0, 1)
        self.texts = {step: text for step, _, text in self.debrief.steps}
        self.page = 0
        self.scroll = 0.0
        self.content_h = 0
        self.pages_built: list[Page] = []
        self.list = ButtonList()
        self.steps = ButtonList()
        self.view = pygame.Rect(0, 0, 0, 0)
        self.boxes: list = []
        self.hover_step: int | None = None

    # -- words -----------------------------------------------------------------------
    def tier_title(self, tier_id: str | None) -> str:
        return next((title for tid, title, _ in self.tiers if tid == tier_id), tier_id or "—")

    def tier_at(self, score: int) -> str:
        title = ""
        for _, t, lo in self.tiers:
            if score >= lo:
                title = t
        return title

    def ending_title(self, ending: str | None) -> str:
        scene = self.story.scenes.get(ending) if ending else None
        return scene.title.render(self.ctx) if scene is not None else "unfinished"

    def scene_title(self, scene_id: str) -> str:
        scene = self.story.scenes.get(scene_id)
        return scene.title.render(self.ctx) if scene is not None else scene_id

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
            self.app.dirty = True

    def _build(self) -> None:
        step = DEBRIEF_STEPS[self.page]
        page = Page(self, self.col_x, self.col_w)
        getattr(self, f"_page_{step}")(page)
        page.space(self.theme.px(24))
        self.current = page
        self.content_h = page.y
        self._clamp()

    def _clamp(self) -> None:
        self.scroll = max(0.0, min(self.scroll, float(max(0, self.content_h - self.view.h))))

    # -- the pages -------------------------------------------------------------------
    def _heading(self, page: Page, step: str) -> None:
        t, p = self.theme, self.theme.palette
        n = DEBRIEF_STEPS.index(step) + 1
        page.text(f"STEP {n} OF {len(DEBRIEF_STEPS)}", "sans_bold", t.label, p.accent, gap=t.px(8))
        page.text(STEP_TITLES[step], "serif_bold", t.title, p.ink, leading=1.2, gap=t.px(14))

    def _note(self, page: Page, text: str) -> None:
        t, p = self.theme, self.theme.palette
        page.text(text, "sans", t.small, p.muted, leading=1.5, gap=t.px(6))

    def _page_feel(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "feel")
        page.text("YOUR ENDING", "sans_bold", t.label, p.muted, gap=t.px(6))
        page.text(
            d.ending_title or "The end",
            "serif_bold",
            round(t.title * 0.85),
            p.ink,
            leading=1.25,
            gap=t.px(10),
        )
        if self.ending_text:
            page.text(self.ending_text, "serif_italic", t.body, p.muted, leading=1.6, gap=t.px(8))
        if d.start_score is not None and d.final_score is not None:
            page.space(t.px(22))
            change = d.final_score - d.start_score
            stats = [
                ("STARTED AT", str(d.start_score), p.ink),
                ("ENDED AT", str(d.final_score), p.ink),
                ("CHANGE", signed(change), _delta_colour(p, change)),
                ("TIER", self.tier_at(d.final_score) or "—", p.accent),
            ]
            self._stat_cards(page, stats)
        text = self.texts.get("feel")
        if text:
            page.space(t.px(34))
            page.text(text, "serif", round(t.body * 1.25), p.ink, leading=1.5, gap=t.px(8))

    def _stat_cards(self, page: Page, stats) -> None:
        t, p = self.theme, self.theme.palette
        cols = 4 if page.w >= t.px(560) else 2
        gap = t.px(12)
        cw = (page.w - gap * (cols - 1)) // cols
        lsize, vsize = t.label, round(t.title * 0.9)
        lh = self.cache.font("sans_bold", lsize).get_height()
        vh = self.cache.font("sans_bold", vsize).get_height()
        ch = t.px(14) + lh + t.px(4) + vh + t.px(14)
        rows = (len(stats) + cols - 1) // cols
        h = rows * ch + (rows - 1) * gap
        boxes = []
        cells = []
        for i, (label, value, colour) in enumerate(stats):
            r, c = divmod(i, cols)
            cell = pygame.Rect(page.x + c * (cw + gap), page.y + r * (ch + gap), cw, ch)
            cells.append((cell, label, value, colour))
            font = self.cache.font("sans_bold", vsize)
            boxes.append(
                (
                    pygame.Rect(
                        cell.x + t.px(16),
                        cell.y + t.px(14),
                        min(
                            cw - t.px(32),
                            max(font.size(value)[0], self.cache.font("sans_bold", lsize).size(label)[0]),
                        ),
                        lh + t.px(4) + vh,
                    ),
                    label,
                )
            )

        def draw(surf, rect):
            dy = rect.y - page_y
            for cell, label, value, colour in cells:
                cr = cell.move(0, dy)
                rrect(surf, p.bg2, cr, t.px(12))
                rrect(surf, p.card_line, cr, t.px(12), 1)
                inner = cr.w - t.px(32)
                surf.blit(
                    label_line(self.cache, label, "sans_bold", lsize, p.muted, inner),
                    (cr.x + t.px(16), cr.y + t.px(14)),
                )
                surf.blit(
                    label_line(self.cache, value, "sans_bold", vsize, colour, inner),
                    (cr.x + t.px(16), cr.y + t.px(14) + lh + t.px(4)),
                )

        page_y = page.y
        page.custom(h, draw, boxes)

    def _page_happened(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "happened")
        if self.texts.get("happened"):
            page.text(self.texts["happened"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        if len(d.curve) >= 2:
            page.section("YOUR SCORE OVER TIME")
            h = max(t.px(220), min(t.px(320), round(page.w * 0.42)))
            page.custom(h, self._chart, [])
        page.section(
            "THE CHOICES YOU MADE",
            "◆ marks a key decision: the next pages replay it." if any(c.key for c in d.choices) else "",
        )
        if not d.choices:
            self._note(page, "No choices: you started at the end.")
        size = t.font_px(17)
        num_w = self.cache.font("sans_semi", size).size("00")[0] + t.px(8)
        for c in d.choices:
            y0 = page.y
            colour = p.accent if c.key else p.muted
            mark = "◆" if c.key else str(c.turn)

            def draw(surf, r, mark=mark, colour=colour):
                m = self.cache.line(mark, "sans_semi", round(size * 0.85), colour, smart=False)
                surf.blit(m, m.get_rect(topright=(r.x + num_w - t.px(8), r.y + t.px(3))))

            page.custom(0, draw)
            page.y = y0
            page.text(c.text, "serif", size, p.ink, leading=1.4, x=num_w, gap=t.px(1))
            page.text(
                f"Turn {c.turn}  ·  {c.scene_title}",
                "sans",
                t.font_px(13),
                p.faint,
                leading=1.4,
                x=num_w,
                gap=t.px(10),
            )
        if d.highlights:
            page.section("THE BIGGEST CHANGES", "Every change, explained in full: the debrief hides nothing.")
            self._entries(page, d.highlights)

    def _entries(self, page: Page, entries) -> None:
        t, p = self.theme, self.theme.palette
        size = t.font_px(15.5)
        date_w = self.cache.font("sans_semi", t.font_px(13)).size("Sep 2015")[0] + t.px(14)
        delta_w = self.cache.font("sans_bold", size).size("−888")[0] + t.px(14)
        dsize = t.font_px(13)
        for e in entries:
            y0 = page.y
            colour = _delta_colour(p, e.delta)
            date = date_text(e.date)

            def draw(surf, r, e=e, colour=colour, date=date):
                dl = label_line(self.cache, date, "sans_semi", dsize, p.muted, date_w - t.px(8))
                surf.blit(dl, (r.x, r.y + t.px(3)))
                dv = self.cache.line(signed(e.delta), "sans_bold", size, colour, smart=False)
                surf.blit(dv, dv.get_rect(topright=(r.x + date_w + delta_w - t.px(14), r.y)))

            page.custom(0, draw, [(pygame.Rect(page.x, y0, date_w - t.px(8), t.px(18)), date)])
            page.y = y0
            page.text(
                e.explain.transparent, "sans", size, p.ink, leading=1.45, x=date_w + delta_w, gap=t.px(12)
            )

    def _chart(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        """The score curve: one point per change, tier bands behind, the ending marked."""
        t, p = self.theme, self.theme.palette
        d = self.debrief
        rrect(surf, p.bg2, rect, t.px(14))
        rrect(surf, p.card_line, rect, t.px(14), 1)
        small = t.font_px(12)
        lab_h = self.cache.font("sans", small).get_height()
        area = pygame.Rect(
            rect.x + t.px(20),
            rect.y + t.px(20) + lab_h,
            rect.w - t.px(40),
            rect.h - t.px(40) - 2 * lab_h - t.px(6),
        )
        scores = [pt.score for pt in d.curve]
        lo, hi = min(scores), max(scores)
        pad = max(20, (hi - lo) * 0.35)
        lo_v, hi_v = max(self.range[0], lo - pad), min(self.range[1], hi + pad)
        for _, _, bound in self.tiers[1:]:  # a tier boundary close by is worth showing
            if hi < bound <= hi_v + 60:
                hi_v = max(hi_v, bound + 24)
            if lo > bound >= lo_v - 60:
                lo_v = min(lo_v, bound - 24)
        lo_v, hi_v = max(self.range[0], lo_v), min(self.range[1], hi_v)
        if hi_v - lo_v < 60:
            mid = (hi_v + lo_v) / 2
            lo_v, hi_v = mid - 30, mid + 30

        def ypos(v: float) -> float:
            return area.bottom - area.h * (v - lo_v) / (hi_v - lo_v)

        # tier bands
        prev_clip = surf.get_clip()
        surf.set_clip(area.clip(prev_clip) if prev_clip else area)
        for i, (_, title, tmin) in enumerate(self.tiers):
            tmax = self.tiers[i + 1][2] if i + 1 < len(self.tiers) else self.range[1]
            if tmax <= lo_v or tmin >= hi_v:
                continue
            top, bottom = ypos(min(tmax, hi_v)), ypos(max(tmin, lo_v))
            band = pygame.Rect(area.x, round(top), area.w, round(bottom) - round(top))
            pygame.draw.rect(surf, p.card if i % 2 == 0 else _mix(p.card, p.bg2, 0.5), band)
            if tmin > lo_v:
                y = round(ypos(tmin))
                for x in range(area.x, area.right, t.px(8)):
                    pygame.draw.line(surf, p.card_line, (x, y), (min(x + t.px(4), area.right), y))
            lbl = self.cache.line(f"{title.upper()}  {tmin}+", "sans_bold", t.font_px(11), p.faint)
            if band.h >= lbl.get_height() + t.px(8):
                surf.blit(
                    lbl, (area.right - t.px(8) - lbl.get_width(), band.bottom - t.px(4) - lbl.get_height())
                )
        surf.set_clip(prev_clip)
        n = len(d.curve)
        pts = [(area.x + area.w * i / (n - 1), ypos(pt.score)) for i, pt in enumerate(d.curve)]
        fill = pygame.Surface(rect.size, pygame.SRCALPHA)
        poly = [(x - rect.x, y - rect.y) for x, y in pts]
        poly += [(pts[-1][0] - rect.x, area.bottom - rect.y), (pts[0][0] - rect.x, area.bottom - rect.y)]
        pygame.draw.polygon(fill, (*p.accent, 34), poly)
        surf.blit(fill, rect.topleft)
        pygame.draw.lines(surf, p.accent, False, pts, max(2, t.px(3)))
        if n <= 60:
            for x, y in pts[1:-1]:
                pygame.draw.circle(surf, p.bg2, (x, y), t.px(4))
                pygame.draw.circle(surf, p.accent, (x, y), t.px(4), max(1, t.px(2)))
        # the months along the bottom, thinned so labels never touch
        last_right = -(10**6)
        prev = None
        for (x, _), pt in zip(pts, d.curve, strict=True):
            if pt.date == prev:
                continue
            prev = pt.date
            lbl = self.cache.line(date_text(pt.date), "sans", small, p.muted)
            r = lbl.get_rect(midtop=(x, area.bottom + t.px(8)))
            r.clamp_ip(pygame.Rect(rect.x + t.px(8), r.y, rect.w - t.px(16), r.h))
            if r.left > last_right + t.px(14):
                surf.blit(lbl, r)
                last_right = r.right
        # start and ending
        sx, sy = pts[0]
        start = self.cache.line(str(d.curve[0].score), "sans_semi", small, p.muted, smart=False)
        surf.blit(start, start.get_rect(bottomleft=(sx + t.px(6), sy - t.px(6))).clamp(area))
        ex, ey = pts[-1]
        pygame.draw.circle(surf, _mix(p.accent, p.bg2, 0.6), (ex, ey), t.px(11))
        pygame.draw.circle(surf, p.accent, (ex, ey), t.px(6))
        text = f"{d.ending_title}  ·  {d.curve[-1].score}" if d.ending_title else str(d.curve[-1].score)
        lbl = label_line(self.cache, text, "sans_bold", t.font_px(13), p.ink, area.w // 2)
        r = lbl.get_rect(bottomright=(ex - t.px(10), ey - t.px(12)))
        if r.top < rect.y + t.px(8):
            r.topright = (ex - t.px(10), ey + t.px(12))
        r.clamp_ip(rect.inflate(-t.px(16), -t.px(16)))
        surf.blit(lbl, r)

    def _page_mechanism(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "mechanism")
        if self.texts.get("mechanism"):
            page.text(self.texts["mechanism"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        elif not d.by_factor:
            self._note(page, "This story has no score: nothing was counted.")
        if d.rules_title:
            self._note(page, f"Rules in force: {d.rules_title}.")
        if d.by_factor:
            page.section(
                "WHERE YOUR POINTS CAME FROM", "The sum of every change, by the factor it counted under."
            )
            self._bars(page, [(title, total, "") for _, title, total in d.by_factor])
        pulled = [c for c in d.contacts if c.pull_total]
        if pulled:
            page.section("WHO PULLED YOU", "Each month your contacts’ scores pulled yours toward theirs.")
            rows = []
            for c in pulled:
                status = (
                    "dropped by you"
                    if c.dropped
                    else ("dropped you" if c.dropped_you else ("in your network" if c.friend else ""))
                )
                note = f"score {c.score}" + (f" · {status}" if status else "")
                rows.append((c.name, c.pull_total, note))
            self._bars(page, rows)
        if d.whatifs:
            page.section("THE ROADS NOT TAKEN", "The same game replayed with one key decision changed.")
            for w in d.whatifs:
                self._whatif(page, w)

    def _bars(self, page: Page, rows) -> None:
        """Diverging bars around zero: label (and a note) left, bar, signed value right."""
        t, p = self.theme, self.theme.palette
        size = t.font_px(15.5)
        label_w = min(t.px(300), page.w * 2 // 5)
        value_w = self.cache.font("sans_bold", size).size("−8888")[0]
        bar_x = page.x + label_w + t.px(16)
        bar_w = page.w - label_w - t.px(32) - value_w
        biggest = max((abs(v) for _, v, _ in rows), default=1) or 1
        for label, value, note in rows:
            y0 = page.y
            page.text(label, "sans_semi", size, p.ink, leading=1.35, width=label_w, gap=t.px(1))
            if note:
                page.text(note, "sans", t.font_px(12.5), p.muted, leading=1.35, width=label_w)
            row_h = max(page.y - y0, round(size * 1.4))
            colour = _delta_colour(p, value)

            def draw(surf, r, value=value, colour=colour, row_h=row_h):
                mid = bar_x + bar_w // 2
                cy = r.y + round(size * 0.7)
                track = pygame.Rect(bar_x, cy - t.px(5), bar_w, t.px(10))
                rrect(surf, p.card, track, t.px(5))
                length = round((bar_w // 2) * abs(value) / biggest)
                bar = pygame.Rect(mid if value > 0 else mid - length, track.y, max(t.px(3), length), track.h)
                rrect(surf, colour, bar, t.px(5))
                pygame.draw.line(surf, p.faint, (mid, cy - t.px(9)), (mid, cy + t.px(9)))
                v = self.cache.line(signed(value), "sans_bold", size, colour, smart=False)
                surf.blit(v, v.get_rect(midright=(r.right, cy)))

            page.y = y0
            page.custom(row_h, draw)
            page.space(t.px(14))

    def _whatif(self, page: Page, w) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        pad = t.px(20)
        inner = page.w - 2 * pad
        y0 = page.y
        start = len(page.items)
        page.space(pad)
        page.text(
            f"TURN {w.turn}  ·  {self.scene_title(w.scene).upper()}",
            "sans_bold",
            t.label,
            p.muted,
            x=pad,
            width=inner,
            gap=t.px(8),
        )
        page.text(
            f"Had you chosen “{w.alternative_text}” instead of “{w.taken_text}”:",
            "serif",
            t.body,
            p.ink,
            leading=1.5,
            x=pad,
            width=inner,
            gap=t.px(10),
        )
        o = w.outcome
        parts = []
        if o.score is not None:
            diff = o.score - d.final_score if d.final_score is not None else 0
            parts.append(f"Score {o.score} ({signed(diff)} on yours)")
        if o.tier is not None:
            parts.append(f"tier {self.tier_title(o.tier)}")
        parts.append(f"ending: {self.ending_title(o.ending)}")
        parts[0] = parts[0][:1].upper() + parts[0][1:]
        page.text(
            "  ·  ".join(parts), "sans_semi", t.font_px(15.5), p.accent, leading=1.45, x=pad, width=inner
        )
        page.space(pad)
        card = pygame.Rect(page.x, y0, page.w, page.y - y0)
        page.items.insert(
            start,
            Item(
                card,
                lambda surf, dy, card=card: (
                    rrect(surf, p.bg2, card.move(0, dy), t.px(14)),
                    rrect(surf, p.card_line, card.move(0, dy), t.px(14), 1),
                ),
            ),
        )
        page.space(t.px(12))

    def _page_real(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "real")
        if self.texts.get("real"):
            page.text(self.texts["real"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        if not d.facts:
            self._note(page, "The scenes you saw list no facts.")
        for label, facts in d.facts_by_label().items():
            if not facts:
                continue
            page.space(t.px(26))
            self._badge_heading(page, label)
            for fact in facts:
                self._fact(page, fact, label)

    def _badge_heading(self, page: Page, label: str) -> None:
        t, p = self.theme, self.theme.palette
        colour = _label_colour(p, label)
        size = t.font_px(12)
        text = label.upper()
        tw = self.cache.font("sans_bold", size).size(text)[0]
        bh = self.cache.font("sans_bold", size).get_height() + t.px(10)
        pill = pygame.Rect(page.x, page.y, tw + t.px(24), bh)
        note = LABEL_NOTES.get(label, "")
        note_x = pill.w + t.px(14)
        boxes = [(pill.inflate(-t.px(24), -t.px(10)), text)]

        def draw(surf, r):
            pr = pygame.Rect(r.x, r.y, pill.w, pill.h)
            rrect(surf, colour, pr, pr.h // 2)
            lbl = self.cache.line(text, "sans_bold", size, p.accent_ink)
            surf.blit(lbl, lbl.get_rect(center=pr.center))

        y0 = page.y
        page.custom(0, draw, boxes)
        page.y = y0 + (bh - self.cache.font("sans", t.small).get_height()) // 2
        if note:
            page.text(note, "sans", t.small, p.muted, x=note_x, leading=1.3)
        page.y = max(page.y, y0 + bh) + t.px(12)

    def _fact(self, page: Page, fact, label: str) -> None:
        t, p = self.theme, self.theme.palette
        colour = _label_colour(p, label)
        pad = t.px(20)
        inner = page.w - 2 * pad - t.px(4)
        y0 = page.y
        start = len(page.items)
        page.space(pad - t.px(4))
        page.text(fact.claim, "serif", t.body, p.ink, leading=1.55, x=pad + t.px(4), width=inner, gap=t.px(8))
        if fact.source:
            page.text(
                f"Source: {fact.source}",
                "sans",
                t.font_px(14),
                p.muted,
                leading=1.45,
                x=pad + t.px(4),
                width=inner,
                gap=t.px(4),
            )
        if fact.analogue:
            page.text(
                f"Elsewhere: {fact.analogue}",
                "sans",
                t.font_px(14),
                p.muted,
                leading=1.45,
                x=pad + t.px(4),
                width=inner,
                gap=t.px(4),
            )
        page.space(pad - t.px(4))
        card = pygame.Rect(page.x, y0, page.w, page.y - y0)

        def draw(surf, dy, card=card):
            r = card.move(0, dy)
            rrect(surf, p.bg2, r, t.px(12))
            rrect(surf, p.card_line, r, t.px(12), 1)
            rrect(surf, colour, pygame.Rect(r.x, r.y + t.px(10), t.px(4), r.h - t.px(20)), t.px(2))

        page.items.insert(start, Item(card, draw))
        page.space(t.px(12))

    def _page_question(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "question")
        question = self.texts.get("question") or "What would you do differently, and why?"
        size = round(t.title * 1.2)
        h = self.cache.height(question, "serif_italic", size, page.w - t.px(40), 1.35)
        room = self.view.h - page.y - t.px(80)
        page.space(max(t.px(30), (room - h) // 2))
        page.text(
            question,
            "serif_italic",
            size,
            p.ink,
            leading=1.35,
            x=t.px(20),
            width=page.w - t.px(40),
            center=True,
            gap=t.px(28),
        )
        parts = []
        if d.final_score is not None:
            parts.append(f"Your score: {d.final_score}, {self.tier_at(d.final_score)}")
        if d.ending_title:
            parts.append(f"Your ending: {d.ending_title}")
        if parts:
            page.text("  ·  ".join(parts), "sans", t.small, p.muted, center=True, leading=1.45)

    # -- input -----------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        from .gallery import GalleryScreen

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
        if a in ("left", "right"):
            self.go(self.page + (-1 if a == "left" else 1))
            return
        if a in ("up", "down"):
            self._scroll_by((-1 if a == "up" else 1) * self.theme.px(60))
            return
        if a == "scroll":
            self._scroll_by(-inp.value * self.theme.px(60))
            return
        if a in ("page_up", "page_down"):
            down = a == "page_down"
            limit = max(0, self.content_h - self.view.h)
            if down and self.scroll >= limit - 1:
                self.go(self.page + 1)
            elif not down and self.scroll <= 0:
                self.go(self.page - 1)
            else:
                self._scroll_by((1 if down else -1) * self.view.h * 0.85)
            return
        if a in ("home", "end"):
            self.scroll = 0.0 if a == "home" else float(self.content_h)
            self._clamp()
            return
        picked = self.list.handle(inp)
        if picked is None:
            return
        self.app.sounds.play("click")
        what = picked.data
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
            rrect(surf, p.accent if not hovered else _mix(p.accent, (255, 255, 255), 0.15), r, r.h // 2)
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
            fade = _fade(self.view.w, h, p.bg, at_top)
            surf.blit(fade, (self.view.x, self.view.y if at_top else self.view.bottom - h))

    def _scrollbar(self, surf) -> None:
        scrollbar(surf, self.theme, self.view, self.scroll, self.content_h, gap=10)

    def text_boxes(self):
        # the page scrolls: its text must stay within the column's width (content coordinates)
        column = pygame.Rect(self.col_x - 1, 0, self.col_w + 2, max(self.content_h, self.view.h) + 1)
        out = [(column, box, what) for box, what in self.current.boxes]
        return out + self.boxes


def _delta_colour(p, value: int):
    return (
        _mix(p.good, (255, 255, 255), 0.2)
        if value > 0
        else (_mix(p.bad, (255, 255, 255), 0.25) if value < 0 else p.muted)
    )


def _label_colour(p, label: str):
    if p.bg == (0, 0, 0):  # high contrast: the labels stay distinct, but brighter
        return {"documented": (120, 230, 150), "reported": (255, 214, 0), "speculative": (200, 180, 255)}.get(
            label, p.accent
        )
    return LABEL_COLOURS.get(label, p.accent)


def _mix(a, b, f: float):
    return tuple(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))


_FADES: dict = {}


def _fade(w: int, h: int, colour, at_top: bool) -> pygame.Surface:
    key = (w, h, colour, at_top)
    surf = _FADES.get(key)
    if surf is None:
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        for i in range(h):
            a = round(255 * (1 - i / h) if at_top else 255 * (i / h))
            pygame.draw.line(surf, (*colour, a), (0, i), (w, i))
        if len(_FADES) > 16:
            _FADES.clear()
        _FADES[key] = surf
    return surf
