"""The screen contract: a stack of screens, the top one gets input.

``handle(inp)`` reacts to one input (and may change the game), ``update(dt)`` advances
animations by ``dt`` seconds, ``draw(surface)`` paints and must not change game state.
``layout()`` is called when the window size or text settings change, and on push;
screens compute their geometry there, not in draw. A screen that is not ``opaque``
(a menu over the story) is drawn on top of the screens beneath it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .inputs import Input

if TYPE_CHECKING:
    from .app import App


class Screen:
    opaque = True
    name = "screen"

    def __init__(self, app: App):
        self.app = app

    @property
    def theme(self):
        return self.app.theme

    @property
    def cache(self):
        return self.app.cache

    def layout(self) -> None:
        """Recompute geometry for the current window and theme."""

    def handle(self, inp: Input) -> None:
        """React to one input."""

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the screen. Never changes game state."""

    @property
    def animating(self) -> bool:
        """True while something moves (the app then runs at 60 fps instead of idling)."""
        return False

    def text_boxes(self) -> list[tuple[pygame.Rect, pygame.Rect, str]]:
        """(panel, text box, what) pairs from the last layout, for the overflow tests:
        each text box must lie inside its panel."""
        return []
