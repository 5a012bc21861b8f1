"""A log's choice lines decoded fast: typed by msgspec, reading only what the report keeps.

A class's logs are mostly choice lines (about 60 a player), and most of each line is events the
report never shows: drift and pull score changes with their wording in every transparency mode.
:func:`fast_step` decodes a choice line straight into small typed records (msgspec ``Struct``\\ s),
so the decoder skips every field the report does not read without building it, and keeps an
event's explanation as raw bytes, decoded only for the one event whose wording the report shows
(the rule that reacted to a dropped contact). Whatever form the explanations take (the wording
itself or message ids), an unread one costs a skip.

The contract: for any line it accepts, :func:`fast_step` returns the very :class:`Step` that the
general reader (:func:`game.workshop.logs_read._step`, every line parsed whole and checked field
by field) makes of it; for anything else (a field of an unexpected type, a line that may hold a
control character, JSON nested too deeply, bad JSON) it returns None and the general reader
decides, with its one clear message. So this module holds no messages and no rules of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from sys import intern
from typing import Any

import msgspec

from ..engine.scoring.explain import said as explained


@dataclass(slots=True)
class Step:
    """One choice on a player's final path (undone choices are gone).

    ``offered`` holds ``{"choice", "text"}`` for each choice offered (key turns only); ``events``
    only the events the report counts, reduced to what it shows: a contact dropped (with ``said``,
    what the app said about it in the player's mode) or dropping you, a perk granted or refused
    (``title``), an era begun (``title``); ``month`` is the latest story month any of the choice's
    events named (:func:`month_of`)."""

    turn: int
    scene: str
    scene_title: str
    choice: str
    text: str
    key: bool
    offered: list[dict]
    score: int | None
    tier: str | None
    events: list[dict]
    month: int | None = None


def month_of(events: list) -> int | None:
    """The latest story month (year * 12 + month - 1) among the events' dates (each event a
    mapping or a record with a ``date``), if any."""
    best = None
    for event in events:
        date = event.get("date") if isinstance(event, dict) else event.date
        if isinstance(date, str):
            m = _month(date)
            if m is not None and (best is None or m > best):
                best = m
    return best


_MONTHS: dict[str, int | None] = {}


def _month(date: str) -> int | None:
    """``"2015-03"`` (or a longer date) as a story month; None if it is not one. Remembered: a
    class's logs name a few dozen dates thousands of times (a plain dict: cheaper than a cache)."""
    try:
        return _MONTHS[date]
    except KeyError:
        pass
    month = None
    if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit() and 1 <= int(date[5:7]) <= 12:
        month = int(date[:4]) * 12 + int(date[5:7]) - 1
    if len(_MONTHS) < 10_000:  # bounded: a hostile log cannot grow it without end
        _MONTHS[date] = month
    return month


# gc=False: the records hold no cycles, so the collector need not track the half million of them
# a class's logs decode into (msgspec's own advice for short-lived records).
class _Offer(msgspec.Struct, gc=False):
    choice: str
    text: str = ""


class _Cause(msgspec.Struct, gc=False):
    choice: Any = None


class _Event(msgspec.Struct, gc=False):
    """The fields of an event the report may read; the rest (delta, factor, turn...) are skipped."""

    kind: Any = None
    change: Any = None
    name: Any = None
    contact: Any = None
    granted: Any = None
    title: Any = None
    perk: Any = None
    new: Any = None
    cause: _Cause | None = None
    source: Any = None
    explain: msgspec.Raw = msgspec.Raw()  # decoded only when shown (see _rule_said)
    date: str | None = None  # another type: the general reader (which ignores it) decides


class _Choice(msgspec.Struct, gc=False):
    type: str
    turn: int
    scene: str
    choice: str
    scene_title: Any = None
    text: Any = None
    key: Any = None
    offered: list[_Offer] | None = None
    score: int | None = None
    tier: Any = None
    events: list[_Event] | None = None


_DECODER = msgspec.json.Decoder(_Choice)
_EXPLAIN = msgspec.json.Decoder()


def fast_step(raw: bytes, mode: str) -> Step | None:
    """The choice line ``raw`` (no control character in it: the caller checks) as a :class:`Step`
    for a player in transparency ``mode``; None if this decoder is not sure (see the module)."""
    try:
        line = _DECODER.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if line.type != "choice":
        return None
    offered = line.offered or []
    events = line.events or []
    tier = line.tier
    return Step(
        turn=line.turn,
        scene=intern(line.scene),
        scene_title=intern(str(line.scene_title or line.scene)),
        choice=intern(line.choice),
        text=intern(str(line.text or line.choice)),
        key=line.key is True,
        offered=[{"choice": o.choice, "text": o.text or o.choice} for o in offered],
        score=line.score,
        tier=intern(tier) if isinstance(tier, str) else None,
        events=_kept_events(events, mode) if events else [],
        month=_latest_month({e.date for e in events}) if events else None,
    )


def _latest_month(dates: set[str | None]) -> int | None:
    """As :func:`month_of`, for the set of dates the events named (a choice's events share a few)."""
    best = None
    for date in dates:
        if date is not None:
            m = _MONTHS[date] if date in _MONTHS else _month(date)
            if m is not None and (best is None or m > best):
                best = m
    return best


def _kept_events(events: list[_Event], mode: str) -> list[dict]:
    """As :func:`game.workshop.logs_read._kept_events`, for decoded records."""
    kept = []
    for event in events:
        kind = event.kind
        if kind == "contact" and event.change in ("dropped", "dropped_you"):
            name = str(event.name or event.contact or "?")
            said = _rule_said(events, event, mode) if event.change == "dropped" else None
            kept.append({"kind": kind, "change": event.change, "name": name, "said": said})
        elif kind == "perk" and isinstance(event.granted, bool):
            title = str(event.title or event.perk or "?")
            kept.append({"kind": kind, "granted": event.granted, "title": title})
        elif kind == "era":
            kept.append({"kind": kind, "title": str(event.title or event.new or "")})
    return kept


def _rule_said(events: list[_Event], contact_event: _Event, mode: str) -> str | None:
    """As :func:`game.workshop.logs_read._rule_said`, for decoded records."""
    choice = contact_event.cause.choice if contact_event.cause is not None else None
    after = False
    for event in events:
        if event is contact_event:
            after = True
            continue
        if after and event.kind == "score":
            cause_choice = event.cause.choice if event.cause is not None else None
            if event.source == "rule" and cause_choice == choice:
                explain = _EXPLAIN.decode(event.explain) if len(event.explain) else None
                return explained(explain, mode)  # finished texts (old logs) or an id (new)
        elif after and event.kind not in ("tier", "perks"):
            return None
    return None
