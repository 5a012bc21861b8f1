"""``socialscore text`` in a workshop: the terminal game with a session log and reflection questions.

Used instead of :func:`game.text.terminal.run_text` when ``--log-dir``, ``--workshop`` or
``--reflect`` is given. It builds the session, shows the session code, asks for a pseudonym (when
logging) and the reflection questions, then runs the ordinary :class:`TextFrontEnd`, wrapped so that
every choice, undo and load is recorded in the :class:`SessionLog` after the engine has made it.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..engine import DEFAULT_MODE, Session
from ..engine.claims import claims
from ..engine.controls import CleanStream
from ..engine.reflection import questions
from ..launch import PlayOptions, UsageError, fresh_seed, load_for_play, play_sets
from ..text.terminal import TextFrontEnd
from . import claimsask, reflect
from .log import LogFolderError, SessionLog, clean_pseudonym, default_session_code, prepare_log_dir
from .preset import PresetError, apply, load_preset, seat_note


class LoggedFrontEnd(TextFrontEnd):
    """The terminal front end, reporting each step to a :class:`SessionLog` (None: no log)."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, log: SessionLog | None, **kw):
        super().__init__(session, stdin, stdout, **kw)
        self.log = log

    def take(self, frame, number: int) -> None:
        before = self.session.moves
        super().take(frame, number)
        if self.log is not None and self.session.moves > before:
            self.log.record_choice(self.session, self.session.last_events)

    def undo(self) -> None:
        before = self.session.moves
        super().undo()
        if self.log is not None and self.session.moves < before:
            self.log.record_undo(self.session)

    def load(self, path: str) -> None:
        old = self.session
        super().load(path)
        if self.log is not None and self.session is not old:
            self.log.record_load(self.session)


def play(
    session: Session,
    stdin: TextIO,
    stdout: TextIO,
    *,
    log_dir: str | None = None,
    session_code: str | None = None,
    ask_reflection: bool = True,
    width: int = 78,
    debrief: bool = True,
) -> int:
    """Play ``session`` in a terminal with the workshop's additions; returns the exit code."""
    out = CleanStream(stdout)  # what players typed into logs and saves reaches the screen clean
    items = questions(session.story) if ask_reflection else ()
    statements = claims(session.story) if ask_reflection else ()  # asked with the reflection questions
    code = session_code or (default_session_code() if log_dir else None)
    if code:
        out.write(f"Workshop session: {code}\n")
    log = None
    if log_dir:
        out.write(
            "Choose a pseudonym for the class report: not your real name. Press Enter to stay anonymous.\n"
        )
        line = reflect.read_line(stdin, out, "Pseudonym: ")
        try:
            log = SessionLog.create(
                log_dir, session, pseudonym=clean_pseudonym(line or ""), session_code=code
            )
        except OSError as exc:
            # A workshop without its log loses the session's data: stop rather than play on.
            reason = exc.strerror or exc
            out.write(f"Could not create a log in {log_dir}: {reason}. Stopping; tell the facilitator.\n")
            out.flush()
            return 2
    before = reflect.ask(items, "before", stdin, out, width)
    if log is not None and items:
        log.record_reflection("before", before)
    rated = claimsask.ask(statements, "before", stdin, out, width)
    if log is not None and statements:
        log.record_claims("before", rated)
    front = LoggedFrontEnd(session, stdin, out, log, width=width)
    try:
        rc = front.run()
        if log is not None and front.session.ended:
            log.record_end(front.session)
        _ask_after(front, items, before, log, stdin, out, width)
        if front.session.ended and statements:
            rated_after = claimsask.ask(statements, "after", stdin, out, width)
            if log is not None:
                log.record_claims("after", rated_after)
            front.claim_answers = (rated, rated_after)  # the debrief's claims card
        if front.session.ended and debrief:
            front.show_debrief()
    finally:
        if log is not None:
            log.close()
            if log.error:
                out.write(f"(The log could not be completed: {log.error}.)\n")
            else:
                out.write(f"(Your session was logged as {log.path.name}. Thank you.)\n")
    out.flush()
    return rc


def _ask_after(front, items, before: dict, log, stdin: TextIO, out, width: int) -> None:
    """The reflection questions after play, and how the answers moved. A player who quits after
    choosing is asked too, so the class's before/after is not finishers only (#14 item 5); the
    report counts their answers apart."""
    ended = front.session.ended
    if not items or not (ended or front.session.state.turn > 0):
        return
    if not ended:
        out.write("\nYou stopped before the end. Your answers still count.\n")
    after = reflect.ask(items, "after", stdin, out, width)
    if log is not None and (ended or after):
        log.record_reflection("after", after)
    for text in reflect.compare(items, before, after):
        front.wrap(text, "  ")


def run_workshop_text(options: PlayOptions) -> int:
    """``socialscore text`` with ``--log-dir``, ``--workshop`` or ``--reflect``."""
    preset = None
    if options.workshop:
        try:
            preset = load_preset(options.workshop)
        except PresetError as exc:
            raise UsageError(str(exc)) from None
        options = apply(options, preset)
        note = seat_note(options)
        if note:
            print(note, file=sys.stderr)
    if options.log_dir:
        try:
            folder, made = prepare_log_dir(options.log_dir)
        except LogFolderError as exc:
            raise UsageError(f"socialscore text: {exc}") from None
        print(f"Session logs go to {folder}" + (" (folder made now)" if made else ""), file=sys.stderr)
    story = load_for_play(options.story, options.rules)
    seed = fresh_seed(options.seed)
    if options.width < 20:
        raise UsageError("socialscore text: --width must be at least 20")
    session = Session(
        story,
        seed,
        {"transparency": options.transparency or DEFAULT_MODE},
        at=options.at,
        sets=play_sets(story, options.sets, options.cut),
        undo_locked=options.undo_locked,
    )
    # with a preset, the preset says whether to ask; without, logging asks
    ask_reflection = options.reflect if preset is not None else bool(options.reflect or options.log_dir)
    return play(
        session,
        sys.stdin,
        sys.stdout,
        log_dir=options.log_dir,
        session_code=options.session_code,
        ask_reflection=ask_reflection,
        width=options.width,
        debrief=not options.no_debrief,
    )
