"""Events: every change a step makes, with its cause.

The score notification, the "why did my score change" panel, the debrief, the
workshop log and the tests all read these same events. An event is plain data:
a kind, a cause and a payload of JSON values, frozensets and objects with a ``to_json`` (a score
event's explanation: an id and parameters, worded only when shown).

Kinds the core engine emits (extensions add their own, documented with them):

- ``choice``: a choice was taken (data: ``text``)
- ``variable``: a variable changed (data: ``name``, ``old``, ``new``, ``clamped``)
- ``scene``: a scene was entered (data: ``title``)
- ``ending``: an ending was reached (data: ``title``)
- ``random``: a random branch was drawn (data: ``target``, ``options``)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct, field

from .kinds import EventKind
from .model import EMPTY


class Cause(Struct, frozen=True):
    """What caused an event: the scene and choice, and the rule or contact if any."""

    scene: str | None = None
    choice: str | None = None
    rule: str | None = None
    contact: str | None = None

    def to_json(self) -> dict:
        return {
            k: v
            for k, v in (
                ("scene", self.scene),
                ("choice", self.choice),
                ("rule", self.rule),
                ("contact", self.contact),
            )
            if v is not None
        }


class Event(Struct, frozen=True):
    """One change. ``turn`` is the turn it happened on (the choice's turn, 1-based)."""

    kind: EventKind
    cause: Cause
    turn: int
    data: Mapping[str, Any] = field(default_factory=lambda: EMPTY)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def to_json(self) -> dict:
        return {"kind": self.kind, "turn": self.turn, "cause": self.cause.to_json(), **_plain(self.data)}


def _plain(data: Mapping[str, Any]) -> dict:
    # A value may be an object with its own JSON form (a score event's explanation, worded only
    # when shown): logs hold that form.
    return {k: _plain_value(v) for k, v in data.items()}


#: values that are their own JSON form (most of an event's data: checked first, a log writes every event)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain_value(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, frozenset):
        return sorted(value)
    to_json = getattr(value, "to_json", None)
    return to_json() if to_json is not None else value
