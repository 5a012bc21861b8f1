"""Where the desktop game keeps its files, and the save slots, autosave and endings gallery.

Folders follow the XDG rules without extra packages: data in ``$XDG_DATA_HOME/socialscore``
(default ``~/.local/share/socialscore``), settings in ``$XDG_CONFIG_HOME/socialscore``
(default ``~/.config/socialscore``). ``SOCIALSCORE_HOME`` overrides both (``data/`` and
``config/`` under it), so tests and portable installs never touch the real home folder.
Every write is atomic (``atomic_write_text``): a crash leaves the old file or the new one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..engine import InputError, Session, Story
from ..engine.files import loads_json, read_regular
from ..engine.saves import atomic_write_text, read_save

SLOT_COUNT = 6
AUTOSAVE = "autosave"
#: The settings and endings files are tiny; a larger one is not ours (read as missing).
MAX_DATA_BYTES = 1_000_000


def _base(env: str, default: str) -> Path:
    home = os.environ.get("SOCIALSCORE_HOME")
    if home:
        return Path(home) / ("data" if env == "XDG_DATA_HOME" else "config")
    root = os.environ.get(env)
    root_path = Path(root) if root and os.path.isabs(root) else Path.home() / default
    return root_path / "socialscore"


def data_dir() -> Path:
    """The folder for saves and the endings gallery (not created until written)."""
    return _base("XDG_DATA_HOME", ".local/share")


def config_dir() -> Path:
    """The folder for settings.json (not created until written)."""
    return _base("XDG_CONFIG_HOME", ".config")


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "story"


@dataclass(frozen=True)
class SlotInfo:
    """What a slot card shows. ``exists`` is False for an empty slot; ``error`` for an unreadable one."""

    name: str
    path: Path
    exists: bool
    label: str = ""
    saved_at: str = ""
    turn: int = 0
    ended: bool = False
    error: str = ""


class Slots:
    """The save files of one story: ``slot1``..``slot6`` and ``autosave``."""

    def __init__(self, story: Story):
        self.story = story
        self.folder = data_dir() / "saves" / _safe(story.id)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def names(self, with_autosave: bool = True) -> list[str]:
        return ([AUTOSAVE] if with_autosave else []) + [f"slot{i}" for i in range(1, SLOT_COUNT + 1)]

    def info(self, name: str) -> SlotInfo:
        """Read a slot's header (label, time, turn) without replaying it."""
        path = self.path(name)
        if not path.exists():
            return SlotInfo(name, path, False)
        try:
            data = read_save(path)
        except InputError as exc:
            return SlotInfo(
                name, path, True, error=str(exc.diagnostics[0]) if exc.diagnostics else "unreadable"
            )
        state = data.get("state", {})
        return SlotInfo(
            name,
            path,
            True,
            label=str(data.get("label", "")),
            saved_at=str(data.get("saved_at", "")),
            turn=int(state.get("turn", 0)) if isinstance(state.get("turn"), int) else 0,
            ended=state.get("ending") is not None,
        )

    def save(self, session: Session, name: str, label: str) -> None:
        """Write ``session`` to a slot (raises OSError if the disk refuses). The game's own saves
        folder is made if missing; a save anywhere else needs its folder to exist."""
        self.folder.mkdir(parents=True, exist_ok=True)
        session.save(self.path(name), label)

    def load(self, name: str) -> Session:
        """Read a slot (raises InputError with one-line diagnostics)."""
        return Session.load(self.story, self.path(name))

    def has_autosave(self) -> bool:
        return self.path(AUTOSAVE).exists()


class Gallery:
    """Ending ids reached, per story, kept across playthroughs in ``endings.json``."""

    def __init__(self, story: Story):
        self.story = story
        self.path = data_dir() / "endings.json"

    def _read(self) -> dict:
        try:
            data = loads_json(read_regular(self.path, MAX_DATA_BYTES).decode("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def reached(self) -> set[str]:
        ids = self._read().get(self.story.id, [])
        return {i for i in ids if isinstance(i, str)} if isinstance(ids, list) else set()

    def add(self, ending: str) -> bool:
        """Record an ending; returns True if it is new. Never raises for a full disk."""
        data = self._read()
        have = self.reached()
        if ending in have:
            return False
        data[self.story.id] = sorted(have | {ending})
        try:
            atomic_write_text(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        except OSError:
            return False
        return True
