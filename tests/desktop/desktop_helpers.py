"""Driving the app like a player: posted key presses and mouse clicks, stepped frames."""

from __future__ import annotations

import pygame

DT = 1 / 60


def step(app, frames: int = 1, events=None) -> None:
    """Run ``frames`` frames (the first one with ``events`` instead of the pending ones, if given)."""
    for i in range(frames):
        app.step(DT, events if i == 0 else None)


def key(app, k: int, mod: int = 0, frames: int = 1) -> None:
    """Post a key press and release, then run ``frames`` frames."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    step(app, frames)


def click(app, pos, frames: int = 1) -> None:
    """Move the mouse to ``pos`` and click the left button there."""
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app, frames)


def on_screen(screen, button) -> tuple[int, int]:
    """Where a button is in the window (story choices live in the scrolled column)."""
    rect = button.rect
    if screen.name == "story" and button in screen.choices.buttons:
        rect = rect.move(0, screen.view.y - round(screen.scroll))
    return rect.center
