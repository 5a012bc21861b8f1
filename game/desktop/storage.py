"""Where the desktop game keeps its files, and the save slots, autosave and endings gallery.

Folders follow the XDG rules without extra packages: data in ``$XDG_DATA_HOME/socialscore``
(default ``~/.local/share/socialscore``), settings in ``$XDG_CONFIG_HOME/socialscore``
(default ``~/.config/socialscore``). ``SOCIALSCORE_HOME`` overrides both (``data/`` and
``config/`` under it), so tests and portable installs never touch the real home folder.
Every write is atomic (``atomic_write_text``): a crash leaves the old file or the new one.

Each save slot is ``<data>/saves/<story id>/<slot>.json`` with a small picture of the game beside
it (``<slot>.png``, :data:`THUMB_SIZE`), shown on the slot's card with its chapter, story date and
score. The saves screen and the settings screen name the folder (:func:`saves_root`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..engine import InputError, Session, Story
from ..engine.files import loads_json, read_regular
from ..engine.saves import atomic_write_text, read_save, state_from_json

SLOT_COUNT = 6
AUTOSAVE = "autosave"
#: The settings and endings files are tiny; a larger one is not ours (read as missing).
MAX_DATA_BYTES = 1_000_000
#: a save's picture, in pixels (16:9); a card draws it at about half of this at 1280×720
THUMB_SIZE = (192, 108)


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


def saves_root() -> Path:
    """The folder that holds every story's saves (one folder per story inside)."""
    return data_dir() / "saves"


def shown_path(path: Path) -> str:
    """``path`` as a player reads it: the home folder as ``~``."""
    text, home = str(path), str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home + os.sep)):
        return "~" + text[len(home) :]
    return text


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
    chapter: str = ""  # the chapter's title, if the story has chapters
    date: str = ""  # the story's date, as the phone shows it ("Jun 2015")
    score: int | None = None  # as the player saw it (None: no score, or the app was not on)
    thumb: Path | None = None  # the picture beside the save, if there is one


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
        thumb = path.with_suffix(".png")
        return SlotInfo(
            name,
            path,
            True,
            label=str(data.get("label", "")),
            saved_at=str(data.get("saved_at", "")),
            turn=int(state.get("turn", 0)) if isinstance(state.get("turn"), int) else 0,
            ended=state.get("ending") is not None,
            thumb=thumb if thumb.is_file() else None,
            **self._summary(data, str(path)),
        )

    def _summary(self, data: dict, where: str) -> dict:
        """The chapter, story date and score of a save's state, as the phone showed them (the
        score only while the app was visible); empty for a save the story no longer reads."""
        from .scoreview import date_text, read

        try:
            state = state_from_json(self.story, data.get("state"), where)
        except (InputError, KeyError, TypeError, ValueError):
            return {}
        scene = self.story.scenes.get(state.scene)
        chapter = self.story.chapters.get(scene.chapter) if scene is not None and scene.chapter else None
        view = read(self.story, state).view
        return {
            "chapter": chapter.title if chapter is not None else "",
            "date": date_text(view.date) if view is not None else "",
            "score": view.score if view is not None else None,
        }

    def save(self, session: Session, name: str, label: str, thumb=None) -> None:
        """Write ``session`` to a slot (raises OSError if the disk refuses), with ``thumb`` (a
        pygame surface of :data:`THUMB_SIZE`) as its picture when given; a save without one
        loses the old picture. The game's own saves folder is made if missing."""
        self.folder.mkdir(parents=True, exist_ok=True)
        session.save(self.path(name), label)
        picture = self.path(name).with_suffix(".png")
        if thumb is None:
            picture.unlink(missing_ok=True)
            return
        import pygame

        part = picture.with_name(picture.name + ".part.png")
        try:
            pygame.image.save(thumb, str(part))
            os.replace(part, picture)
        except (pygame.error, OSError):
            part.unlink(missing_ok=True)  # a save without its picture still loads

    def delete(self, name: str) -> None:
        """Remove a slot and its picture (raises OSError if the disk refuses)."""
        self.path(name).unlink(missing_ok=True)
        self.path(name).with_suffix(".png").unlink(missing_ok=True)

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
