"""The score in the terminal: each change with the session's explanation, tier changes, and the
``score``, ``contacts`` and ``ledger`` commands. The terminal lists them in its tables (no
registration on import: this module does not import the terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import Event, Session
from ..engine.scoring import notices, queries, shown

if TYPE_CHECKING:  # only for annotations: the terminal imports this module
    from .terminal import TextFrontEnd


def _mode(session: Session) -> str:
    return shown.mode_of(session.state)


def _unseen(front: TextFrontEnd) -> bool:
    """Say why a score view is empty (no score, app not on, app deleted); True if it is."""
    line = shown.status_line(front.session.story, front.session.state)
    if line is not None:
        front.wrap(f"({line})")
    return line is not None


def describe(events: tuple[Event, ...], session: Session) -> list[str]:
    """The app's notices for the last step (:func:`game.engine.scoring.notices.step_notices`, the
    same the phone shows), one line each, worded by the session's transparency mode."""
    states = session.states
    before = states[-2] if len(states) > 1 else None
    return [n.text for n in notices.step_notices(session.story, before, session.state, events)]


def show_score(front: TextFrontEnd) -> None:
    if _unseen(front):
        return
    view = queries.score_view(front.session.story, front.session.state)
    line = f"Score {view.score} ({view.tier_title}), {view.date}, era: {view.era_title}."
    if view.next_tier and shown.shows_thresholds(view.mode):
        line += f" Next tier {view.next_tier} at {view.next_tier_at}."
    front.wrap(line)
    for _pid, title, penalty in view.perks:
        front.wrap(f"{'Penalty' if penalty else 'Perk'}: {title}", "  ")


def show_contacts(front: TextFrontEnd) -> None:
    """The network as the app shows it: each contact's pull in points only in transparent mode;
    who pulls you down named (without figures) in partial mode; neither in opaque mode."""
    if _unseen(front):
        return
    story, state = front.session.story, front.session.state
    mode = _mode(front.session)
    people = queries.contacts(story, state)
    if not people:
        front.say("(No contacts.)")
        return
    front.say("Your network:")
    for c in people:
        if c.friend:
            line = f"{c.name}: score {c.score}"
            if shown.shows_pull(mode):
                line += (
                    f", closeness {c.closeness}, pull this month {c.pull_now:+d} (so far {c.pull_total:+d})"
                )
            front.wrap(line, "  ")
    down = queries.pulling_down(story, state) if shown.names_who_pull(mode) else []
    if down and shown.shows_pull(mode):
        front.wrap("Pulling you down: " + ", ".join(f"{c.name} ({c.pull_now:+d})" for c in down), "  ")
    elif down:
        front.wrap("Pulling you down: " + ", ".join(c.name for c in down), "  ")
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
    if suggested and shown.shows_pull(mode):
        front.wrap(
            "Suggested for you: " + ", ".join(f"{s.name} (+{s.gain} a month)" for s in suggested), "  "
        )
    elif suggested:
        front.wrap("Suggested for you: " + ", ".join(s.name for s in suggested), "  ")


def show_ledger(front: TextFrontEnd) -> None:
    if _unseen(front):
        return
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


#: The terminal's score commands: name -> (help, function(front end)); game.text.terminal lists them.
COMMANDS = {
    "score": ("your score, tier and perks", show_score),
    "contacts": ("your network, who pulls you down, suggestions", show_contacts),
    "ledger": ("the latest score changes and why", show_ledger),
}
