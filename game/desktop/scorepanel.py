"""The phone-style score app beside the story: dial, tier badge, pop-up notices,
contacts and ledger. It only reads a :class:`~game.desktop.scoreview.ScoreView`
(never the engine), so it can be drawn from real or sample data.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import pygame

from .scoreview import INACTIVE, SCORE_MAX, SCORE_MIN, Notice, ScoreView
from .widgets import label_line, rrect, shadow, thick_arc

NOTICE_SECONDS = 5.0
DIAL_START, DIAL_SWEEP = -120.0, 240.0
AVATAR_COLOURS = ((255, 170, 102), (120, 170, 230), (150, 200, 140), (210, 150, 210), (240, 200, 90))


@dataclass
class LiveNotice:
    notice: Notice
    age: float = 0.0


class ScorePanel:
    """Draws the app in ``rect`` (set by :meth:`layout`). ``reduced_motion`` snaps the dial
    and notices instead of animating them."""

    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.view: ScoreView = INACTIVE
        self.shown = float(SCORE_MIN)
        self.live: list[LiveNotice] = []
        self.queue: list[Notice] = []
        self.boxes: list[tuple[pygame.Rect, pygame.Rect, str]] = []

    # -- data --------------------------------------------------------------------
    def set_view(self, view: ScoreView, animate: bool = True) -> None:
        self.view = view
        if view.score is not None and (not animate or self.app.settings.reduced_motion):
            self.shown = float(view.score)

    def push(self, notices: list[Notice]) -> None:
        for notice in notices:
            self.queue.append(notice)
        self._promote()

    def _promote(self) -> None:
        while self.queue and len(self.live) < 2:
            notice = self.queue.pop(0)
            self.live.append(LiveNotice(notice))
            self.app.sounds.play(notice.sound)

    # -- time --------------------------------------------------------------------
    @property
    def animating(self) -> bool:
        target = self.view.score
        return bool(self.live) or (target is not None and abs(self.shown - target) > 0.5)

    def update(self, dt: float) -> None:
        target = self.view.score
        if target is not None:
            if self.app.settings.reduced_motion:
                self.shown = float(target)
            else:
                self.shown += (target - self.shown) * min(1.0, dt * 5.0)
                if abs(self.shown - target) <= 0.5:
                    self.shown = float(target)
        for live in self.live:
            live.age += dt
        self.live = [n for n in self.live if n.age < NOTICE_SECONDS]
        self._promote()

    # -- geometry ----------------------------------------------------------------
    def layout(self, rect: pygame.Rect) -> None:
        self.rect = rect

    def screen_rect(self) -> pygame.Rect:
        bezel = self.app.theme.px(9)
        return self.rect.inflate(-2 * bezel, -2 * bezel)

    # -- drawing -----------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.app.theme, self.app.theme.palette
        self.boxes = []
        rect = self.rect
        radius = t.px(34)
        if not self.app.settings.high_contrast:
            sh = shadow(rect.size, radius, t.px(14), 120)
            surf.blit(sh, (rect.x - t.px(28), rect.y - t.px(20)))
        rrect(surf, p.bezel, rect, radius)
        screen = self.screen_rect()
        rrect(surf, p.app_bg, screen, radius - t.px(8))
        prev_clip = surf.get_clip()
        surf.set_clip(screen)
        y = self._status_bar(surf, screen)
        y = self._header(surf, screen, y)
        y = self._dial(surf, screen, y)
        bottom = self._tab_bar(surf, screen)
        inner = pygame.Rect(screen.x, screen.y, screen.w, bottom - screen.y)
        if self.view.active:
            y = self._contacts(surf, inner, y)
            self._ledger(surf, inner, y)
        else:
            self._placeholder(surf, inner, y)
        self._notices(surf, screen)
        surf.set_clip(prev_clip)

    def _text(self, surf, text, role, size, colour, x, y, width, what) -> pygame.Surface:
        line = label_line(self.app.cache, text, role, size, colour, width)
        surf.blit(line, (x, y))
        self.boxes.append((self.screen_rect(), pygame.Rect(x, y, line.get_width(), line.get_height()), what))
        return line

    def _status_bar(self, surf, screen) -> int:
        t, p = self.app.theme, self.app.theme.palette
        y = screen.y + t.px(12)
        pad = t.px(22)
        self._text(surf, "09:41", "sans_semi", t.font_px(12), p.app_ink, screen.x + pad, y, t.px(60), "clock")
        # battery and signal, drawn (no icon font needed)
        bw, bh = t.px(22), t.px(11)
        batt = pygame.Rect(screen.right - pad - bw, y + t.px(3), bw, bh)
        rrect(surf, p.app_ink, batt, t.px(3), 1)
        rrect(surf, p.app_ink, batt.inflate(-t.px(4), -t.px(4)).move(-t.px(3), 0).clip(batt), t.px(2))
        for i in range(4):
            h = t.px(4 + i * 2.5)
            bar = pygame.Rect(batt.x - t.px(34) + i * t.px(6), batt.bottom - h, t.px(4), h)
            rrect(surf, p.app_ink, bar, 1)
        return y + t.px(26)

    def _header(self, surf, screen, y) -> int:
        t, p = self.app.theme, self.app.theme.palette
        pad = t.px(22)
        d = t.px(30)
        logo = pygame.Rect(screen.x + pad, y + t.px(6), d, d)
        rrect(surf, p.app_accent, logo, t.px(9))
        mark = self.app.cache.line("S", "sans_bold", t.font_px(17), (255, 255, 255))
        surf.blit(mark, mark.get_rect(center=logo.center))
        x = logo.right + t.px(10)
        width = screen.right - pad - x
        name = self._text(
            surf, "Social Score", "sans_bold", t.font_px(16), p.app_ink, x, y + t.px(3), width, "app name"
        )
        self._text(
            surf,
            "Trust makes life easier",
            "sans",
            t.font_px(11.5),
            p.app_muted,
            x,
            y + t.px(3) + name.get_height(),
            width,
            "tagline",
        )
        return max(logo.bottom, y + t.px(3) + name.get_height() + t.font_px(14)) + t.px(8)

    def _dial(self, surf, screen, y) -> int:
        t, p = self.app.theme, self.app.theme.palette
        active = self.view.active and self.view.score is not None
        radius = min(screen.w * 0.34, screen.h * 0.17)
        band = max(4, radius * 0.13)
        center = (screen.centerx, y + t.px(12) + radius)
        thick_arc(surf, p.app_line, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP)
        if active:
            frac = max(0.0, min(1.0, (self.shown - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)))
            thick_arc(surf, p.app_accent, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP * frac)
            number = str(round(self.shown))
            colour = p.app_ink
        else:
            number, colour = "—", p.app_muted
        num = self.app.cache.line(number, "sans_bold", t.font_px(46), colour, smart=False)
        nrect = num.get_rect(center=(center[0], center[1] - radius * 0.08))
        surf.blit(num, nrect)
        self.boxes.append((screen, nrect, "score"))
        # the scale's ends, under the arc's tips
        for value, angle in ((SCORE_MIN, DIAL_START), (SCORE_MAX, DIAL_START + DIAL_SWEEP)):
            a = math.radians(angle)
            lbl = self.app.cache.line(str(value), "sans", t.font_px(10.5), p.app_muted)
            pos = (
                center[0] + math.sin(a) * (radius - band / 2),
                center[1] - math.cos(a) * (radius - band / 2),
            )
            r = lbl.get_rect(midtop=(pos[0], pos[1] + band * 0.9))
            surf.blit(lbl, r)
        badge_text = (self.view.tier_title or "Unrated").upper() if active else "NOT ACTIVE"
        lbl = self.app.cache.line(
            badge_text, "sans_bold", t.font_px(11.5), p.app_accent if active else p.app_muted
        )
        badge = lbl.get_rect().inflate(t.px(20), t.px(8))
        badge.center = (center[0], nrect.bottom + t.px(14))
        rrect(surf, p.app_accent_soft if active else p.app_line, badge, badge.h // 2)
        surf.blit(lbl, lbl.get_rect(center=badge.center))
        self.boxes.append((screen, badge, "tier"))
        return int(center[1] + radius * 0.62 + t.px(24))

    def _section(self, surf, screen, y, title) -> int:
        t, p = self.app.theme, self.app.theme.palette
        pad = t.px(22)
        self._text(
            surf, title, "sans_bold", t.font_px(11), p.app_muted, screen.x + pad, y, screen.w - 2 * pad, title
        )
        return y + t.px(20)

    def _contacts(self, surf, screen, y) -> int:
        t, p = self.app.theme, self.app.theme.palette
        contacts = self.view.contacts
        if not contacts:
            return y
        pad = t.px(22)
        row = max(t.px(38), round(t.font_px(14) * 2.4))
        limit = screen.bottom - t.px(120)
        y = self._section(surf, screen, y, "CONTACTS")
        for c in contacts:
            if y + row > limit:
                break
            d = round(row * 0.72)
            av = pygame.Rect(screen.x + pad, y + (row - d) // 2, d, d)
            colour = AVATAR_COLOURS[zlib.crc32(c.name.encode()) % len(AVATAR_COLOURS)]
            pygame.draw.circle(surf, colour, av.center, d // 2)
            initials = "".join(w[0] for w in c.name.split()[:2]).upper() or "?"
            ini = self.app.cache.line(initials, "sans_bold", t.font_px(12), (255, 255, 255))
            surf.blit(ini, ini.get_rect(center=av.center))
            score = "—" if c.score is None else str(c.score)
            sc = self.app.cache.line(score, "sans_bold", t.font_px(15), p.app_ink)
            sr = sc.get_rect(midright=(screen.right - pad, y + row // 2))
            surf.blit(sc, sr)
            x = av.right + t.px(10)
            name_w = sr.left - t.px(10) - x
            name_h = self.app.cache.font("sans_semi", t.font_px(14)).get_height()
            self._text(
                surf,
                c.name,
                "sans_semi",
                t.font_px(14),
                p.app_ink,
                x,
                y + (row - name_h) // 2 - (t.px(7) if c.tier else 0),
                name_w,
                "contact",
            )
            if c.tier:
                self._text(
                    surf,
                    c.tier,
                    "sans",
                    t.font_px(11.5),
                    p.app_muted,
                    x,
                    y + row // 2 + t.px(1),
                    name_w,
                    "contact tier",
                )
            y += row
        return y + t.px(10)

    def _ledger(self, surf, screen, y) -> None:
        t, p = self.app.theme, self.app.theme.palette
        pad = t.px(22)
        row = round(t.font_px(13.5) * 1.9)
        lines = list(reversed(self.view.ledger))
        if not lines or y + t.px(20) + row > screen.bottom - t.px(16):
            return
        y = self._section(surf, screen, y, "RECENT ACTIVITY")
        card = pygame.Rect(screen.x + t.px(12), y, screen.w - t.px(24), 0)
        fit = max(0, min(len(lines), (screen.bottom - t.px(18) - y) // row))
        card.h = fit * row
        if fit:
            rrect(surf, p.app_card, card, t.px(12))
        for i, line in enumerate(lines[:fit]):
            ry = y + i * row
            sign = "+" if line.delta > 0 else ("−" if line.delta < 0 else "±")
            colour = p.good if line.delta > 0 else (p.bad if line.delta < 0 else p.app_muted)
            delta = self.app.cache.line(
                f"{sign}{abs(line.delta)}", "sans_bold", t.font_px(13.5), colour, smart=False
            )
            dr = delta.get_rect(midright=(screen.right - pad, ry + row // 2))
            surf.blit(delta, dr)
            x = screen.x + pad
            reason = line.reason or "Score updated"
            size = t.font_px(13.5)
            height = self.app.cache.font("sans", size).get_height()
            self._text(
                surf,
                reason,
                "sans",
                size,
                p.app_ink,
                x,
                ry + (row - height) // 2,
                dr.left - t.px(10) - x,
                "ledger",
            )
            if i + 1 < fit:
                pygame.draw.line(surf, p.app_line, (x, ry + row), (screen.right - pad, ry + row))

    def _tab_bar(self, surf, screen) -> int:
        """A phone app's bottom tabs (Score is the open one); returns the top of the bar."""
        t, p = self.app.theme, self.app.theme.palette
        h = round(t.font_px(11) * 2.2) + t.px(16)
        bar = pygame.Rect(screen.x, screen.bottom - h, screen.w, h)
        pygame.draw.line(surf, p.app_line, bar.topleft, bar.topright)
        tabs = ("Score", "Friends", "Wallet", "Me")
        w = bar.w / len(tabs)
        for i, name in enumerate(tabs):
            colour = p.app_accent if i == 0 else p.app_muted
            cx = round(bar.x + w * (i + 0.5))
            pygame.draw.circle(surf, colour, (cx, bar.y + t.px(13)), t.px(4 if i == 0 else 3))
            lbl = label_line(self.app.cache, name, "sans_semi", t.font_px(11), colour, round(w) - t.px(4))
            surf.blit(lbl, lbl.get_rect(midtop=(cx, bar.y + t.px(21))))
        return bar.y - t.px(6)

    def _placeholder(self, surf, screen, y) -> None:
        t, p = self.app.theme, self.app.theme.palette
        card = pygame.Rect(screen.x + t.px(14), y + t.px(6), screen.w - t.px(28), 0)
        inner = card.w - t.px(32)
        title = self.app.cache.block(
            "Score app not active in this story", "sans_semi", t.font_px(14.5), p.app_ink, inner, leading=1.3
        )
        body = self.app.cache.block(
            "When a story uses the scoring model, your score, your contacts and every reason behind a "
            "change will show up here.",
            "sans",
            t.font_px(12.5),
            p.app_muted,
            inner,
            leading=1.45,
        )
        card.h = title.height + body.height + t.px(40)
        card.h = min(card.h, screen.bottom - t.px(14) - card.y)
        if card.h <= title.height + t.px(20):
            return
        rrect(surf, p.app_card, card, t.px(14))
        rrect(surf, p.app_line, card, t.px(14), 1)
        x, ty = card.x + t.px(16), card.y + t.px(16)
        title.draw(surf, x, ty)
        self.boxes.append((card, pygame.Rect(x, ty, title.width, title.height), "placeholder title"))
        if ty + title.height + t.px(6) + body.height <= card.bottom:
            body.draw(surf, x, ty + title.height + t.px(6))
            self.boxes.append(
                (
                    card,
                    pygame.Rect(x, ty + title.height + t.px(6), body.width, body.height),
                    "placeholder body",
                )
            )

    def _notices(self, surf, screen) -> None:
        t, p = self.app.theme, self.app.theme.palette
        y = screen.y + t.px(34)
        reduced = self.app.settings.reduced_motion
        for live in self.live:
            n = live.notice
            card = pygame.Rect(screen.x + t.px(10), y, screen.w - t.px(20), 0)
            inner = card.w - t.px(64)
            title = self.app.cache.block(n.title, "sans_bold", t.font_px(13.5), p.app_ink, inner, leading=1.3)
            body = self.app.cache.block(n.body, "sans", t.font_px(12.5), p.app_muted, inner, leading=1.4)
            card.h = title.height + body.height + t.px(26)
            slide = 1.0 if reduced else min(1.0, live.age / 0.25)
            fade = 1.0 if reduced else min(1.0, (NOTICE_SECONDS - live.age) / 0.4)
            offset = round((1.0 - slide) ** 2 * -(card.h + t.px(40)))
            drawn = card.move(0, offset)
            layer = pygame.Surface(drawn.size, pygame.SRCALPHA)
            local = pygame.Rect(0, 0, *drawn.size)
            rrect(layer, (*p.app_card, 250), local, t.px(16))
            rrect(layer, (*p.app_line, 255), local, t.px(16), 1)
            icon = pygame.Rect(t.px(12), t.px(13), t.px(28), t.px(28))
            accent = p.good if n.delta > 0 else (p.bad if n.delta < 0 else p.app_accent)
            rrect(layer, accent, icon, t.px(8))
            glyph = self.app.cache.line(
                "+" if n.delta > 0 else ("−" if n.delta < 0 else "!"),
                "sans_bold",
                t.font_px(16),
                (255, 255, 255),
                smart=False,
            )
            layer.blit(glyph, glyph.get_rect(center=icon.center))
            title.draw(layer, t.px(52), t.px(12))
            body.draw(layer, t.px(52), t.px(14) + title.height)
            if fade < 1.0:
                layer.set_alpha(max(0, round(255 * fade)))
            if not self.app.settings.high_contrast:
                sh = shadow(drawn.size, t.px(16), t.px(8), 60)
                surf.blit(sh, (drawn.x - t.px(16), drawn.y - t.px(12)))
            surf.blit(layer, drawn)
            self.boxes.append(
                (
                    screen,
                    pygame.Rect(
                        drawn.x + t.px(52), drawn.y + t.px(12), title.width, title.height + body.height
                    ),
                    "notice",
                )
            )
            y = drawn.bottom + t.px(8)
