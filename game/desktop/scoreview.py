"""The desktop's one door to the scoring model: the score app's data and its pop-ups.

Everything the phone shows comes from :mod:`game.engine.scoring.queries` (the same answers
the terminal, the debrief and the workshop use); nothing is recomputed here. :func:`read`
gathers one snapshot for the panel; :func:`notices` turns one step's events into pop-ups
worded in the session's transparency mode (the engine words them). A story without a score gives
:data:`INACTIVE`, and the app shows its placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..engine.messages import say
from ..engine.scoring import notices as step_notices
from ..engine.scoring import queries, shown
from ..engine.scoring.engine import model_of
from ..engine.scoring.explain import Explain, said
from ..engine.scoring.state import Entry


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
        return say("date.month", month=say(f"month.short.{int(month):02d}"), year=year)
    return str(date)


signed = step_notices.signed  # ``+8``, ``−8`` (a real minus sign) or ``±0``


def explain(value: Any, mode: str) -> str:
    """The text for ``mode`` from an explanation (an Explain or its JSON form), worded by the
    message catalogue; the opaque "Your score changed." when there is none."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        text = said(value, mode)
    else:
        text = value[mode] if isinstance(value, Explain) else None
    return text or say("explain.opaque")


#: a notice's sound and glyph, by its kind and change (the wording is the engine's)
LOOKS = {
    ("tier", "up"): ("tier_up", "↑"),
    ("tier", "down"): ("tier_down", "↓"),
    ("perk", "on"): ("tier_up", "★"),
    ("perk", "off"): ("notify", "×"),
    ("penalty", "on"): ("tier_down", "!"),
    ("penalty", "off"): ("notify", "✓"),
    ("application", "granted"): ("tier_up", "✓"),
    ("application", "refused"): ("notify", "×"),
    ("contact", "befriended"): ("notify", "+"),
    ("contact", "dropped"): ("notify", "−"),
    ("contact", "dropped_you"): ("notify", "−"),
    ("era", ""): ("notify", "!"),
    ("welcome", ""): ("notify", "•"),
}


def _card(n: step_notices.Notice) -> Notice:
    if n.kind == "score":
        sound, glyph = "notify", "+" if n.delta > 0 else "−"
    else:
        sound, glyph = LOOKS.get((n.kind, n.change), ("notify", "•"))
    return Notice(n.kind, n.title, n.body, n.delta, sound, n.tone, glyph, n.source)


def visible_notices(events: Iterable[Any], story: Any, state: Any, before: Any = None) -> list[Notice]:
    """The pop-ups for the step from ``before`` to ``state``: the engine's notices
    (:func:`game.engine.scoring.notices.step_notices`, the same lines the terminal prints), none
    while the player does not see the app."""
    return [_card(n) for n in step_notices.step_notices(story, before, state, events)]
