"""What the score app tells the player after a step: one list of notices, worded for the session's
transparency mode, that every front end shows (the terminal as lines, the phone as pop-ups).

Notices are derived from the state before and the state after the step, with the step's events
for the changes themselves, so they can never disagree with the dial:

- none while the app is not active after the step (not turned on yet, or deleted): the score moves
  all the same, the player is not looking; after deletion only the story's own text speaks;
- at the game's start (``before`` None) only the start's own changes, no tier or perk notice;
- when the app comes on during the step (first activation, or the mandatory era), one ``welcome``
  notice with the score and tier it shows, and nothing about what happened before;
- otherwise one ``score`` notice per change (a month's pull of several contacts is one), one per
  perk application, contact change and new era, in the order they happened; then at most one
  ``tier`` notice, when the tier after the step differs from the tier before it, its arrow from
  their ranks; and one ``perk``/``penalty`` notice per perk gained or lost, comparing the perks
  held before with those held after (a perk lost was held). Perks are judged with a margin
  (see :func:`game.engine.scoring.engine.perks_now`), so they do not flicker near a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..events import Event
from ..kinds import EventKind, Mode
from ..model import Story
from ..state import State
from . import shown
from .engine import model_of, part_of

GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


@dataclass(frozen=True, slots=True)
class Notice:
    """One thing the app tells the player. ``title`` and ``body`` make a pop-up card; ``text`` is
    the same as one plain sentence for a terminal or a screen reader. ``kind`` is one of score,
    tier, perk, penalty, application, contact, era, welcome; ``tone`` good, bad or neutral;
    ``delta`` the change of a score notice, ``score`` the score it shows (or None)."""

    kind: str
    title: str
    body: str
    text: str
    tone: str = NEUTRAL
    delta: int = 0
    score: int | None = None
    change: str = ""  # a contact notice's change; "up"/"down" for tier, "on"/"off" for perks
    source: str = ""  # a score notice's source: rule, pull or drift


def _points(n: int) -> str:
    return f"{signed(n)} {'point' if abs(n) == 1 else 'points'}"


def signed(n: int) -> str:
    """``+8``, ``−8`` (a real minus sign) or ``±0``."""
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "±0")


def step_notices(
    story: Story, before: State | None, after: State, events: Iterable[Event]
) -> tuple[Notice, ...]:
    """The notices of one step, from ``before`` (None: the game's start) to ``after``; see the
    module doc. A story without a score has none."""
    model = model_of(story)
    part = part_of(after)
    if model is None or model.rules is None or part is None:
        return ()
    if shown.status(story, after) != "active":
        return ()
    rules = model.rules
    if before is not None and shown.status(story, before) != "active":
        return (_welcome(model, part),)
    before = after if before is None else before  # the game's start: nothing held before to compare
    mode = part.mode
    names = {cid: c.name for cid, c in model.contacts.items()}
    out = [n for n in (_from_event(run, mode, names) for run in _runs(list(events))) if n is not None]
    old = part_of(before)
    if old is not None and old.tier != part.tier:
        up = rules.tier_rank(part.tier) > rules.tier_rank(old.tier)
        title = rules.tier_title(part.tier)
        if up:
            out.append(
                Notice("tier", f"Welcome to {title}!", "Your trust level went up. Keep it up!",
                       f"Tier up: you are now {title}.", GOOD, score=part.score, change="up")
            )  # fmt: skip
        else:
            out.append(
                Notice("tier", f"Your tier is now {title}", "Small good habits bring it back up.",
                       f"Tier down: you are now {title}.", BAD, score=part.score, change="down")
            )  # fmt: skip
    held = old.perks if old is not None else frozenset()
    for pid in sorted(part.perks - held):
        out.append(_perk(rules.perks[pid], True))
    for pid in sorted(held - part.perks):
        out.append(_perk(rules.perks[pid], False))
    return tuple(out)


def _welcome(model, part) -> Notice:
    rules = model.rules
    tier = rules.tier_title(part.tier)
    app = model.app_name or "The score app"
    perks = [rules.perks[p].title for p in sorted(part.perks)]
    body = f"Your score is {part.score}" + (f", tier {tier}." if tier else ".")
    if perks:
        body += " In force: " + ", ".join(perks) + "."
    return Notice("welcome", f"{app} is on", body, f"{app} is on. {body}", NEUTRAL, score=part.score)


def _perk(perk, gained: bool) -> Notice:
    name = perk.title
    if perk.penalty and gained:
        return Notice("penalty", f"Restricted: {name}", "Applies while your score is low.",
                      f"A penalty now applies: {name}.", BAD, change="on")  # fmt: skip
    if perk.penalty:
        return Notice("penalty", f"Lifted: {name}", "Well done: this no longer applies.",
                      f"Penalty lifted: {name}.", GOOD, change="off")  # fmt: skip
    if gained:
        return Notice("perk", f"Unlocked: {name}", "A reward for your trustworthiness.",
                      f"Now open to you: {name}.", GOOD, change="on")  # fmt: skip
    return Notice("perk", f"No longer yours: {name}", "Raise your score to get it back.",
                  f"No longer open to you: {name}.", BAD, change="off")  # fmt: skip


def _runs(events: Sequence[Event]) -> list[list[Event]]:
    """The events in order, a month's consecutive ``pull`` score events grouped into one run."""
    out: list[list[Event]] = []
    for event in events:
        prev = out[-1][-1] if out else None
        if (
            prev is not None
            and event.kind == EventKind.SCORE
            and prev.kind == EventKind.SCORE
            and event.get("source") == "pull"
            and prev.get("source") == "pull"
            and event.get("date") == prev.get("date")
        ):
            out[-1].append(event)
        else:
            out.append([event])
    return out


def _from_event(run: list[Event], mode: str, names: dict[str, str]) -> Notice | None:
    event = run[-1]
    kind = event.kind
    if kind == EventKind.SCORE:
        delta = sum(int(e.get("delta") or 0) for e in run)
        score = int(event["score"])
        if len(run) == 1:
            reason = event["explain"][mode]
        elif mode == Mode.TRANSPARENT:
            shares = ", ".join(
                f"{names.get(e.cause.contact, e.cause.contact)} {signed(e['delta'])}" for e in run
            )
            reason = f"The pull of your contacts this month: {shares}."
        else:
            reason = run[0]["explain"][mode]
        if delta == 0:
            return None
        tone = GOOD if delta > 0 else BAD
        text = f"Score {delta:+d} → {score}: {reason}"
        if not shown.shows_reasons(mode):
            text = f"Your score is now {score}."
        source = str(event.get("source") or "")
        return Notice("score", _points(delta), reason, text, tone, delta, score, source=source)
    if kind == EventKind.PERK:
        granted = bool(event["granted"])
        title = event["title"]
        body = event["explain"][mode]
        verdict = "granted" if granted else "refused"
        return Notice(
            "application",
            f"{'Approved' if granted else 'Declined'}: {title}",
            body,
            f"Application {verdict}: {title}. {body}",
            GOOD if granted else BAD,
            change="granted" if granted else "refused",
        )
    if kind == EventKind.CONTACT:
        name = event.get("name") or "A contact"
        change = event.get("change", "")
        body = event["explain"][mode]
        text = body + (f" {name}: “{event['says']}”" if event.get("says") else "")
        title, tone = {
            "befriended": (f"{name} joined your network", GOOD),
            "dropped": (f"You removed {name}", NEUTRAL),
            "dropped_you": (f"{name} left your network", BAD),
        }.get(change, (name, NEUTRAL))
        return Notice("contact", title, body or title, text, tone, change=change)
    if kind == EventKind.ERA:
        title = event.get("title") or event.get("new") or ""
        return Notice(
            "era",
            f"New rules: {title}",
            "Trust is measured by new rules from this month.",
            f"A new era begins: {title}.",
        )
    return None  # score-less kinds, and tier/perks (judged from the states above)
