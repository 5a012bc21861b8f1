"""A playthrough as front ends use it: the current state, undo, history, save and load.

Front ends (terminal, desktop, tools) hold a :class:`Session` and never reach into
the runtime themselves. Undo keeps past states (they are immutable, so this is
cheap); history is the text shown so far, rebuilt from the same frames.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from .diagnostics import Diagnostic, InputError
from .events import Event
from .kinds import Mode
from .model import Story
from .playout import DEFAULT_MAX_TURNS, Move, Pick, autoplay
from .runtime import ChoiceError, Frame, choose, frame, start
from .saves import make_save, read_save, state_from_json, write_save
from .scoring.explain import worded
from .state import State


class HistoryEntry(Struct, frozen=True):
    """One screen of the history: the frame shown and the choice then taken (if any)."""

    frame: Frame
    choice_text: str | None


class UndoLocked(RuntimeError):
    """Undo was asked for in a session that locks it (a workshop setting)."""


class Session:
    """One playthrough. ``options`` are the session's settings (transparency...), kept in saves
    and logs; the seed is not one of them: it lives in the state (:attr:`seed` reads it there).
    ``undo_locked`` refuses undo (a workshop may want that)."""

    def __init__(
        self,
        story: Story,
        seed: int = 0,
        options: Mapping[str, Any] | None = None,
        *,
        at: str | None = None,
        sets: Mapping[str, Any] | None = None,
        undo_locked: bool = False,
    ):
        self.story = story
        self.options = _settings(options)
        self.undo_locked = undo_locked
        state, events = start(story, seed, self.options, at=at, sets=sets)
        self._states: list[State] = [state]
        self._events: list[tuple[Event, ...]] = [events]
        self._frame: Frame | None = None

    # -- reading ---------------------------------------------------------------
    @property
    def seed(self) -> int:
        """The game's seed: stored once, in the state (every state of a game has the same)."""
        return self._states[0].seed

    @property
    def state(self) -> State:
        return self._states[-1]

    @property
    def states(self) -> tuple[State, ...]:
        """Every state so far, the first being the start (a copy of the list: see :attr:`moves`)."""
        return tuple(self._states)

    @property
    def previous(self) -> State | None:
        """The state the last choice was taken in (None at the start)."""
        return self._states[-2] if len(self._states) > 1 else None

    @property
    def moves(self) -> int:
        """How many choices the game stands on (undo takes one back): ``len(states) - 1``, without
        copying every state, so asking each step costs the same in a game of any length."""
        return len(self._states) - 1

    @property
    def events(self) -> list[Event]:
        """Every event so far, oldest first."""
        return [e for batch in self._events for e in batch]

    @property
    def last_events(self) -> tuple[Event, ...]:
        """The events of the last step (of starting, before any choice)."""
        return self._events[-1]

    def frame(self) -> Frame:
        if self._frame is None:
            self._frame = frame(self.story, self.state)
        return self._frame

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    def history(self) -> list[HistoryEntry]:
        """The text shown so far, one entry per screen, with the choice taken on it."""
        out = []
        for i, state in enumerate(self._states):
            shown = frame(self.story, state)
            taken = None
            if i + 1 < len(self._states):
                uid = self._states[i + 1].path[-1]
                taken = next((c.text for c in shown.choices if c.uid == uid), uid)
            out.append(HistoryEntry(shown, taken))
        return out

    # -- playing ---------------------------------------------------------------
    def choose(self, choice_id: str) -> tuple[Event, ...]:
        """Take a choice (see :func:`game.engine.runtime.choose`); returns its events."""
        state, events = choose(self.story, self.state, choice_id)
        self._states.append(state)
        self._events.append(events)
        self._frame = None
        return events

    def play_on(self, pick: Pick, max_turns: int = DEFAULT_MAX_TURNS) -> list[Move]:
        """Take ``pick``'s choices until the game stops (see :func:`game.engine.playout.autoplay`),
        keeping every step as :meth:`choose` does (undo, history, saves); returns the moves."""
        moves = list(autoplay(self.story, self.state, pick, max_turns))
        for move in moves:
            self._states.append(move.after)
            self._events.append(move.events)
        self._frame = None
        return moves

    @property
    def can_undo(self) -> bool:
        return len(self._states) > 1 and not self.undo_locked

    def undo(self) -> bool:
        """Go back one choice. Returns False when there is nothing to undo.
        Raises :class:`UndoLocked` when the session forbids undo."""
        if self.undo_locked:
            raise UndoLocked("undo is turned off in this session")
        if len(self._states) <= 1:
            return False
        self._states.pop()
        self._events.pop()
        self._frame = None
        return True

    # -- saving ----------------------------------------------------------------
    def save_data(self, label: str = "") -> dict:
        data = make_save(self.story, self.state, self.options, label)
        data["start"] = self._states[0].scene
        data["undo_locked"] = self.undo_locked
        return data

    def save(self, path: str | os.PathLike, label: str = "") -> None:
        """Write a save atomically (see :mod:`game.engine.saves`)."""
        write_save(path, self.save_data(label))

    @classmethod
    def from_save_data(cls, story: Story, data: dict, where: str = "<save>") -> Session:
        """Rebuild a session: replay the saved path (restoring undo and history), or, if
        the story changed so that it no longer replays, resume from the saved state."""
        snapshot = state_from_json(story, data["state"], where)
        options = data.get("options")
        if options is not None and not isinstance(options, dict):
            raise InputError(Diagnostic(where, 0, 0, "E600", "the save's options are not a mapping"))
        if (options or {}).get("transparency", Mode.OPAQUE) not in Mode.values():
            raise InputError(Diagnostic(where, 0, 0, "E600", "the save's transparency is not a known mode"))
        start_scene = data.get("start") if isinstance(data.get("start"), str) else None
        try:
            session = cls(
                story,
                snapshot.seed,
                data.get("options"),
                at=start_scene,
                undo_locked=bool(data.get("undo_locked", False)),
            )
            for uid in snapshot.path:
                session.choose(uid)
            replayed, saved = session.state.to_json(), snapshot.to_json()
            # a save before version 3 holds finished explanations: compared by what they say
            if replayed == saved or worded(replayed) == worded(saved):
                return session
        except (ChoiceError, ValueError):
            pass
        session = cls.__new__(cls)
        session.story = story
        session.options = _settings(data.get("options"))
        session.undo_locked = bool(data.get("undo_locked", False))
        session._states = [snapshot]
        session._events = [()]
        session._frame = None
        return session

    @classmethod
    def load(cls, story: Story, path: str | os.PathLike) -> Session:
        """Read a save file into a session. Raises :class:`InputError` with a clear message."""
        return cls.from_save_data(story, read_save(path), str(path))


def _settings(options: Mapping[str, Any] | None) -> dict[str, Any]:
    """A session's settings without a seed: the state holds the seed, once (a caller or a save
    written before version 2 may still pass one here)."""
    return {k: v for k, v in (options or {}).items() if k != "seed"}
