"""Golden transcripts: a story, a seed and a list of choices, with everything the player sees.

A ``*.transcript`` file is plain text. It starts with a header of ``key: value`` lines (and
``#`` comments), ended by a blank line::

    # The photo path of the sample story.
    story: story.yaml             # the story file or folder, relative to this file
    seed: 7                       # default 0
    transparency: partial         # opaque, partial or transparent (default partial)
    from: market                  # optional: start at this scene
    set: money=50                 # optional, repeatable: set a variable before starting

Then the start frame, and one step per ``> CHOICE`` line (a choice id of the current scene, or its
uid ``scene.choice``), each followed by what happens: the events of the step (variables, score
changes with their explanations in the transcript's transparency mode, tier, perks, contacts,
random draws), then the next frame (title, the ``after:`` text, paragraphs, the choices with
``*`` enabled or ``-`` disabled and the reason) and the score. Output lines are indented by two
spaces, so a line that starts with ``>`` is always a step.

Only the header and the ``>`` lines are input: the rest is regenerated and compared
(``pytest --update-golden`` rewrites it). ``socialscore transcript STORY --choices a,b,c -o FILE``
writes a new one.
"""

from __future__ import annotations

import difflib
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import (
    DEFAULT_MODE,
    ChoiceError,
    Event,
    EventKind,
    Frame,
    Mode,
    Status,
    Story,
    choose,
    frame,
    start,
)
from ..engine.expr import format_value
from ..engine.scoring import queries
from ..engine.state import State
from ..launch import UsageError, parse_sets, rules_path
from ..launch.tools import TranscriptOptions

WIDTH = 100
INDENT = "  "


class TranscriptError(ValueError):
    """A transcript file that cannot be read (a bad header line)."""


@dataclass
class Transcript:
    story: str
    seed: int = 0
    transparency: str = DEFAULT_MODE
    at: str | None = None
    sets: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the header lines, verbatim


def parse(text: str, name: str = "transcript") -> Transcript:
    lines = text.splitlines()
    header: list[str] = []
    values: dict[str, str] = {}
    sets: list[str] = []
    i = 0
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        header.append(line)
        i += 1
        if line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        value = value.split(" #", 1)[0].strip()
        key = key.strip()
        if not sep or key not in ("story", "seed", "transparency", "from", "set"):
            raise TranscriptError(
                f"{name}:{i}: expected 'key: value' with key story, seed, transparency, from or set"
            )
        if key == "set":
            sets.append(value)
        elif key in values:
            raise TranscriptError(f"{name}:{i}: {key} is given twice")
        else:
            values[key] = value
    if "story" not in values:
        raise TranscriptError(f"{name}: the header names no story (story: PATH)")
    try:
        seed = int(values.get("seed", "0"))
    except ValueError:
        raise TranscriptError(f"{name}: the seed must be a whole number") from None
    try:
        mode = Mode.parse(values.get("transparency", DEFAULT_MODE))
    except ValueError as exc:
        raise TranscriptError(f"{name}: {exc}") from None
    choices = [line[1:].strip() for line in lines[i:] if line.startswith(">")]
    return Transcript(values["story"], seed, mode, values.get("from"), sets, choices, header)


def header_lines(t: Transcript) -> list[str]:
    lines = [f"story: {t.story}", f"seed: {t.seed}", f"transparency: {t.transparency}"]
    if t.at:
        lines.append(f"from: {t.at}")
    lines.extend(f"set: {s}" for s in t.sets)
    return lines


# -- rendering -------------------------------------------------------------------------------------


def _value(value) -> str:
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(value)) + "}"
    if isinstance(value, str):
        return repr(value)
    return format_value(value)


def event_lines(events: tuple[Event, ...], mode: str) -> list[str]:
    out: list[str] = []
    for e in events:
        kind = e.kind
        if kind == EventKind.VARIABLE:
            clamped = " (clamped)" if e["clamped"] else ""
            out.append(f"{e['name']}: {_value(e['old'])} -> {_value(e['new'])}{clamped}")
        elif kind == EventKind.RANDOM:
            out.append(f"random: {e['target']} (of {', '.join(e['options'])})")
        elif kind == EventKind.SCORE:
            what = e.cause.rule or e.cause.contact or e["source"]
            out.append(f"score {e['delta']:+d} -> {e['score']} ({e['factor']}, {what}): {e['explain'][mode]}")
        elif kind == EventKind.TIER:
            out.append(f"tier: {e['old']} -> {e['new']} ({e['title']})")
        elif kind == EventKind.PERKS:
            changes = [f"+{p}" for p in e["gained"]] + [f"-{p}" for p in e["lost"]]
            out.append(f"perks: {' '.join(changes)}")
        elif kind == EventKind.PERK:
            verdict = "granted" if e["granted"] else "refused"
            out.append(f"apply {e['perk']}: {verdict}: {e['explain'][mode]}")
        elif kind == EventKind.CONTACT:
            out.append(f"contact {e['contact']}: {e['change']}")
        elif kind == EventKind.ERA:
            out.append(f"era: {e['old']} -> {e['new']} ({e['title']})")
        elif kind == EventKind.MONTH:
            out.append(f"month: {e['date']}")
    return out


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _wrapped(lines: list[str]) -> list[str]:
    return [part for line in lines for part in _wrap(line)]


def frame_lines(f: Frame, state: State) -> list[str]:
    out = [f"== {f.title} [{f.scene}] =="]
    if f.after:
        out.extend(_wrap(f.after, "after: "))
    for paragraph in f.paragraphs:
        out.extend(_wrap(paragraph))
    if f.status == Status.ENDED:
        out.append(f"*** THE END: {f.title} [{f.ending}] ***")
    elif f.status == Status.STUCK:
        out.append("(stuck: no enabled choice)")
    for c in f.choices:
        key = " (key)" if c.key else ""
        if c.enabled:
            out.extend(_wrap(f"* {c.id}: {c.text}{key}"))
        else:
            out.extend(_wrap(f"- {c.id}: {c.text}{key} [disabled: {c.reason}]"))
    part = queries.part(state)
    if part is not None:
        out.append(f"score: {part.score} ({part.tier}), {_month(part.month)}")
    return out


def _month(month: int) -> str:
    from ..engine.scoring.model import month_text

    return month_text(month)


def render(story: Story, t: Transcript, sets: dict | None = None) -> str:
    """The whole transcript file for ``t``'s header and choices, as the story plays now."""
    body: list[str] = []

    def emit(lines: list[str]) -> None:
        body.extend((INDENT + line).rstrip() for line in lines)

    state, events = start(story, t.seed, {"transparency": t.transparency}, at=t.at, sets=sets)
    emit(_wrapped(event_lines(events, t.transparency)))
    emit(frame_lines(frame(story, state), state))
    failed = False
    for choice in t.choices:
        body.append(f"> {choice}")
        if failed:
            emit(["! not played: an earlier step failed"])
            continue
        try:
            state, events = choose(story, state, choice)
        except ChoiceError as exc:
            emit([f"! cannot choose: {exc}"])
            failed = True
            continue
        emit(_wrapped(event_lines(events, t.transparency)))
        emit(["---"])
        emit(frame_lines(frame(story, state), state))
    return "\n".join(t.header) + "\n\n" + "\n".join(body) + "\n"


def story_path(transcript_path: str | os.PathLike, t: Transcript) -> Path:
    return (Path(transcript_path).parent / t.story).resolve()


def check(path: str | os.PathLike, story: Story | None = None) -> tuple[str, str]:
    """(expected, actual) text of the transcript at ``path``."""
    from ..engine import load_story_or_raise

    expected = Path(path).read_text(encoding="utf-8")
    t = parse(expected, str(path))
    story = story or load_story_or_raise(story_path(path, t))
    return expected, render(story, t, parse_sets(story, t.sets))


def diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"{name} (expected)",
            f"{name} (now)",
        )
    )


def run_transcript(options: TranscriptOptions) -> int:
    """``socialscore transcript``: exit 1 when the transcript shows a problem (``  ! ``), else 0."""
    from ..engine import load_story_or_raise
    from ..engine.files import write_text

    story = load_story_or_raise(options.path, rules_path(options.rules))
    choices = [c.strip() for c in (options.choices or "").split(",") if c.strip()]
    if options.output:
        where = os.path.relpath(Path(options.path).resolve(), Path(options.output).resolve().parent)
    else:
        where = options.path
    t = Transcript(where, options.seed or 0, options.transparency, options.at, list(options.sets), choices)
    t.header = header_lines(t)
    text = render(story, t, parse_sets(story, t.sets))
    if options.output:
        try:
            write_text(options.output, text)
        except OSError as exc:
            raise UsageError(
                f"socialscore transcript: cannot write {options.output}: {exc.strerror or exc}"
            ) from None
    else:
        print(text, end="")
    return 1 if "\n  ! " in text else 0
