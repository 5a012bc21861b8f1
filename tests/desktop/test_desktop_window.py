"""The window fits the screen it opens on and the interface scales with it."""

from __future__ import annotations

import pytest

from game.desktop.theme import Theme
from game.desktop.window import usable_area, window_size


@pytest.mark.parametrize("desktop", [(1024, 600), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440)])
def test_the_window_fits_the_usable_area(desktop):
    w, h = window_size(desktop)
    uw, uh = usable_area(desktop)
    assert 0 < w <= uw and 0 < h <= uh


def test_a_large_screen_gets_a_large_window_and_a_larger_interface():
    small = Theme.make(window_size((1280, 720)))
    large = Theme.make(window_size((2560, 1440)))
    w, _ = window_size((2560, 1440))
    assert w >= 2560 * 0.75  # not a quarter of the screen
    assert large.body >= 1.5 * small.body


def test_an_unknown_desktop_gets_the_design_size():
    assert window_size(None) == (1280, 720)


def test_the_app_opens_at_the_fitted_size(make_app, monkeypatch):
    import game.desktop.app as app_module

    monkeypatch.setattr(app_module, "desktop_size", lambda: (1024, 600))
    from game.desktop.app import App
    from game.desktop.settings import Settings

    app = App(make_app().story, settings=Settings(text_speed="instant"), seed=1, sound=False)
    assert app.surface.get_size() == window_size((1024, 600))
