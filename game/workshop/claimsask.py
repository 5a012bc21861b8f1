"""Asking the story's claims in a terminal, before and after play: true, false or not sure.

Reads one answer a line from the same streams as :mod:`game.workshop.reflect` (typed, piped or read
by a screen reader). ``t``, ``f`` or ``n`` (or 1, 2, 3, or the words) answer; a blank line or
``skip`` skips a claim; input that ends early keeps the answers given so far.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TextIO

from ..engine.claims import Claim
from .reflect import END, ask_one

INTRO = {
    "before": (
        "Six statements about social scoring: is each one true or false? Answer t (true), f (false) or "
        "n (not sure). Guessing is fine; you will see the answers at the end, and the class sees only totals."
    ),
    "after": "The same statements again: true, false or not sure, as you think now.",
}
AGAIN = "   Please type t, f or n, or press Enter to skip.\n"
#: what a player may type, lower-cased, and the answer it gives
WORDS = {
    "t": "true",
    "true": "true",
    "1": "true",
    "f": "false",
    "false": "false",
    "2": "false",
    "n": "unsure",
    "?": "unsure",
    "3": "unsure",
    "not sure": "unsure",
    "unsure": "unsure",
}


def ask(items: Sequence[Claim], phase: str, stdin: TextIO, out: TextIO, width: int = 78) -> dict[str, str]:
    """Ask each claim; returns {claim id: "true" | "false" | "unsure"} for the claims answered."""
    answers: dict[str, str] = {}
    if not items:
        return answers
    intro = INTRO[phase] if len(items) == 6 or phase == "after" else INTRO[phase].replace("Six", "A few")
    out.write("\n" + textwrap.fill(intro, width) + "\n")
    for number, claim in enumerate(items, 1):
        out.write("\n" + textwrap.fill(f"{number}/{len(items)}. {claim.text}", width) + "\n")
        out.write("   t = true, f = false, n = not sure  (Enter to skip)\n")
        answer = ask_one(stdin, out, lambda line: WORDS.get(line.lower()), AGAIN)
        if answer is END:
            return answers
        if isinstance(answer, str):
            answers[claim.id] = answer
    out.flush()
    return answers
