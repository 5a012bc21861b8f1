"""The score dial at the top of the score app: the number, its arc and the tier badge."""

from __future__ import annotations

import math

import pygame

from ...engine.messages import say
from ...engine.scoring import shown
from ..widgets import label_line, rrect, thick_arc

DIAL_START, DIAL_SWEEP = -120.0, 240.0


def draw_dial(panel, surf: pygame.Surface) -> None:
    """The dial on ``panel``: the arc up to the shown score, tier notches, the number, the range's
    ends, the tier badge and how far the next tier is (or a dash and NOT ACTIVE without a score)."""
    t, p = panel.app.theme, panel.app.theme.palette
    screen = panel.screen_rect()
    center, radius, band, _ = panel.dial_geometry()
    active = panel.data.active
    thick_arc(surf, p.app_line, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP)
    v = panel.data.view
    if active:
        frac = panel.data.fraction(panel.shown)
        thick_arc(surf, p.app_accent, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP * frac)
        # tier boundaries: thin notches across the band
        for _, _, lo in panel.data.tiers:
            f = panel.data.fraction(lo)
            if 0.0 < f < 1.0:
                a = math.radians(DIAL_START + DIAL_SWEEP * f)
                sx, sy = math.sin(a), -math.cos(a)
                pygame.draw.line(
                    surf,
                    p.app_bg,
                    (center[0] + sx * (radius + 1), center[1] + sy * (radius + 1)),
                    (center[0] + sx * (radius - band - 1), center[1] + sy * (radius - band - 1)),
                    max(2, t.px(2)),
                )
        number, colour = str(round(panel.shown)), p.app_ink
        lo, hi = v.min, v.max
    else:
        number, colour = "—", p.app_muted
        lo, hi = 350, 950
    num = panel.app.cache.line(number, "sans_bold", t.font_px(44), colour, smart=False)
    nrect = num.get_rect(center=(center[0], center[1] - radius * 0.1))
    panel.blit(surf, num, nrect.topleft, "score")
    for value, angle in ((lo, DIAL_START), (hi, DIAL_START + DIAL_SWEEP)):
        a = math.radians(angle)
        lbl = panel.app.cache.line(str(value), "sans", t.app_px(10.5), p.app_muted)
        pos = (
            center[0] + math.sin(a) * (radius - band / 2),
            center[1] - math.cos(a) * (radius - band / 2),
        )
        r = lbl.get_rect(midtop=(pos[0], pos[1] + band * 0.9))
        surf.blit(lbl, r)
    badge_text = (v.tier_title or "Unrated").upper() if active else "NOT ACTIVE"
    lbl = panel.app.cache.line(
        badge_text, "sans_bold", t.app_px(11.5), p.app_accent if active else p.app_muted
    )
    badge = lbl.get_rect().inflate(t.px(20), t.px(8))
    badge.midtop = (center[0], panel.dial_geometry()[3])
    rrect(surf, p.app_accent_soft if active else p.app_chip, badge, badge.h // 2)
    panel.blit(surf, lbl, lbl.get_rect(center=badge.center).topleft, "tier")
    if active:
        if v.next_tier and v.next_tier_at is not None and shown.shows_thresholds(v.mode):
            gap = v.next_tier_at - v.score
            unit = say("notice.points.unit.one" if gap == 1 else "notice.points.unit.many")
            hint = say("phone.to_next_tier", gap=gap, unit=unit, tier=v.next_tier)
        elif v.next_tier:
            hint = say("phone.next_tier", tier=v.next_tier)
        else:
            hint = say("phone.top_tier")
        size = t.app_px(11.5)
        line = label_line(panel.app.cache, hint, "sans", size, p.app_muted, screen.w - t.px(40))
        panel.blit(surf, line, line.get_rect(midtop=(center[0], badge.bottom + t.px(8))).topleft, "next tier")
