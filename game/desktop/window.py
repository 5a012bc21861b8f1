"""Where the window opens and how big: sized to the desktop, never past its edges.

SDL tells us the desktop's size but not the part a taskbar or a panel takes, so the usable
area is estimated: a title bar and a taskbar's height off the top and bottom, a small margin
at the sides. On a screen smaller than the game's design size (1280×720) the window takes the
whole usable area (1024×600 → 1000×512: the title and buttons stay on screen); on a larger one
it takes 85 % of it at 16:9, so at 2560×1440 it opens at 2043×1149 and the interface scales up
with it (:class:`~game.desktop.theme.Theme` sizes everything from the window).
"""

from __future__ import annotations

import os

from .theme import BASE_H, BASE_W

#: the part of the desktop a window can use, as (side margin, top + bottom reserve) in pixels
SIDE_MARGIN = 12
VERTICAL_RESERVE = 88  # a title bar (~32) and a taskbar or panel (~48), with a little air
#: the share of a large desktop's usable area the window takes
LARGE_SHARE = 0.85


def usable_area(desktop: tuple[int, int]) -> tuple[int, int]:
    """The estimated usable area of a desktop of this size."""
    w, h = desktop
    return max(320, w - 2 * SIDE_MARGIN), max(240, h - VERTICAL_RESERVE)


def window_size(desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window size for a desktop of ``desktop`` pixels (None: unknown, the design size)."""
    if not desktop or min(desktop) <= 0:
        return BASE_W, BASE_H
    uw, uh = usable_area(desktop)
    if uw < BASE_W or uh < BASE_H:
        return uw, uh  # a small screen: use all of it, the layout reflows
    w = min(uw * LARGE_SHARE, uh * LARGE_SHARE * BASE_W / BASE_H)
    w = max(BASE_W, round(w))
    return w, round(w * BASE_H / BASE_W)


def desktop_size() -> tuple[int, int] | None:
    """The first display's desktop size, or None when SDL cannot say (call after display.init)."""
    import pygame

    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return tuple(sizes[0]) if sizes else None


def window_hints() -> None:
    """Ask SDL (before the display starts; a value already in the environment wins):

    - to open windows centred on the screen, unless the user placed them already;
    - to draw the window with the system's plain 2D framebuffer, not through an OpenGL texture.
      SDL's default on X11 loads the 3D driver for that (Mesa: LLVM and a rasteriser), which
      took 107 MB of the 152 MB the game used at the title screen under Xvfb; the game only
      blits 2D surfaces, and a frame costs no more without it;
    - on Windows, to size the window in real pixels on a scaled (HiDPI) display rather than
      be stretched blurry by the system: the window is sized from the desktop's pixels and
      the interface scales with it (:class:`~game.desktop.theme.Theme`).
    """
    if "SDL_VIDEO_WINDOW_POS" not in os.environ:
        os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")
