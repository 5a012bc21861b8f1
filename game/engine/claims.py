"""Claims: short statements about social scoring that players rate true, false or not sure,
before and after play (the skill a workshop measures).

A story declares them in a top-level ``claims:`` list. Each has its key (``answer``), a label saying
what kind of claim it is (documented, reported, a myth, or speculative), the id of the fact in the
story's ``facts:`` that is its source, and an explanation the debrief shows. Front ends ask them at
the same two moments as the reflection questions; the workshop log records the answers (one of
:data:`ANSWERS` per claim); the debrief and the class report compare them with the key.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from . import format as fmt
from .extension import Extension
from .messages import say
from .schema import Bool, Field, Id, ListOf, Record, Str
from .scoring import queries

NAME = "claims"

#: What a player may answer: the claim is true, false, or they are not sure.
ANSWERS = ("true", "false", "unsure")
#: What kind of claim it is (a myth is a false claim that circulates widely).
LABELS = ("documented", "reported", "myth", "speculative")

CLAIM = Record(
    "claim",
    "A statement players rate true, false or not sure before and after play; the debrief gives the key.",
    [
        Field("id", Id("claim id"), "Stable id; logs and reports use it.", True, example="id: mandatory"),
        Field(
            "text",
            Str(),
            "The statement, in one plain sentence.",
            True,
            example="text: Sesame Credit became mandatory for all Chinese citizens in 2020.",
        ),
        Field("answer", Bool(), "The key: whether the statement is true.", True, example="answer: false"),
        Field(
            "label",
            Str(LABELS),
            "documented, reported, myth or speculative.",
            True,
            example="label: myth",
        ),
        Field(
            "fact",
            Id("fact id"),
            "The fact (under facts:) that gives the source.",
            True,
            example="fact: y2017_myth",
        ),
        Field(
            "explanation",
            Str(),
            "Why the key is what it is, shown in the debrief.",
            True,
            example="explanation: No single national score exists; ...",
        ),
    ],
)

fmt.FILE.add(
    Field(
        "claims",
        ListOf(CLAIM),
        "Statements rated true, false or not sure before and after play.",
        default=[],
        example="claims: [{id: c1, text: ..., answer: false, label: myth, fact: f, explanation: ...}]",
    ),
)
fmt.RECORDS.append(CLAIM)


class Claim(Struct, frozen=True):
    id: str
    text: str
    answer: bool
    label: str
    fact: str
    explanation: str

    @property
    def key(self) -> str:
        """The right answer as a player's answer ("true" or "false")."""
        return "true" if self.answer else "false"

    def correct(self, answer: str | None) -> bool:
        """Whether ``answer`` (one of :data:`ANSWERS`, or None for no answer) is right."""
        return answer == self.key


class Answered(Struct, frozen=True):
    """A claim beside one player's answers before and after play (None: not answered) and the
    source of its key (the cited fact's source, empty if the story has no such fact)."""

    claim: Claim
    before: str | None
    after: str | None
    source: str

    @property
    def right_before(self) -> bool:
        return self.claim.correct(self.before)

    @property
    def right_after(self) -> bool:
        return self.claim.correct(self.after)


def valid(answer: object) -> bool:
    return answer in ANSWERS


def card(story, before: Mapping[str, str], after: Mapping[str, str]) -> list[Answered]:
    """The debrief's claims card: every claim with the player's answers, the key and its source."""
    model = queries.model(story)
    facts = model.facts if model is not None else {}
    return [
        Answered(c, before.get(c.id), after.get(c.id), facts[c.fact].source if c.fact in facts else "")
        for c in claims(story)
    ]


def _build_story(b) -> tuple[Claim, ...]:
    out: list[Claim] = []
    facts = _fact_ids(b)
    for _path, rec in b.files:
        for c in rec.get("claims", []):
            if any(o.id == c["id"] for o in out):
                b.error(c, "E204", f"claim {c['id']!r} is declared twice")
                continue
            if c["fact"] not in facts:
                b.error(c, "E303", f"claim {c['id']!r} names an unknown fact {c['fact']!r}")
                continue
            out.append(Claim(c["id"], c["text"], c["answer"], c["label"], c["fact"], c["explanation"]))
    return tuple(out)


def _fact_ids(b) -> set[str]:
    return {fid for _path, rec in b.files for fid in rec.get("facts", {})}


def claims(story) -> tuple[Claim, ...]:
    """The story's claims, in order (empty if it has none)."""
    return story.extra.get(NAME, ())


def score(items: tuple[Claim, ...], answers: Mapping[str, str]) -> int:
    """How many of ``items`` the answers get right."""
    return sum(c.correct(answers.get(c.id)) for c in items)


#: registered by game/engine/__init__.py
EXTENSION = Extension(name=NAME, build_story=_build_story)


def answer_word(answer: str) -> str:
    """How an answer (one of :data:`ANSWERS`) reads on screen: ``Not sure``, from the catalogue."""
    return say(f"claim.answer.{answer}")


def answer_words() -> dict[str, str]:
    """Every answer → how it reads, in :data:`ANSWERS` order (for pages that list them)."""
    return {answer: answer_word(answer) for answer in ANSWERS}
