"""The score curve on "What happened": one point per change, tier bands behind, months along
the bottom, the start and the ending marked."""

from __future__ import annotations

import pygame

from ...engine.debrief import Debrief
from ..scoreview import date_text
from ..text import TextCache
from ..theme import Theme
from ..widgets import label_line, mix, rrect
from .words import Words


class ScoreChart:
    """Draws ``debrief``'s curve into a rectangle (a custom piece of the page)."""

    def __init__(self, theme: Theme, cache: TextCache, debrief: Debrief, words: Words):
        self.theme, self.cache, self.debrief, self.words = theme, cache, debrief, words

    def draw(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
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
        lo_v, hi_v = self._value_range()

        def ypos(v: float) -> float:
            return area.bottom - area.h * (v - lo_v) / (hi_v - lo_v)

        self._tier_bands(surf, area, lo_v, hi_v, ypos)
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
        self._months(surf, rect, area, pts, small)
        self._ends(surf, rect, area, pts, small)

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

    def _tier_bands(self, surf, area: pygame.Rect, lo_v: float, hi_v: float, ypos) -> None:
        """Alternating bands behind the curve, one per tier in view, with dashed boundaries and
        the tier's name where the band is tall enough."""
        t, p = self.theme, self.theme.palette
        tiers, top_of_range = self.words.tiers, self.words.range[1]
        prev_clip = surf.get_clip()
        surf.set_clip(area.clip(prev_clip) if prev_clip else area)
        for i, (_, title, tmin) in enumerate(tiers):
            tmax = tiers[i + 1][2] if i + 1 < len(tiers) else top_of_range
            if tmax <= lo_v or tmin >= hi_v:
                continue
            top, bottom = ypos(min(tmax, hi_v)), ypos(max(tmin, lo_v))
            band = pygame.Rect(area.x, round(top), area.w, round(bottom) - round(top))
            pygame.draw.rect(surf, p.card if i % 2 == 0 else mix(p.card, p.bg2, 0.5), band)
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

    def _months(self, surf, rect: pygame.Rect, area: pygame.Rect, pts, small: int) -> None:
        """The months along the bottom, thinned so labels never touch."""
        t, p = self.theme, self.theme.palette
        last_right = -(10**6)
        prev = None
        for (x, _), pt in zip(pts, self.debrief.curve, strict=True):
            if pt.date == prev:
                continue
            prev = pt.date
            lbl = self.cache.line(date_text(pt.date), "sans", small, p.muted)
            r = lbl.get_rect(midtop=(x, area.bottom + t.px(8)))
            r.clamp_ip(pygame.Rect(rect.x + t.px(8), r.y, rect.w - t.px(16), r.h))
            if r.left > last_right + t.px(14):
                surf.blit(lbl, r)
                last_right = r.right

    def _ends(self, surf, rect: pygame.Rect, area: pygame.Rect, pts, small: int) -> None:
        """The starting score by the first point; the ending's name and score by the last."""
        t, p = self.theme, self.theme.palette
        d = self.debrief
        sx, sy = pts[0]
        start = self.cache.line(str(d.curve[0].score), "sans_semi", small, p.muted, smart=False)
        surf.blit(start, start.get_rect(bottomleft=(sx + t.px(6), sy - t.px(6))).clamp(area))
        ex, ey = pts[-1]
        pygame.draw.circle(surf, mix(p.accent, p.bg2, 0.6), (ex, ey), t.px(11))
        pygame.draw.circle(surf, p.accent, (ex, ey), t.px(6))
        text = f"{d.ending_title}  ·  {d.curve[-1].score}" if d.ending_title else str(d.curve[-1].score)
        lbl = label_line(self.cache, text, "sans_bold", t.font_px(13), p.ink, area.w // 2)
        r = lbl.get_rect(bottomright=(ex - t.px(10), ey - t.px(12)))
        if r.top < rect.y + t.px(8):
            r.topright = (ex - t.px(10), ey + t.px(12))
        r.clamp_ip(rect.inflate(-t.px(16), -t.px(16)))
        surf.blit(lbl, r)
