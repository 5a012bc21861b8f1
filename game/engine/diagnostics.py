"""Diagnostics: every problem the loader, linter or save reader finds, as data.

A diagnostic names a file, a line and a column (1-based; 0 when unknown), a stable
code from :data:`CODES`, a severity and a one-line message. Nothing in the engine
raises for bad input: it collects diagnostics and the caller decides what to show.
The code table is the single source for the format reference's list of codes
(a test checks that ``docs/story-format.md`` lists every one of them).
"""

from __future__ import annotations

from msgspec import Struct

from .controls import show_controls

ERROR = "error"
WARNING = "warning"


class Code(Struct, frozen=True):
    """A stable diagnostic code: its id, severity, short name and what it means."""

    id: str
    severity: str
    name: str
    summary: str


def _codes(*rows: tuple[str, str, str, str]) -> dict[str, Code]:
    return {row[0]: Code(*row) for row in rows}


#: Every diagnostic the project can emit. Codes never change meaning once shipped;
#: retire a code rather than reuse it.
CODES: dict[str, Code] = _codes(
    # E1xx: files and YAML
    ("E100", ERROR, "unreadable", "A file or folder cannot be read, or the path does not exist."),
    ("E101", ERROR, "too-large", "A file is larger than the size cap (1 MB per file)."),
    ("E102", ERROR, "not-utf8", "A file is not valid UTF-8 text."),
    ("E103", ERROR, "yaml-syntax", "The YAML is malformed."),
    ("E104", ERROR, "yaml-alias", "Anchors (&a) and aliases (*a) are not allowed."),
    ("E105", ERROR, "yaml-merge", "Merge keys (<<) are not allowed."),
    ("E106", ERROR, "yaml-duplicate-key", "A mapping has the same key twice."),
    ("E107", ERROR, "yaml-tag", "Explicit tags (!!python/..., !foo) are not allowed."),
    ("E108", ERROR, "too-deep", "Nesting is deeper than the cap (64 levels)."),
    ("E109", ERROR, "yaml-multi-document", "A file holds more than one YAML document."),
    ("E110", ERROR, "yaml-complex-key", "A mapping key must be a plain scalar."),
    (
        "E111",
        ERROR,
        "control-character",
        "Text holds a control character (ESC, BEL, CR...) that terminals would obey; remove it.",
    ),
    # E2xx: structure of the story format
    ("E200", ERROR, "wrong-type", "A field has the wrong type (for example a list where text is expected)."),
    ("E201", ERROR, "unknown-field", "A field that the format does not define (often a typo)."),
    ("E202", ERROR, "missing-field", "A required field is missing."),
    (
        "E203",
        ERROR,
        "bad-id",
        "An id is not a valid identifier (letters, digits and _, starting with a letter).",
    ),
    ("E204", ERROR, "duplicate-id", "Two scenes, endings, choices or variables share an id."),
    ("E205", ERROR, "no-start", "The story names no start scene, or its start scene does not exist."),
    (
        "E206",
        ERROR,
        "no-story",
        "No file declares the story's metadata (the story: block), or more than one does.",
    ),
    ("E207", ERROR, "bad-value", "A value is out of its allowed range or set."),
    ("E208", ERROR, "bad-text", "Text has a malformed {interpolation} or names an unknown variable."),
    ("E209", ERROR, "bad-format-version", "The story's format version is newer than this engine reads."),
    (
        "E210",
        ERROR,
        "over-limit",
        "The story goes past a limit (choices, actions, tiers, perks, rules, contacts, calendar, "
        "months one choice can move the calendar): see Limits.",
    ),
    # E3xx: references
    ("E300", ERROR, "unknown-scene", "A next: or start: names a scene or ending that does not exist."),
    ("E301", ERROR, "unknown-variable", "An expression or text names a variable that is not declared."),
    ("E302", ERROR, "no-default-branch", "A conditional next: has no final branch without a condition."),
    (
        "E303",
        ERROR,
        "unknown-reference",
        "A reference to a rule, tier, perk, contact, fact or technique that does not exist.",
    ),
    # E4xx: expressions
    ("E400", ERROR, "bad-expression", "An expression cannot be parsed."),
    ("E401", ERROR, "type-mismatch", "An expression combines values of the wrong types."),
    ("E402", ERROR, "read-only", "An effect assigns to a read-only name (score, visits, turn...)."),
    (
        "E403",
        ERROR,
        "expression-limit",
        "An expression is too long, too deeply nested or uses too large a number.",
    ),
    ("E404", ERROR, "forbidden", "An expression uses something outside the whitelist."),
    # W5xx: warnings
    ("W500", WARNING, "unreachable-scene", "No path from the start reaches this scene or ending."),
    ("W501", WARNING, "dead-end", "A scene that is not an ending offers no way on."),
    ("W502", WARNING, "never-read", "A variable is declared but never read."),
    (
        "W503",
        WARNING,
        "never-written",
        "A variable is declared but never changed (not for an input whose `doc:` says how to `--set` it).",
    ),
    ("W504", WARNING, "never-enabled", "A choice's condition can never be true."),
    ("W506", WARNING, "unused", "A fact that no scene, choice, perk or claim cites."),
    ("W507", WARNING, "no-ending", "No ending can be reached from the start."),
    ("W508", WARNING, "no-exit", "Scenes that loop among themselves with no path to an ending."),
    ("W509", WARNING, "unnamed-technique", "A technique that no scene or choice names (`technique:`)."),
    # E6xx: saves, logs and other input read at run time
    ("E600", ERROR, "bad-save", "A save file is corrupt or not a save."),
    ("E601", ERROR, "save-too-new", "A save was written by a newer version of the game."),
    ("E602", ERROR, "save-mismatch", "A save does not fit the story (a scene or variable it names is gone)."),
)

#: Codes documented once but never emitted, retired so that they are never reused: W505 (an
#: unknown mechanic is the error E207), E610 (a bad command-line argument is one line, exit 2).
RETIRED = ("W505", "E610")


class Diagnostic(Struct, frozen=True):
    """One problem at one place. ``line``/``col`` are 1-based; 0 means unknown."""

    path: str
    line: int
    col: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        # Paths and messages can quote what a file holds: show control characters, never send them.
        return show_controls(f"{where}: {self.code} {self.message}")

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": CODES[self.code].name,
            "severity": self.severity,
            "message": self.message,
        }


class InputError(Exception):
    """Bad input that stops an operation; carries the diagnostics that explain it.

    Raised by entry points (load a story, read a save) so that front ends can print
    each diagnostic as one line and exit non-zero. Never shown as a traceback.
    """

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
