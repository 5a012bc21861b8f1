"""Where the shipped story and assets are, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # An installed wheel carries story/ and assets/ inside the package (pyproject's
    # force-include); a source checkout or editable install has them beside it.
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def story_dir() -> Path:
    """The shipped story's folder."""
    return _data_dir("story")


def assets_dir() -> Path:
    """The shipped assets' folder (fonts, sounds, images, each with its license)."""
    return _data_dir("assets")
