"""The score in the terminal: each change with the session's explanation, tier changes, and the
``score``, ``contacts`` and ``ledger`` commands. The terminal lists them in its tables (no
registration on import: this module does not import the terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import Event, Session
from ..engine.messages import say
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
    line = say("view.score", score=view.score, tier=view.tier_title, date=view.date, era=view.era_title)
    if view.next_tier and shown.shows_thresholds(view.mode):
        line += " " + say("view.next_tier", tier=view.next_tier, min=view.next_tier_at)
    front.wrap(line)
    for _pid, title, penalty in view.perks:
        front.wrap(say("view.penalty" if penalty else "view.perk", perk=title), "  ")


def show_contacts(front: TextFrontEnd) -> None:
    """The network as the app shows it: each contact's pull in points only in transparent mode;
    who pulls you down named (without figures) in partial mode; neither in opaque mode."""
    if _unseen(front):
        return
    story, state = front.session.story, front.session.state
    mode = _mode(front.session)
    people = queries.contacts(story, state)
    if not people:
        front.say(say("view.contacts.none"))
        return
    front.say(say("view.contacts.heading"))
    pull = shown.shows_pull(mode)
    for c in people:
        if c.friend:
            line = say("view.contact", name=c.name, score=c.score)
            if pull:
                line += say("view.contact.pull", closeness=c.closeness, now=c.pull_now, total=c.pull_total)
            front.wrap(line, "  ")
    down = queries.pulling_down(story, state) if shown.names_who_pull(mode) else []
    if down:
        names = [say("view.pulling_down.one", name=c.name, now=c.pull_now) if pull else c.name for c in down]
        front.wrap(say("view.pulling_down", names=", ".join(names)), "  ")
    others = [_outside(c) for c in people if not c.friend]
    if others:
        front.wrap(say("view.outside", names=", ".join(others)), "  ")
    suggested = queries.suggestions(story, state)
    if suggested:
        names = [say("view.suggested.one", name=s.name, gain=s.gain) if pull else s.name for s in suggested]
        front.wrap(say("view.suggested", names=", ".join(names)), "  ")


def _outside(c) -> str:
    """A contact outside the network: who dropped whom, or their score."""
    if c.dropped_you:
        return say("view.outside.dropped_you", name=c.name)
    if c.dropped:
        return say("view.outside.dropped", name=c.name)
    return say("view.outside.score", name=c.name, score=c.score)


def show_ledger(front: TextFrontEnd) -> None:
    if _unseen(front):
        return
    entries = queries.ledger(front.session.state)
    if not entries:
        front.say(say("view.ledger.empty"))
        return
    mode = _mode(front.session)
    front.say(say("view.ledger.heading"))
    for e in entries[-15:]:
        line = say(
            "view.ledger.entry",
            date=e.date,
            turn=e.turn,
            delta=e.delta,
            score=e.score,
            reason=e.explain[mode],
        )
        front.wrap(line, "  ")
    if len(entries) > 15:
        front.say(say("view.ledger.more", count=len(entries) - 15))


#: The terminal's score commands: name -> (help, function(front end)); game.text.terminal lists them.
COMMANDS = {
    "score": ("your score, tier and perks", show_score),
    "contacts": ("your network, who pulls you down, suggestions", show_contacts),
    "ledger": ("the latest score changes and why", show_ledger),
}
