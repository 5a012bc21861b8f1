"""The score app's phone: its state (data, tab, scroll, the dial's shown value), mouse input
over it, its geometry, and drawing the frame around the tabs' rows (status bar, header, tab
bar, the placeholder when the app is off). See :mod:`game.desktop.phone`."""

from __future__ import annotations

import math

import pygame

from ...engine.messages import say
from ..inputs import Input
from ..scoreview import INACTIVE, Notice, ScoreData, date_text
from ..widgets import label_line, rrect, shadow
from .dial import draw_dial
from .notices import Notices
from .rows import Row, TabRows

TABS = (("score", "Score"), ("friends", "Friends"), ("activity", "Activity"))


class ScorePanel:
    """Draws the app in ``rect`` (set by :meth:`layout`). ``reduced_motion`` snaps the dial
    and notices instead of animating them."""

    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.data: ScoreData = INACTIVE
        self.shown = 0.0
        self.notices = Notices(app)
        self.tab_rows = TabRows(self)
        self.boxes: list[tuple[pygame.Rect, pygame.Rect, str]] = []
        self.tab = "score"
        self.first = {name: 0 for name, _ in TABS}
        self.tab_rects: dict[str, pygame.Rect] = {}
        self.hover_tab: str | None = None
        self.content = pygame.Rect(0, 0, 0, 0)
        self.tab_bar = pygame.Rect(0, 0, 0, 0)
        self.status_y = self.header_y = self.tab_h = 0
        self._rows_key = None
        self._rows: list[Row] = []
        #: what a click can do on the phone besides the tabs, as drawn last: (rect, ("tab", name))
        #: for "All in Activity", (rect, ("scroll", rows)) for the list's chevrons
        self.links: list[tuple[pygame.Rect, tuple[str, object]]] = []

    # -- data --------------------------------------------------------------------
    def set_view(self, data: ScoreData, animate: bool = True) -> None:
        first = self.data.score is None
        self.data = data
        self._rows_key = None
        if data.score is not None and (first or not animate or self.app.settings.reduced_motion):
            self.shown = float(data.score)
        self._clamp_first()

    def push(self, notices: list[Notice]) -> None:
        self.notices.push(notices)

    def clear_notices(self) -> None:
        self.notices.clear()

    @property
    def live(self):
        """The notices on show."""
        return self.notices.live

    # -- input -------------------------------------------------------------------
    def set_tab(self, name: str) -> None:
        if name != self.tab:
            self.tab = name
            self._rows_key = None
            self.app.dirty = True

    def cycle_tab(self, step: int) -> None:
        names = [n for n, _ in TABS]
        self.set_tab(names[(names.index(self.tab) + step) % len(names)])

    def handle(self, inp: Input) -> bool:
        """Mouse input over the phone: tabs and scrolling. True if the phone used it."""
        if inp.action == "point":
            hover = next((n for n, r in self.tab_rects.items() if r.collidepoint(inp.pos)), None)
            if hover != self.hover_tab:
                self.hover_tab = hover
                self.app.dirty = True
            return False
        if inp.pos is None or not self.rect.collidepoint(inp.pos):
            return False
        if inp.action == "click":
            for r, (what, arg) in self.links:
                if r.collidepoint(inp.pos):
                    self.app.sounds.play("click")
                    if what == "tab":
                        self.set_tab(arg)
                    else:
                        self.scroll(-arg)
                    return True
            for name, r in self.tab_rects.items():
                if r.collidepoint(inp.pos):
                    self.app.sounds.play("click")
                    self.set_tab(name)
                    return True
            return True  # a click on the phone never picks a choice behind it
        return inp.action == "press"

    def scroll(self, clicks: int) -> None:
        self.first[self.tab] -= clicks
        self._clamp_first()
        self.app.dirty = True

    def _clamp_first(self) -> None:
        rows = self.rows()
        limit = len(rows)
        room, i = self.content.h, len(rows)
        while i > 0 and room - rows[i - 1].h >= 0:
            room -= rows[i - 1].h
            i -= 1
        limit = i
        self.first[self.tab] = max(0, min(self.first[self.tab], limit))

    # -- time --------------------------------------------------------------------
    @property
    def animating(self) -> bool:
        target = self.data.score
        return bool(self.live) or (target is not None and abs(self.shown - target) > 0.5)

    def update(self, dt: float) -> None:
        target = self.data.score
        if target is not None:
            if self.app.settings.reduced_motion:
                self.shown = float(target)
            else:
                step = (target - self.shown) * min(1.0, dt * 4.0)
                # at least a few points a second, so the last stretch does not crawl
                floor = min(abs(target - self.shown), 30 * dt)
                self.shown += math.copysign(max(abs(step), floor), target - self.shown)
                if abs(self.shown - target) <= 0.5:
                    self.shown = float(target)
        self.notices.update(dt)

    # -- geometry ----------------------------------------------------------------
    def layout(self, rect: pygame.Rect) -> None:
        t = self.app.theme
        self.rect = rect
        screen = self.screen_rect()
        self.status_y = screen.y + t.px(12)
        self.header_y = self.status_y + t.px(26)
        self.tab_h = round(t.app_px(11) * 2.2) + t.px(16)
        self.tab_bar = pygame.Rect(screen.x, screen.bottom - self.tab_h, screen.w, self.tab_h)
        names = [n for n, _ in TABS]
        w = self.tab_bar.w / len(names)
        self.tab_rects = {
            n: pygame.Rect(round(self.tab_bar.x + w * i), self.tab_bar.y, round(w), self.tab_bar.h)
            for i, n in enumerate(names)
        }
        self._rows_key = None
        self._clamp_first()

    def screen_rect(self) -> pygame.Rect:
        bezel = self.app.theme.px(9)
        return self.rect.inflate(-2 * bezel, -2 * bezel)

    def _header_bottom(self) -> int:
        t = self.app.theme
        name_h = self.app.cache.font("sans_bold", t.app_px(16)).get_height()
        return max(self.header_y + t.px(36), self.header_y + t.px(3) + name_h + t.app_px(14)) + t.px(8)

    def dial_geometry(self) -> tuple[tuple[float, float], float, float, int]:
        """(centre, radius, band width, bottom) of the dial on the Score tab."""
        t = self.app.theme
        screen = self.screen_rect()
        radius = min(screen.w * 0.32, screen.h * 0.16)
        band = max(4, radius * 0.13)
        top = self._header_bottom()
        center = (screen.centerx, top + t.px(10) + radius)
        bottom = int(center[1] + radius * 0.55)
        return center, radius, band, bottom

    def _content_rect(self) -> pygame.Rect:
        t = self.app.theme
        screen = self.screen_rect()
        top = self._header_bottom()
        if self.tab == "score":
            top = self.dial_geometry()[3] + self._badge_block_h() + t.px(10)
        bottom = self.tab_bar.y - t.px(8)
        return pygame.Rect(screen.x + t.px(14), top, screen.w - t.px(28), max(0, bottom - top))

    def notice_top(self) -> int:
        """Where pop-up notices start: below the dial and its tier badge on the Score tab (the
        number stays in sight), below the header (with its score pill) on the others."""
        t = self.app.theme
        if self.tab == "score" or not self.data.active:
            return self.dial_geometry()[3] + self._badge_block_h() + t.px(4)
        return self._header_bottom()

    def _badge_block_h(self) -> int:
        t = self.app.theme
        h = self.app.cache.font("sans_bold", t.app_px(11.5)).get_height() + t.px(8)
        if self.data.view is not None:
            h += t.px(8) + self.app.cache.font("sans", t.app_px(11.5)).get_height()
        return h

    # -- rows ----------------------------------------------------------------------
    def rows(self) -> list[Row]:
        t = self.app.theme
        self.content = self._content_rect()
        key = (self.tab, id(self.data), self.content.size, t, self.app.settings.high_contrast)
        if key != self._rows_key:
            self._rows_key = key
            if not self.data.active:
                self._rows = []
            else:
                self._rows = self.tab_rows.make(self.tab, self.content.w)
        return self._rows

    # -- drawing -----------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.app.theme, self.app.theme.palette
        self.boxes = []
        self.links = []
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
        self._status_bar(surf, screen)
        self._header(surf, screen)
        if self.data.active:
            if self.tab == "score":
                draw_dial(self, surf)
            self._list(surf)
            self._tab_bar(surf, screen)
        else:
            draw_dial(self, surf)
            y = self.dial_geometry()[3] + self._badge_block_h() + t.px(6)
            self._placeholder(surf, pygame.Rect(screen.x, screen.y, screen.w, screen.h - t.px(8)), y)
        self.notices.draw(surf, screen, self.notice_top(), self.tab_bar.y, self.boxes)
        surf.set_clip(prev_clip)

    def blit(self, surf, img, pos, what) -> None:
        """Blit ``img`` and record its box (for the overflow tests) as ``what``."""
        surf.blit(img, pos)
        self.boxes.append((self.screen_rect(), pygame.Rect(pos, img.get_size()), what))

    def text(self, surf, text, role, size, colour, x, y, width, what) -> pygame.Surface:
        """One line of text, elided to ``width``, blitted and recorded."""
        line = label_line(self.app.cache, text, role, size, colour, max(1, width))
        self.blit(surf, line, (x, y), what)
        return line

    def _status_bar(self, surf, screen) -> None:
        t, p = self.app.theme, self.app.theme.palette
        y = self.status_y
        pad = t.px(22)
        clock = date_text(self.data.view.date) if self.data.view else "09:41"
        self.text(
            surf, clock, "sans_semi", t.app_px(12), p.app_ink, screen.x + pad, y, screen.w // 2, "clock"
        )
        bw, bh = t.px(22), t.px(11)
        batt = pygame.Rect(screen.right - pad - bw, y + t.px(3), bw, bh)
        rrect(surf, p.app_ink, batt, t.px(3), 1)
        rrect(surf, p.app_ink, batt.inflate(-t.px(4), -t.px(4)).move(-t.px(3), 0).clip(batt), t.px(2))
        for i in range(4):
            h = t.px(4 + i * 2.5)
            bar = pygame.Rect(batt.x - t.px(34) + i * t.px(6), batt.bottom - h, t.px(4), h)
            rrect(surf, p.app_ink, bar, 1)

    def _header(self, surf, screen) -> None:
        t, p = self.app.theme, self.app.theme.palette
        y = self.header_y
        pad = t.px(22)
        d = t.px(30)
        logo = pygame.Rect(screen.x + pad, y + t.px(6), d, d)
        rrect(surf, p.app_accent, logo, t.px(9))
        app_name = self.data.app_name or "Social Score"
        mark = self.app.cache.line(app_name[:1].upper(), "sans_bold", t.app_px(17), (255, 255, 255))
        surf.blit(mark, mark.get_rect(center=logo.center))
        x = logo.right + t.px(10)
        right = screen.right - pad
        if self.data.active and self.tab != "score":
            # the score stays in sight on the other tabs, as a small pill
            v = self.data.view
            pill_t = self.app.cache.line(
                str(round(self.shown)), "sans_bold", t.app_px(13), p.app_accent, smart=False
            )
            pr = pill_t.get_rect().inflate(t.px(16), t.px(8))
            pr.midright = (right, logo.centery)
            rrect(surf, p.app_accent_soft, pr, pr.h // 2)
            self.blit(surf, pill_t, pill_t.get_rect(center=pr.center).topleft, "score pill")
            right = pr.left - t.px(8)
            title, tagline = (
                dict(TABS)[self.tab],
                (
                    say("phone.tagline.pulls" if self.data.network_pulls else "phone.tagline.no_pull")
                    if self.tab == "friends"
                    else say("phone.tagline.rules", rules=v.rules_title)
                ),
            )
        else:
            title, tagline = app_name, self.data.app_tagline
        width = right - x
        name = self.text(surf, title, "sans_bold", t.app_px(16), p.app_ink, x, y + t.px(3), width, "app name")
        self.text(
            surf,
            tagline,
            "sans",
            t.app_px(11.5),
            p.app_muted,
            x,
            y + t.px(3) + name.get_height(),
            width,
            "tagline",
        )

    def _list(self, surf) -> None:
        t, p = self.app.theme, self.app.theme.palette
        rows = self.rows()
        area = self.content
        first = min(self.first[self.tab], len(rows))
        y = area.y
        placed = []
        for row in rows[first:]:
            if y + row.h > area.bottom:
                break
            placed.append((row, y))
            y += row.h
        last = first + len(placed)
        # cards behind runs of card rows, hairlines between the rows of a run
        i = 0
        while i < len(placed):
            row, top = placed[i]
            if row.card is None:
                i += 1
                continue
            j = i
            while j + 1 < len(placed) and placed[j + 1][0].card == row.card:
                j += 1
            bottom = placed[j][1] + placed[j][0].h
            rrect(surf, row.card, pygame.Rect(area.x, top, area.w, bottom - top), t.px(12))
            for k in range(i + 1, j + 1):
                ly = placed[k][1]
                pygame.draw.line(surf, p.app_line, (area.x + t.px(10), ly), (area.right - t.px(10), ly))
            i = j + 1
        for row, top in placed:
            row.draw(surf, area.x, top, area.w)
        # more above or below: small chevrons at the list's edges
        # (a click on one scrolls by three rows, as the wheel does)
        if first > 0:
            self._chevron(surf, (area.right - t.px(6), area.y + t.px(2)), up=True)
        if last < len(rows):
            self._chevron(surf, (area.right - t.px(6), area.bottom - t.px(2)), up=False)

    def _chevron(self, surf, pos, up: bool) -> None:
        t, p = self.app.theme, self.app.theme.palette
        s = t.px(5)
        x, y = pos
        pts = (
            [(x - s, y + s // 2), (x, y - s // 2), (x + s, y + s // 2)]
            if up
            else [(x - s, y - s // 2), (x, y + s // 2), (x + s, y - s // 2)]
        )
        pygame.draw.lines(surf, p.app_muted, False, pts, max(2, t.px(2)))
        hit = pygame.Rect(0, 0, t.px(28), t.px(22))
        hit.center = (x, y)
        self.links.append((hit, ("scroll", -3 if up else 3)))

    def _tab_bar(self, surf, screen) -> None:
        t, p = self.app.theme, self.app.theme.palette
        bar = self.tab_bar
        pygame.draw.line(surf, p.app_line, bar.topleft, bar.topright)
        for name, title in TABS:
            r = self.tab_rects[name]
            on = name == self.tab
            colour = p.app_accent if on else (p.app_ink if self.hover_tab == name else p.app_muted)
            cx = r.centerx
            pygame.draw.circle(surf, colour, (cx, bar.y + t.px(13)), t.px(4 if on else 3))
            lbl = label_line(self.app.cache, title, "sans_semi", t.app_px(11), colour, r.w - t.px(4))
            self.blit(surf, lbl, lbl.get_rect(midtop=(cx, bar.y + t.px(21))).topleft, title)

    def _placeholder(self, surf, screen, y) -> None:
        t, p = self.app.theme, self.app.theme.palette
        card = pygame.Rect(screen.x + t.px(14), y + t.px(6), screen.w - t.px(28), 0)
        inner = card.w - t.px(32)
        if self.data.hidden:
            heading = say("phone.hidden.title", app=self.data.app_name or say("notice.welcome.app"))
            text = say("phone.hidden.body")
        else:
            heading = say("phone.none.title")
            text = say("phone.none.body")
        title = self.app.cache.block(heading, "sans_semi", t.app_px(14.5), p.app_ink, inner, leading=1.3)
        body = self.app.cache.block(
            text,
            "sans",
            t.app_px(12.5),
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
