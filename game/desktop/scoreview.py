"""The desktop's one door to the scoring model: the score app's data and its pop-ups.

Everything the phone shows comes from :mod:`game.engine.scoring.queries` (the same answers
the terminal, the debrief and the workshop use); nothing is recomputed here. :func:`read`
gathers one snapshot for the panel; :func:`notices` turns one step's events into pop-ups
worded in the session's transparency mode. A story without a score gives
:data:`INACTIVE`, and the app shows its placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..engine.scoring import queries, shown
from ..engine.scoring.engine import model_of
from ..engine.scoring.state import Entry

MODES = ("opaque", "partial", "transparent")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Notice:
    """A pop-up in the app. ``tone`` picks the icon colour (good, bad or neutral);
    ``sound`` names a file in assets/sounds without ``.wav``; ``source`` is a score change's
    source (rule, pull or drift; empty for other notices), which the phone uses to keep the
    small monthly movements quiet."""

    kind: str
    title: str
    body: str
    delta: int = 0
    sound: str = "notify"
    tone: str = "neutral"
    glyph: str = ""
    source: str = ""


@dataclass(frozen=True)
class ScoreData:
    """What the score app shows for one state (see :func:`read`)."""

    active: bool
    view: queries.ScoreView | None = None
    contacts: tuple[queries.ContactView, ...] = ()
    pulling_down: tuple[queries.ContactView, ...] = ()
    suggestions: tuple[queries.Suggestion, ...] = ()
    ledger: tuple[Entry, ...] = ()  # oldest first, as the model keeps it
    tiers: tuple[tuple[str, str, int], ...] = ()  # (id, title, min), ascending
    #: the story has a score, but the player does not see it now (``app: visible_if:``)
    hidden: bool = False
    app_name: str = ""
    app_tagline: str = ""
    #: contacts' scores pull on yours (the rules have a pull:); without it the network is only people
    network_pulls: bool = True

    @property
    def score(self) -> int | None:
        return self.view.score if self.view else None

    @property
    def mode(self) -> str:
        return self.view.mode if self.view else shown.DEFAULT_MODE

    @property
    def network(self) -> tuple[queries.ContactView, ...]:
        return tuple(c for c in self.contacts if c.friend)

    @property
    def others(self) -> tuple[queries.ContactView, ...]:
        """Contacts outside the network who left a mark: dropped by you, or who dropped you."""
        return tuple(c for c in self.contacts if not c.friend and (c.dropped or c.dropped_you))

    def fraction(self, value: float | None = None) -> float:
        """Where ``value`` (default: the score) sits on the dial, 0..1."""
        v = self.view
        if v is None or v.max <= v.min:
            return 0.0
        value = v.score if value is None else value
        return max(0.0, min(1.0, (value - v.min) / (v.max - v.min)))


INACTIVE = ScoreData(active=False)


def read(story: Any, state: Any) -> ScoreData:
    """The score app's data for ``state``; :data:`INACTIVE` for a story without a score."""
    view = queries.score_view(story, state)
    if view is None:
        return INACTIVE
    model = model_of(story)
    if not queries.app_visible(story, state):
        return ScoreData(False, hidden=True, app_name=model.app_name, app_tagline=model.app_tagline)
    tiers = tuple((t.id, t.title, t.min) for t in model.rules.tiers) if model and model.rules else ()
    return ScoreData(
        True,
        view,
        tuple(queries.contacts(story, state)),
        tuple(queries.pulling_down(story, state)),
        tuple(queries.suggestions(story, state)),
        tuple(queries.ledger(state)),
        tiers,
        app_name=model.app_name if model else "",
        app_tagline=model.app_tagline if model else "",
        network_pulls=bool(model and model.rules and model.rules.pull_percent),
    )


def mode_of(state: Any) -> str:
    return shown.mode_of(state)


def date_text(date: str) -> str:
    """``2016-06`` → ``Jun 2016`` (anything else comes back unchanged)."""
    year, _, month = str(date).partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return str(date)


def signed(n: int) -> str:
    """``+8``, ``−8`` (a real minus sign) or ``±0``."""
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "±0")


def explain(value: Any, mode: str) -> str:
    """The text for ``mode`` from an explanation (an Explain or its JSON form)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        text = value.get(mode)
    else:
        text = getattr(value, mode, None)
    return text if isinstance(text, str) else ""


def _points(n: int) -> str:
    return f"{n} point" if abs(n) == 1 else f"{n} points"


@dataclass(frozen=True)
class _Merged:
    """Several contacts' pull in one month, shown as one notice."""

    kind: str
    data: dict


def _merge_pulls(events: list[Any], names: dict[str, str]) -> list[Any]:
    """Runs of ``pull`` score events of the same month become one event: the month's pull reads
    as one movement, and the dial is not buried under a notice per contact."""
    out: list[Any] = []
    i = 0
    while i < len(events):
        event = events[i]
        data = getattr(event, "data", None) or {}
        run = [event]
        if getattr(event, "kind", "") == "score" and data.get("source") == "pull":
            while i + len(run) < len(events):
                nxt = events[i + len(run)]
                nd = getattr(nxt, "data", None) or {}
                if (
                    getattr(nxt, "kind", "") != "score"
                    or nd.get("source") != "pull"
                    or nd.get("date") != data.get("date")
                ):
                    break
                run.append(nxt)
        if len(run) == 1:
            out.append(event)
        else:
            delta = sum(int(e.data.get("delta") or 0) for e in run)
            shares = ", ".join(
                f"{names.get(e.cause.contact, e.cause.contact)} {signed(int(e.data.get('delta') or 0))}"
                for e in run
            )
            explain_all = {
                "opaque": "Your score changed.",
                "partial": "Your network affected your score.",
                "transparent": f"The pull of your contacts this month: {shares}.",
            }
            out.append(_Merged("score", {**run[-1].data, "delta": delta, "explain": explain_all}))
        i += len(run)
    return out


def visible_notices(events: Iterable[Any], story: Any, state: Any) -> list[Notice]:
    """The pop-ups for a step, or none while the player does not see the score app."""
    if not queries.app_visible(story, state):
        return []
    return notices(events, mode_of(state), story)


def notices(events: Iterable[Any], mode: str = "transparent", story: Any = None) -> list[Notice]:
    """The pop-ups for one step's events, worded for the transparency ``mode``.

    One per ``score`` event (delta and the explanation in ``mode``; opaque mode says only
    that the score changed), and one per tier change, perk gained or lost, perk application,
    contact change and new era. Calendar months pass silently: the status bar shows the date.
    """
    model = model_of(story) if story is not None else None
    perks = model.rules.perks if model is not None and model.rules is not None else {}
    out: list[Notice] = []
    names = {cid: c.name for cid, c in model.contacts.items()} if model is not None else {}
    for event in _merge_pulls(list(events), names):
        kind = getattr(event, "kind", "")
        data = getattr(event, "data", None) or {}
        if kind == "score":
            delta = int(data.get("delta") or 0)
            if delta == 0:
                continue
            body = explain(data.get("explain"), mode) or "Your score changed."
            title = f"{signed(delta)} {'point' if abs(delta) == 1 else 'points'}"
            tone = "good" if delta > 0 else "bad"
            glyph = "+" if delta > 0 else "−"
            source = str(data.get("source") or "")
            out.append(Notice("score", title, body, delta, "notify", tone, glyph, source))
        elif kind == "tier":
            title = str(data.get("title") or data.get("new") or "")
            if data.get("up"):
                out.append(
                    Notice(
                        "tier",
                        f"Welcome to {title}!",
                        "Your trust level went up. Keep it up!",
                        0,
                        "tier_up",
                        "good",
                        "↑",
                    )
                )
            else:
                out.append(
                    Notice(
                        "tier",
                        f"Your tier is now {title}",
                        "Small good habits bring it back up.",
                        0,
                        "tier_down",
                        "bad",
                        "↓",
                    )
                )
        elif kind == "perks":
            titles = data.get("titles") or {}
            for pid in data.get("gained") or ():
                name = titles.get(pid, pid)
                if getattr(perks.get(pid), "penalty", False):
                    out.append(
                        Notice(
                            "perks",
                            f"Restricted: {name}",
                            "Applies while your score is low.",
                            0,
                            "tier_down",
                            "bad",
                            "!",
                        )
                    )
                else:
                    out.append(
                        Notice(
                            "perks",
                            f"Unlocked: {name}",
                            "A reward for your trustworthiness.",
                            0,
                            "tier_up",
                            "good",
                            "★",
                        )
                    )
            for pid in data.get("lost") or ():
                name = titles.get(pid, pid)
                if getattr(perks.get(pid), "penalty", False):
                    out.append(
                        Notice(
                            "perks",
                            f"Lifted: {name}",
                            "Well done: this no longer applies.",
                            0,
                            "notify",
                            "good",
                            "✓",
                        )
                    )
                else:
                    out.append(
                        Notice(
                            "perks",
                            f"No longer yours: {name}",
                            "Raise your score to get it back.",
                            0,
                            "notify",
                            "bad",
                            "×",
                        )
                    )
        elif kind == "perk":
            name = str(data.get("title") or data.get("perk") or "")
            granted = bool(data.get("granted"))
            body = explain(data.get("explain"), mode) or ("Approved." if granted else "Declined.")
            out.append(
                Notice(
                    "perk",
                    f"{'Approved' if granted else 'Declined'}: {name}",
                    body,
                    0,
                    "tier_up" if granted else "notify",
                    "good" if granted else "bad",
                    "✓" if granted else "×",
                )
            )
        elif kind == "contact":
            name = str(data.get("name") or "A contact")
            change = data.get("change")
            body = explain(data.get("explain"), mode)
            title, tone, glyph = {
                "befriended": (f"{name} joined your network", "good", "+"),
                "dropped": (f"You removed {name}", "neutral", "−"),
                "dropped_you": (f"{name} left your network", "bad", "−"),
            }.get(change, (name, "neutral", "•"))
            out.append(Notice("contact", title, body or title, 0, "notify", tone, glyph))
        elif kind == "era":
            title = str(data.get("title") or data.get("new") or "")
            out.append(
                Notice(
                    "era",
                    f"New rules: {title}",
                    "Trust is measured by new rules from this month.",
                    0,
                    "notify",
                    "neutral",
                    "!",
                )
            )
    return out
