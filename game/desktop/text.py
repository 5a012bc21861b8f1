"""Fonts, typography and the text cache.

Every piece of text is rendered once per (text, font, size, colour, width) and kept in
an LRU cache; frames only blit cached surfaces. :func:`smart_quotes` turns straight
quotes into curly ones when text is shown (the story files keep whatever was typed).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from ..paths import assets_dir

FONT_FILES = {
    "serif": "NotoSerif-Regular.ttf",
    "serif_italic": "NotoSerif-Italic.ttf",
    "serif_bold": "NotoSerif-Bold.ttf",
    "sans": "Inter-Regular.otf",
    "sans_semi": "Inter-SemiBold.otf",
    "sans_bold": "Inter-Bold.otf",
}

_DOUBLE_OPEN = re.compile(r'(^|[\s(\[{—–-])"')
_SINGLE_OPEN = re.compile(r"(^|[\s(\[{—–-“])'")


def smart_quotes(text: str) -> str:
    """Curly quotes, apostrophes and ellipses: ``"it's"`` → ``“it’s”``; ``...`` → ``…``."""
    if '"' not in text and "'" not in text and "..." not in text:
        return text
    text = text.replace("...", "…")
    text = _DOUBLE_OPEN.sub(lambda m: m.group(1) + "“", text)
    text = text.replace('"', "”")
    text = _SINGLE_OPEN.sub(lambda m: m.group(1) + "‘", text)
    return text.replace("'", "’")


class Fonts:
    """Font objects by (role, pixel size), loaded once from ``assets/fonts``."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or assets_dir() / "fonts"
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, role: str, size: int) -> pygame.font.Font:
        key = (role, size)
        font = self._fonts.get(key)
        if font is None:
            path = self.folder / FONT_FILES[role]
            try:
                font = pygame.font.Font(str(path), size)
            except (OSError, FileNotFoundError):
                font = pygame.font.Font(None, size)  # a missing asset still gives a playable game
            self._fonts[key] = font
        return font


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels. A word wider than a line is split between
    characters rather than clipped. Newlines in ``text`` start new lines."""
    lines: list[str] = []
    space = font.size(" ")[0]
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line, line_w = "", 0
        for word in words:
            ww = font.size(word)[0]
            if ww > width:
                if line:
                    lines.append(line)
                    line, line_w = "", 0
                piece = ""
                for ch in word:
                    if font.size(piece + ch)[0] > width and piece:
                        lines.append(piece)
                        piece = ""
                    piece += ch
                line, line_w = piece, font.size(piece)[0]
                continue
            if not line:
                line, line_w = word, ww
            elif line_w + space + ww <= width and font.size(f"{line} {word}")[0] <= width:
                # (the sum of the words' widths can fall a few pixels short of the line's: kerning
                # and rounding; the line as rendered is what must fit)
                line, line_w = f"{line} {word}", line_w + space + ww
            else:
                lines.append(line)
                line, line_w = word, ww
        lines.append(line)
    return lines


def elide(font: pygame.font.Font, text: str, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels (for one-line labels)."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class Block:
    """Wrapped, rendered text: one surface per line, ``line_h`` apart."""

    lines: tuple[str, ...]
    surfaces: tuple[pygame.Surface, ...]
    line_h: int
    width: int
    height: int

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.lines)

    def draw(
        self,
        target: pygame.Surface,
        x: int,
        y: int,
        reveal: int | None = None,
        font: pygame.font.Font | None = None,
        clip: pygame.Rect | None = None,
    ) -> None:
        """Blit the lines at (x, y). With ``reveal`` (a character count) and ``font``, only
        that many characters show: the typewriter, done by cropping cached surfaces."""
        left = reveal
        for i, (text, surf) in enumerate(zip(self.lines, self.surfaces, strict=True)):
            ly = y + i * self.line_h
            if clip is not None and (ly > clip.bottom or ly + self.line_h < clip.top):
                if left is not None:
                    left -= len(text)
                continue
            if left is None or left >= len(text):
                target.blit(surf, (x, ly))
            elif left > 0 and font is not None:
                w = font.size(text[:left])[0]
                target.blit(surf, (x, ly), pygame.Rect(0, 0, w, surf.get_height()))
            if left is not None:
                left -= len(text)
                if left <= 0:
                    return


#: the text cache keeps this many screenfuls of rendered text (what one screen shows, and the
#: screens a player goes back to: history, the menu over the story); see TextCache.fit
SCREENS_KEPT = 3
#: what a cached measurement or a surface's bookkeeping costs, roughly, in bytes
ITEM_OVERHEAD = 200


def _size_of(item) -> int:
    """Bytes an item holds: its pixels (surfaces, blocks) plus bookkeeping."""
    if isinstance(item, pygame.Surface):
        return ITEM_OVERHEAD + item.get_width() * item.get_height() * item.get_bytesize()
    if isinstance(item, Block):
        return ITEM_OVERHEAD + sum(_size_of(s) for s in item.surfaces)
    return ITEM_OVERHEAD


class TextCache:
    """Rendered text by (text, role, size, colour, width), least recently used dropped first once
    the rendered pixels pass ``budget`` bytes. The budget is sized from the window
    (:meth:`fit`): a few screenfuls, so a frame's text is always cached however long the game
    runs, and a 2560×1440 window keeps four times the bytes of a 1280×720 one, not more."""

    def __init__(self, fonts: Fonts, budget: int = SCREENS_KEPT * 1280 * 720 * 4):
        self.fonts = fonts
        self.budget = budget
        self.bytes = 0  # what the cached items hold now
        self._items: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self.renders = 0  # how many times text was actually rendered (tests and the benchmark read it)
        self.asks = 0  # how many times text was asked for (renders / asks: the miss rate)

    def fit(self, window: tuple[int, int]) -> None:
        """Size the budget for a window of ``window`` pixels (32-bit pixels, SCREENS_KEPT screens)."""
        self.budget = SCREENS_KEPT * window[0] * window[1] * 4
        self._trim()

    def _trim(self) -> None:
        while self.bytes > self.budget and len(self._items) > 1:
            _, (_, size) = self._items.popitem(last=False)
            self.bytes -= size

    def _cached(self, key: tuple, make):
        self.asks += 1
        found = self._items.get(key)
        if found is None:
            item = make()
            self.renders += 1
            size = _size_of(item)
            self._items[key] = (item, size)
            self.bytes += size
            self._trim()
            return item
        self._items.move_to_end(key)
        return found[0]

    def line(self, text: str, role: str, size: int, colour, smart: bool = True) -> pygame.Surface:
        """One line of text (no wrapping)."""
        shown = smart_quotes(text) if smart else text
        font = self.fonts.get(role, size)
        return self._cached(
            ("line", shown, role, size, tuple(colour)), lambda: font.render(shown, True, colour)
        )

    def block(
        self, text: str, role: str, size: int, colour, width: int, leading: float = 1.5, smart: bool = True
    ) -> Block:
        """Text wrapped to ``width`` pixels with line height ``leading`` × size."""
        shown = smart_quotes(text) if smart else text
        key = ("block", shown, role, size, tuple(colour), width, leading)

        def make() -> Block:
            font = self.fonts.get(role, size)
            lines = wrap(font, shown, max(10, width))
            surfaces = tuple(font.render(t, True, colour) for t in lines)
            line_h = round(size * leading)
            w = max((s.get_width() for s in surfaces), default=0)
            return Block(tuple(lines), surfaces, line_h, w, line_h * len(lines))

        return self._cached(key, make)

    def height(
        self, text: str, role: str, size: int, width: int, leading: float = 1.5, smart: bool = True
    ) -> int:
        """The height :meth:`block` would have, measured without rendering (for layouts)."""
        shown = smart_quotes(text) if smart else text
        key = ("measure", shown, role, size, width)

        def make() -> int:
            return len(wrap(self.fonts.get(role, size), shown, max(10, width)))

        return self._cached(key, make) * round(size * leading)

    def font(self, role: str, size: int) -> pygame.font.Font:
        return self.fonts.get(role, size)
