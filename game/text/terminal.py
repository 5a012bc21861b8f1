"""The terminal front end: plays any story with numbered choices.

It reads one line at a time, so it works the same typed by a person, piped from a
file (one choice number a line) or read by a screen reader. Commands: a choice's
number, ``undo``, ``save [FILE]``, ``load [FILE]``, ``history``, ``help``, ``quit``
(and the extensions' views, such as ``score``, ``contacts`` and ``ledger``).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from ..engine import (
    DEFAULT_MODE,
    ChoiceError,
    Event,
    EventKind,
    Frame,
    InputError,
    Session,
    Status,
    UndoLocked,
)
from ..engine.controls import CleanStream
from ..engine.techniques import aside, in_scene, table
from ..launch import PlayOptions, UsageError, fresh_seed, load_for_play, parse_sets
from . import scoreviews

DEFAULT_SAVE = "socialscore-save.json"

#: Commands beyond the core ones (name -> (help, function(front end) -> None)): the score's.
COMMANDS: dict[str, tuple[str, Callable[[TextFrontEnd], None]]] = dict(scoreviews.COMMANDS)
#: Describers of a step's events for the terminal: a function(events, session) -> lines.
EVENT_LINES: list[Callable[[tuple[Event, ...], Session], list[str]]] = [scoreviews.describe]


class TextFrontEnd:
    """Plays a :class:`Session` through text streams. ``run`` returns the exit code:
    0 at an ending or on quit, 1 when input ends before the story does."""

    def __init__(
        self, session: Session, stdin: TextIO, stdout: TextIO, width: int = 78, save_path: str = DEFAULT_SAVE
    ):
        self.session = session
        self.stdin = stdin
        self.out = CleanStream(stdout)  # story text is free of controls; computed text may not be
        self.width = max(20, width)
        self.save_path = save_path
        self.line_no = 0
        #: the player's answers to the claims (before, after), for the debrief's claims card
        self.claim_answers: tuple[dict[str, str], dict[str, str]] | None = None

    # -- output ----------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def wrap(self, text: str, indent: str = "") -> None:
        """Wrap to the width; continuation lines are indented as deep as the first line's indent."""
        rest = " " * len(indent)
        for line in text.split("\n"):
            self.say(textwrap.fill(line, self.width, initial_indent=indent, subsequent_indent=rest) or indent)

    def show_events(self, events: tuple[Event, ...]) -> None:
        for describe in EVENT_LINES:
            for line in describe(events, self.session):
                self.wrap(line, "  * ")
        for event in events:  # the lever a choice just taken answers to (a scene's shows with its text)
            if event.kind == EventKind.TECHNIQUE and event.cause.choice:
                self.wrap(f"[{aside(table(self.session.story)[event['id']])}]", "  ")

    def show_frame(self, frame: Frame) -> None:
        self.say()
        if frame.after:
            self.wrap(frame.after)
            self.say()
        if frame.title:
            self.say(f"== {frame.title} ==")
            self.say()
        for paragraph in frame.paragraphs:
            self.wrap(paragraph)
            self.say()
        technique = in_scene(self.session.story, self.session.state)
        if technique is not None:  # the lever this scene pulls, after its text (first visit only)
            self.wrap(f"[{aside(technique)}]", "  ")
            self.say()
        if frame.status == Status.ENDED:
            self.say(f"*** THE END: {frame.title} ***")
            return
        if frame.status == Status.STUCK:
            self.say("(The story has no way on from here. Type undo or quit.)")
            return
        for i, choice in enumerate(frame.choices, 1):
            if choice.enabled:
                self.wrap(f"{i}. {choice.text}", "  ")
            else:
                self.wrap(f"{i}. ({choice.text}: unavailable, {choice.reason})", "  ")

    # -- input -----------------------------------------------------------------
    def read(self) -> str | None:
        self.out.write("> ")
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
        self.line_no += 1
        if not self.stdin.isatty():
            self.say(line.rstrip("\n"))  # echo piped input so transcripts read like a session
        return line.strip()

    def run(self) -> int:
        session = self.session
        self.show_events(session.last_events)
        self.show_frame(session.frame())
        while True:
            frame = session.frame()
            if frame.status == Status.ENDED:
                return 0
            line = self.read()
            if line is None:
                self.say("Input ended before the story did.")
                return 1
            if not line:
                continue
            word, _, rest = line.partition(" ")
            word = word.lower()
            if word.isdigit():
                self.take(frame, int(word))
            elif word in ("q", "quit", "exit"):
                self.say("Goodbye.")
                return 0
            elif word in ("u", "undo"):
                self.undo()
            elif word in ("s", "save"):
                self.save(rest.strip() or self.save_path)
            elif word in ("l", "load"):
                self.load(rest.strip() or self.save_path)
            elif word in ("h", "history"):
                self.history()
            elif word in ("?", "help"):
                self.help()
            elif word in COMMANDS:
                COMMANDS[word][1](self)
            else:
                self.invalid(line, frame)

    def invalid(self, line: str, frame: Frame) -> None:
        count = len(frame.choices)
        self.say(f"Line {self.line_no}: {line!r} is not a choice or a command; enter 1-{count}, or help.")

    def take(self, frame: Frame, number: int) -> None:
        if not 1 <= number <= len(frame.choices):
            self.say(f"Line {self.line_no}: there is no choice {number}; enter 1-{len(frame.choices)}.")
            return
        choice = frame.choices[number - 1]
        if not choice.enabled:
            self.say(f"Line {self.line_no}: choice {number} is unavailable: {choice.reason}")
            return
        try:
            events = self.session.choose(choice.id)
        except ChoiceError as exc:  # pragma: no cover - the frame offered it
            self.say(f"Line {self.line_no}: {exc}")
            return
        self.show_events(events)
        self.show_frame(self.session.frame())

    def undo(self) -> None:
        try:
            if self.session.undo():
                self.say("(Undone.)")
                self.show_frame(self.session.frame())
            else:
                self.say("(Nothing to undo.)")
        except UndoLocked as exc:
            self.say(f"({exc}.)")

    def save(self, path: str) -> None:
        try:
            self.session.save(path)
        except OSError as exc:
            self.say(f"Could not save to {path}: {exc.strerror or exc}")
            return
        self.say(f"(Saved to {path}.)")

    def load(self, path: str) -> None:
        try:
            self.session = Session.load(self.session.story, path)
        except InputError as exc:
            for diagnostic in exc.diagnostics:
                self.say(f"Could not load: {diagnostic}")
            return
        self.say(f"(Loaded {path}.)")
        self.show_frame(self.session.frame())

    def history(self) -> None:
        self.say("--- History ---")
        for entry in self.session.history():
            if entry.frame.title:
                self.say(f"[{entry.frame.title}]")
            for paragraph in entry.frame.paragraphs:
                self.wrap(paragraph, "  ")
            if entry.choice_text:
                self.wrap(f"> {entry.choice_text}", "  ")
        self.say("--- End of history ---")

    def show_debrief(self) -> None:
        """The five-step debrief as plain text (see :mod:`game.text.debrief`), after an ending."""
        from ..engine.debrief import build_debrief
        from ..engine.runtime import Context
        from .debrief import debrief_lines

        story, state = self.session.story, self.session.state
        ctx = Context(story, state)
        endings = {s.id: s.title.render(ctx) for s in story.endings}
        self.say()
        d = build_debrief(story, self.session.states, claims=self.claim_answers)
        for line in debrief_lines(d, endings=endings):
            indent = "  " if line.startswith("  ") else ""
            self.wrap(line[len(indent) :], indent)

    def help(self) -> None:
        self.say("Commands: a choice's number; undo; save [FILE]; load [FILE]; history; help; quit.")
        for name, (text, _fn) in sorted(COMMANDS.items()):
            self.say(f"  {name}: {text}")


def run_text(options: PlayOptions) -> int:
    """``socialscore text``: load the story, start a session, play it on stdin/stdout."""
    story = load_for_play(options.story, options.rules)
    seed = fresh_seed(options.seed)
    if options.width < 20:
        raise UsageError("socialscore text: --width must be at least 20")
    settings = {"transparency": options.transparency or DEFAULT_MODE}
    session = Session(story, seed, settings, at=options.at, sets=parse_sets(story, options.sets))
    front = TextFrontEnd(session, sys.stdin, sys.stdout, width=options.width)
    rc = front.run()
    if front.session.ended and not options.no_debrief:
        front.show_debrief()
    return rc
