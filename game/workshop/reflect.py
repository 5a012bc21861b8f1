"""Asking the story's reflection questions in a terminal, before and after play.

:func:`ask` reads one answer a line from the same streams the terminal front end uses, so it
works typed, piped (one answer a line) or through a screen reader. A blank line or ``skip``
skips a question; input that ends early keeps the answers given so far.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

from ..engine.reflection import Question

INTRO = {
    "before": "Before you play: a few questions. There are no right answers; the class sees only totals.",
    "after": "Now that you have played: the same questions again. Answer as you think now.",
}
MAX_TRIES = 3
T = TypeVar("T")


def read_line(stdin: TextIO, out: TextIO, prompt: str = "> ") -> str | None:
    """One line of input (None at the end of input), echoed when piped, as the front end does."""
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        out.write("\n")
        return None
    if not stdin.isatty():
        out.write(line.rstrip("\n") + "\n")
    return line.strip()


def ask(items: Sequence[Question], phase: str, stdin: TextIO, out: TextIO, width: int = 78) -> dict[str, int]:
    """Ask each question; returns {question id: answer} for the questions answered."""
    answers: dict[str, int] = {}
    if not items:
        return answers
    out.write("\n" + textwrap.fill(INTRO[phase], width) + "\n")
    for number, q in enumerate(items, 1):
        out.write("\n" + textwrap.fill(f"{number}/{len(items)}. {q.text}", width) + "\n")
        out.write(f"   1 = {q.low} ... {q.scale} = {q.high}  (Enter to skip)\n")

        def number(line: str, q: Question = q) -> int | None:
            return int(line) if line.isdigit() and q.valid(int(line)) else None

        again = f"   Please type a number from 1 to {q.scale}, or press Enter to skip.\n"
        answer = ask_one(stdin, out, number, again)
        if answer is END:
            return answers
        if answer is not None:
            answers[q.id] = answer
    out.flush()
    return answers


#: what :func:`ask_one` returns when input has ended
END = object()


def ask_one(stdin: TextIO, out: TextIO, parse: Callable[[str], T | None], again: str) -> T | None | object:
    """One answer: ``parse(line)`` of the first line it accepts (None when not), asking ``again`` up to
    :data:`MAX_TRIES` times; None when skipped (a blank line or ``skip``), :data:`END` at the end of input."""
    for _try in range(MAX_TRIES):
        line = read_line(stdin, out)
        if line is None:
            return END
        if line == "" or line.lower() == "skip":
            return None
        answer = parse(line)
        if answer is not None:
            return answer
        out.write(again)
    return None


def moves(
    items: Sequence[Question], before: dict[str, int], after: dict[str, int]
) -> list[tuple[Question, int, int, str]]:
    """(question, answer before, answer after, "the same" | "higher" | "lower") for each question
    answered both times, in the story's order: what every front end shows the player."""
    out = []
    for q in items:
        if q.id in before and q.id in after:
            a, b = before[q.id], after[q.id]
            out.append((q, a, b, "the same" if a == b else ("higher" if b > a else "lower")))
    return out


def compare(items: Sequence[Question], before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Lines saying how each answer moved, for the player's own screen."""
    return [f"{q.text} Before: {a}, now: {b} ({moved})." for q, a, b, moved in moves(items, before, after)]
