"""The rows of the score app's three tabs: what each tab lists, and how a row is drawn.

**Score**: the era and perk chips, the latest changes. **Friends**: who is pulling you down,
your network with this month's pull, suggested contacts with their predicted gain, the people
no longer connected (figures of pull only in transparent mode, names of who pulls you down not
in opaque mode: :mod:`game.engine.scoring.shown`). **Activity**: the ledger, newest first. Each
change is explained in the session's transparency mode.

A :class:`Row` knows its height and how to draw itself at (x, y) with width w; the panel
lays rows out and scrolls them by whole rows.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ...engine.messages import say
from ...engine.scoring import shown
from ..scoreview import date_text, explain, signed
from ..widgets import label_line, mix, rrect

AVATAR_COLOURS = ((255, 170, 102), (120, 170, 230), (150, 200, 140), (210, 150, 210), (240, 200, 90))


@dataclass
class Row:
    """One row of a tab's list: its height and how to draw it at (x, y) with width w."""

    h: int
    draw: Callable[[pygame.Surface, int, int, int], None]
    card: tuple[int, int, int] | None = None  # the card colour behind the row, if any


class TabRows:
    """Makes the rows of a tab for ``panel`` (its app, data, and the boxes it records)."""

    def __init__(self, panel):
        self.panel = panel

    def make(self, tab: str, width: int) -> list[Row]:
        """The rows of ``tab`` ("score", "friends" or "activity") at ``width`` pixels."""
        return {"score": self.score, "friends": self.friends, "activity": self.activity}[tab](width)

    def _section_row(self, title: str, note: str = "") -> Row:
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        size = t.app_px(11)
        h = self.panel.app.cache.font("sans_bold", size).get_height() + t.px(14)

        def draw(surf, x, y, w):
            lbl = self.panel.text(
                surf, title, "sans_bold", size, p.app_muted, x + t.px(4), y + t.px(8), w, title
            )
            if note:
                # a link: drawn in the app's accent and clickable (ScorePanel.links), to the Activity tab
                room = w - lbl.get_width() - t.px(16)
                if room > t.px(30):
                    n = label_line(self.panel.app.cache, note + " ›", "sans_semi", size, p.app_accent, room)
                    pos = (x + w - n.get_width() - t.px(4), y + t.px(8))
                    self.panel.blit(surf, n, pos, note)
                    hit = pygame.Rect(pos, n.get_size()).inflate(t.px(8), t.px(8))
                    self.panel.links.append((hit, ("tab", "activity")))

        return Row(h, draw)

    def _no_changes_row(self, width: int):
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        text = say("phone.no_changes")
        return self._text_row(text, "sans", t.app_px(12), p.app_muted, width, t.px(6))

    def _text_row(
        self, text: str, role: str, size: int, colour, width: int, pad: int = 0, indent: int = 0
    ) -> Row:
        t = self.panel.app.theme
        left = t.px(4) + indent
        block = self.panel.app.cache.block(text, role, size, colour, width - 2 * t.px(4), leading=1.4)

        def draw(surf, x, y, w):
            block.draw(surf, x + left, y + pad)
            self.panel.boxes.append(
                (self.panel.screen_rect(), pygame.Rect(x + left, y + pad, block.width, block.height), text)
            )

        return Row(block.height + 2 * pad, draw)

    def _entry_row(self, entry, width: int, last: bool) -> Row:
        """A ledger entry: date and delta on top, the explanation (session's mode) below."""
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        mode = self.panel.data.mode
        reason = explain(entry.explain, mode)
        small = t.app_px(11)
        size = t.app_px(12.5)
        inner = width - 2 * t.px(10)
        block = self.panel.app.cache.block(reason, "sans", size, p.app_ink, inner, leading=1.38)
        top_h = self.panel.app.cache.font("sans_bold", t.app_px(13)).get_height()
        h = t.px(8) + top_h + t.px(2) + block.height + t.px(9)

        def draw(surf, x, y, w):
            colour = p.good if entry.delta > 0 else (p.bad if entry.delta < 0 else p.app_muted)
            delta = self.panel.app.cache.line(
                signed(entry.delta), "sans_bold", t.app_px(13), colour, smart=False
            )
            dr = delta.get_rect(topright=(x + w - t.px(10), y + t.px(8)))
            self.panel.blit(surf, delta, dr.topleft, "delta")
            self.panel.text(
                surf,
                date_text(entry.date),
                "sans_semi",
                small,
                p.app_muted,
                x + t.px(10),
                y + t.px(8) + (top_h - self.panel.app.cache.font("sans_semi", small).get_height()) // 2,
                dr.left - t.px(8) - x - t.px(10),
                "date",
            )
            by = y + t.px(8) + top_h + t.px(2)
            block.draw(surf, x + t.px(10), by)
            self.panel.boxes.append(
                (self.panel.screen_rect(), pygame.Rect(x + t.px(10), by, block.width, block.height), reason)
            )

        return Row(h, draw)

    def _card_rows(self, rows: list[Row], colour=None) -> list[Row]:
        """Mark rows as one card: :meth:`_list` draws a rounded card behind each run of
        visible card rows, with hairlines between them."""
        colour = colour or self.panel.app.theme.palette.app_card
        for row in rows:
            row.card = colour
        return rows

    def score(self, width: int) -> list[Row]:
        rows: list[Row] = []
        v = self.panel.data.view
        chips = [(f"Era: {v.era_title}", "era")] if v.era_title else []
        chips += [(title, "penalty" if penalty else "perk") for _, title, penalty in v.perks]
        if chips:
            rows.extend(self._chip_rows(chips, width))
        entries = list(reversed(self.panel.data.ledger))
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
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        size = t.app_px(11)
        font = self.panel.app.cache.font("sans_semi", size)
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
                        "perk": (mix(p.good, p.app_bg, 0.85), p.good),
                        "penalty": (mix(p.bad, p.app_bg, 0.85), p.bad),
                        "era": (p.app_chip, p.app_ink),
                    }[kind]
                    r = pygame.Rect(cx, y, cw, ch)
                    rrect(surf, bg, r, ch // 2)
                    lbl = label_line(self.panel.app.cache, full, "sans_semi", size, fg, cw - 2 * pad)
                    self.panel.blit(surf, lbl, lbl.get_rect(center=r.center).topleft, full)
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
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        h = max(t.px(42), round(t.app_px(14) * 2.9))

        def draw(surf, x, y, w):
            d = round(min(h * 0.72, t.px(32)))
            av = pygame.Rect(x + t.px(8), y + (h - d) // 2, d, d)
            colour = AVATAR_COLOURS[zlib.crc32(name.encode()) % len(AVATAR_COLOURS)]
            if dim:
                colour = mix(colour, p.app_bg, 0.55)
            pygame.draw.circle(surf, colour, av.center, d // 2)
            initials = "".join(word[0] for word in name.split()[:2]).upper() or "?"
            ini = self.panel.app.cache.line(initials, "sans_bold", t.app_px(12), (255, 255, 255))
            surf.blit(ini, ini.get_rect(center=av.center))
            rx = x + w - t.px(8)
            if right:
                pill = self.panel.app.cache.line(
                    right, "sans_bold", t.app_px(11.5), right_colour or p.app_ink, smart=False
                )
                pr = pill.get_rect().inflate(t.px(12), t.px(6))
                pr.midright = (rx, y + h // 2)
                rrect(surf, mix(right_colour or p.app_ink, p.app_bg, 0.86), pr, pr.h // 2)
                self.panel.blit(surf, pill, pill.get_rect(center=pr.center).topleft, right)
                rx = pr.left - t.px(8)
            sc = self.panel.app.cache.line(
                str(score), "sans_bold", t.app_px(14), p.app_muted if dim else p.app_ink, smart=False
            )
            sr = sc.get_rect(midright=(rx, y + h // 2))
            self.panel.blit(surf, sc, sr.topleft, "score")
            tx = av.right + t.px(10)
            room = sr.left - t.px(8) - tx
            nsize, ssize = t.app_px(13.5), t.app_px(11)
            nh = self.panel.app.cache.font("sans_semi", nsize).get_height()
            sh = self.panel.app.cache.font("sans", ssize).get_height()
            ty = y + (h - nh - sh) // 2
            self.panel.text(
                surf, name, "sans_semi", nsize, p.app_muted if dim else p.app_ink, tx, ty, room, name
            )
            if sub:
                self.panel.text(surf, sub, "sans", ssize, sub_colour, tx, ty + nh, room, sub)

        return Row(h, draw)

    def friends(self, width: int) -> list[Row]:
        t, p = self.panel.app.theme, self.panel.app.theme.palette
        d = self.panel.data
        rows: list[Row] = []
        mode = d.mode
        if d.pulling_down and shown.names_who_pull(mode):
            rows.append(self._section_row("PULLING YOU DOWN"))
            for c in d.pulling_down:
                if shown.shows_pull(mode):
                    unit = say("notice.points.unit.one" if c.pull_now == -1 else "notice.points.unit.many")
                    text = say(
                        "phone.pulling_down.points", name=c.name, score=c.score, cost=-c.pull_now, unit=unit
                    )
                else:  # partial: who, never how much
                    text = say("phone.pulling_down", name=c.name)
                rows.extend(
                    self._card_rows(
                        [
                            self._text_row(
                                text, "sans", t.app_px(12), p.bad, width - t.px(12), t.px(8), t.px(6)
                            )
                        ],
                        mix(p.bad, p.app_bg, 0.9),
                    )
                )
        rows.append(self._section_row("YOUR NETWORK", f"{len(d.network)}"))
        if d.network:
            people = []
            for c in d.network:
                if not shown.shows_pull(mode):
                    sub, colour = say("phone.network.in"), p.app_muted
                elif c.pull_now:
                    sub = say("phone.network.pull", signed=signed(c.pull_now))
                    colour = p.good if c.pull_now > 0 else p.bad
                else:
                    sub, colour = say("phone.network.no_pull"), p.app_muted
                people.append(self._person_row(c.name, c.score, sub, colour))
            rows.extend(self._card_rows(people))
        else:
            rows.append(
                self._text_row(
                    say("phone.network.none"),
                    "sans",
                    t.app_px(12),
                    p.app_muted,
                    width,
                    t.px(4),
                )
            )
        if d.suggestions:
            rows.append(self._section_row("SUGGESTED FOR YOU"))
            gains = shown.shows_pull(mode)
            people = [
                self._person_row(
                    s.name,
                    s.score,
                    say("phone.suggested.lift" if shown.names_who_pull(mode) else "phone.suggested.known"),
                    p.app_muted,
                    say("phone.suggested.gain", signed=signed(s.gain)) if gains else "",
                    p.good,
                )
                for s in d.suggestions
            ]
            rows.extend(self._card_rows(people))
        if d.others:
            rows.append(self._section_row("NO LONGER CONNECTED"))
            people = []
            for c in d.others:
                sub = say("phone.gone.dropped_you" if c.dropped_you else "phone.gone.dropped")
                if c.pull_total and shown.shows_pull(mode):
                    sub += say("phone.gone.pull", signed=signed(c.pull_total))
                people.append(self._person_row(c.name, c.score, sub, p.app_muted, dim=True))
            rows.extend(self._card_rows(people))
        return rows

    def activity(self, width: int) -> list[Row]:
        entries = list(reversed(self.panel.data.ledger))
        if not entries:
            return [self._no_changes_row(width)]
        return self._card_rows(
            [self._entry_row(e, width, i == len(entries) - 1) for i, e in enumerate(entries)]
        )
