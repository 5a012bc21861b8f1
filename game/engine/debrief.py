"""The debrief's data: what happened, how the mechanism worked, what was real, and the roads not
taken. Built from a story and the states of one playthrough; front ends only lay it out.

The debrief always reveals everything, whatever the session's transparency mode: explanations
here are the transparent ones, and :attr:`Debrief.mode_note` says what the app showed this player.
"""

from __future__ import annotations

from msgspec import Struct

from .claims import Answered, card
from .kinds import Mode
from .messages import say
from .model import Story
from .runtime import Context
from .scoring import queries
from .scoring.format import DEBRIEF_STEPS, LABELS
from .scoring.model import month_text
from .scoring.state import Entry
from .state import State
from .techniques import Met, Technique, met, not_met
from .whatif import WhatIf, counterfactuals


def step_title(step: str) -> str:
    """A debrief step's heading (one of ``DEBRIEF_STEPS``), from the catalogue."""
    return say(f"debrief.step.title.{step}")


#: What the app showed the player during the game, by transparency mode (message ids): the debrief
#: says which mode the player actually had (the story's own text speaks of the real app).
MODE_NOTES = {mode: f"debrief.mode.{mode.value}" for mode in Mode}


class Point(Struct, frozen=True):
    """One point of the score curve: after ``turn`` choices, on ``date``, the score was ``score``."""

    turn: int
    date: str
    score: int


class Taken(Struct, frozen=True):
    turn: int
    scene_title: str
    text: str
    key: bool


class FactSeen(Struct, frozen=True):
    id: str
    label: str
    claim: str
    source: str
    analogue: str


class Debrief(Struct, frozen=True):
    ending: str | None
    ending_title: str
    steps: tuple[tuple[str, str, str], ...]  # (step id, title, text)
    choices: tuple[Taken, ...]
    curve: tuple[Point, ...]
    highlights: tuple[Entry, ...]
    by_factor: tuple[tuple[str, str, int], ...]
    contacts: tuple[queries.ContactView, ...]
    whatifs: tuple[WhatIf, ...]
    facts: tuple[FactSeen, ...]
    start_score: int | None
    final_score: int | None
    rules_title: str
    mode: str | None = None  # the transparency mode the player had (None without a score)
    tier_title: str = ""  # the tier at the end
    techniques: tuple[Met, ...] = ()  # the levers the app pulled on the player, in the order met
    techniques_missed: tuple[Technique, ...] = ()  # the story's other levers ("not in your game")
    claims: tuple[Answered, ...] = ()  # the claims card (when the front end asked the claims)

    @property
    def mode_note(self) -> str:
        """One sentence saying what the app showed this player (empty without a score)."""
        mode = self.mode or ""
        return say(f"debrief.mode.{mode}") if mode in MODE_NOTES else ""

    def facts_by_label(self) -> dict[str, list[FactSeen]]:
        out: dict[str, list[FactSeen]] = {label: [] for label in LABELS}
        for fact in self.facts:
            out[fact.label].append(fact)
        return out


def build_debrief(
    story: Story,
    states: list[State] | tuple[State, ...],
    whatifs: bool = True,
    claims: tuple[dict[str, str], dict[str, str]] | None = None,
) -> Debrief:
    """The debrief of a playthrough (``states``: the start state and one per choice). ``claims``:
    the player's answers to the story's claims (before, after), when they were asked."""
    final = states[-1]
    ctx = Context(story, final)
    model = queries.model(story)
    ending = story.scenes.get(final.ending) if final.ending else None

    steps = []
    ending_extra = queries.extra(ending) if ending is not None else None
    overrides = ending_extra.debrief if ending_extra else {}
    base = model.debrief if model else {}
    for step in DEBRIEF_STEPS:
        template = overrides.get(step) or base.get(step)
        if template is not None:
            steps.append((step, step_title(step), template.render(ctx)))

    choices = []
    for i, uid in enumerate(final.path):
        choice = story.choice(uid)
        scene = story.scenes[choice.scene] if choice else None
        before = Context(story, states[i]) if i < len(states) else ctx
        choices.append(
            Taken(
                i + 1,
                scene.title.render(before) if scene else "",
                choice.text.render(before) if choice else uid,
                bool(choice and choice.key),
            )
        )

    part = queries.part(final)
    ledger = part.ledger if part else ()
    first = queries.part(states[0])
    curve = []
    if first is not None:
        start_date = first.ledger[0].date if first.ledger else month_text(first.month)
        curve.append(Point(0, start_date, model.rules.start))
    for entry in ledger:  # every change, so months that pass within one turn show too
        curve.append(Point(entry.turn, entry.date, entry.score))
    highlights = tuple(sorted(ledger, key=lambda e: (-abs(e.delta), e.turn))[:8])

    return Debrief(
        ending=final.ending,
        ending_title=ending.title.render(ctx) if ending else "",
        steps=tuple(steps),
        choices=tuple(choices),
        curve=tuple(curve),
        highlights=highlights,
        by_factor=tuple(queries.by_factor(story, final)),
        contacts=tuple(queries.contacts(story, final)),
        whatifs=tuple(counterfactuals(story, states)) if whatifs else (),
        facts=tuple(_facts_seen(story, final)),
        start_score=queries.part(states[0]).score if queries.part(states[0]) else None,
        final_score=part.score if part else None,
        rules_title=model.rules.title if model and model.rules else "",
        mode=part.mode if part else None,
        tier_title=model.rules.tier_title(part.tier) if part and model and model.rules else "",
        techniques=tuple(met(story, final)),
        techniques_missed=tuple(not_met(story, final)),
        claims=tuple(card(story, *claims)) if claims is not None else (),
    )


def _facts_seen(story: Story, state: State) -> list[FactSeen]:
    model = queries.model(story)
    if model is None:
        return []
    ids: list[str] = []

    def add(extra) -> None:
        if extra is not None:
            ids.extend(f for f in extra.facts if f not in ids)

    for scene_id, scene in story.scenes.items():
        if state.visits.get(scene_id):
            add(queries.extra(scene))
    for uid in state.path:
        choice = story.choice(uid)
        if choice is not None:
            add(queries.extra(choice))
    part = queries.part(state)
    if part is not None and model.rules is not None:
        for perk_id in sorted(part.granted | part.refused | part.perks):
            fact = model.rules.perks[perk_id].fact
            if fact and fact not in ids:
                ids.append(fact)
    out = []
    for fid in ids:
        fact = model.facts.get(fid)
        if fact is not None:
            out.append(FactSeen(fid, fact.label, fact.claim, fact.source, fact.analogue))
    return out
