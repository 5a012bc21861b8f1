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

from msgspec import Struct

from ..events import Event
from ..kinds import EventKind, Mode
from ..messages import say
from ..model import Story
from ..state import State
from . import shown
from .engine import model_of, part_of

GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


class Notice(Struct, frozen=True):
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
    unit = say("notice.points.unit.one" if abs(n) == 1 else "notice.points.unit.many")
    return say("notice.points", signed=signed(n), unit=unit)


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
        way = "up" if up else "down"
        out.append(
            Notice("tier", say(f"notice.tier_{way}.title", tier=title), say(f"notice.tier_{way}.body"),
                   say(f"notice.tier_{way}.text", tier=title), GOOD if up else BAD, score=part.score,
                   change=way)
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
    app = model.app_name or say("notice.welcome.app")
    perks = [rules.perks[p].title for p in sorted(part.perks)]
    if tier:
        body = say("notice.welcome.body.tier", score=part.score, tier=tier)
    else:
        body = say("notice.welcome.body", score=part.score)
    if perks:
        body += say("notice.welcome.in_force", perks=", ".join(perks))
    title, text = say("notice.welcome.title", app=app), say("notice.welcome.text", app=app, body=body)
    return Notice("welcome", title, body, text, NEUTRAL, score=part.score)


def _perk(perk, gained: bool) -> Notice:
    kind = "penalty" if perk.penalty else "perk"
    change = "on" if gained else "off"
    good = gained != perk.penalty  # a perk gained or a penalty lifted
    key = f"notice.{kind}_{change}"
    return Notice(kind, say(f"{key}.title", perk=perk.title), say(f"{key}.body"),
                  say(f"{key}.text", perk=perk.title), GOOD if good else BAD, change=change)  # fmt: skip


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
                say(
                    "notice.pull.share",
                    name=names.get(e.cause.contact, e.cause.contact),
                    signed=signed(e["delta"]),
                )
                for e in run
            )
            reason = say("notice.pull.reason", shares=shares)
        else:
            reason = run[0]["explain"][mode]
        if delta == 0:
            return None
        tone = GOOD if delta > 0 else BAD
        if shown.shows_reasons(mode):
            text = say("notice.score.text", delta=delta, score=score, reason=reason)
        else:
            text = say("notice.score.text.no_reason", score=score)
        source = str(event.get("source") or "")
        return Notice("score", _points(delta), reason, text, tone, delta, score, source=source)
    if kind == EventKind.PERK:
        granted = bool(event["granted"])
        title = event["title"]
        body = event["explain"][mode]
        verdict = "granted" if granted else "refused"
        return Notice(
            "application",
            say(f"notice.application_{verdict}.title", perk=title),
            body,
            say(f"notice.application_{verdict}.text", perk=title, body=body),
            GOOD if granted else BAD,
            change=verdict,
        )
    if kind == EventKind.CONTACT:
        name = event.get("name") or say("notice.someone")
        change = event.get("change", "")
        body = event["explain"][mode]
        text = body + (say("notice.says", name=name, says=event["says"]) if event.get("says") else "")
        tone = {"befriended": GOOD, "dropped": NEUTRAL, "dropped_you": BAD}.get(change)
        title = say(f"notice.contact.{change}", name=name) if tone is not None else name
        tone = tone or NEUTRAL
        return Notice("contact", title, body or title, text, tone, change=change)
    if kind == EventKind.ERA:
        title = event.get("title") or event.get("new") or ""
        return Notice(
            "era",
            say("notice.era.title", era=title),
            say("notice.era.body"),
            say("notice.era.text", era=title),
        )
    return None  # score-less kinds, and tier/perks (judged from the states above)
