"""Workshop session logs: an anonymous JSON Lines record of one playthrough, for the class report.

A :class:`SessionLog` is an *observer*: the engine knows nothing about it. A front end creates one
for its :class:`~game.engine.Session` and feeds it after each step (``record_choice`` after
``session.choose``, ``record_undo`` after ``session.undo``, ``record_end`` at an ending,
``record_reflection`` with the answers to the story's reflection questions, ``record_claims`` with
the answers to its claims).

File format (schema 1), one JSON object a line, UTF-8:

- ``{"type": "header", "schema": 1, "story", "story_title", "story_version", "rules": {"id", "title"},
  "seed", "transparency", "cut" (the story's ``cut`` variable at the start, such as ``classroom`` or
  ``full``; null when the story has none; absent in older logs), "undo_locked", "pseudonym",
  "session_code", "started", "app", "start_scene",
  "start_score", "start_tier", "range": {"min", "max", "start"}, "tiers": [{"id", "title", "min"}],
  "questions": [{"id", "text", "scale", "low", "high"}], "claims": [{"id", "text", "answer" (the key,
  true or false), "label", "fact"}] (absent in logs written before claims existed)}``
- ``{"type": "choice", "turn", "scene", "scene_title", "choice" (uid), "text", "key" (the scene offered a
  key choice), "offered": [{"choice", "text", "key"}] (key turns only), "to" (the scene now), "score",
  "tier", "t", "events": [score/tier/perks/perk/contact/era/technique events, as Event.to_json()]}``
- ``{"type": "undo", "turn" (the turn now), "score", "tier", "t"}``
- ``{"type": "load", "turn", "path": [uids], "score", "tier", "t"}`` (a save was loaded)
- ``{"type": "reflection", "phase": "before" | "after", "answers": {question id: n}, "t"}``
- ``{"type": "claims", "phase": "before" | "after", "answers": {claim id: "true" | "false" | "unsure"}, "t"}``
  (claims left unanswered are absent)
- ``{"type": "end", "ending", "ending_title", "turn", "score", "tier", "tier_title", "ledger": [...], "t"}``

Each line is written whole, flushed and fsync'd, so a crash loses at most the step being written
(simulated players' logs, not ``durable``, are written a few lines at a time and flushed when closed).
The file is created with mode ``"x"`` under a name with a random part, so a log never replaces
another player's. The pseudonym is free text: every reader must escape it where it shows it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

import msgspec

from .. import __version__
from ..engine import DEFAULT_MODE, ChoiceView, Event, EventKind, Session, offer
from ..engine.claims import ANSWERS, claims
from ..engine.reflection import questions
from ..engine.scoring.engine import model_of, part_of

SCHEMA = 1
#: Event kinds a choice line keeps (the rest, such as variable changes, stay out of the log).
LOGGED_EVENTS = (
    EventKind.SCORE,
    EventKind.TIER,
    EventKind.PERKS,
    EventKind.PERK,
    EventKind.CONTACT,
    EventKind.ERA,
    EventKind.TECHNIQUE,
)
PSEUDONYM_MAX = 40
SESSION_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
#: A line's JSON: msgspec writes what ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``
#: wrote, byte for byte for the strings, whole numbers, booleans and nulls a log holds (only a float's
#: exponent could be spelt differently, 1e16 for 1e+16, the same number to any reader), in a fifth of
#: the time: a demo class writes some 60 lines a player.
_ENCODE = msgspec.json.Encoder().encode


class LogFolderError(Exception):
    """A log folder that cannot be used; the message is one line naming it."""


def prepare_log_dir(log_dir: str | os.PathLike, parents: bool = False) -> tuple[Path, bool]:
    """Check (and if need be make) a workshop's log folder before anyone plays; returns the folder
    and whether it was made. Raises :class:`LogFolderError` so that a workshop stops at once
    rather than lose a session's data:

    - a path with ``..`` is refused (name the folder itself);
    - a missing folder is made only if its parent exists (one level, never a whole tree; the
      caller says it was made), unless ``parents`` (a command that writes somewhere new, such as
      ``demo-logs``, makes the whole path);
    - the folder must be a folder we can write in: a file is created there and removed again.
    """
    text = os.fspath(log_dir)
    directory = Path(text)
    if ".." in directory.parts:
        raise LogFolderError(f"log folder {text}: '..' is not allowed; name the folder itself")
    made = False
    if not directory.exists():
        if not parents and not directory.parent.is_dir():
            raise LogFolderError(
                f"log folder {text}: neither it nor the folder it would go in ({directory.parent}) exists"
            )
        try:
            directory.mkdir(parents=parents)
            made = True
        except FileExistsError:
            pass
        except OSError as exc:
            raise LogFolderError(f"log folder {text}: cannot be made: {exc.strerror or exc}") from None
    if not directory.is_dir():
        raise LogFolderError(f"log folder {text}: is not a folder")
    probe = directory / f".socialscore-write-test-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise LogFolderError(
            f"log folder {text}: cannot write there ({exc.strerror or exc}); "
            "fix the folder or choose another, or the session's data would be lost"
        ) from None
    return directory, made


def now_iso() -> str:
    """The time now, in UTC, as ISO 8601 to the second (no local time zone: logs stay anonymous)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean_pseudonym(text: str) -> str:
    """A pseudonym as typed, minus control characters and surrounding space, at most 40 characters.
    Everything else (markup, quotes, right-to-left text, emoji) is kept: readers escape it."""
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))
    return text.strip()[:PSEUDONYM_MAX].strip()


def slug(text: str, default: str = "anon", limit: int = 24) -> str:
    """A file-name-safe form of ``text``: ASCII letters and digits, hyphens between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return out or default


def default_session_code() -> str:
    """Today's date: logs of one room on one day share it unless a preset names the session."""
    return datetime.now().strftime("%Y-%m-%d")


def _state_score(session: Session) -> tuple[int | None, str | None]:
    part = part_of(session.state)
    return (part.score, part.tier) if part else (None, None)


class SessionLog:
    """One player's log file. Create it with :meth:`create`; every ``record_*`` call writes one line
    (flushed and fsync'd unless the log is not ``durable``). Writing never raises into the game:
    after a write error the log is marked broken (``error`` says why) and later records are dropped."""

    def __init__(
        self, path: Path, stream: TextIO, clock: Callable[[], str] = now_iso, *, durable: bool = True
    ):
        self.path = path
        self._stream: TextIO | None = stream
        self._clock = clock
        self._durable = durable
        self.error: str | None = None
        self.lines = 0
        self.ended = False

    # -- creating ----------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        log_dir: str | os.PathLike,
        session: Session,
        *,
        pseudonym: str = "",
        session_code: str | None = None,
        clock: Callable[[], str] = now_iso,
        token: Callable[[], str] = lambda: secrets.token_hex(4),
        durable: bool = True,
    ) -> SessionLog:
        """Create a new log in ``log_dir`` and write its header (check the folder first with
        :func:`prepare_log_dir`; a missing folder is not made here). The file is named
        ``<session-code>-<pseudonym-slug>-<random>.jsonl`` and opened with mode "x": an existing
        file is never replaced (another random part is tried). Raises OSError if it cannot.
        ``durable=False`` skips the flush and fsync after each line (simulated players, who cannot
        lose a session to a crash: :mod:`.demo`); :meth:`close` writes what is left."""
        directory = Path(log_dir)
        pseudonym = clean_pseudonym(pseudonym)
        code = session_code or default_session_code()
        stem = f"{slug(code, 'session')}-{slug(pseudonym)}"
        for _attempt in range(20):
            path = directory / f"{stem}-{token()}.jsonl"
            try:
                stream = open(path, "x", encoding="utf-8", newline="\n")  # noqa: SIM115 - kept open
            except FileExistsError:
                continue
            break
        else:
            raise FileExistsError(f"could not find a free log file name in {directory}")
        if durable:
            _fsync_dir(directory)
        log = cls(path, stream, clock, durable=durable)
        log._write(header(session, pseudonym, code, clock()))
        return log

    # -- recording ---------------------------------------------------------------------
    def record_choice(
        self,
        session: Session,
        events: tuple[Event, ...] | list[Event] = (),
        shown: tuple[str, tuple[ChoiceView, ...]] | None = None,
    ) -> None:
        """After ``session.choose(...)``: the choice just taken, where it led and the score after.
        ``events`` are the ones ``choose`` returned. Records the end too if the story ended.
        ``shown``: the title and choices of the state the choice was taken in, as ``engine.offer``
        gives them, when the caller already has them (a simulated player picks from them); else
        they are worked out here."""
        before, after = session.previous, session.state
        if before is None:
            return
        uid = after.path[-1]
        title, choices = shown or offer(session.story, before)  # the frame without its paragraphs
        key = any(c.key for c in choices)
        taken = next((c for c in choices if c.uid == uid), None)
        score, tier = _state_score(session)
        line: dict[str, Any] = {
            "type": "choice",
            "turn": after.turn,
            "scene": before.scene,
            "scene_title": title,
            "choice": uid,
            "text": taken.text if taken else uid,
            "key": key,
        }
        if key:
            line["offered"] = [{"choice": c.uid, "text": c.text, "key": c.key} for c in choices if c.enabled]
        line.update(
            {
                "to": after.scene,
                "score": score,
                "tier": tier,
                "t": self._clock(),
                "events": [e.to_json() for e in events if e.kind in LOGGED_EVENTS],
            }
        )
        self._write(line)
        if session.ended:
            self.record_end(session)

    def record_undo(self, session: Session) -> None:
        """After ``session.undo()`` returned True: the last choice line no longer counts."""
        score, tier = _state_score(session)
        self._write(
            {"type": "undo", "turn": session.state.turn, "score": score, "tier": tier, "t": self._clock()}
        )

    def record_load(self, session: Session) -> None:
        """After a save was loaded into ``session``: the path so far is the loaded one."""
        score, tier = _state_score(session)
        self._write(
            {
                "type": "load",
                "turn": session.state.turn,
                "path": list(session.state.path),
                "score": score,
                "tier": tier,
                "t": self._clock(),
            }
        )

    def record_reflection(self, phase: str, answers: Mapping[str, int]) -> None:
        """The answers to the reflection questions, ``phase`` "before" or "after" play."""
        if phase not in ("before", "after"):
            raise ValueError(f"phase must be 'before' or 'after', not {phase!r}")
        self._write({"type": "reflection", "phase": phase, "answers": dict(answers), "t": self._clock()})

    def record_claims(self, phase: str, answers: Mapping[str, str]) -> None:
        """The answers to the claims (each one of ``ANSWERS``), ``phase`` "before" or "after" play."""
        if phase not in ("before", "after"):
            raise ValueError(f"phase must be 'before' or 'after', not {phase!r}")
        if any(a not in ANSWERS for a in answers.values()):
            raise ValueError(f"a claim's answer must be one of {', '.join(ANSWERS)}")
        self._write({"type": "claims", "phase": phase, "answers": dict(answers), "t": self._clock()})

    def record_end(self, session: Session) -> None:
        """The ending reached, the final score and the whole ledger (once per log)."""
        if self.ended or not session.ended:
            return
        story, state = session.story, session.state
        part = part_of(state)
        model = model_of(story)
        ending = story.scenes.get(state.ending)
        tier_title = ""
        if part is not None and model is not None and model.rules is not None:
            tier_title = model.rules.tier_title(part.tier)
        self._write(
            {
                "type": "end",
                "ending": state.ending,
                "ending_title": offer(story, state)[0] if ending else "",
                "turn": state.turn,
                "score": part.score if part else None,
                "tier": part.tier if part else None,
                "tier_title": tier_title,
                "ledger": [e.to_json() for e in part.ledger] if part else [],
                "t": self._clock(),
            }
        )
        self.ended = True

    def close(self) -> None:
        """Close the file. A log that is not durable writes its last lines here: if that fails,
        ``error`` says so (the log is short of them)."""
        if self._stream is not None:
            if not self._durable and self.error is None:
                try:
                    self._stream.flush()
                except (OSError, ValueError) as exc:
                    self.error = f"could not write {self.path}: {getattr(exc, 'strerror', None) or exc}"
            with contextlib.suppress(OSError, ValueError):
                self._stream.close()
            self._stream = None

    def __enter__(self) -> SessionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------
    def _write(self, data: dict) -> None:
        if self._stream is None:
            return
        text = _ENCODE(data).decode() + "\n"
        try:
            self._stream.write(text)
            if self._durable:  # else the file's buffer writes a few lines at a time, and close the rest
                self._stream.flush()
                os.fsync(self._stream.fileno())
        except (OSError, ValueError) as exc:
            self.error = f"could not write {self.path}: {getattr(exc, 'strerror', None) or exc}"
            self.close()
            return
        self.lines += 1


def header(session: Session, pseudonym: str, session_code: str, started: str) -> dict:
    """The first line of a log: what was played, under which rules and settings, by whom."""
    story = session.story
    model = model_of(story)
    rules = model.rules if model else None
    first = part_of(session.states[0])
    return {
        "type": "header",
        "schema": SCHEMA,
        "story": story.id,
        "story_title": story.title,
        "story_version": story.version,
        "rules": {"id": rules.id, "title": rules.title} if rules else None,
        "seed": session.seed,
        "transparency": session.options.get("transparency") or DEFAULT_MODE,
        "cut": _cut(session),
        "undo_locked": session.undo_locked,
        "pseudonym": pseudonym,
        "session_code": session_code,
        "started": started,
        "app": __version__,
        "start_scene": session.states[0].scene,
        "start_score": first.score if first else None,
        "start_tier": first.tier if first else None,
        "range": {"min": rules.min, "max": rules.max, "start": rules.start} if rules else None,
        "tiers": [{"id": t.id, "title": t.title, "min": t.min} for t in rules.tiers] if rules else [],
        "questions": [
            {"id": q.id, "text": q.text, "scale": q.scale, "low": q.low, "high": q.high}
            for q in questions(story)
        ],
        "claims": [
            {"id": c.id, "text": c.text, "answer": c.answer, "label": c.label, "fact": c.fact}
            for c in claims(story)
        ],
    }


def _cut(session: Session) -> Any:
    """The story's cut for this game (its ``cut`` variable at the start), or None if it has none:
    the classroom and full cuts are different games, so the report splits players by it."""
    if "cut" not in session.story.variables:
        return None
    return session.states[0].vars.get("cut")


def _fsync_dir(directory: Path) -> None:
    """Make the new file's directory entry durable too (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
