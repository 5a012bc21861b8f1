"""The debrief's colours (changes, fact labels) and the soft fades where a page scrolls."""

from __future__ import annotations

import pygame

from ..widgets import mix

LABEL_COLOURS = {"documented": (96, 186, 132), "reported": (232, 176, 76), "speculative": (168, 146, 232)}
#: high contrast: the labels stay distinct, but brighter
LABEL_COLOURS_HIGH_CONTRAST = {
    "documented": (120, 230, 150),
    "reported": (255, 214, 0),
    "speculative": (200, 180, 255),
}


def delta_colour(p, value: int):
    """The colour of a score change: green up, red down, muted for none."""
    return (
        mix(p.good, (255, 255, 255), 0.2)
        if value > 0
        else (mix(p.bad, (255, 255, 255), 0.25) if value < 0 else p.muted)
    )


def label_colour(p, label: str):
    """The colour of a fact's label (documented, reported, speculative)."""
    if p.bg == (0, 0, 0):  # high contrast
        return LABEL_COLOURS_HIGH_CONTRAST.get(label, p.accent)
    return LABEL_COLOURS.get(label, p.accent)


_FADES: dict = {}


def fade(w: int, h: int, colour, at_top: bool) -> pygame.Surface:
    """A ``w``×``h`` band fading from ``colour`` to transparent (downward at the top, upward at
    the bottom); a few are kept, as the window rarely changes size."""
    key = (w, h, colour, at_top)
    surf = _FADES.get(key)
    if surf is None:
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        for i in range(h):
            a = round(255 * (1 - i / h) if at_top else 255 * (i / h))
            pygame.draw.line(surf, (*colour, a), (0, i), (w, i))
        if len(_FADES) > 16:
            _FADES.clear()
        _FADES[key] = surf
    return surf
