"""The score in the terminal: each change with the session's explanation, tier changes, and the
``score``, ``contacts`` and ``ledger`` commands. Registered with the terminal front end on import."""

from __future__ import annotations

from ..engine import Event, Session
from ..engine.scoring import queries, shown
from . import terminal


def _mode(session: Session) -> str:
    return shown.mode_of(session.state)


def _unseen(front: terminal.TextFrontEnd) -> bool:
    """Say why a score view is empty (no score, app not on, app deleted); True if it is."""
    line = shown.status_line(front.session.story, front.session.state)
    if line is not None:
        front.wrap(f"({line})")
    return line is not None


def _perks_line(event: Event) -> str:
    penalties = set(event.get("penalties", ()))
    titles = event["titles"]
    phrases = (
        ("Now open to you: ", [p for p in event["gained"] if p not in penalties]),
        ("No longer open to you: ", [p for p in event["lost"] if p not in penalties]),
        ("A penalty now applies: ", [p for p in event["gained"] if p in penalties]),
        ("Penalty lifted: ", [p for p in event["lost"] if p in penalties]),
    )
    return " ".join(head + ", ".join(titles[p] for p in ids) + "." for head, ids in phrases if ids)


def _score_line(run: list[Event], mode: str, names: dict[str, str]) -> str:
    """One line for a run of score events: a single change, or a month's pull of several contacts."""
    last = run[-1]
    delta = sum(e["delta"] for e in run)
    if mode == "opaque":
        return f"Your score is now {last['score']}."
    if len(run) == 1:
        return f"Score {delta:+d} → {last['score']}: {last['explain'][mode]}"
    if mode == "partial":
        return f"Score {delta:+d} → {last['score']}: {last['explain']['partial']}"
    shares = ", ".join(f"{names.get(e.cause.contact, e.cause.contact)} {e['delta']:+d}" for e in run)
    return f"Score {delta:+d} → {last['score']}: the pull of your contacts this month ({shares})."


def describe(events: tuple[Event, ...], session: Session) -> list[str]:
    """Lines for the score-related events of one step, worded by the session's transparency mode.
    A month's pull from several contacts is one line, so the number's drift reads as one movement."""
    if not queries.app_visible(session.story, session.state):
        return []  # the score moves all the same; the player is not looking
    mode = _mode(session)
    model = session.story.extra.get("score")
    names = {cid: c.name for cid, c in model.contacts.items()} if model else {}
    lines: list[str] = []
    i = 0
    while i < len(events):
        event = events[i]
        kind = event.kind
        if kind == "score":
            run = [event]
            while (
                event["source"] == "pull"
                and i + len(run) < len(events)
                and events[i + len(run)].kind == "score"
                and events[i + len(run)]["source"] == "pull"
                and events[i + len(run)]["date"] == event["date"]
            ):
                run.append(events[i + len(run)])
            lines.append(_score_line(run, mode, names))
            i += len(run)
            continue
        if kind == "tier":
            lines.append(f"Tier {'up' if event['up'] else 'down'}: you are now {event['title']}.")
        elif kind == "perks":
            lines.append(_perks_line(event))
        elif kind == "perk":
            verdict = "granted" if event["granted"] else "refused"
            lines.append(f"Application {verdict}: {event['title']}. {event['explain'][mode]}")
        elif kind == "contact":
            line = event["explain"][mode]
            if event.get("says"):
                line += f" {event['name']}: “{event['says']}”"
            lines.append(line)
        elif kind == "era":
            lines.append(f"A new era begins: {event['title']}.")
        i += 1
    return lines


def show_score(front: terminal.TextFrontEnd) -> None:
    if _unseen(front):
        return
    view = queries.score_view(front.session.story, front.session.state)
    line = f"Score {view.score} ({view.tier_title}), {view.date}, era: {view.era_title}."
    if view.next_tier and shown.shows_thresholds(view.mode):
        line += f" Next tier {view.next_tier} at {view.next_tier_at}."
    front.wrap(line)
    for _pid, title, penalty in view.perks:
        front.wrap(f"{'Penalty' if penalty else 'Perk'}: {title}", "  ")


def show_contacts(front: terminal.TextFrontEnd) -> None:
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


def show_ledger(front: terminal.TextFrontEnd) -> None:
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


terminal.EVENT_LINES.append(describe)
terminal.COMMANDS.update(
    {
        "score": ("your score, tier and perks", show_score),
        "contacts": ("your network, who pulls you down, suggestions", show_contacts),
        "ledger": ("the latest score changes and why", show_ledger),
    }
)
