"""The score curve on "What happened": one point per change, tier bands behind, months along
the bottom, the start and the ending marked.

:meth:`ScoreChart.plan` places everything once (curve points, bands, every label); drawing and the
layout test read the same plan, so a label the test finds clear of the others is drawn there. The
ending's label is placed first; a tier's name gives way to it (moving to the band's left end, or
left out) rather than being written under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from ...engine.debrief import Debrief
from ..scoreview import date_text
from ..text import TextCache
from ..theme import Theme
from ..widgets import label_line, mix, rrect
from .words import Words


@dataclass
class ChartLabel:
    """One text on the chart: where (window coordinates of the chart's rectangle), what, how."""

    rect: pygame.Rect
    text: str
    role: str
    size: int
    colour: tuple
    width: int = 0  #: elide to this width (0: never)
    smart: bool = True  #: curly quotes (not for bare numbers)
    under: bool = False  #: drawn under the curve (the tier names)


@dataclass
class ChartPlan:
    area: pygame.Rect
    points: list[tuple[float, float]]
    #: (band rectangle, tier index, y of its lower dashed boundary or None)
    bands: list[tuple[pygame.Rect, int, int | None]] = field(default_factory=list)
    labels: list[ChartLabel] = field(default_factory=list)
    #: the ending's marker (centre, radius)
    marker: tuple[tuple[float, float], int] = ((0, 0), 0)


def _crosses(points, box: pygame.Rect) -> bool:
    """Whether the polyline through ``points`` passes through ``box``."""
    return any(box.clipline(a, b) for a, b in zip(points, points[1:], strict=False))


class ScoreChart:
    """Draws ``debrief``'s curve into a rectangle (a custom piece of the page)."""

    def __init__(self, theme: Theme, cache: TextCache, debrief: Debrief, words: Words):
        self.theme, self.cache, self.debrief, self.words = theme, cache, debrief, words

    # -- planning --------------------------------------------------------------------------------
    def plan(self, rect: pygame.Rect) -> ChartPlan:
        """Where everything goes when the chart fills ``rect``."""
        t = self.theme
        d = self.debrief
        small = t.font_px(12)
        lab_h = self.cache.font("sans", small).get_height()
        area = pygame.Rect(
            rect.x + t.px(20),
            rect.y + t.px(20) + lab_h,
            rect.w - t.px(40),
            rect.h - t.px(40) - 2 * lab_h - t.px(6),
        )
        lo_v, hi_v = self._value_range()

        def ypos(v: float) -> float:
            return area.bottom - area.h * (v - lo_v) / (hi_v - lo_v)

        n = len(d.curve)
        pts = [(area.x + area.w * i / (n - 1), ypos(pt.score)) for i, pt in enumerate(d.curve)]
        plan = ChartPlan(area, pts, marker=(pts[-1], t.px(11)))
        ends = self._ends(rect, area, pts, small)
        plan.labels += ends
        taken = [lbl.rect for lbl in ends] + [self._marker_rect(plan)]
        plan.labels += self._tier_labels(plan, lo_v, hi_v, ypos, taken)
        plan.labels += self._months(rect, area, pts, small)
        return plan

    def labels(self, rect: pygame.Rect) -> list[tuple[pygame.Rect, str]]:
        """Every text the chart writes in ``rect``: (its box, the text), for layout checks."""
        return [(lbl.rect, lbl.text) for lbl in self.plan(rect).labels]

    @staticmethod
    def _marker_rect(plan: ChartPlan) -> pygame.Rect:
        (x, y), r = plan.marker
        return pygame.Rect(round(x) - r, round(y) - r, 2 * r, 2 * r)

    def _value_range(self) -> tuple[float, float]:
        """The scores the chart spans: the curve with some air, stretched to a tier boundary
        close by (worth showing), never beyond the score's range, at least 60 points tall."""
        words = self.words
        scores = [pt.score for pt in self.debrief.curve]
        lo, hi = min(scores), max(scores)
        pad = max(20, (hi - lo) * 0.35)
        lo_v, hi_v = max(words.range[0], lo - pad), min(words.range[1], hi + pad)
        for _, _, bound in words.tiers[1:]:
            if hi < bound <= hi_v + 60:
                hi_v = max(hi_v, bound + 24)
            if lo > bound >= lo_v - 60:
                lo_v = min(lo_v, bound - 24)
        lo_v, hi_v = max(words.range[0], lo_v), min(words.range[1], hi_v)
        if hi_v - lo_v < 60:
            mid = (hi_v + lo_v) / 2
            lo_v, hi_v = mid - 30, mid + 30
        return lo_v, hi_v

    def _tier_labels(self, plan: ChartPlan, lo_v: float, hi_v: float, ypos, taken) -> list[ChartLabel]:
        """The bands, one per tier in view, and each band's name where it fits: at the band's bottom
        right, else another corner of the band (one the curve does not run through, if any), never over
        the ending's or the start's label; left out where no corner is free."""
        t, p = self.theme, self.theme.palette
        area = plan.area
        tiers, top_of_range = self.words.tiers, self.words.range[1]
        out = []
        for i, (_, title, tmin) in enumerate(tiers):
            tmax = tiers[i + 1][2] if i + 1 < len(tiers) else top_of_range
            if tmax <= lo_v or tmin >= hi_v:
                continue
            top, bottom = ypos(min(tmax, hi_v)), ypos(max(tmin, lo_v))
            band = pygame.Rect(area.x, round(top), area.w, round(bottom) - round(top))
            plan.bands.append((band, i, round(ypos(tmin)) if tmin > lo_v else None))
            text = f"{title.upper()}  {tmin}+"
            size = t.font_px(11)
            w, h = self.cache.font("sans_bold", size).size(text)
            if band.h < h + t.px(8):
                continue
            spots = [
                pygame.Rect(x, y, w, h)
                for y in (band.bottom - t.px(4) - h, band.top + t.px(4))
                for x in (area.right - t.px(8) - w, area.x + t.px(8))
            ]
            free = [r for r in spots if area.contains(r) and r.collidelist(taken) < 0]
            # best where the curve does not run through the name either; else where no label is
            clear = [r for r in free if not _crosses(plan.points, r)]
            box = (clear or free or [None])[0]
            if box is not None:
                out.append(ChartLabel(box, text, "sans_bold", size, p.faint, under=True))
                taken.append(box)
        return out

    def _months(self, rect: pygame.Rect, area: pygame.Rect, pts, small: int) -> list[ChartLabel]:
        """The months along the bottom, thinned so labels never touch."""
        t, p = self.theme, self.theme.palette
        font = self.cache.font("sans", small)
        last_right = -(10**6)
        prev = None
        out = []
        for (x, _), pt in zip(pts, self.debrief.curve, strict=True):
            if pt.date == prev:
                continue
            prev = pt.date
            text = date_text(pt.date)
            r = pygame.Rect((0, 0), font.size(text))
            r.midtop = (round(x), area.bottom + t.px(8))
            r.clamp_ip(pygame.Rect(rect.x + t.px(8), r.y, rect.w - t.px(16), r.h))
            if r.left > last_right + t.px(14):
                out.append(ChartLabel(r, text, "sans", small, p.muted))
                last_right = r.right
        return out

    def _ends(self, rect: pygame.Rect, area: pygame.Rect, pts, small: int) -> list[ChartLabel]:
        """The starting score by the first point; the ending's name and score by the last."""
        t, p = self.theme, self.theme.palette
        d = self.debrief
        sx, sy = pts[0]
        text = str(d.curve[0].score)
        start = pygame.Rect((0, 0), self.cache.font("sans_semi", small).size(text))
        start.bottomleft = (round(sx) + t.px(6), round(sy) - t.px(6))
        start.clamp_ip(area)
        if _crosses(pts, start):  # a curve that climbs at once runs through it: below the point then
            start.topleft = (round(sx) + t.px(6), round(sy) + t.px(6))
            start.clamp_ip(area)
        out = [ChartLabel(start, text, "sans_semi", small, p.muted, smart=False)]
        ex, ey = pts[-1]
        text = f"{d.ending_title}  ·  {d.curve[-1].score}" if d.ending_title else str(d.curve[-1].score)
        size, width = t.font_px(13), area.w // 2
        lbl = label_line(self.cache, text, "sans_bold", size, p.ink, width)
        r = lbl.get_rect(bottomright=(round(ex) - t.px(10), round(ey) - t.px(12)))
        if r.top < rect.y + t.px(8):
            r.topright = (round(ex) - t.px(10), round(ey) + t.px(12))
        r.clamp_ip(rect.inflate(-t.px(16), -t.px(16)))
        out.append(ChartLabel(r, text, "sans_bold", size, p.ink, width))
        return out

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        t, p = self.theme, self.theme.palette
        plan = self.plan(rect)
        rrect(surf, p.bg2, rect, t.px(14))
        rrect(surf, p.card_line, rect, t.px(14), 1)
        area, pts = plan.area, plan.points
        prev_clip = surf.get_clip()
        surf.set_clip(area.clip(prev_clip) if prev_clip else area)
        for band, i, dash_y in plan.bands:
            pygame.draw.rect(surf, p.card if i % 2 == 0 else mix(p.card, p.bg2, 0.5), band)
            if dash_y is not None:
                for x in range(area.x, area.right, t.px(8)):
                    pygame.draw.line(surf, p.card_line, (x, dash_y), (min(x + t.px(4), area.right), dash_y))
        surf.set_clip(prev_clip)
        self._draw_labels(surf, [lbl for lbl in plan.labels if lbl.under])
        fill = pygame.Surface(rect.size, pygame.SRCALPHA)
        poly = [(x - rect.x, y - rect.y) for x, y in pts]
        poly += [(pts[-1][0] - rect.x, area.bottom - rect.y), (pts[0][0] - rect.x, area.bottom - rect.y)]
        pygame.draw.polygon(fill, (*p.accent, 34), poly)
        surf.blit(fill, rect.topleft)
        pygame.draw.lines(surf, p.accent, False, pts, max(2, t.px(3)))
        if len(pts) <= 60:
            for x, y in pts[1:-1]:
                pygame.draw.circle(surf, p.bg2, (x, y), t.px(4))
                pygame.draw.circle(surf, p.accent, (x, y), t.px(4), max(1, t.px(2)))
        (ex, ey), radius = plan.marker
        pygame.draw.circle(surf, mix(p.accent, p.bg2, 0.6), (ex, ey), radius)
        pygame.draw.circle(surf, p.accent, (ex, ey), t.px(6))
        self._draw_labels(surf, [lbl for lbl in plan.labels if not lbl.under])

    def _draw_labels(self, surf: pygame.Surface, labels: list[ChartLabel]) -> None:
        for lbl in labels:
            if lbl.width:
                img = label_line(self.cache, lbl.text, lbl.role, lbl.size, lbl.colour, lbl.width)
            else:
                img = self.cache.line(lbl.text, lbl.role, lbl.size, lbl.colour, smart=lbl.smart)
            surf.blit(img, lbl.rect)
