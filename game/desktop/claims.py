"""The story's claims, one a page, before the first scene and after the ending: True, False or
Not sure. The reflection screen's page (:class:`~game.desktop.reflection.ReflectionScreen`) with
three labelled buttons instead of a scale; ``done(answers)`` gets {claim id: "true" | "false" |
"unsure"} for the claims answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..engine.claims import ANSWERS, Claim, answer_word
from ..engine.reflection import Question
from .reflection import ReflectionScreen

INTRO = {
    "before": "True or false? Guessing is fine: you will see the answers at the end, and the class sees "
    "only totals.",
    "after": "The same statements again. Answer as you think now.",
}


class ClaimsScreen(ReflectionScreen):
    name = "claims"
    intro = INTRO
    item_word = "TRUE OR FALSE"
    skip_label = "Skip this statement"

    def __init__(self, app, phase: str, items: Sequence[Claim], done: Callable[[dict[str, str]], None]):
        pages = [Question(c.id, c.text, len(ANSWERS), "", "") for c in items]
        super().__init__(app, phase, pages, lambda got: done({cid: ANSWERS[n - 1] for cid, n in got.items()}))

    def point_labels(self) -> list[str]:
        return [answer_word(a) for a in ANSWERS]

    def point_width(self) -> int:
        return self.theme.px(170)
