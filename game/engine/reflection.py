"""Reflection questions: asked before and after play (a workshop's pre/post survey).

A story declares them in a top-level ``reflection:`` list; answers are integers on each question's
scale. Front ends ask them; the workshop log records the answers; the class report compares them.
"""

from __future__ import annotations

from msgspec import Struct

from . import format as fmt
from .extension import Extension
from .schema import Field, Id, Int, ListOf, Record, Str

QUESTION = Record(
    "reflection question",
    "A question asked before and after play, answered on a scale from 1 to `scale`.",
    [
        Field("id", Id("question id"), "Stable id; logs and reports use it.", True, example="id: visa_trade"),
        Field(
            "text",
            Str(),
            "The question.",
            True,
            example="text: Would you accept a score that eases your visa?",
        ),
        Field("scale", Int(2, 10), "Number of points on the scale.", default=5, example="scale: 5"),
        Field("low", Str(), "Label of the lowest point.", default="Not at all", example="low: Never"),
        Field("high", Str(), "Label of the highest point.", default="Completely", example="high: Gladly"),
    ],
)

fmt.FILE.add(
    Field(
        "reflection",
        ListOf(QUESTION),
        "Questions asked before and after play.",
        default=[],
        example="reflection: [{id: q1, text: ...}]",
    ),
)
fmt.RECORDS.append(QUESTION)


class Question(Struct, frozen=True):
    id: str
    text: str
    scale: int
    low: str
    high: str

    def valid(self, answer: object) -> bool:
        return isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= self.scale


def _build_story(b) -> tuple[Question, ...]:
    out: list[Question] = []
    for _path, rec in b.files:
        for q in rec.get("reflection", []):
            if any(o.id == q["id"] for o in out):
                b.error(q.node, "E204", f"reflection question {q['id']!r} is declared twice")
                continue
            out.append(Question(q["id"], q["text"], q["scale"], q["low"], q["high"]))
    return tuple(out)


def questions(story) -> tuple[Question, ...]:
    """The story's reflection questions, in order (empty if it has none)."""
    return story.extra.get("reflection", ())


#: registered by game/engine/__init__.py
EXTENSION = Extension(name="reflection", build_story=_build_story)
