"""Workshop presets: one small YAML file a facilitator hands to every laptop.

```yaml
workshop:
  session_code: tue-3b      # names the logs of this session (letters, digits, - and _)
  seed: 42                  # everyone plays the same game
  transparency: partial     # opaque | partial | transparent
  log_dir: logs             # relative to this file's folder (or absolute); no '..'
  undo_locked: true         # no taking choices back
  rules: rewards-dissent    # optional: a rules file (relative to this file) or a rules-lab name
  story: many-numbers       # optional: a shipped scenario (pearl, many-numbers) or a story folder (relative)
  stories: [pearl, many-numbers]  # optional, instead of story: one per seat, in turn (seat 1 the first, ...)
  cut: classroom            # classroom (the default) or full: the cut of a story that has both
  reflect: true             # ask the reflection questions before and after (default true)
```

Seats: ``socialscore play --seat N`` (and ``text --seat N``) plays seat N's story; ``socialscore serve``
gives each player the next story in join order. Each log names its story, so the class report can
set the groups side by side.

Read with the project's safe YAML reader (:func:`game.engine.yamlsafe.load_file`); every problem
is one line ``path:line:col: message``. ``load_preset`` returns a :class:`Preset`; ``apply`` puts
it into a :class:`~game.launch.PlayOptions` (what the command line said wins).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..engine import Mode
from ..engine.yamlsafe import load_file
from ..launch import PlayOptions, UsageError
from ..paths import scenarios
from .log import SESSION_CODE_RE

TRANSPARENCY = Mode.values()
FIELDS = (
    "session_code",
    "seed",
    "transparency",
    "log_dir",
    "undo_locked",
    "rules",
    "reflect",
    "story",
    "stories",
    "cut",
)
#: the cuts a preset may ask for (a story's ``cut`` variable); a workshop plays the classroom cut
CUTS = ("classroom", "full")
DEFAULT_CUT = "classroom"
MAX_STORIES = 8


class PresetError(Exception):
    """A preset that cannot be used; the message is one line per problem, path:line:col: message."""


@dataclass(frozen=True)
class Preset:
    path: Path
    session_code: str | None = None
    seed: int | None = None
    transparency: str | None = None
    log_dir: Path | None = None
    undo_locked: bool = False
    rules: str | None = None
    reflect: bool = True
    story: str | None = None
    #: one story per seat, in turn (empty: every seat plays ``story``)
    stories: tuple[str, ...] = ()
    cut: str = DEFAULT_CUT

    def story_for_seat(self, seat: int | None) -> str | None:
        """The story seat ``seat`` plays (seats count from 1; no seat is seat 1): ``stories`` in turn,
        else ``story``."""
        if not self.stories:
            return self.story
        return self.stories[(max(1, seat or 1) - 1) % len(self.stories)]


def load_preset(path: str | Path) -> Preset:
    """Read and check a preset file; raises :class:`PresetError` listing every problem."""
    path = Path(path)
    block, values, where = _read(path)
    problems = _resolve(values, block, path.resolve().parent, where)
    if problems:
        raise PresetError("\n".join(problems))
    return Preset(path=path, **values)


def _read(path: Path):
    """The preset's ``workshop:`` block, its values checked one by one (plain Python values), and a
    ``where(node)`` that names a place in the file; raises :class:`PresetError` listing every problem."""
    root, diagnostics = load_file(path)
    problems = [f"{d.path}:{d.line}:{d.col}: {d.message}" for d in diagnostics]
    if root is None or problems:
        raise PresetError("\n".join(problems or [f"{path}:0:0: cannot read the preset"]))

    def where(node) -> str:
        return f"{path}:{node.line}:{node.col}"

    if not isinstance(root.value, dict) or "workshop" not in root.value:
        raise PresetError(f"{where(root)}: a preset is a mapping with one key, workshop: {{...}}")
    for key, key_node in (root.keys or {}).items():
        if key != "workshop":
            problems.append(f"{where(key_node)}: unknown top-level key {key!r}; only workshop: is read")
    block = root.value["workshop"]
    if not isinstance(block.value, dict):
        raise PresetError(f"{where(block)}: workshop: must be a mapping of settings ({', '.join(FIELDS)})")
    values: dict = {}
    for key, node in block.value.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; known: {', '.join(FIELDS)}"
            problems.append(f"{where(block.keys[key])}: unknown setting {key!r}{hint}")
            continue
        value = node.plain()
        message = _check(key, value)
        if message:
            problems.append(f"{where(node)}: {key}: {message}")
        else:
            values[key] = value
    if problems:
        raise PresetError("\n".join(problems))
    return block, values, where


def _resolve(values: dict, block, base: Path, where) -> list[str]:
    """Paths made absolute (relative to the preset's folder ``base``) and the stories found, in place in
    ``values``; returns the problems (settings that do not go together, stories not found)."""
    problems = []
    if "log_dir" in values:
        values["log_dir"] = base / values["log_dir"]
    if "rules" in values and (base / values["rules"]).is_file():
        values["rules"] = str(base / values["rules"])
    if "stories" in values and "rules" in values:
        problems.append(
            f"{where(block.keys['rules'])}: rules: replaces the story's own rules, and with stories: each "
            "story plays its own: leave rules: out"
        )
    if "story" in values and "stories" in values:
        problems.append(
            f"{where(block.keys['stories'])}: give story: (everyone) or stories: (per seat), not both"
        )
    if "story" in values:
        values["story"] = _story(values["story"], base, where(block.value["story"]), "story", problems)
    if "stories" in values:
        values["stories"] = tuple(
            _story(node.value, base, where(node), "stories", problems)
            for node in block.value["stories"].value
        )
    return problems


def _story(value: str, base: Path, where: str, key: str, problems: list[str]) -> str:
    """A story named in a preset: a story file or folder next to the preset (its full path), else a
    shipped scenario's name; anything else is a problem (added to ``problems``)."""
    if (base / value).exists():
        return str(base / value)
    if value not in scenarios():
        problems.append(
            f"{where}: {key}: no shipped scenario ({', '.join(scenarios())}) or story file or folder "
            f"{value!r} next to the preset"
        )
    return value


def _check(key: str, value: object) -> str | None:  # noqa: C901 - one case per preset field, flat
    """Why ``value`` is not valid for ``key``, or None."""
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if key == "seed":
        if not is_int:
            return f"must be a whole number, not {value!r}"
        if not 0 <= value < 2**63:
            return "must be between 0 and 2**63-1"
    elif key == "transparency":
        if value not in TRANSPARENCY:
            return f"must be one of {', '.join(TRANSPARENCY)}, not {value!r}"
    elif key in ("undo_locked", "reflect"):
        if not isinstance(value, bool):
            return f"must be true or false, not {value!r}"
    elif key == "session_code":
        if not isinstance(value, str) or not SESSION_CODE_RE.fullmatch(value):
            return f"must be 1-32 letters, digits, - or _ (it names the log files), not {value!r}"
    elif key == "cut":
        if value not in CUTS:
            return f"must be one of {', '.join(CUTS)}, not {value!r}"
    elif key == "stories":
        if not isinstance(value, list) or not value or len(value) > MAX_STORIES:
            return f"must be a list of 1 to {MAX_STORIES} stories, like [pearl, many-numbers], not {value!r}"
        if not all(isinstance(v, str) and v.strip() for v in value):
            return f"each story must be a scenario name or a path, not {value!r}"
    elif key in ("log_dir", "rules", "story") and (not isinstance(value, str) or not value.strip()):
        return f"must be a path, not {value!r}"
    elif key == "log_dir" and ".." in PurePath(value).parts:
        return f"must name the folder itself (relative to the preset, or absolute), without '..': {value!r}"
    return None


def apply(options: PlayOptions, preset: Preset) -> PlayOptions:
    """``options`` with the preset's settings where the command line said nothing (a value given
    there wins over the preset); ``options.preset`` is the :class:`Preset`, for front ends."""
    return options.evolve(
        seed=options.seed if options.seed is not None else preset.seed,
        transparency=options.transparency or (Mode(preset.transparency) if preset.transparency else None),
        log_dir=options.log_dir or (str(preset.log_dir) if preset.log_dir is not None else None),
        rules=options.rules or preset.rules,
        story=options.story or preset.story_for_seat(options.seat),
        cut=options.cut or preset.cut,
        session_code=options.session_code or preset.session_code,
        undo_locked=options.undo_locked or preset.undo_locked,
        reflect=options.reflect or preset.reflect,
        preset=preset,
    )


def prepare_desktop(options: PlayOptions) -> PlayOptions:
    """``socialscore play --workshop FILE`` / ``--log-dir DIR``: the options with the preset read in,
    and the log folder checked (and made), for the desktop front end (which writes the session logs)."""
    import sys

    if options.workshop and options.preset is None:
        try:
            options = apply(options, load_preset(options.workshop))
        except PresetError as exc:
            raise UsageError(str(exc)) from None
    if options.log_dir:
        from .log import LogFolderError, prepare_log_dir

        try:
            folder, made = prepare_log_dir(options.log_dir)
        except LogFolderError as exc:
            raise UsageError(f"socialscore play: {exc}") from None
        print(f"Session logs go to {folder}" + (" (folder made now)" if made else ""), file=sys.stderr)
    if options.session_code:
        print(f"Workshop session: {options.session_code}", file=sys.stderr)
    note = seat_note(options)
    if note:
        print(note, file=sys.stderr)
    return options


def seat_note(options: PlayOptions) -> str | None:
    """What to tell the facilitator at a laptop when the preset gives a story per seat: which story this
    seat plays (and that ``--seat N`` picks another); None when it does not."""
    preset = options.preset
    if preset is None or not preset.stories:
        return None
    story = Path(options.story).name if options.story else "?"
    if options.seat is None:
        return f"Seat not given: playing {story} (seat 1's story); start each laptop with --seat N"
    return f"Seat {options.seat}: playing {story}"
