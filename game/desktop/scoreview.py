"""The only module that reads the scoring model's data, for the score app and the debrief.

The scoring extension keeps its part of the state at ``state.ext["score"]`` (at least
``{"score": int, "tier": str, "ledger": [...], "contacts": {...}}``) and emits events
``score`` (``delta, score, factor, explain: {opaque, partial, transparent}``), ``tier``
(``old, new, title``) and ``contact``. Everything here is tolerant: a missing or
differently shaped field gives an empty value, never an exception, so the front end
keeps working while the model evolves. When ``state.ext`` has no ``score`` part the
view is inactive and the app shows its placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SCORE_MIN, SCORE_MAX = 350, 950
TRANSPARENCY_LEVELS = ("opaque", "partial", "transparent")


@dataclass(frozen=True)
class Contact:
    name: str
    score: int | None
    tier: str = ""


@dataclass(frozen=True)
class LedgerLine:
    turn: int
    delta: int
    reason: str
    score: int | None = None


@dataclass(frozen=True)
class Notice:
    """A pop-up in the app. ``sound`` names a file in assets/sounds without ``.wav``."""

    kind: str
    title: str
    body: str
    delta: int = 0
    sound: str = "notify"


@dataclass(frozen=True)
class ScoreView:
    active: bool
    score: int | None = None
    tier: str = ""
    tier_title: str = ""
    ledger: tuple[LedgerLine, ...] = ()
    contacts: tuple[Contact, ...] = ()

    @property
    def fraction(self) -> float:
        """Where the score sits on the dial, 0..1 (350 → 0, 950 → 1)."""
        if self.score is None:
            return 0.0
        return max(0.0, min(1.0, (self.score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)))


INACTIVE = ScoreView(active=False)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value)
    return None


def transparency(options: Mapping[str, Any]) -> str:
    """The session's transparency level (how much the app explains), default ``partial``."""
    level = options.get("transparency") if isinstance(options, Mapping) else None
    return level if level in TRANSPARENCY_LEVELS else "partial"


def explain(value: Any, level: str) -> str:
    """The reason text at ``level`` from an ``explain`` mapping (or a plain string)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in (level, "partial", "opaque", "transparent"):
            text = value.get(key)
            if isinstance(text, str) and text:
                return text
    return ""


def _tier_name(value: Any) -> str:
    return value.replace("_", " ").replace("-", " ").title() if isinstance(value, str) else ""


def read(state: Any, level: str = "partial") -> ScoreView:
    """The score app's view of ``state`` (an engine State or anything with ``.ext``)."""
    ext = getattr(state, "ext", None)
    part = ext.get("score") if isinstance(ext, Mapping) else None
    if hasattr(part, "to_json"):  # the scoring model keeps a ScoreState object; read its JSON form
        part = part.to_json()
    if not isinstance(part, Mapping):
        return INACTIVE
    ledger = []
    for entry in part.get("ledger") or ():
        if not isinstance(entry, Mapping):
            continue
        reason = explain(entry.get("explain"), level) or str(entry.get("reason") or entry.get("rule") or "")
        ledger.append(
            LedgerLine(
                _int(entry.get("turn")) or 0, _int(entry.get("delta")) or 0, reason, _int(entry.get("score"))
            )
        )
    contacts = []
    raw_contacts = part.get("contacts") or {}
    items = raw_contacts.items() if isinstance(raw_contacts, Mapping) else enumerate(raw_contacts)
    for key, value in items:
        if isinstance(value, Mapping):
            if value.get("dropped") or value.get("dropped_you"):
                continue  # no longer in your network
            name = (
                value.get("name")
                if isinstance(value.get("name"), str)
                else str(key).replace("_", " ").title()
            )
            contacts.append(Contact(name, _int(value.get("score")), _tier_name(value.get("tier"))))
        else:
            contacts.append(Contact(str(key), _int(value)))
    tier = part.get("tier") if isinstance(part.get("tier"), str) else ""
    title = part.get("tier_title") if isinstance(part.get("tier_title"), str) else _tier_name(tier)
    return ScoreView(True, _int(part.get("score")), tier, title, tuple(ledger), tuple(contacts))


def notices(events: Iterable[Any], level: str = "partial") -> list[Notice]:
    """The pop-ups for one step's events (score changes, tier changes, contacts)."""
    out = []
    for event in events:
        kind = getattr(event, "kind", "")
        data = getattr(event, "data", {}) or {}
        if kind == "score":
            delta = _int(data.get("delta")) or 0
            if delta == 0:
                continue
            sign = "+" if delta > 0 else "−"
            reason = explain(data.get("explain"), level) or "Your score was updated."
            out.append(Notice("score", f"{sign}{abs(delta)} points", reason, delta))
        elif kind == "tier":
            old, new = data.get("old"), data.get("new")
            title = data.get("title") if isinstance(data.get("title"), str) else _tier_name(new)
            up = data.get("up")
            rising = bool(up) if isinstance(up, bool) else _rank(new) >= _rank(old)
            out.append(
                Notice(
                    "tier",
                    f"New tier: {title}",
                    "Your standing has changed.",
                    0,
                    "tier_up" if rising else "tier_down",
                )
            )
        elif kind == "contact":
            name = data.get("name") or getattr(getattr(event, "cause", None), "contact", None) or "A contact"
            text = explain(data.get("explain"), level) or str(
                data.get("text") or "Their score affects yours."
            )
            out.append(Notice("contact", str(name), text))
    return out


_TIER_ORDER = ("untrusted", "poor", "low", "fair", "medium", "good", "high", "excellent", "elite")


def _rank(tier: Any) -> int:
    return _TIER_ORDER.index(tier) if tier in _TIER_ORDER else 0


def curve(events: Iterable[Any], start: int | None = None) -> list[tuple[int, int]]:
    """(turn, score) points over a playthrough, from ``score`` events, for the debrief."""
    points = [(0, start)] if start is not None else []
    for event in events:
        if getattr(event, "kind", "") == "score":
            score = _int((getattr(event, "data", {}) or {}).get("score"))
            if score is not None:
                points.append((getattr(event, "turn", 0), score))
    return points
