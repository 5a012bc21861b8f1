"""The score in the terminal: each change with the session's explanation, tier changes, and the
``score``, ``contacts`` and ``ledger`` commands. Registered with the terminal front end on import."""

from __future__ import annotations

from ..engine import Event, Session
from ..engine.scoring import queries
from ..engine.scoring.engine import part_of
from . import terminal


def _mode(session: Session) -> str:
    part = part_of(session.state)
    return part.mode if part else "transparent"


def describe(event: Event, session: Session) -> str | None:
    """One line for a score-related event, worded by the session's transparency mode."""
    mode = _mode(session)
    kind = event.kind
    if kind == "score":
        if mode == "opaque":
            return f"Your score is now {event['score']}."
        return f"Score {event['delta']:+d} → {event['score']}: {event['explain'][mode]}"
    if kind == "tier":
        arrow = "up" if event["up"] else "down"
        return f"Tier {arrow}: you are now {event['title']}."
    if kind == "perks":
        parts = []
        if event["gained"]:
            parts.append("Now open to you: " + ", ".join(event["titles"][p] for p in event["gained"]) + ".")
        if event["lost"]:
            parts.append(
                "No longer open to you: " + ", ".join(event["titles"][p] for p in event["lost"]) + "."
            )
        return " ".join(parts)
    if kind == "perk":
        verdict = "granted" if event["granted"] else "refused"
        return f"Application {verdict}: {event['title']}. {event['explain'][mode]}"
    if kind == "contact":
        return event["explain"][mode]
    if kind == "era":
        return f"A new era begins: {event['title']}."
    return None


def show_score(front: terminal.TextFrontEnd) -> None:
    view = queries.score_view(front.session.story, front.session.state)
    if view is None:
        front.say("(This story has no score.)")
        return
    line = f"Score {view.score} ({view.tier_title}), {view.date}, era: {view.era_title}."
    if view.next_tier and front.session.state.ext["score"].mode == "transparent":
        line += f" Next tier {view.next_tier} at {view.next_tier_at}."
    front.wrap(line)
    for _pid, title, penalty in view.perks:
        front.wrap(f"{'Penalty' if penalty else 'Perk'}: {title}", "  ")


def show_contacts(front: terminal.TextFrontEnd) -> None:
    story, state = front.session.story, front.session.state
    people = queries.contacts(story, state)
    if not people:
        front.say("(No contacts.)")
        return
    front.say("Your network:")
    for c in people:
        if c.friend:
            front.wrap(
                f"{c.name}: score {c.score}, closeness {c.closeness}, pull this month {c.pull_now:+d} "
                f"(so far {c.pull_total:+d})",
                "  ",
            )
    down = queries.pulling_down(story, state)
    if down:
        front.wrap("Pulling you down: " + ", ".join(f"{c.name} ({c.pull_now:+d})" for c in down), "  ")
    others = [c for c in people if not c.friend]
    if others:
        front.wrap(
            "Not in your network: "
            + ", ".join(
                f"{c.name} ({'dropped you' if c.dropped_you else 'dropped' if c.dropped else c.score})"
                for c in others
            ),
            "  ",
        )
    suggested = queries.suggestions(story, state)
    if suggested:
        front.wrap(
            "Suggested for you: " + ", ".join(f"{s.name} (+{s.gain} a month)" for s in suggested), "  "
        )


def show_ledger(front: terminal.TextFrontEnd) -> None:
    entries = queries.ledger(front.session.state)
    if not entries:
        front.say("(The ledger is empty.)")
        return
    mode = _mode(front.session)
    front.say("Ledger (newest last):")
    for e in entries[-15:]:
        reason = e.explain[mode]
        front.wrap(f"{e.date} turn {e.turn}: {e.delta:+d} → {e.score}  {reason}", "  ")
    if len(entries) > 15:
        front.say(f"  ({len(entries) - 15} earlier entries not shown)")


terminal.EVENT_LINES.append(describe)
terminal.COMMANDS.update(
    {
        "score": ("your score, tier and perks", show_score),
        "contacts": ("your network, who pulls you down, suggestions", show_contacts),
        "ledger": ("the latest score changes and why", show_ledger),
    }
)
