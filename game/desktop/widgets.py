"""Drawing helpers and the button list every screen uses.

A :class:`ButtonList` owns focus and hover for a column (or grid) of buttons: arrows and
Tab move focus (skipping disabled buttons), number keys pick, the mouse hovers and
clicks. Screens lay buttons out (set ``rect``) when the window or content changes; draw
only reads them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from .inputs import Input
from .text import TextCache, elide
from .theme import Theme


def mix(a, b, f: float):
    """Colour ``a`` moved ``f`` of the way toward ``b``."""
    return tuple(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))


def rrect(surf: pygame.Surface, colour, rect: pygame.Rect, radius: int, width: int = 0) -> None:
    pygame.draw.rect(surf, colour, rect, width, border_radius=max(0, radius))


def scrollbar(
    surf: pygame.Surface, theme: Theme, view: pygame.Rect, scroll: float, content_h: int, gap: int = 6
) -> None:
    """A thin scrollbar right of ``view`` (``gap`` px away) when the content is taller than it."""
    if content_h <= view.h:
        return
    t, p = theme, theme.palette
    track = pygame.Rect(view.right + t.px(gap), view.y, t.px(4), view.h)
    rrect(surf, p.card, track, t.px(2))
    thumb_h = max(t.px(24), round(view.h / content_h * track.h))
    top = round(scroll / max(1, content_h - view.h) * (track.h - thumb_h))
    rrect(surf, p.faint, pygame.Rect(track.x, track.y + top, track.w, thumb_h), t.px(2))


def dim(surf: pygame.Surface, overlay: tuple[int, int, int, int]) -> None:
    """Cover ``surf`` with ``overlay`` (RGBA) in place: two blended fills, no window-sized
    scratch surface per frame (each was 3.7 MB at 1280×720, and the C heap kept them)."""
    *rgb, alpha = overlay
    keep = 255 - alpha
    surf.fill((keep, keep, keep), special_flags=pygame.BLEND_MULT)
    surf.fill(tuple(round(c * alpha / 255) for c in rgb), special_flags=pygame.BLEND_ADD)


@lru_cache(maxsize=32)
def shadow(size: tuple[int, int], radius: int, blur: int, alpha: int = 110) -> pygame.Surface:
    """A soft drop shadow for a rounded rectangle of ``size``, ``blur * 2`` px of margin on every side
    (cached: blurring is slow).

    Blurred at a quarter of the size and scaled up: a blur costs pixels times radius, so a quarter
    costs 1/64 (the phone's shadow at 1280×720: 126 ms → 2 ms, on the first frame), and a blurred
    edge has no detail for the scaling to lose (alpha within 10 of 255 of the full-size blur)."""
    pad = blur * 2
    full = (size[0] + pad * 2, size[1] + pad * 2)
    if blur <= 0:
        surf = pygame.Surface(full, pygame.SRCALPHA)
        pygame.draw.rect(surf, (0, 0, 0, alpha), pygame.Rect(pad, pad, *size), border_radius=radius)
        return surf
    k = SHADOW_SCALE
    small = pygame.Surface((max(1, round(full[0] / k)), max(1, round(full[1] / k))), pygame.SRCALPHA)
    body = pygame.Rect(round(pad / k), round(pad / k), max(1, round(size[0] / k)), max(1, round(size[1] / k)))
    pygame.draw.rect(small, (0, 0, 0, alpha), body, border_radius=round(radius / k))
    return pygame.transform.smoothscale(pygame.transform.gaussian_blur(small, max(1, round(blur / k))), full)


#: the shadow is blurred at 1/SHADOW_SCALE of its size (see :func:`shadow`)
SHADOW_SCALE = 4


def thick_arc(surf, colour, center, radius: float, width: float, start: float, end: float) -> None:
    """An anti-aliased arc band with round caps, clockwise from ``start`` to ``end`` degrees
    (0 = up). Drawn as a polygon: pygame's own arc leaves gaps at this thickness."""
    if end - start < 0.2:
        return
    cx, cy = center
    steps = max(8, int((end - start) / 2.5))
    outer, inner = radius, radius - width
    pts_out, pts_in = [], []
    for i in range(steps + 1):
        a = math.radians(start + (end - start) * i / steps)
        sx, sy = math.sin(a), -math.cos(a)
        pts_out.append((cx + sx * outer, cy + sy * outer))
        pts_in.append((cx + sx * inner, cy + sy * inner))
    poly = pts_out + pts_in[::-1]
    pygame.draw.polygon(surf, colour, poly)
    pygame.draw.aalines(surf, colour, True, poly)
    cap = width / 2
    for a in (start, end):
        r = math.radians(a)
        mid = radius - cap
        pos = (cx + math.sin(r) * mid, cy - math.cos(r) * mid)
        pygame.draw.aacircle(surf, colour, pos, cap)
        pygame.draw.circle(surf, colour, pos, cap)


@dataclass
class Button:
    """A clickable, focusable row. ``number`` shows a key badge; ``note`` a second line
    (a disabled choice's reason). ``data`` is what the screen gets back when it is picked."""

    label: str
    data: object = None
    enabled: bool = True
    note: str = ""
    number: int | None = None
    value: str = ""  # a setting's current value, shown on the right
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


class ButtonList:
    """Focus, hover and activation for buttons. ``columns`` > 1 makes left/right move
    across a grid. ``handle`` returns the picked button (or None)."""

    def __init__(self, buttons: list[Button] | None = None, columns: int = 1, numbers: bool = False):
        self.buttons: list[Button] = buttons or []
        self.columns = columns
        self.numbers = numbers
        self.focus: int | None = None  # keyboard focus; None until the keyboard is used
        self.hover: int | None = None
        self.offset = 0  # scroll offset applied to rects by the owner (content y → screen y)

    def set(self, buttons: list[Button]) -> None:
        self.buttons = buttons
        self.hover = None
        if self.focus is not None:
            self.focus = self._first()

    def _first(self) -> int | None:
        return next((i for i, b in enumerate(self.buttons) if b.enabled), None)

    def at(self, pos) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.rect.move(0, -self.offset).collidepoint(pos):
                return i
        return None

    def move(self, step: int) -> None:
        n = len(self.buttons)
        if not n:
            return
        if self.focus is None:
            self.focus = (
                self._first()
                if step > 0
                else next((i for i in range(n - 1, -1, -1) if self.buttons[i].enabled), None)
            )
            return
        i = self.focus
        for _ in range(n):
            i = (i + step) % n
            if self.buttons[i].enabled:
                self.focus = i
                return

    def handle(self, inp: Input) -> Button | None:
        a = inp.action
        if a in ("up", "down"):
            # Tab (and Shift+Tab) visits every button in turn, across a grid's columns too
            self.move((-1 if a == "up" else 1) * (1 if inp.key == pygame.K_TAB else self.columns))
        elif a in ("left", "right") and self.columns > 1:
            self.move(-1 if a == "left" else 1)
        elif a == "point":
            self.hover = self.at(inp.pos)
        elif a == "click":
            i = self.at(inp.pos)
            if i is not None and self.buttons[i].enabled:
                self.focus = i if self.focus is not None else None
                return self.buttons[i]
        elif a == "confirm" and self.focus is not None:
            b = self.buttons[self.focus]
            return b if b.enabled else None
        elif a == "number" and self.numbers:
            for b in self.buttons:
                if b.number == inp.value:
                    return b if b.enabled else None
        return None

    def state(self, i: int) -> tuple[bool, bool]:
        """(hovered, focused) of button ``i``."""
        return self.hover == i, self.focus == i


def draw_button(
    surf: pygame.Surface,
    cache: TextCache,
    theme: Theme,
    button: Button,
    hovered: bool,
    focused: bool,
    rect: pygame.Rect,
    role: str = "sans",
    size: int | None = None,
    align: str = "left",
    inset: int = 0,
) -> None:
    """A dark card button: hover lightens it, keyboard focus adds an accent ring, disabled
    greys the label and shows the reason beneath it. ``inset`` pixels are kept free at the
    left, inside the padding (for a picture the caller draws)."""
    p = theme.palette
    size = size or theme.ui
    radius = theme.px(10)
    bg = p.card_hover if (hovered or focused) and button.enabled else p.card
    rrect(surf, bg, rect, radius)
    rrect(surf, p.accent if focused else p.card_line, rect, radius, theme.px(2) if focused else 1)
    if hovered and button.enabled and not focused:
        bar = pygame.Rect(rect.x, rect.y + radius, theme.px(3), rect.h - 2 * radius)
        rrect(surf, p.accent, bar, theme.px(2))
    pad = theme.px(16)
    x = rect.x + pad + inset
    ink = p.ink if button.enabled else p.disabled
    if button.number is not None:
        d = max(theme.px(26), round(size * 1.35))
        badge = pygame.Rect(x, rect.y + theme.px(12), d, d)
        lit = button.enabled and (hovered or focused)
        if button.enabled:
            rrect(surf, p.accent if lit else p.badge, badge, d // 2)
        else:
            rrect(surf, p.card_line, badge, d // 2, 1)
        colour = p.accent_ink if lit else (p.badge_ink if button.enabled else p.disabled)
        num = cache.line(str(button.number), "sans_semi", round(size * 0.8), colour)
        surf.blit(num, num.get_rect(center=badge.center))
        x = badge.right + theme.px(14)
    width = rect.right - pad - x
    value_w = 0
    if button.value:
        vs = cache.line(button.value, "sans_semi", size, p.accent if button.enabled else p.disabled)
        value_w = vs.get_width() + pad
        surf.blit(
            vs,
            (
                rect.right - pad - vs.get_width(),
                rect.y + (theme.px(12) if button.note else (rect.h - vs.get_height()) // 2),
            ),
        )
    block = cache.block(button.label, role, size, ink, width - value_w, leading=1.35)
    label_y = (
        rect.y + theme.px(12)
        if (button.number is not None or button.note)
        else rect.y + (rect.h - block.height) // 2
    )
    if align == "center" and button.number is None and not button.value:
        bx = rect.x + (rect.w - block.width) // 2
    else:
        bx = x
    block.draw(surf, bx, label_y)
    if button.note:
        note = cache.block(
            button.note,
            "sans",
            round(size * 0.8),
            p.muted if button.enabled else p.disabled,
            width,
            leading=1.35,
        )
        note.draw(surf, x, label_y + block.height + theme.px(2))


def button_height(
    cache: TextCache,
    theme: Theme,
    button: Button,
    width: int,
    role: str = "sans",
    size: int | None = None,
    inset: int = 0,
) -> int:
    """The height :func:`draw_button` needs for ``button`` at ``width`` (used by layouts)."""
    size = size or theme.ui
    pad = theme.px(16)
    inner = width - 2 * pad - inset
    if button.number is not None:
        inner -= max(theme.px(26), round(size * 1.35)) + theme.px(14)
    if button.value:
        inner -= cache.font("sans_semi", size).size(button.value)[0] + pad
    h = cache.height(button.label, role, size, inner, leading=1.35)
    if button.note:
        h += theme.px(2) + cache.height(button.note, "sans", round(size * 0.8), inner, leading=1.35)
    badge = max(theme.px(26), round(size * 1.35)) if button.number is not None else 0
    return max(h, badge) + theme.px(24)


def label_line(cache: TextCache, text: str, role: str, size: int, colour, width: int) -> pygame.Surface:
    """One line, elided with "…" if wider than ``width`` (never clipped mid-glyph)."""
    return cache.line(elide(cache.font(role, size), text, width), role, size, colour)
