"""Saves: versioned JSON, written atomically, read with clear errors, migrated step by step.

A save holds the story id, the session's options, the path of choices and a snapshot of
the state, which holds the seed (once: version 1 also kept it beside the state and in the
options; :data:`MIGRATIONS` drops those copies; version 3 holds each score change's explanation as an
id and parameters instead of finished texts). Loading replays the path (so undo and history come back);
if the story has changed so that the path no longer replays, the snapshot is used
if it still fits the story. Nothing the player saved is lost: a save is written to a
temporary file, flushed to disk and renamed over the old file in one step. A save
replaces only a regular file that is a save (see :mod:`game.engine.files`); it is
read only from a regular file, bounded in bytes and nesting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import limits
from .diagnostics import Diagnostic, InputError
from .extension import EXTENSIONS
from .files import FileRefused, loads_json, read_regular, write_text
from .model import Story
from .state import State, frozen
from .vartypes import INT, SET, STR, TYPES

SAVE_FORMAT = "socialscore-save"
#: The save version this build writes. Older versions are migrated one step at a time.
SAVE_VERSION = 3
MAX_SAVE_BYTES = limits.SAVE_BYTES


def _seed_once(data: dict) -> dict:
    """Version 1 → 2: the seed only in the state. Version 1 kept two more copies, ``seed`` beside
    the state and ``options["seed"]``, equal to the state's for every seed the game makes."""
    data = {k: v for k, v in data.items() if k != "seed"}
    if isinstance(data.get("options"), dict):
        data["options"] = {k: v for k, v in data["options"].items() if k != "seed"}
    return data


def _explained_by_reference(data: dict) -> dict:
    """Version 2 → 3: a ledger entry's explanation is an id and parameters, worded when shown
    (:mod:`game.engine.scoring.explain`). Version 2 held the three modes' finished texts; they stay as
    they are and read back as what they said (the path usually replays, which words them anew), so
    the data is unchanged: the new number tells an older game that it cannot read the new form."""
    return data


#: MIGRATIONS[n] turns a version-n save into a version-(n+1) save.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _seed_once, 2: _explained_by_reference}


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write one of the game's own data files (settings, gallery) so that a crash leaves either
    the old file or the new one. Makes the game's data folder if missing; everything else as
    :func:`game.engine.files.write_text` (no symlinks, only regular files replaced)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text)


def is_save_file(path: str | os.PathLike) -> bool:
    """True if ``path`` holds a Social Score save (of any version), so a new save may replace it."""
    try:
        data = loads_json(read_regular(path, MAX_SAVE_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == SAVE_FORMAT


def make_save(story: Story, state: State, options: dict[str, Any], label: str = "") -> dict:
    """The save data for ``state`` (see the module doc for what it holds)."""
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "story": story.id,
        "story_version": story.version,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "label": label,
        "options": dict(options),
        "state": state.to_json(),
    }


def write_save(path: str | os.PathLike, data: dict) -> None:
    """Write a save atomically where the player points: the folder must exist, and only a
    save may be replaced. Raises ``OSError`` (:class:`FileRefused` for a refused path)."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_text(path, text, own=is_save_file)


def read_save(path: str | os.PathLike) -> dict:
    """Read and migrate a save file. Raises :class:`InputError` (E600/E601) if unusable."""
    p = str(path)

    def bad(message: str, code: str = "E600", line: int = 0) -> InputError:
        return InputError(Diagnostic(p, line, 0, code, message))

    try:
        raw = read_regular(p, MAX_SAVE_BYTES)
    except FileRefused as exc:
        raise bad(f"cannot read the save: {exc}") from None
    try:
        data = loads_json(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad("the save is not UTF-8 text (is it a save file?)") from None
    except json.JSONDecodeError as exc:
        raise bad(f"the save is corrupt: {exc.msg}", line=exc.lineno) from None
    except ValueError as exc:
        raise bad(f"the save is corrupt: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise bad("not a Social Score save")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad("the save has no valid version number")
    if version > SAVE_VERSION:
        raise bad(
            f"the save is version {version}, newer than this game reads ({SAVE_VERSION}); update the game",
            "E601",
        )
    while version < SAVE_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["version"] = version
    if not isinstance(data.get("state"), dict) or not isinstance(data.get("options", {}), dict):
        raise bad("the save has no state")
    return data


def state_from_json(story: Story, data: Any, where: str = "<save>") -> State:
    """Rebuild a state from :meth:`State.to_json` data, checking it fits ``story``.

    Raises :class:`InputError` (E600 for malformed data, E602 for a state the story
    no longer has room for: a scene or variable that is gone, a value of another type).
    """

    def bad(message: str, code: str = "E602") -> InputError:
        return InputError(Diagnostic(where, 0, 0, code, message))

    if not isinstance(data, dict):
        raise bad("the state is not a mapping", "E600")
    try:
        if data["story"] != story.id:
            raise bad(f"the save is for the story {data['story']!r}, not {story.id!r}")
        scene = data["scene"]
        if scene not in story.scenes:
            raise bad(f"the saved scene {scene!r} is not in the story any more")
        variables = _checked_vars(story, data["vars"], bad)
        ints = _checked_numbers(data, bad)
        turn = ints["turn"]
        visits = _checked_counts(data, "visits", turn, bad)
        chosen = _checked_counts(data, "chosen", turn, bad)
        path = _checked_path(data, turn, bad)
        ending = data.get("ending")
        if ending is not None and (ending not in story.scenes or not story.scenes[ending].is_ending):
            raise bad(f"the saved ending {ending!r} is not in the story any more")
        return State(
            story=story.id,
            scene=scene,
            vars=MappingProxyType(variables),
            seed=ints["seed"],
            draws=ints["draws"],
            turn=turn,
            visits=visits,
            chosen=chosen,
            ending=ending,
            path=path,
            last_choice=data.get("last_choice") if isinstance(data.get("last_choice"), str) else None,
            after=data.get("after") if isinstance(data.get("after"), str) else "",
            ext=frozen(_checked_ext(story, data, bad)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(
            f"the saved state is incomplete or malformed ({exc.__class__.__name__}: {exc})", "E600"
        ) from None


_Bad = Callable[..., InputError]


def _checked_vars(story: Story, saved: Any, bad: _Bad) -> dict[str, Any]:
    """The saved variables: exactly the story's, each with a value the story could produce."""
    saved_vars = dict(saved)
    unknown = sorted(set(saved_vars) - set(story.variables), key=str)
    if unknown:
        raise bad(f"the save has a variable the story does not declare: {str(unknown[0])[:80]!r}")
    missing = sorted(set(story.variables) - set(saved_vars))
    if missing:
        raise bad(f"the save lacks the story's variable {missing[0]!r}")
    return {name: _checked_value(var, saved_vars[name], bad) for name, var in story.variables.items()}


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _checked_numbers(data: dict, bad: _Bad) -> dict[str, int]:
    """The saved seed, draw count and turn, within what a game can reach."""
    ints = {k: data[k] for k in ("seed", "draws", "turn")}
    if not all(_is_count(v) for v in ints.values()):
        raise bad("the saved seed, draws or turn is not a number", "E600")
    turn = ints["turn"]
    if turn > limits.SAVE_TURNS:
        raise bad(f"the saved turn {turn} is beyond the limit of {limits.SAVE_TURNS:,}", "E600")
    if ints["seed"] >= 2**64:
        raise bad("the saved seed is larger than any seed the game makes", "E600")
    if ints["draws"] > (turn + 1) * limits.DRAWS_PER_TURN:
        raise bad(f"the save claims {ints['draws']:,} random draws in {turn} turns; that cannot be", "E600")
    return ints


def _checked_counts(data: dict, key: str, turn: int, bad: _Bad) -> Any:
    """The saved visit or choice counts (``key``), none above what ``turn`` turns allow."""
    table = dict(data.get(key, {}))
    if not all(_is_count(v) for v in table.values()):
        raise bad(f"the saved {key} counts are not numbers", "E600")
    if any(v > turn + 1 for v in table.values()) or not all(isinstance(k, str) for k in table):
        raise bad(f"the saved {key} counts do not fit {turn} turns", "E600")
    return frozen(table)


def _checked_path(data: dict, turn: int, bad: _Bad) -> tuple[str, ...]:
    path = tuple(data.get("path", ()))
    if not all(isinstance(p, str) for p in path):
        raise bad("the saved path is not a list of choice ids", "E600")
    if len(path) > turn:
        raise bad(f"the saved path has {len(path)} choices in {turn} turns", "E600")
    return path


def _checked_ext(story: Story, data: dict, bad: _Bad) -> dict[str, Any]:
    """The extensions' parts, each checked by its extension against the story."""
    ext_in = data.get("ext", {})
    if not isinstance(ext_in, dict):
        raise bad("the saved extension data is not a mapping", "E600")
    ext = {}
    for extension in EXTENSIONS:
        if extension.from_json is None:
            continue
        try:
            part = extension.from_json(story, ext_in.get(extension.name))
        except ValueError as exc:
            # The extension checks its part against the story (say, the score against
            # the rules' range and the ledger): an edited or foreign save.
            raise bad(f"the save does not fit the story: {exc}") from None
        if part is not None:
            ext[extension.name] = part
    return ext


def _checked_value(var: Any, value: Any, bad: Callable[[str], InputError]) -> Any:
    """A saved variable's value as the state holds it, if it is one the story could produce."""
    name = var.name
    if var.type == SET:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"the saved {name!r} is not a set of text")
        if len(value) > limits.SET_ITEMS or any(len(v) > limits.TEXT_CHARS for v in value):
            raise bad(f"the saved {name!r} is larger than any set the game makes")
        return frozenset(value)
    if not TYPES[var.type].fits(value):
        raise bad(f"the saved {name!r} is not {var.type}")
    if var.type == INT:
        if abs(value) > limits.INT_MAGNITUDE:
            raise bad(f"the saved {name!r} is beyond the limit of {limits.INT_MAGNITUDE:.0e} in size")
        if var.min is not None and value < var.min or var.max is not None and value > var.max:
            raise bad(f"the saved {name!r} ({value}) is outside its range {var.min} to {var.max}")
    if var.type == STR and len(value) > limits.TEXT_CHARS:
        raise bad(f"the saved {name!r} is longer than any text the game makes")
    return value
