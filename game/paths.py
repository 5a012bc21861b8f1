"""Where the shipped scenarios and assets are, in a source checkout and in an installed wheel."""

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


DEFAULT_SCENARIO = "pearl"


def scenarios() -> dict[str, Path]:
    """The shipped scenarios by name (the folder names under story/), the default first.

    ``pearl`` is Social Score, 2015-2020 (Pearl Credit); ``many-numbers`` its Western companion, 2023-2025.
    """
    root = _data_dir("story")
    found = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    return dict(sorted(((p.name, p) for p in found), key=lambda item: item[0] != DEFAULT_SCENARIO))


def story_dir(name: str = DEFAULT_SCENARIO) -> Path:
    """A shipped scenario's folder (default: Pearl, the 2015-2020 story)."""
    return _data_dir("story") / name


def story_path(value: str | None) -> str:
    """A ``--story`` value: a story file or folder, or the name of a shipped scenario; None is the default.

    A path that exists wins over a scenario of the same name, so an author's own ``pearl/`` folder is theirs.
    """
    if value is None:
        return str(story_dir())
    if not Path(value).exists() and value in scenarios():
        return str(story_dir(value))
    return value


def assets_dir() -> Path:
    """The shipped assets' folder (fonts, sounds, images, each with its license)."""
    return _data_dir("assets")
