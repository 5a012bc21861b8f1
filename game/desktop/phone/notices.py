"""The score app's pop-up notices: a queue, how long each stays, and how a card is drawn.

At most :data:`MAX_LIVE` show at once; the rest wait. With more waiting, each stays a shorter
time. Each plays its sound when it appears. Reduced motion shows them without sliding or fading.

Feedback is kept scarce (#13 item 6): the months' small movements (a contacts' pull or a drift
of fewer than :data:`QUIET_POINTS`) do not pop up; the dial moves and the Activity tab lists
them. What the player did, tier and perk changes, contacts and new rules always show. The cards
are drawn below the dial (see ScorePanel.notice_top), never over the number.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..scoreview import Notice
from ..widgets import rrect, shadow

NOTICE_SECONDS = 5.0
#: with more notices waiting, each one stays a shorter time (but never less than this)
NOTICE_MIN_SECONDS = 2.2
MAX_LIVE = 2
#: a monthly movement (pull or drift) smaller than this many points does not pop up
QUIET_POINTS = 10
#: score changes that come with the months rather than from what the player did
MONTHLY_SOURCES = ("pull", "drift")


def worth_a_popup(notice: Notice) -> bool:
    """False for a small monthly movement of the score (see the module's docstring)."""
    if notice.kind != "score" or notice.source not in MONTHLY_SOURCES:
        return True
    return abs(notice.delta) >= QUIET_POINTS


@dataclass
class LiveNotice:
    notice: Notice
    age: float = 0.0
    life: float = NOTICE_SECONDS


class Notices:
    """The notices on show (``live``) and waiting (``queue``) for the app's phone."""

    def __init__(self, app):
        self.app = app
        self.live: list[LiveNotice] = []
        self.queue: list[Notice] = []

    def push(self, notices: list[Notice]) -> None:
        self.queue.extend(n for n in notices if worth_a_popup(n))
        self._promote()

    def clear(self) -> None:
        self.live, self.queue = [], []

    def _promote(self) -> None:
        while self.queue and len(self.live) < MAX_LIVE:
            notice = self.queue.pop(0)
            waiting = len(self.queue)
            life = max(NOTICE_MIN_SECONDS, NOTICE_SECONDS - 0.6 * waiting)
            self.live.append(LiveNotice(notice, 0.0, life))
            self.app.sounds.play(notice.sound)

    def update(self, dt: float) -> None:
        for live in self.live:
            live.age += dt
        self.live = [n for n in self.live if n.age < n.life]
        self._promote()

    def draw(self, surf: pygame.Surface, screen: pygame.Rect, top: int, bottom: int, boxes: list) -> None:
        """Draw the live notices from ``top`` down in the phone's ``screen``, none past
        ``bottom``; each card's text box goes into ``boxes``."""
        t, p = self.app.theme, self.app.theme.palette
        y = top
        reduced = self.app.settings.reduced_motion
        for live in self.live:
            n = live.notice
            card = pygame.Rect(screen.x + t.px(10), y, screen.w - t.px(20), 0)
            inner = card.w - t.px(64)
            title = self.app.cache.block(n.title, "sans_bold", t.app_px(13.5), p.app_ink, inner, leading=1.3)
            body = self.app.cache.block(n.body, "sans", t.app_px(12.5), p.app_muted, inner, leading=1.4)
            card.h = max(title.height + body.height + t.px(26), t.px(54))
            if card.bottom > bottom:
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
                n.glyph or "!", "sans_bold", t.app_px(15), (255, 255, 255), smart=False
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
            text_box = pygame.Rect(
                drawn.x + t.px(52),
                drawn.y + t.px(12),
                max(title.width, body.width),
                title.height + body.height,
            )
            boxes.append((screen, text_box, "notice"))
            y = drawn.bottom + t.px(8)
