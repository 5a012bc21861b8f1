"""The phone-style score app beside the story.

Three tabs: **Score** (the dial, tier, the date and era, perks and penalties, the latest
changes), **Friends** (your network with this month's pull, who is pulling you down, and
suggested contacts with their predicted gain) and **Activity** (the ledger, newest first,
each change explained in the session's transparency mode). Pop-up notices slide in at
the top. It reads only a :class:`~game.desktop.scoreview.ScoreData`; without a score it
shows a placeholder.

Tab content is a list of rows laid out once per data and size; the lists scroll by whole
rows (mouse wheel over the phone), so no line of text is ever cut in half.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from .inputs import Input
from .scoreview import INACTIVE, Notice, ScoreData, date_text, explain, signed
from .widgets import label_line, rrect, shadow, thick_arc

NOTICE_SECONDS = 5.0
#: with more notices waiting, each one stays a shorter time (but never less than this)
NOTICE_MIN_SECONDS = 2.2
MAX_LIVE = 2
DIAL_START, DIAL_SWEEP = -120.0, 240.0
AVATAR_COLOURS = ((255, 170, 102), (120, 170, 230), (150, 200, 140), (210, 150, 210), (240, 200, 90))
TABS = (("score", "Score"), ("friends", "Friends"), ("activity", "Activity"))


@dataclass
class LiveNotice:
    notice: Notice
    age: float = 0.0
    life: float = NOTICE_SECONDS


@dataclass
class Row:
    """One row of a tab's list: its height and how to draw it at (x, y) with width w."""

    h: int
    draw: Callable[[pygame.Surface, int, int, int], None]
    card: tuple[int, int, int] | None = None  # the card colour behind the row, if any


class ScorePanel:
    """Draws the app in ``rect`` (set by :meth:`layout`). ``reduced_motion`` snaps the dial
    and notices instead of animating them."""

    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.data: ScoreData = INACTIVE
        self.shown = 0.0
        self.live: list[LiveNotice] = []
        self.queue: list[Notice] = []
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

    # -- data --------------------------------------------------------------------
    def set_view(self, data: ScoreData, animate: bool = True) -> None:
        first = self.data.score is None
        self.data = data
        self._rows_key = None
        if data.score is not None and (first or not animate or self.app.settings.reduced_motion):
            self.shown = float(data.score)
        self._clamp_first()

    def push(self, notices: list[Notice]) -> None:
        self.queue.extend(notices)
        self._promote()

    def clear_notices(self) -> None:
        self.live, self.queue = [], []

    def _promote(self) -> None:
        while self.queue and len(self.live) < MAX_LIVE:
            notice = self.queue.pop(0)
            waiting = len(self.queue)
            life = max(NOTICE_MIN_SECONDS, NOTICE_SECONDS - 0.6 * waiting)
            self.live.append(LiveNotice(notice, 0.0, life))
            self.app.sounds.play(notice.sound)

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
        for live in self.live:
            live.age += dt
        self.live = [n for n in self.live if n.age < n.life]
        self._promote()

    # -- geometry ----------------------------------------------------------------
    def layout(self, rect: pygame.Rect) -> None:
        t = self.app.theme
        self.rect = rect
        screen = self.screen_rect()
        self.status_y = screen.y + t.px(12)
        self.header_y = self.status_y + t.px(26)
        self.tab_h = round(t.font_px(11) * 2.2) + t.px(16)
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
        name_h = self.app.cache.font("sans_bold", t.font_px(16)).get_height()
        return max(self.header_y + t.px(36), self.header_y + t.px(3) + name_h + t.font_px(14)) + t.px(8)

    def _dial_geometry(self) -> tuple[tuple[float, float], float, float, int]:
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
            top = self._dial_geometry()[3] + self._badge_block_h() + t.px(10)
        bottom = self.tab_bar.y - t.px(8)
        return pygame.Rect(screen.x + t.px(14), top, screen.w - t.px(28), max(0, bottom - top))

    def _badge_block_h(self) -> int:
        t = self.app.theme
        h = self.app.cache.font("sans_bold", t.font_px(11.5)).get_height() + t.px(8)
        if self.data.view is not None:
            h += t.px(8) + self.app.cache.font("sans", t.font_px(11.5)).get_height()
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
                make = {
                    "score": self._score_rows,
                    "friends": self._friend_rows,
                    "activity": self._activity_rows,
                }
                self._rows = make[self.tab](self.content.w)
        return self._rows

    def _section_row(self, title: str, note: str = "") -> Row:
        t, p = self.app.theme, self.app.theme.palette
        size = t.font_px(11)
        h = self.app.cache.font("sans_bold", size).get_height() + t.px(14)

        def draw(surf, x, y, w):
            lbl = self._text(surf, title, "sans_bold", size, p.app_muted, x + t.px(4), y + t.px(8), w, title)
            if note:
                room = w - lbl.get_width() - t.px(16)
                if room > t.px(30):
                    n = label_line(self.app.cache, note, "sans", size, p.app_muted, room)
                    self._blit(surf, n, (x + w - n.get_width() - t.px(4), y + t.px(8)), note)

        return Row(h, draw)

    def _no_changes_row(self, width: int):
        t, p = self.app.theme, self.app.theme.palette
        text = "No changes yet. Every change will appear here with its reason."
        return self._text_row(text, "sans", t.font_px(12), p.app_muted, width, t.px(6))

    def _text_row(
        self, text: str, role: str, size: int, colour, width: int, pad: int = 0, indent: int = 0
    ) -> Row:
        t = self.app.theme
        left = t.px(4) + indent
        block = self.app.cache.block(text, role, size, colour, width - 2 * t.px(4), leading=1.4)

        def draw(surf, x, y, w):
            block.draw(surf, x + left, y + pad)
            self.boxes.append(
                (self.screen_rect(), pygame.Rect(x + left, y + pad, block.width, block.height), text)
            )

        return Row(block.height + 2 * pad, draw)

    def _entry_row(self, entry, width: int, last: bool) -> Row:
        """A ledger entry: date and delta on top, the explanation (session's mode) below."""
        t, p = self.app.theme, self.app.theme.palette
        mode = self.data.mode
        reason = explain(entry.explain, mode) or "Your score changed."
        small = t.font_px(11)
        size = t.font_px(12.5)
        inner = width - 2 * t.px(10)
        block = self.app.cache.block(reason, "sans", size, p.app_ink, inner, leading=1.38)
        top_h = self.app.cache.font("sans_bold", t.font_px(13)).get_height()
        h = t.px(8) + top_h + t.px(2) + block.height + t.px(9)

        def draw(surf, x, y, w):
            colour = p.good if entry.delta > 0 else (p.bad if entry.delta < 0 else p.app_muted)
            delta = self.app.cache.line(signed(entry.delta), "sans_bold", t.font_px(13), colour, smart=False)
            dr = delta.get_rect(topright=(x + w - t.px(10), y + t.px(8)))
            self._blit(surf, delta, dr.topleft, "delta")
            self._text(
                surf,
                date_text(entry.date),
                "sans_semi",
                small,
                p.app_muted,
                x + t.px(10),
                y + t.px(8) + (top_h - self.app.cache.font("sans_semi", small).get_height()) // 2,
                dr.left - t.px(8) - x - t.px(10),
                "date",
            )
            by = y + t.px(8) + top_h + t.px(2)
            block.draw(surf, x + t.px(10), by)
            self.boxes.append(
                (self.screen_rect(), pygame.Rect(x + t.px(10), by, block.width, block.height), reason)
            )

        return Row(h, draw)

    def _card_rows(self, rows: list[Row], colour=None) -> list[Row]:
        """Mark rows as one card: :meth:`_list` draws a rounded card behind each run of
        visible card rows, with hairlines between them."""
        colour = colour or self.app.theme.palette.app_card
        for row in rows:
            row.card = colour
        return rows

    def _score_rows(self, width: int) -> list[Row]:
        rows: list[Row] = []
        v = self.data.view
        chips = [(f"Era: {v.era_title}", "era")] if v.era_title else []
        chips += [(title, "penalty" if penalty else "perk") for _, title, penalty in v.perks]
        if chips:
            rows.extend(self._chip_rows(chips, width))
        entries = list(reversed(self.data.ledger))
        if entries:
            rows.append(self._section_row("RECENT ACTIVITY", "All in Activity" if len(entries) > 3 else ""))
            shown = entries[:3]
            rows.extend(
                self._card_rows([self._entry_row(e, width, i == len(shown) - 1) for i, e in enumerate(shown)])
            )
        else:
            rows.append(self._no_changes_row(width))
        return rows

    def _chip_rows(self, chips: list[tuple[str, str]], width: int) -> list[Row]:
        """Pills for the era, perks (green) and penalties (red), wrapped into rows."""
        t, p = self.app.theme, self.app.theme.palette
        size = t.font_px(11)
        font = self.app.cache.font("sans_semi", size)
        pad, gap = t.px(9), t.px(6)
        ch = font.get_height() + t.px(8)
        lines: list[list[tuple[str, str, int]]] = [[]]
        x = 0
        for text, kind in chips:
            mark = {"perk": "✓ ", "penalty": "! ", "era": ""}[kind]
            full = mark + text
            w = min(width, font.size(full)[0] + 2 * pad)
            if lines[-1] and x + w > width:
                lines.append([])
                x = 0
            lines[-1].append((full, kind, w))
            x += w + gap
        rows = []
        for line in lines:

            def draw(surf, x0, y, w, line=line):
                cx = x0
                for full, kind, cw in line:
                    bg, fg = {
                        "perk": (_mix(p.good, p.app_bg, 0.85), p.good),
                        "penalty": (_mix(p.bad, p.app_bg, 0.85), p.bad),
                        "era": (p.app_line, p.app_ink),
                    }[kind]
                    r = pygame.Rect(cx, y, cw, ch)
                    rrect(surf, bg, r, ch // 2)
                    lbl = label_line(self.app.cache, full, "sans_semi", size, fg, cw - 2 * pad)
                    self._blit(surf, lbl, lbl.get_rect(center=r.center).topleft, full)
                    cx += cw + gap

            rows.append(Row(ch + gap, draw))
        return rows

    def _person_row(
        self,
        name: str,
        score: int,
        sub: str,
        sub_colour,
        right: str = "",
        right_colour=None,
        dim: bool = False,
    ) -> Row:
        t, p = self.app.theme, self.app.theme.palette
        h = max(t.px(42), round(t.font_px(14) * 2.9))

        def draw(surf, x, y, w):
            d = round(min(h * 0.72, t.px(32)))
            av = pygame.Rect(x + t.px(8), y + (h - d) // 2, d, d)
            colour = AVATAR_COLOURS[zlib.crc32(name.encode()) % len(AVATAR_COLOURS)]
            if dim:
                colour = _mix(colour, p.app_bg, 0.55)
            pygame.draw.circle(surf, colour, av.center, d // 2)
            initials = "".join(word[0] for word in name.split()[:2]).upper() or "?"
            ini = self.app.cache.line(initials, "sans_bold", t.font_px(12), (255, 255, 255))
            surf.blit(ini, ini.get_rect(center=av.center))
            rx = x + w - t.px(8)
            if right:
                pill = self.app.cache.line(
                    right, "sans_bold", t.font_px(11.5), right_colour or p.app_ink, smart=False
                )
                pr = pill.get_rect().inflate(t.px(12), t.px(6))
                pr.midright = (rx, y + h // 2)
                rrect(surf, _mix(right_colour or p.app_ink, p.app_bg, 0.86), pr, pr.h // 2)
                self._blit(surf, pill, pill.get_rect(center=pr.center).topleft, right)
                rx = pr.left - t.px(8)
            sc = self.app.cache.line(
                str(score), "sans_bold", t.font_px(14), p.app_muted if dim else p.app_ink, smart=False
            )
            sr = sc.get_rect(midright=(rx, y + h // 2))
            self._blit(surf, sc, sr.topleft, "score")
            tx = av.right + t.px(10)
            room = sr.left - t.px(8) - tx
            nsize, ssize = t.font_px(13.5), t.font_px(11)
            nh = self.app.cache.font("sans_semi", nsize).get_height()
            sh = self.app.cache.font("sans", ssize).get_height()
            ty = y + (h - nh - sh) // 2
            self._text(surf, name, "sans_semi", nsize, p.app_muted if dim else p.app_ink, tx, ty, room, name)
            if sub:
                self._text(surf, sub, "sans", ssize, sub_colour, tx, ty + nh, room, sub)

        return Row(h, draw)

    def _friend_rows(self, width: int) -> list[Row]:
        t, p = self.app.theme, self.app.theme.palette
        d = self.data
        rows: list[Row] = []
        if d.pulling_down:
            rows.append(self._section_row("PULLING YOU DOWN"))
            for c in d.pulling_down:
                text = (
                    f"{c.name} ({c.score}) is costing you {-c.pull_now} "
                    f"{'point' if c.pull_now == -1 else 'points'} a month. "
                    "Friends with high scores lift you up!"
                )
                rows.extend(
                    self._card_rows(
                        [
                            self._text_row(
                                text, "sans", t.font_px(12), p.bad, width - t.px(12), t.px(8), t.px(6)
                            )
                        ],
                        _mix(p.bad, p.app_bg, 0.9),
                    )
                )
        rows.append(self._section_row("YOUR NETWORK", f"{len(d.network)}"))
        if d.network:
            people = []
            for c in d.network:
                if c.pull_now:
                    sub, colour = f"{signed(c.pull_now)} this month", p.good if c.pull_now > 0 else p.bad
                else:
                    sub, colour = "No effect this month", p.app_muted
                people.append(self._person_row(c.name, c.score, sub, colour))
            rows.extend(self._card_rows(people))
        else:
            rows.append(
                self._text_row(
                    "Nobody yet. A trusted network raises your score.",
                    "sans",
                    t.font_px(12),
                    p.app_muted,
                    width,
                    t.px(4),
                )
            )
        if d.suggestions:
            rows.append(self._section_row("SUGGESTED FOR YOU"))
            people = [
                self._person_row(
                    s.name, s.score, "Could lift your score", p.app_muted, f"{signed(s.gain)}/mo", p.good
                )
                for s in d.suggestions
            ]
            rows.extend(self._card_rows(people))
        if d.others:
            rows.append(self._section_row("NO LONGER CONNECTED"))
            people = []
            for c in d.others:
                sub = "Removed you" if c.dropped_you else "You removed them"
                if c.pull_total:
                    sub += f" · {signed(c.pull_total)} in all"
                people.append(self._person_row(c.name, c.score, sub, p.app_muted, dim=True))
            rows.extend(self._card_rows(people))
        return rows

    def _activity_rows(self, width: int) -> list[Row]:
        entries = list(reversed(self.data.ledger))
        if not entries:
            return [self._no_changes_row(width)]
        return self._card_rows(
            [self._entry_row(e, width, i == len(entries) - 1) for i, e in enumerate(entries)]
        )

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
        self._status_bar(surf, screen)
        self._header(surf, screen)
        if self.data.active:
            if self.tab == "score":
                self._dial(surf)
            self._list(surf)
            self._tab_bar(surf, screen)
        else:
            self._dial(surf)
            y = self._dial_geometry()[3] + self._badge_block_h() + t.px(6)
            self._placeholder(surf, pygame.Rect(screen.x, screen.y, screen.w, screen.h - t.px(8)), y)
        self._notices(surf, screen)
        surf.set_clip(prev_clip)

    def _blit(self, surf, img, pos, what) -> None:
        surf.blit(img, pos)
        self.boxes.append((self.screen_rect(), pygame.Rect(pos, img.get_size()), what))

    def _text(self, surf, text, role, size, colour, x, y, width, what) -> pygame.Surface:
        line = label_line(self.app.cache, text, role, size, colour, max(1, width))
        self._blit(surf, line, (x, y), what)
        return line

    def _status_bar(self, surf, screen) -> None:
        t, p = self.app.theme, self.app.theme.palette
        y = self.status_y
        pad = t.px(22)
        clock = date_text(self.data.view.date) if self.data.view else "09:41"
        self._text(
            surf, clock, "sans_semi", t.font_px(12), p.app_ink, screen.x + pad, y, screen.w // 2, "clock"
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
        mark = self.app.cache.line(app_name[:1].upper(), "sans_bold", t.font_px(17), (255, 255, 255))
        surf.blit(mark, mark.get_rect(center=logo.center))
        x = logo.right + t.px(10)
        right = screen.right - pad
        if self.data.active and self.tab != "score":
            # the score stays in sight on the other tabs, as a small pill
            v = self.data.view
            pill_t = self.app.cache.line(
                str(round(self.shown)), "sans_bold", t.font_px(13), p.app_accent, smart=False
            )
            pr = pill_t.get_rect().inflate(t.px(16), t.px(8))
            pr.midright = (right, logo.centery)
            rrect(surf, p.app_accent_soft, pr, pr.h // 2)
            self._blit(surf, pill_t, pill_t.get_rect(center=pr.center).topleft, "score pill")
            right = pr.left - t.px(8)
            title, tagline = (
                dict(TABS)[self.tab],
                ("Your network shapes your score" if self.tab == "friends" else f"Rules: {v.rules_title}"),
            )
        else:
            title, tagline = app_name, "Trust makes life easier"
        width = right - x
        name = self._text(
            surf, title, "sans_bold", t.font_px(16), p.app_ink, x, y + t.px(3), width, "app name"
        )
        self._text(
            surf,
            tagline,
            "sans",
            t.font_px(11.5),
            p.app_muted,
            x,
            y + t.px(3) + name.get_height(),
            width,
            "tagline",
        )

    def _dial(self, surf) -> None:
        t, p = self.app.theme, self.app.theme.palette
        screen = self.screen_rect()
        center, radius, band, _ = self._dial_geometry()
        active = self.data.active
        thick_arc(surf, p.app_line, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP)
        v = self.data.view
        if active:
            frac = self.data.fraction(self.shown)
            thick_arc(surf, p.app_accent, center, radius, band, DIAL_START, DIAL_START + DIAL_SWEEP * frac)
            # tier boundaries: thin notches across the band
            for _, _, lo in self.data.tiers:
                f = self.data.fraction(lo)
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
            number, colour = str(round(self.shown)), p.app_ink
            lo, hi = v.min, v.max
        else:
            number, colour = "—", p.app_muted
            lo, hi = 350, 950
        num = self.app.cache.line(number, "sans_bold", t.font_px(44), colour, smart=False)
        nrect = num.get_rect(center=(center[0], center[1] - radius * 0.1))
        self._blit(surf, num, nrect.topleft, "score")
        for value, angle in ((lo, DIAL_START), (hi, DIAL_START + DIAL_SWEEP)):
            a = math.radians(angle)
            lbl = self.app.cache.line(str(value), "sans", t.font_px(10.5), p.app_muted)
            pos = (
                center[0] + math.sin(a) * (radius - band / 2),
                center[1] - math.cos(a) * (radius - band / 2),
            )
            r = lbl.get_rect(midtop=(pos[0], pos[1] + band * 0.9))
            surf.blit(lbl, r)
        badge_text = (v.tier_title or "Unrated").upper() if active else "NOT ACTIVE"
        lbl = self.app.cache.line(
            badge_text, "sans_bold", t.font_px(11.5), p.app_accent if active else p.app_muted
        )
        badge = lbl.get_rect().inflate(t.px(20), t.px(8))
        badge.midtop = (center[0], self._dial_geometry()[3])
        rrect(surf, p.app_accent_soft if active else p.app_line, badge, badge.h // 2)
        self._blit(surf, lbl, lbl.get_rect(center=badge.center).topleft, "tier")
        if active:
            if v.next_tier and v.next_tier_at is not None:
                gap = v.next_tier_at - v.score
                hint = f"{gap} {'point' if gap == 1 else 'points'} to {v.next_tier}"
            else:
                hint = "Top tier. Well done!"
            size = t.font_px(11.5)
            line = label_line(self.app.cache, hint, "sans", size, p.app_muted, screen.w - t.px(40))
            self._blit(
                surf, line, line.get_rect(midtop=(center[0], badge.bottom + t.px(8))).topleft, "next tier"
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
            lbl = label_line(self.app.cache, title, "sans_semi", t.font_px(11), colour, r.w - t.px(4))
            self._blit(surf, lbl, lbl.get_rect(midtop=(cx, bar.y + t.px(21))).topleft, title)

    def _placeholder(self, surf, screen, y) -> None:
        t, p = self.app.theme, self.app.theme.palette
        card = pygame.Rect(screen.x + t.px(14), y + t.px(6), screen.w - t.px(28), 0)
        inner = card.w - t.px(32)
        if self.data.hidden:
            heading = f"{self.data.app_name or 'The score app'} is not on"
            text = "You haven't turned it on. Your score is kept all the same; you just don't look."
        else:
            heading = "Score app not active in this story"
            text = (
                "When a story uses the scoring model, your score, your contacts and every reason behind a "
                "change will show up here."
            )
        title = self.app.cache.block(heading, "sans_semi", t.font_px(14.5), p.app_ink, inner, leading=1.3)
        body = self.app.cache.block(
            text,
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
            card.h = max(title.height + body.height + t.px(26), t.px(54))
            if card.bottom > self.tab_bar.y:
                break
            slide = 1.0 if reduced else min(1.0, live.age / 0.25)
            fade = 1.0 if reduced else min(1.0, (live.life - live.age) / 0.4)
            offset = round((1.0 - slide) ** 2 * -(card.h + t.px(40)))
            drawn = card.move(0, offset)
            layer = pygame.Surface(drawn.size, pygame.SRCALPHA)
            local = pygame.Rect(0, 0, *drawn.size)
            rrect(layer, (*p.app_card, 250), local, t.px(16))
            rrect(layer, (*p.app_line, 255), local, t.px(16), 1)
            icon = pygame.Rect(t.px(12), t.px(13), t.px(28), t.px(28))
            accent = {"good": p.good, "bad": p.bad}.get(n.tone, p.app_accent)
            rrect(layer, accent, icon, t.px(8))
            glyph = self.app.cache.line(
                n.glyph or "!", "sans_bold", t.font_px(15), (255, 255, 255), smart=False
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
                        drawn.x + t.px(52),
                        drawn.y + t.px(12),
                        max(title.width, body.width),
                        title.height + body.height,
                    ),
                    "notice",
                )
            )
            y = drawn.bottom + t.px(8)


def _mix(a, b, f: float):
    """Colour ``a`` moved ``f`` of the way toward ``b``."""
    return tuple(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))
