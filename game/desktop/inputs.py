"""The one place where pygame events become the game's input objects.

Screens never look at pygame events: they get :class:`Input` values with an
``action`` name, so keyboard, mouse and tests all drive the same code.

Actions: ``up down left right`` (arrows, Tab/Shift+Tab as down/up), ``confirm``
(Enter, Space), ``back`` (Esc), ``undo`` (Backspace, Ctrl+Z), ``number`` (1-9, in
``value``), ``page_up page_down home end``, ``history`` (H), ``fullscreen`` (F11),
``point`` (mouse moved, ``pos``), ``press`` / ``click`` (left button down / up, ``pos``),
``alt_click`` (right button: back), ``scroll`` (wheel, ``value`` > 0 is up),
``release`` (a key let go, in ``key``: fullscreen switches on it, see App.dispatch),
``resize`` and ``quit`` (the window was closed), ``text`` (typed text, in ``text``: pygame's
TEXTINPUT, so layouts and input methods work). Key inputs carry the pygame ``key`` too, for a
text field that must tell Enter from Space (both ``confirm``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Input:
    action: str
    pos: tuple[int, int] | None = None
    value: int = 0
    text: str = ""
    key: int = 0


_KEYS = {
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_RETURN: "confirm",
    pygame.K_KP_ENTER: "confirm",
    pygame.K_SPACE: "confirm",
    pygame.K_ESCAPE: "back",
    pygame.K_BACKSPACE: "undo",
    pygame.K_PAGEUP: "page_up",
    pygame.K_PAGEDOWN: "page_down",
    pygame.K_HOME: "home",
    pygame.K_END: "end",
    pygame.K_h: "history",
    pygame.K_F11: "fullscreen",
}
_NUMBERS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)}
_NUMBERS.update({getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)})


def translate(event: pygame.event.Event) -> Input | None:  # noqa: C901 - a flat switch from pygame events and keys to inputs, one case a line
    """The input an event means, or None for events the game ignores."""
    t = event.type
    if t == pygame.QUIT:
        return Input("quit")
    if t == pygame.KEYDOWN:
        key, mods = event.key, event.mod
        if key == pygame.K_z and mods & pygame.KMOD_CTRL:
            return Input("undo", key=key)
        if key == pygame.K_TAB:
            return Input("up" if mods & pygame.KMOD_SHIFT else "down", key=key)
        if key == pygame.K_RETURN and mods & pygame.KMOD_ALT:
            return Input("fullscreen", key=key)
        if key in _NUMBERS:
            return Input("number", value=_NUMBERS[key], key=key)
        action = _KEYS.get(key)
        return Input(action, key=key) if action else None
    if t == pygame.KEYUP:
        return Input("release", key=event.key)
    if t == pygame.TEXTINPUT:
        return Input("text", text=str(event.text)) if event.text else None
    if t == pygame.MOUSEMOTION:
        return Input("point", pos=tuple(event.pos))
    if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Input("press", pos=tuple(event.pos))
    if t == pygame.MOUSEBUTTONUP and event.button == 1:
        return Input("click", pos=tuple(event.pos))
    if t == pygame.MOUSEBUTTONUP and event.button == 3:
        return Input("alt_click", pos=tuple(event.pos))
    if t == pygame.MOUSEWHEEL:
        return Input("scroll", value=int(event.y))
    if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        return Input("resize")
    if t in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED):
        return Input("expose")
    return None
