"""Reading a folder of workshop session logs (see :mod:`game.workshop.log` for the format).

Streamed: each log is read once, line by line, and only a summary of each player is kept (per choice:
where, what, the score, the story month, and the few events the report counts, already reduced to
what it shows); the rest of each line (the app's wording in the other modes, the end line's ledger)
is dropped as soon as the line is read, so 1,000 logs cost their summaries, not their bytes.

Never raises for bad input: an empty file, a corrupt or truncated line, binary garbage, an unknown
schema version or a log of another story becomes a :class:`Problem` (``path:line: message``), and
every good log and every good line of a damaged log is still used. A log without an ``end`` line
is an unfinished game.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO

import msgspec

from ..engine import Mode
from ..engine.claims import ANSWERS as CLAIM_ANSWERS
from ..engine.controls import strip_controls_deep
from ..engine.files import MAX_JSON_DEPTH, FileRefused, json_depth, loads_json, open_regular
from ..engine.loader import collector_paused
from ..engine.scoring.explain import said as explained
from .choice_lines import Step, fast_step, month_of
from .log import SCHEMA

#: the transparency modes a log can name (the report, which imports only this reader, lists them)
LOGGED_MODES = Mode.values()

#: One log may be this large (a very long game with every event); a larger file is not read. Logs
#: are read line by line (streamed), so a large valid log costs its parsed content, not its bytes.
MAX_FILE_BYTES = 200_000_000
MAX_LINE_BYTES = 2_000_000
MAX_FILES = 5000


@dataclass(frozen=True)
class Problem:
    """One problem with one log: ``line`` 0 means the whole file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class PlayerLog:
    path: Path
    name: str  # the file name, for messages
    header: dict
    steps: list[Step] = field(default_factory=list)
    undos: int = 0
    loads: int = 0
    reflections: dict[str, dict[str, int]] = field(default_factory=lambda: {"before": {}, "after": {}})
    #: answers to the story's claims ("true", "false" or "unsure"), by phase; empty in older logs
    claims: dict[str, dict[str, str]] = field(default_factory=lambda: {"before": {}, "after": {}})
    end: dict | None = None

    @property
    def pseudonym(self) -> str:
        return self.header.get("pseudonym") or ""

    @property
    def story(self) -> str:
        return self.header["story"]

    @property
    def session_code(self) -> str:
        return str(self.header.get("session_code") or "")

    @property
    def finished(self) -> bool:
        return self.end is not None

    @cached_property
    def transparency(self) -> str:
        value = self.header.get("transparency")
        return Mode.parse(value, Mode.TRANSPARENT)

    @property
    def cut(self) -> str:
        """The story's cut this player played (``classroom``, ``full``...), "" if the log names none."""
        cut = self.header.get("cut")
        return cut if isinstance(cut, str) else ""

    @property
    def rules_title(self) -> str:
        rules = self.header.get("rules")
        return str(rules.get("title", "")) if isinstance(rules, dict) else ""

    @property
    def final_score(self) -> int | None:
        if self.end is not None:
            return self.end.get("score")
        for step in reversed(self.steps):
            if step.score is not None:
                return step.score
        return self.header.get("start_score")

    @property
    def final_tier(self) -> str | None:
        if self.end is not None:
            return self.end.get("tier")
        return self.steps[-1].tier if self.steps else self.header.get("start_tier")

    def curve(self) -> list[tuple[int, int]]:
        """(turn, score) from the start, one point per choice."""
        points = []
        start = self.header.get("start_score")
        if _is_int(start):
            points.append((0, start))
        points.extend((s.turn, s.score) for s in self.steps if _is_int(s.score))
        return points

    def month_curve(self) -> list[tuple[int, int]]:
        """(story month, score) from the start, one point per choice that has a score, where the
        story month (year * 12 + month - 1) is the latest date an event of that choice or an
        earlier one named; choices before the first dated event share its month. Empty if no
        event in the log is dated (a story without a calendar)."""
        dated = [s.month for s in self.steps]
        known = next((m for m in dated if m is not None), None)
        if known is None:
            return []
        points = []
        start = self.header.get("start_score")
        if _is_int(start):
            points.append((known, start))
        month = known
        for step, m in zip(self.steps, dated, strict=True):
            month = m if m is not None and m > month else month
            if _is_int(step.score):
                points.append((month, step.score))
        return points

    def eras(self) -> list[tuple[int | None, str]]:
        """(story month or None, era title) for each era change on this player's path."""
        out, month = [], None
        for step in self.steps:
            month = step.month if step.month is not None else month
            for event in step.events:
                if event["kind"] == "era":
                    out.append((month, event["title"]))
        return out


@dataclass
class LogSet:
    """Every usable log of one story in a folder, and every problem met while reading."""

    folder: Path
    players: list[PlayerLog]
    problems: list[Problem]
    story_id: str | None
    files: int
    other_stories: Counter = field(default_factory=Counter)
    #: Players of the story in each session found (session code -> players), before ``--session``.
    sessions: Counter = field(default_factory=Counter)
    session: str | None = None  # the session reported on (None: every session)
    version: str | None = None  # the story version most logs name
    other_versions: Counter = field(default_factory=Counter)  # version -> players, counted but flagged


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _check_header(data: dict) -> str | None:
    if not _is_str(data.get("story")) or not data["story"]:
        return "the header names no story"
    if "pseudonym" in data and not _is_str(data["pseudonym"]):
        return "the header's pseudonym is not text"
    return None


def _step(data: dict, mode: str) -> tuple[Step | None, str | None]:
    """A choice line as a :class:`Step`, for a player in transparency ``mode``; or why not."""
    turn, scene, uid = data.get("turn"), data.get("scene"), data.get("choice")
    if not (_is_int(turn) and isinstance(scene, str) and isinstance(uid, str)):
        return None, "a choice line needs turn (a number), scene and choice (text)"
    score = data.get("score")
    if score is not None and not _is_int(score):
        return None, "a choice line's score is not a whole number"
    offered = data.get("offered") or []
    if not isinstance(offered, list):
        return None, "a choice line's offered list is malformed"
    kept_offers = []
    for o in offered:
        if not (
            isinstance(o, dict) and isinstance(o.get("choice"), str) and isinstance(o.get("text", ""), str)
        ):
            return None, "a choice line's offered list is malformed"
        kept_offers.append({"choice": o["choice"], "text": o.get("text") or o["choice"]})
    events = data.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        return None, "a choice line's events are malformed"
    tier = data.get("tier")
    return (
        Step(
            turn=turn,
            scene=intern(scene),
            scene_title=intern(str(data.get("scene_title") or scene)),
            choice=intern(uid),
            text=intern(str(data.get("text") or uid)),
            key=data.get("key") is True,
            offered=kept_offers,
            score=score,
            tier=intern(tier) if isinstance(tier, str) else None,
            events=_kept_events(events, mode) if events else [],
            month=month_of(events) if events else None,
        ),
        None,
    )


def _kept_events(events: list[dict], mode: str) -> list[dict]:
    """The events of one choice that the report counts, each reduced to what it shows (see
    :class:`Step`); the rest are dropped here, so no full event outlives its line."""
    kept = []
    for event in events:
        kind = event.get("kind")
        if kind == "contact" and event.get("change") in ("dropped", "dropped_you"):
            name = str(event.get("name") or event.get("contact") or "?")
            said = _rule_said(events, event, mode) if event["change"] == "dropped" else None
            kept.append({"kind": kind, "change": event["change"], "name": name, "said": said})
        elif kind == "perk" and isinstance(event.get("granted"), bool):
            title = str(event.get("title") or event.get("perk") or "?")
            kept.append({"kind": kind, "granted": event["granted"], "title": title})
        elif kind == "era":
            kept.append({"kind": kind, "title": str(event.get("title") or event.get("new") or "")})
    return kept


def _rule_said(events: list[dict], contact_event: dict, mode: str) -> str | None:
    """What the app said (in the player's mode) for the rule that reacted to a contact event: the
    rule's score event right after it, caused by the same choice."""
    choice = _cause_choice(contact_event)
    after = False
    for event in events:
        if event is contact_event:
            after = True
            continue
        if after and event.get("kind") == "score":
            if event.get("source") == "rule" and _cause_choice(event) == choice:
                return explained(event.get("explain"), mode)  # finished texts (old logs) or an id (new)
        elif after and event.get("kind") not in ("tier", "perks"):
            return None
    return None


def _cause_choice(event: dict) -> Any:
    cause = event.get("cause")
    return cause.get("choice") if isinstance(cause, dict) else None


def _answers(data: dict, header: dict) -> tuple[dict[str, int] | None, str | None]:
    answers = data.get("answers")
    if data.get("phase") not in ("before", "after"):
        return None, "a reflection line's phase must be before or after"
    if not isinstance(answers, dict):
        return None, "a reflection line's answers are not a mapping"
    scales = {q.get("id"): q.get("scale") for q in header.get("questions") or [] if isinstance(q, dict)}
    out = {}
    for qid, value in answers.items():
        scale = scales.get(qid) if _is_int(scales.get(qid)) else 10
        if not _is_int(value) or not 1 <= value <= scale:
            return None, f"reflection answer {qid!r} is not a number from 1 to {scale}"
        out[str(qid)] = value
    return out, None


def _claim_answers(data: dict) -> tuple[dict[str, str] | None, str | None]:
    answers = data.get("answers")
    if data.get("phase") not in ("before", "after"):
        return None, "a claims line's phase must be before or after"
    if not isinstance(answers, dict):
        return None, "a claims line's answers are not a mapping"
    for cid, value in answers.items():
        if value not in CLAIM_ANSWERS:
            return None, f"claim answer {cid!r} is not one of {', '.join(CLAIM_ANSWERS)}"
    return {str(cid): value for cid, value in answers.items()}, None


def read_log(path: Path, name: str | None = None) -> tuple[PlayerLog | None, list[Problem]]:
    """Read one log; returns (the log, or None if unusable, and its problems)."""
    name = name or str(path)
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(name, line, message))

    try:
        stream = open_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        if exc.kind == "large":
            problem(0, f"larger than {MAX_FILE_BYTES // 1_000_000} MB, the limit for one log; not read")
        else:
            problem(0, f"cannot read: {exc}")
        return None, problems
    with stream:
        try:
            log = _read_lines(name, path, stream, problem)
        except OSError as exc:
            problem(0, f"cannot read: {exc.strerror or exc}")
            return None, problems
    return log, problems


#: A log up to this size is read in one piece and split (one read instead of a read per line);
#: a larger one line by line.
WHOLE_BYTES = 8_000_000


_BUFFERS = threading.local()


def _whole(stream: BinaryIO) -> bytes | None:
    """The rest of ``stream`` in one piece if it is at most :data:`WHOLE_BYTES`, else None (then
    where the stream stands is undefined). Read into one buffer kept for the thread and reused
    for every log: a fresh 8 MB read buffer per file cost the system a page fault for every 4 kB
    read (0.25 s of system time for 1,000 logs, against 0.06 s)."""
    buffer = getattr(_BUFFERS, "buffer", None)
    if buffer is None:
        buffer = _BUFFERS.buffer = bytearray(WHOLE_BYTES + 1)
    size = stream.readinto(buffer)
    if size > WHOLE_BYTES:
        return None
    with memoryview(buffer) as view:
        return bytes(view[:size])


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None, bool]]:
    """(number, line without its newline or None if longer than :data:`MAX_LINE_BYTES`, True if it
    is a last line with no newline). Memory stays bounded by :data:`WHOLE_BYTES` or one line;
    reading stops at :data:`MAX_FILE_BYTES` (the file may have grown since it was opened)."""
    data = _whole(stream)
    if data is not None:
        lines = data.split(b"\n")
        last = lines.pop()  # b"" when the file ends with a newline
        for number, raw in enumerate(lines, 1):
            yield number, raw if len(raw) <= MAX_LINE_BYTES else None, False
        if last:
            yield len(lines) + 1, last if len(last) <= MAX_LINE_BYTES else None, True
        return
    stream.seek(0)  # a regular file (open_regular): read it again, line by line
    read, number = 0, 0
    while read <= MAX_FILE_BYTES:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        read += len(raw)
        if len(raw) > MAX_LINE_BYTES:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(1 << 20)
                read += len(raw)
            yield number, None, False
        elif raw.endswith(b"\n"):
            yield number, raw[:-1], False
        else:
            yield number, raw, True


def _read_lines(name: str, path: Path, stream: BinaryIO, problem) -> PlayerLog | None:
    """The log in ``stream``, line by line; ``problem(line, message)`` is told what was wrong. The
    header makes the log (:func:`_started`); every later line adds to it (:func:`_add_line`)."""
    log: PlayerLog | None = None
    after_end = False  # a line after the end was named (once)
    empty = True
    for number, raw, unfinished_last in _lines(stream):
        if raw is None:
            empty = False
            problem(number, "line too long; skipped")
            continue
        if not raw.strip():
            continue
        empty = False
        if log is not None and log.end is None and raw.startswith(_CHOICE) and not _may_hold_controls(raw):
            step = fast_step(raw, log.transparency)
            if step is not None:
                log.steps.append(step)
                continue
        entry, message = _entry(raw, header=log is None, unfinished_last=unfinished_last)
        if log is None:
            log = _started(path, name, number, entry, message, problem)
            if log is None:
                return None
        elif entry is None:
            problem(number, message)
        elif log.end is not None and entry.get("type") not in ("reflection", "claims", "end"):
            if not after_end:
                problem(number, f"a {entry.get('type')!r} line after the end; ignored")
                after_end = True
        else:
            _add_line(log, number, entry, problem)
    if empty:
        problem(0, "empty file (the game may have stopped before it wrote anything)")
        return None
    if log is not None and log.end is None:
        problem(0, f"no end line: an unfinished game ({len(log.steps)} choices); counted as unfinished")
    return log


def _entry(raw: bytes, header: bool, unfinished_last: bool) -> tuple[dict | None, str]:
    """One line as a JSON object, or None and why not (the message for its problem)."""
    try:
        entry = _parse(raw, header=header)
    except UnicodeDecodeError:
        return None, "not UTF-8 text (binary data?)"
    except ValueError:
        if unfinished_last:
            return None, "incomplete last line (the game stopped while writing it); ignored"
        return None, "not valid JSON; skipped"
    if not isinstance(entry, dict):  # a JSON null, list, number or string (found by the fuzz suite)
        return None, "not a JSON object; skipped"
    return entry, ""


def _started(
    path: Path, name: str, number: int, entry: dict | None, message: str, problem
) -> PlayerLog | None:
    """The log begun by its first line, or None (told to ``problem``) if that is not a header we read."""
    if entry is None or entry.get("type") != "header":
        problem(number, "not a session log: the first line is not a header" + _why(entry, message))
        return None
    schema = entry.get("schema")
    if schema != SCHEMA:
        problem(number, f"unknown log schema {schema!r} (this version reads schema {SCHEMA}); skipped")
        return None
    reason = _check_header(entry)
    if reason:
        problem(number, f"{reason}; skipped")
        return None
    return PlayerLog(path, name, entry)


def _add_line(log: PlayerLog, number: int, entry: dict, problem) -> None:
    """What a line after the header says, added to ``log``; a line that cannot be used is told to
    ``problem`` and left out."""
    kind = entry.get("type")
    reason = None
    if kind == "choice":
        step, reason = _step(entry, log.transparency)
        if step is not None:
            log.steps.append(step)
    elif kind == "undo":
        log.undos += 1
        if log.steps:
            log.steps.pop()
    elif kind == "load":
        reason = _load(log, entry)
    elif kind in ("reflection", "claims"):
        answers, reason = _answers(entry, log.header) if kind == "reflection" else _claim_answers(entry)
        if answers is not None:
            getattr(log, "reflections" if kind == "reflection" else "claims")[entry["phase"]].update(answers)
    elif kind == "end":
        reason = _end(log, entry)
    elif kind == "header":
        problem(number, "a second header; ignored")
    else:
        reason = f"unknown line type {kind!r}"
    if reason:
        problem(number, reason if reason.endswith("; ignored") else f"{reason}; skipped")


def _load(log: PlayerLog, entry: dict) -> str | None:
    """A loaded save: the path so far is the loaded one (steps kept as far as they agree with it,
    the rest known by their ids only); or why the line cannot be used."""
    path_uids = entry.get("path")
    if not isinstance(path_uids, list) or not all(_is_str(u) for u in path_uids):
        return "a load line's path is malformed"
    log.loads += 1
    kept = []
    for step, uid in zip(log.steps, path_uids, strict=False):
        if step.choice != uid:
            break
        kept.append(step)
    for i, uid in enumerate(path_uids[len(kept) :], len(kept) + 1):
        scene = uid.partition(".")[0]
        kept.append(Step(i, scene, scene, uid, uid, False, [], None, None, []))
    log.steps = kept
    return None


def _end(log: PlayerLog, entry: dict) -> str | None:
    """The end line kept (without its ledger: not shown, so not kept); or why not."""
    if log.end is not None:
        return "a second end line; ignored"
    if entry.get("score") is not None and not _is_int(entry.get("score")):
        return "the end line's score is not a whole number"
    entry.pop("ledger", None)
    log.end = entry
    return None


#: How :class:`~game.workshop.log.SessionLog` starts a choice line: such a line is first tried by
#: :func:`~game.workshop.choice_lines.fast_step` (any other, or one it is not sure of, is parsed whole).
_CHOICE = b'{"type":"choice",'


def _may_hold_controls(raw: bytes) -> bool:
    """False if the JSON line ``raw`` surely decodes to no control character: it has no ``\\u``
    escape (the only way to write a C0 control or a lone surrogate in valid JSON), no DEL and no C1
    control (U+0080-U+009F: ``\\xc2`` then ``\\x80``-``\\x9f`` in UTF-8). Plain byte searches, far
    cheaper than walking the parsed line; a backslash is looked for before the two-byte ``\\u``
    (a lone byte is found much faster, and most lines have none)."""
    if (b"\\" in raw and b"\\u" in raw) or b"\x7f" in raw:
        return True
    at = raw.find(b"\xc2")
    while at >= 0:  # a C2 byte starts ¥, ©, a no-break space... as well as a C1 control
        following = raw[at + 1 : at + 2]
        if following and 0x80 <= following[0] <= 0x9F:
            return True
        at = raw.find(b"\xc2", at + 1)
    return False


#: How :class:`~game.workshop.log.SessionLog` writes an end line: the ledger (every score change
#: again, often half the log's bytes) is its one array, followed only by the time.
_END, _LEDGER, _AFTER_LEDGER = b'{"type":"end",', b',"ledger":[', b'],"t":'


def _without_ledger(raw: bytes) -> bytes:
    """An end line with its ledger cut out, so it is never parsed (the report does not show it).

    The cut is made only at ``,"ledger":[`` and the last ``],"t":``; both are JSON structure, never
    text (a quote inside a string is escaped), and the shortened line parses only if both were
    keys of the line itself. :func:`_parse` parses the whole line if it does not."""
    if not raw.startswith(_END):
        return raw
    start, stop = raw.find(_LEDGER), raw.rfind(_AFTER_LEDGER)
    return raw[:start] + raw[stop + 1 :] if 0 < start < stop else raw


def _parse(raw: bytes, header: bool) -> Any:
    """One line's JSON, with control characters stripped from every text in it: a log is free text
    from a player's laptop, and nothing in it may reach a page or a terminal raw. Raises ValueError
    (bad JSON, too deep) or UnicodeDecodeError.

    The common line holds no control character (:func:`_may_hold_controls`) and is parsed once,
    without a second walk; a header, and any line that may hold one, is bounded in depth and
    cleaned string by string. An end line is parsed without its ledger when it can be."""
    short = _without_ledger(raw)
    if short is not raw:
        try:
            entry = _parse(short, header)
        except ValueError:
            entry = None
        if isinstance(entry, dict) and entry.get("type") == "end" and "ledger" not in entry:
            return entry
    if header and not _may_hold_controls(raw):
        entry = _header(raw)
        if entry is not None:
            return entry
    if header or _may_hold_controls(raw):
        return strip_controls_deep(loads_json(raw.decode("utf-8")))
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


_ANY_JSON = msgspec.json.Decoder()


def _header(raw: bytes) -> Any:
    """A header line with no control character in it, decoded by msgspec's C decoder, which gives
    what ``json.loads`` gives for any line it accepts; None if it refuses it (NaN, a number out of
    range, bad JSON, bad UTF-8) or it is nested too deeply, so the caller's ``json.loads`` decides
    with its message. Its depth needs no walk when it has too few brackets to nest too deeply."""
    try:
        entry = _ANY_JSON.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if raw.count(b"{") + raw.count(b"[") <= MAX_JSON_DEPTH or json_depth(entry) <= MAX_JSON_DEPTH:
        return entry
    return None


def _why(entry: Any, message: str) -> str:
    if entry is None:
        return f" ({message.split(';')[0]})"
    return ""


def read_dir(folder: str | os.PathLike, story_id: str | None = None, session: str | None = None) -> LogSet:
    """Every ``*.jsonl`` in ``folder`` and its sub-folders (one per laptop, say), in path order.

    The report is about ``story_id`` (default: the story most logs name); logs of other stories are
    problems. Copies of one log (``x (1).jsonl``: the same header) count once: the longest is kept.
    A restart (an unfinished game, then a later one of the same player in the same session) counts
    once. ``session`` keeps only that session code's players; ``sessions`` lists every session
    found. Logs of another version of the story are counted and named, with what differs."""
    folder, logs, problems, files = _read_folder(folder)
    stories = _stories(logs)
    chosen = story_id or (stories[0] if stories else None)
    return _story_set(folder, logs, problems, files, chosen, session, others_are_problems=True)


#: A second story is set beside the first (a mixed class) when at least this many played it; fewer
#: logs of another story are a mistake to name, not a group to compare.
MIN_STORY_PLAYERS = 3


def read_stories(folder: str | os.PathLike, session: str | None = None) -> list[LogSet]:
    """The logs in ``folder`` (read as :func:`read_dir` reads them) as one :class:`LogSet` per story,
    the most played first: a mixed class, where part of the room played another scenario. Problems
    with files are named once, in the first set; a log of another story is a problem only when
    fewer than :data:`MIN_STORY_PLAYERS` logs name that story."""
    folder, logs, problems, files = _read_folder(folder)
    stories = _stories(logs) or [None]
    count = Counter(log.story for log in logs)
    # a story a few laptops played by mistake is named, not set beside the class's
    strays = {s for s in stories[1:] if count[s] < MIN_STORY_PLAYERS}
    for log in logs:
        if log.story in strays:
            problems.append(
                Problem(
                    log.name,
                    0,
                    f"a log of another story ({log.story!r}, not {stories[0]!r}); not counted "
                    f"(fewer than {MIN_STORY_PLAYERS} players played it: --story-id reports on it alone)",
                )
            )
    compared = [s for s in stories if s not in strays]
    return [
        _story_set(folder, logs, problems if i == 0 else [], files, story, session, others_are_problems=False)
        for i, story in enumerate(compared)
    ]


def _stories(logs: list[PlayerLog]) -> list[str]:
    """The stories the logs name, the most played first (then by id)."""
    count = Counter(log.story for log in logs)
    return sorted(count, key=lambda s: (-count[s], s))


def _read_folder(folder: str | os.PathLike) -> tuple[Path, list[PlayerLog], list[Problem], int]:
    """(the folder, every usable log in it without copies, the problems met, the files read)."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(str(folder), 0, "no such folder"))
        return folder, [], problems, 0
    paths = sorted(p for p in folder.rglob("*.jsonl") if p.is_file())
    if len(paths) > MAX_FILES:
        problems.append(Problem(str(folder), 0, f"more than {MAX_FILES} logs; only the first ones read"))
        paths = paths[:MAX_FILES]
    if not paths:
        problems.append(
            Problem(str(folder), 0, "no session logs (*.jsonl) in this folder or its sub-folders")
        )
    logs: list[PlayerLog] = []
    # Reading keeps every player's summary and frees each line's parse, none of it in cycles: the
    # collector's passes found nothing and walked ever more kept steps (a quarter of the time).
    with collector_paused():
        for path in paths:
            log, found = read_log(path, str(path))
            problems.extend(found)
            if log is not None:
                logs.append(log)
    return folder, _without_copies(logs, problems), problems, len(paths)


def _story_set(
    folder: Path,
    logs: list[PlayerLog],
    problems: list[Problem],
    files: int,
    chosen: str | None,
    session: str | None,
    others_are_problems: bool,
) -> LogSet:
    """The :class:`LogSet` of story ``chosen`` among ``logs`` (``problems`` is extended)."""
    players, others = [], Counter()
    for log in logs:
        if log.story == chosen:
            players.append(log)
        else:
            others[log.story] += 1
            if others_are_problems:
                problems.append(
                    Problem(
                        log.name, 0, f"a log of another story ({log.story!r}, not {chosen!r}); not counted"
                    )
                )
    players = _without_restarts(players, problems)
    sessions = Counter(log.session_code for log in players)
    if session is not None:
        players = [log for log in players if log.session_code == session]
    version, other_versions = _versions(players, problems)
    return LogSet(
        folder, players, problems, chosen, files, others, sessions, session, version, other_versions
    )


def _without_restarts(logs: list[PlayerLog], problems: list[Problem]) -> list[PlayerLog]:
    """One player per person: an unfinished game followed (by its start time) by another game of
    the same player in the same session is a restart (a crash, a closed laptop). The later game is
    kept, with the earlier one's before-play answers if it has none; the earlier one is named.
    The player is the header's ``player`` id if it has one, else its non-empty pseudonym; two
    finished games of one player are two games and both count."""
    by_player: dict[tuple, list[PlayerLog]] = {}
    for log in logs:
        who = log.header.get("player") or log.pseudonym
        if isinstance(who, (str, int)) and not isinstance(who, bool) and who != "":
            by_player.setdefault((log.session_code, str(who)), []).append(log)
    dropped: set[int] = set()
    for games in by_player.values():
        games.sort(key=lambda g: (str(g.header.get("started") or ""), g.name))
        for earlier, later in zip(games, games[1:], strict=False):
            if earlier.finished:
                continue
            dropped.add(id(earlier))
            for phase in ("before", "after"):
                if not later.reflections[phase] and earlier.reflections[phase]:
                    later.reflections[phase] = dict(earlier.reflections[phase])
                if not later.claims[phase] and earlier.claims[phase]:
                    later.claims[phase] = dict(earlier.claims[phase])
            problems.append(
                Problem(earlier.name, 0, f"a restart: the same player went on in {later.name}; counted once")
            )
    return [log for log in logs if id(log) not in dropped]


def _versions(players: list[PlayerLog], problems: list[Problem]) -> tuple[str | None, Counter]:
    """The story version most players played, and the others: each log of another version is
    named with what differs (choices it has that the main version's logs never have, scenes
    titled differently), because a renamed choice would otherwise count as a different one."""
    versions = Counter(str(p.header.get("story_version") or "?") for p in players)
    if not versions:
        return None, Counter()
    main = min(versions, key=lambda v: (-versions[v], v))
    others = Counter({v: k for v, k in versions.items() if v != main})
    if not others:
        return main, others
    main_choices = {s.choice for p in players if _version(p) == main for s in p.steps}
    main_titles = {s.scene: s.scene_title for p in players if _version(p) == main for s in p.steps}
    for p in players:
        if _version(p) == main:
            continue
        new = sorted({s.choice for s in p.steps} - main_choices)
        retitled = sorted(
            {
                f"{s.scene}: {s.scene_title!r}, not {main_titles[s.scene]!r}"
                for s in p.steps
                if s.scene in main_titles and main_titles[s.scene] != s.scene_title
            }
        )
        what = (
            f"choices not in {main}'s logs: {_few(new)}" if new else f"all its choices are in {main}'s logs"
        )
        if retitled:
            what += f"; scenes titled differently: {_few(retitled, 2)}"
        problems.append(
            Problem(
                p.name,
                0,
                f"story version {_version(p)!r}, not {main!r} like most logs; counted, but check it: {what}",
            )
        )
    return main, others


def _version(p: PlayerLog) -> str:
    return str(p.header.get("story_version") or "?")


def _few(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _without_copies(logs: list[PlayerLog], problems: list[Problem]) -> list[PlayerLog]:
    """One log per playthrough: logs with the same header are copies of one game (a file copied
    twice, or once more into another folder); the one that got furthest is kept, the rest named."""
    kept: dict[str, PlayerLog] = {}
    for log in logs:
        key = json.dumps(log.header, sort_keys=True, default=str)
        other = kept.get(key)
        if other is None:
            kept[key] = log
            continue
        best, copy = (log, other) if _progress(log) > _progress(other) else (other, log)
        kept[key] = best
        problems.append(Problem(copy.name, 0, f"a copy of {best.name}; counted once"))
    return list(kept.values())


def _progress(log: PlayerLog) -> tuple[bool, int]:
    return (log.finished, len(log.steps))
