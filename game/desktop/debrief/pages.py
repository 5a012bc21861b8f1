"""What each of the five debrief pages says, laid out on a :class:`~.page.Page`.

How it felt (the ending, the score's start and end), what happened (the curve, the choices,
the biggest changes), how the mechanism works (points by factor, who pulled you, the roads not
taken), what is real (each fact with its label and source), and the question to take away.
Every explanation shown is the transparent one: the debrief reveals everything.
"""

from __future__ import annotations

import pygame

from ...engine.debrief import Debrief, step_title
from ...engine.messages import say
from ...engine.scoring.format import DEBRIEF_STEPS
from ..scoreview import date_text, signed
from ..text import TextCache
from ..theme import Theme
from ..widgets import label_line, rrect
from . import cards
from .chart import ScoreChart
from .look import delta_colour, label_colour
from .page import Item, Page
from .words import Words

LABEL_NOTES = {
    "documented": "in official documents or the company’s own statements",
    "reported": "by journalists and researchers",
    "speculative": "claimed or imagined, not confirmed",
}


class PageWriter:
    """Writes the pages of ``debrief`` for one layout (theme and the scrolling view's height)."""

    def __init__(
        self,
        theme: Theme,
        cache: TextCache,
        debrief: Debrief,
        words: Words,
        ending_text: str,
        view_h: int,
        moves=(),
    ):
        self.theme, self.cache, self.debrief, self.words = theme, cache, debrief, words
        #: (question, before, after, how it moved) for each question answered both times
        self.moves = list(moves)
        self.ending_text = ending_text
        self.view_h = view_h
        self.texts = {step: text for step, _, text in debrief.steps}
        self.chart = ScoreChart(theme, cache, debrief, words)
        #: what the score chart writes, where (content coordinates), once "What happened" is laid out
        self.chart_labels: list[tuple[pygame.Rect, str]] = []
        self.chart_rect = pygame.Rect(0, 0, 0, 0)

    def write(self, step: str, page: Page) -> None:
        """Lay out the page of ``step`` (one of DEBRIEF_STEPS)."""
        getattr(self, step)(page)

    def _heading(self, page: Page, step: str) -> None:
        t, p = self.theme, self.theme.palette
        n = DEBRIEF_STEPS.index(step) + 1
        page.text(f"STEP {n} OF {len(DEBRIEF_STEPS)}", "sans_bold", t.label, p.accent, gap=t.px(8))
        page.text(step_title(step), "serif_bold", t.title, p.ink, leading=1.2, gap=t.px(14))

    def _note(self, page: Page, text: str) -> None:
        t, p = self.theme, self.theme.palette
        page.text(text, "sans", t.small, p.muted, leading=1.5, gap=t.px(6))

    def feel(self, page: Page) -> None:
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
                ("CHANGE", signed(change), delta_colour(p, change)),
                ("TIER", self.words.tier_at(d.final_score) or "—", p.accent),
            ]
            self._stat_cards(page, stats)
        text = self.texts.get("feel")
        if text:
            page.space(t.px(34))
            page.text(text, "serif", round(t.body * 1.25), p.ink, leading=1.5, gap=t.px(8))
        if self.moves:
            self._answers(page)

    def _answers(self, page: Page) -> None:
        """The reflection questions answered before and after play: each question, then the two
        answers on its scale and which way the answer moved."""
        t, p = self.theme, self.theme.palette
        page.section(
            "YOUR ANSWERS, BEFORE AND AFTER", "The same questions, asked before you played and after."
        )
        for q, before, after, moved in self.moves:
            page.text(q.text, "serif", t.body, p.ink, leading=1.5, gap=t.px(4))
            page.text(
                f"Before: {before}   →   After: {after}   ({moved})",
                "sans_semi",
                t.font_px(15.5),
                p.accent if before != after else p.muted,
                leading=1.4,
                gap=t.px(2),
            )
            page.text(
                f"1 = {q.low}  …  {q.scale} = {q.high}",
                "sans",
                t.font_px(13),
                p.faint,
                leading=1.4,
                gap=t.px(14),
            )

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

    def happened(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "happened")
        if self.texts.get("happened"):
            page.text(self.texts["happened"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        if len(d.curve) >= 2:
            page.section("YOUR SCORE OVER TIME")
            h = max(t.px(220), min(t.px(320), round(page.w * 0.42)))
            at = self.chart_rect = pygame.Rect(page.x, page.y, page.w, h)
            self.chart_labels = self.chart.labels(at)
            page.custom(h, self.chart.draw, self.chart_labels)
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
            colour = delta_colour(p, e.delta)
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

    def mechanism(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "mechanism")
        if d.mode_note:  # what the app showed this player; the story's text speaks of the real apps
            page.text(d.mode_note, "sans_semi", t.font_px(15.5), p.accent, leading=1.5, gap=t.px(12))
        if self.texts.get("mechanism"):
            page.text(self.texts["mechanism"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        elif not d.by_factor:
            self._note(page, say("debrief.no_score"))
        if d.rules_title:
            self._note(page, say("debrief.rules", rules=d.rules_title))
        cards.techniques(self, page)
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
                note = say("debrief.pull.score", score=c.score)
                if c.dropped or c.dropped_you or c.friend:
                    status = "dropped" if c.dropped else ("dropped_you" if c.dropped_you else "friend")
                    note = say(
                        "debrief.pull.status.card", score=c.score, status=say(f"debrief.status.{status}")
                    )
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
            colour = delta_colour(p, value)

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
            f"TURN {w.turn}  ·  {self.words.scene_title(w.scene).upper()}",
            "sans_bold",
            t.label,
            p.muted,
            x=pad,
            width=inner,
            gap=t.px(8),
        )
        page.text(
            say("debrief.whatif.question", alternative=w.alternative_text, taken=w.taken_text),
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
            parts.append(say("debrief.whatif.card.score", score=o.score, signed=signed(diff)))
        if o.tier is not None:
            parts.append(say("debrief.whatif.card.tier", tier=self.words.tier_title(o.tier)))
        parts.append(say("debrief.whatif.card.ending", ending=self.words.ending_title(o.ending)))
        parts[0] = parts[0][:1].upper() + parts[0][1:]
        page.text(
            "  ·  ".join(parts), "sans_semi", t.font_px(15.5), p.accent, leading=1.45, x=pad, width=inner
        )
        if w.substituted:  # where the player's own later choices no longer fitted (the stance rule)
            page.space(t.px(6))
            page.text(
                say("debrief.whatif.substituted", choices="; ".join(w.substituted)),
                "sans",
                t.font_px(13),
                p.muted,
                leading=1.45,
                x=pad,
                width=inner,
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

    def real(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "real")
        if self.texts.get("real"):
            page.text(self.texts["real"], "serif", t.body, p.ink, leading=1.6, gap=t.px(8))
        cards.claims(self, page)
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
        colour = label_colour(p, label)
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
        colour = label_colour(p, label)
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

    def question(self, page: Page) -> None:
        t, p = self.theme, self.theme.palette
        d = self.debrief
        self._heading(page, "question")
        question = self.texts.get("question") or "What would you do differently, and why?"
        size = round(t.title * 1.2)
        h = self.cache.height(question, "serif_italic", size, page.w - t.px(40), 1.35)
        room = self.view_h - page.y - t.px(80)
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
            parts.append(f"Your score: {d.final_score}, {self.words.tier_at(d.final_score)}")
        if d.ending_title:
            parts.append(f"Your ending: {d.ending_title}")
        if parts:
            page.text("  ·  ".join(parts), "sans", t.small, p.muted, center=True, leading=1.45)

    # -- input -----------------------------------------------------------------------
