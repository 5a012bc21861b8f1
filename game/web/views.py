"""What the player's pages show: plain data built from the engine's frames and queries.

The templates only lay this out (Jinja2 escapes every value: pseudonyms and story text are shown as
text, never markup). Score notices are worded by the session's transparency mode, as in the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..engine import Session
from ..engine.debrief import build_debrief
from ..engine.messages import say
from ..engine.runtime import Context
from ..engine.scoring import notices as score_notices
from ..engine.scoring import queries, shown
from ..engine.techniques import aside, named

LEDGER_SHOWN = 12


@dataclass(frozen=True)
class ChoiceRow:
    number: int
    id: str
    text: str
    enabled: bool
    reason: str | None


def scene(session: Session) -> dict[str, Any]:
    """The story column: the text after the last choice, the scene, its choices."""
    frame = session.frame()
    chapter = session.story.chapters.get(frame.chapter) if frame.chapter else None
    return {
        "after": frame.after,
        "title": frame.title,
        "chapter": chapter.title if chapter else "",
        "paragraphs": frame.paragraphs,
        "techniques": [aside(t) for t in named(session.story, session.state)],
        "status": frame.status,
        "turn": frame.turn,
        "choices": [ChoiceRow(i, c.id, c.text, c.enabled, c.reason) for i, c in enumerate(frame.choices, 1)],
    }


def notices(session: Session, events) -> list[str]:
    """The score notices of the player's last step (the engine's one query for every front end,
    worded by the session's transparency mode; none while the app is off)."""
    if not events:
        return []
    states = session.states
    before = states[-2] if len(states) > 1 else None
    return [n.text for n in score_notices.step_notices(session.story, before, session.state, events)]


def phone(session: Session) -> dict[str, Any] | None:
    """The score app as the session's mode shows it (docs/scoring-format.md, "What each mode shows"):
    score, tier, date, perks, network, the latest ledger lines. ``line`` instead while it shows nothing."""
    story, state = session.story, session.state
    line = shown.status_line(story, state)
    if line is not None:
        return {"line": line}
    view = queries.score_view(story, state)
    mode = view.mode
    people = queries.contacts(story, state)
    entries = queries.ledger(state)
    reasons = shown.shows_reasons(mode)
    pull = shown.shows_pull(mode)
    friends = [c for c in people if c.friend]
    down = queries.pulling_down(story, state) if shown.names_who_pull(mode) else []
    suggested = queries.suggestions(story, state) if pull else []
    next_tier = view.next_tier if shown.shows_thresholds(mode) else None
    return {
        "line": None,
        "view": view,
        "next_tier": next_tier,
        "friends": friends,
        "pull": pull,
        "pulling_down": down,
        "suggested": suggested,
        # the app's sentences, worded by the message catalogue (the template lays them out)
        "next_tier_line": say("view.next_tier", tier=next_tier, min=view.next_tier_at) if next_tier else "",
        "perk_lines": [
            say("view.penalty", perk=title) if penalty else title for _id, title, penalty in view.perks
        ],
        "friend_lines": [_friend_line(c, pull) for c in friends],
        "pulling_down_line": _pulling_down_line(down, pull),
        "suggested_line": _suggested_line(suggested),
        "ledger": [
            (e.date, e.delta, e.score, e.explain[mode] if reasons else "") for e in entries[-LEDGER_SHOWN:]
        ][::-1],
        "ledger_more": max(0, len(entries) - LEDGER_SHOWN),
    }


def _friend_line(c, pull: bool) -> str:
    line = say("view.contact", name=c.name, score=c.score)
    return line + say("web.contact.pull", closeness=c.closeness, now=c.pull_now) if pull else line


def _pulling_down_line(down: list, pull: bool) -> str:
    """Who pulls the score down (with each one's pull when the mode shows it); "" for nobody."""
    if not down:
        return ""
    names = [say("view.pulling_down.one", name=c.name, now=c.pull_now) if pull else c.name for c in down]
    return say("view.pulling_down", names=", ".join(names))


def _suggested_line(suggested: list) -> str:
    if not suggested:
        return ""
    names = [say("view.suggested.one", name=s.name, gain=s.gain) for s in suggested]
    return say("view.suggested", names=", ".join(names))


def debrief(session: Session, claims: tuple[dict[str, str], dict[str, str]] | None = None) -> dict[str, Any]:
    """The five-step debrief, from the engine's debrief data (it always reveals everything);
    ``claims``: the player's answers to the claims (before, after), for the claims card."""
    story = session.story
    d = build_debrief(story, session.states, claims=claims)
    ctx = Context(story, session.state)
    endings = {s.id: s.title.render(ctx) for s in story.endings}
    score = (
        say("web.debrief.score", start=d.start_score, end=d.final_score, rules=d.rules_title)
        if d.start_score is not None
        else ""
    )
    return {
        "d": d,
        "facts": d.facts_by_label(),
        "endings": endings,
        "curve": curve_svg(d),
        # the debrief's sentences about the score, worded by the message catalogue
        "score_line": score,
        "change_lines": [_change_line(e) for e in d.highlights],
        "whatif_lines": [_whatif_line(d, w, endings) for w in d.whatifs],
    }


def _change_line(e) -> str:
    return say("web.debrief.change", date=e.date, delta=e.delta, score=e.score, why=e.explain.transparent)


def _whatif_line(d, w, endings: dict[str, str]) -> str:
    """A road not taken: the score it would have ended at, its ending, the player's own score."""
    o = w.outcome
    outcome = say("web.whatif.score", score=o.score if o.score is not None else "?")
    if o.ending:
        outcome += say("web.whatif.ending", ending=endings.get(o.ending, o.ending))
    else:
        outcome += say("web.whatif.unfinished")
    if d.final_score is not None and o.score is not None:
        outcome += say("web.whatif.yours", score=d.final_score)
    line = say("web.whatif", turn=w.turn, alternative=w.alternative_text, taken=w.taken_text, outcome=outcome)
    if w.substituted:
        line += " " + say("debrief.whatif.substituted", choices="; ".join(w.substituted))
    return line


def curve_svg(d, width: int = 600, height: int = 180) -> Markup:
    """The score over the game as an inline SVG line (numbers only, so nothing to escape but the
    dates, which are escaped); empty for a story without a score."""
    points = d.curve
    if len(points) < 2:
        return Markup("")
    scores = [p.score for p in points]
    lo, hi = min(scores), max(scores)
    if hi == lo:
        lo, hi = lo - 10, hi + 10
    pad = 24
    xs = [pad + i * (width - 2 * pad) / (len(points) - 1) for i in range(len(points))]
    ys = [height - pad - (s - lo) * (height - 2 * pad) / (hi - lo) for s in scores]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    label = (
        f"Your score from {points[0].score} ({points[0].date}) to {points[-1].score} ({points[-1].date}), "
        f"lowest {min(scores)}, highest {max(scores)}."
    )
    return Markup(
        f'<svg class="curve" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<text x="{pad}" y="14" class="axis">{hi}</text>'
        f'<text x="{pad}" y="{height - 4}" class="axis">{lo}</text>'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="2.5"/></svg>'
    )
