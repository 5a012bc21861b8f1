"""How a game is to be played: the typed options every front end receives."""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from ..engine import Mode


class PlayOptions(Struct, frozen=True):
    """One game's start, as asked for. ``None`` means "not said" (a preset or the default decides).

    ``story`` is a story file or folder or a shipped scenario's name; ``rules`` a rules file or a
    rules-lab name; ``sets`` the ``NAME=VALUE`` texts (typed by :func:`~game.launch.parse_sets` once
    the story is loaded). The workshop fields come from the command line or a preset file.
    """

    story: str | None = None
    rules: str | None = None
    transparency: Mode | None = None
    seed: int | None = None
    at: str | None = None
    sets: tuple[str, ...] = ()
    # workshop
    workshop: str | None = None  #: a preset file
    log_dir: str | None = None
    reflect: bool = False
    session_code: str | None = None
    undo_locked: bool = False
    #: the seat's number (1, 2, ...): picks the story when a preset gives one per seat (``stories:``)
    seat: int | None = None
    #: the story's cut (its ``cut`` variable: ``classroom`` or ``full``) for every new game, where the
    #: story declares one and ``sets`` does not say; None: the story's own default
    cut: str | None = None
    #: the preset read from ``workshop`` (set once it is applied), for front ends that show it
    preset: Any = None
    # front ends
    width: int = 78  #: terminal: wrap at this many columns
    no_debrief: bool = False  #: terminal: end at THE END, without the debrief
    windowed: bool = False  #: desktop: start in a window even if fullscreen is set
    hot_reload: bool = False  #: desktop: reload the story when its files change

    def evolve(self, **changes: Any) -> PlayOptions:
        """A copy with ``changes``."""
        return replace(self, **changes)
