"""Every screen at every window size and every combination of text size, high contrast and
reduced motion, judged from the layout rectangles (#13 deliver "A layout test"):

- nothing clipped: every text box lies inside its panel, every fixed control inside the window;
- nothing overlapping: no two controls on screen share a pixel;
- every control reachable: by the mouse (its centre is on screen and hits it, not another) and by
  the keyboard (arrows and Tab walk the focus; each control gets it, shown on screen, scrolled
  into view if its list scrolls);
- focus always visible: whatever has the focus is on screen.

Combinations: each screen runs at the four window sizes × the four text sizes (all 16); high
contrast and reduced motion change colours and movement, not geometry, so their four
combinations are spread over those 16 (each size meets each of them once), which keeps this fast
enough for CI while every combination is played on every screen size.
"""

from __future__ import annotations

import itertools

import pygame
import pytest
from desktop_helpers import step
from screens import SCREENS, build, uses_sample

from game.desktop.inputs import Input
from game.desktop.settings import TEXT_SIZES
from game.desktop.widgets import Button, ButtonList

SIZES = ((1024, 600), (1280, 720), (1920, 1080), (2560, 1440))
#: (size, text size, high contrast, reduced motion): every size × text size, the two switches
#: turning so each size meets all four of their combinations
COMBOS = tuple(
    (size, text, bool((i + j) % 2), bool((i + j // 2) % 2))
    for i, size in enumerate(SIZES)
    for j, text in enumerate(TEXT_SIZES)
)
#: lists that scroll inside a screen's ``view`` (content coordinates)
SCROLLED = {"choices", "grid"}


def test_the_combinations_cover_everything():
    assert {(c[0], c[1]) for c in COMBOS} == set(itertools.product(SIZES, TEXT_SIZES))
    for size in SIZES:
        assert {(c[2], c[3]) for c in COMBOS if c[0] == size} == set(itertools.product((0, 1), (0, 1)))


def controls(screen) -> list[tuple[str, Button, pygame.Rect, pygame.Rect, ButtonList | None]]:
    """Every control on ``screen``: (list name, button, rect on screen, the area it shows in,
    its ButtonList or None)."""
    window = screen.app.surface.get_rect()
    out = []
    for name, value in vars(screen).items():
        if isinstance(value, ButtonList):
            scrolled = name in SCROLLED
            dy = screen.view.y - round(screen.scroll) if scrolled else 0
            area = screen.view if scrolled else window
            out += [(name, b, b.rect.move(0, dy), area, value) for b in value.buttons]
        elif isinstance(value, Button):
            out.append((name, value, value.rect.copy(), window, None))
        elif isinstance(value, list) and value and all(isinstance(b, Button) for b in value):
            out += [(name, b, b.rect.copy(), window, None) for b in value]
    return out


def _check_static(screen, where: str) -> None:
    window = screen.app.surface.get_rect()
    for panel, box, what in screen.text_boxes():
        assert panel.contains(box), f"{where}: {what!r} {box} leaves its panel {panel}"
    shown = []
    for name, b, rect, area, _lst in controls(screen):
        if name in SCROLLED:
            if rect.colliderect(area):
                shown.append((name, b, rect.clip(area)))
            continue
        assert window.contains(rect), f"{where}: {name} {b.label!r} {rect} is not wholly on screen"
        shown.append((name, b, rect))
    for (n1, b1, r1), (n2, b2, r2) in itertools.combinations(shown, 2):
        assert not r1.colliderect(r2), f"{where}: {n1} {b1.label!r} {r1} overlaps {n2} {b2.label!r} {r2}"
    for name, b, rect, area, lst in controls(screen):
        if lst is None or not b.enabled or not area.contains(rect):
            continue
        pos = rect.center
        if name in SCROLLED:
            pos = (pos[0], pos[1] - screen.view.y + round(screen.scroll))
        hit = lst.at(pos)
        assert hit is not None and lst.buttons[hit] is b, f"{where}: a click on {b.label!r} misses it"


def _focused(screen) -> list[tuple[str, Button, pygame.Rect, pygame.Rect]]:
    return [
        (name, b, rect, area)
        for name, b, rect, area, lst in controls(screen)
        if lst is not None and lst.focus is not None and lst.buttons[lst.focus] is b
    ]


def _walk_keyboard(app, screen, where: str) -> None:
    """Tab through the screen: the focus shows on screen each time, and reaches every enabled
    control of each keyboard list (the story's choices included)."""
    reached = set()
    lists = {id(lst): lst for _n, _b, _r, _a, lst in controls(screen) if lst is not None}.values()
    total = sum(len(lst.buttons) for lst in lists)
    for _ in range(total + 2):
        app.dispatch(Input("down", key=pygame.K_TAB))
        step(app)
        if app.top is not screen:
            return  # the key moved on (a page that opens another): nothing more to walk here
        for name, b, rect, area in _focused(screen):
            assert area.contains(rect), f"{where}: the focused {name} {b.label!r} {rect} is off screen"
            reached.add(id(b))
    # every list the Tab key walks (and the story's choices) is walked whole
    walked = {
        id(lst) for name, _b, _r, _a, lst in controls(screen) if lst is not None and lst.focus is not None
    }
    for name, b, _rect, _area, lst in controls(screen):
        keyboard = lst is not None and (id(lst) in walked or name == "choices")
        if keyboard and b.enabled:
            assert id(b) in reached, f"{where}: the keyboard never reaches {name} {b.label!r}"


@pytest.mark.parametrize("which", SCREENS)
def test_every_screen_at_every_size_and_setting(make_app, sample_story, which):
    for size, text, contrast, motion in COMBOS:
        where = f"{which} at {size[0]}×{size[1]}, {text} text, contrast {contrast}, motion {not motion}"
        app = make_app(
            size=size,
            story=sample_story if uses_sample(which) else None,
            text_size=text,
            high_contrast=contrast,
            reduced_motion=motion,
        )
        screen = build(app, which)
        _check_static(screen, where)
        _walk_keyboard(app, screen, where)
        pygame.display.quit()
