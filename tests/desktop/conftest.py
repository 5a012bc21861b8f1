"""Fixtures for the desktop front end's tests: a headless pygame, a private data folder,
and an :class:`App` stepped with a fake clock so every frame is deterministic.

``--update-snapshots`` rewrites the stored screenshots in ``tests/desktop/snapshots``
instead of comparing against them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine import load_story_or_raise  # noqa: E402


def pytest_addoption(parser):
    # the root tests/conftest.py may already declare the option (it does today); then that one serves
    with contextlib.suppress(ValueError):
        parser.addoption(
            "--update-snapshots",
            action="store_true",
            default=False,
            help="rewrite tests/desktop/snapshots/*.png from the current rendering",
        )


SAMPLE_DIR = Path(__file__).resolve().parents[1] / "stories" / "sample"


@pytest.fixture
def update_snapshots(request) -> bool:
    return bool(request.config.getoption("--update-snapshots", default=False))


@pytest.fixture(scope="session")
def story():
    """The story the screens are tested on: the format showcase, stable while the scenario changes."""
    return load_story_or_raise(SAMPLE_DIR)


@pytest.fixture(scope="session")
def sample_story():
    """The format showcase: a small story that uses every scoring feature."""
    from pathlib import Path

    return load_story_or_raise(Path(__file__).resolve().parents[1] / "stories" / "sample")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A private SOCIALSCORE_HOME (saves, gallery, settings) in UTC."""
    monkeypatch.setenv("SOCIALSCORE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(__import__("time"), "tzset"):
        __import__("time").tzset()
    return tmp_path / "home"


@pytest.fixture
def make_app(story, home):
    """make_app(size=(1280, 720), story=None, options=None, workshop=None, **settings) -> App, with
    sound off, seed 1, and by default instant text and reduced motion (nothing moves by itself).
    ``workshop`` is a dict of App's workshop arguments (log_dir, session_code, undo_locked, reflect)."""
    from game.desktop.app import App, init_pygame
    from game.desktop.settings import Settings

    apps = []
    default_story = story

    def make(size=(1280, 720), story=None, options=None, workshop=None, **settings):
        init_pygame()
        values = {"text_speed": "instant", "reduced_motion": True, **settings}
        app = App(
            story or default_story,
            size=size,
            settings=Settings(**values),
            seed=1,
            sound=False,
            options=options,
            **(workshop or {}),
        )
        apps.append(app)
        return app

    yield make
    pygame.display.quit()
