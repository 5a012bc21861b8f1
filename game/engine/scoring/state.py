"""The scoring model's part of a game state: score, tier, era, calendar, contacts, the ledger.

Immutable like the rest of the state: the runtime builds a new :class:`ScoreState` for each
change. ``to_json``/``from_json`` give the plain form saves and logs hold.

The ledger is the score's full explanation: every change is an :class:`Entry` holding the
change actually applied (``delta``, after clamping to the range), the change asked for
(``requested``), the score after it, its factor and cause, and its explanation (an id and
parameters, worded per transparency mode when shown: :mod:`.explain`).
Invariant: ``score == rules.start + sum(entry.delta for entry in ledger)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ..trail import Trail
from .explain import Explain, from_json
from .model import month_text


class ContactState(Struct, frozen=True):
    """A contact as things stand: their score, closeness and where they stand with the player."""

    score: int
    closeness: int
    friend: bool
    dropped: bool = False
    dropped_you: bool = False

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "closeness": self.closeness,
            "friend": self.friend,
            "dropped": self.dropped,
            "dropped_you": self.dropped_you,
        }


class Entry(Struct, frozen=True):
    """One change of the score (see the module doc)."""

    turn: int
    month: int
    delta: int
    requested: int
    score: int
    factor: str
    source: str  # rule | pull | drift
    explain: Explain
    rule: str | None = None
    contact: str | None = None
    scene: str | None = None
    choice: str | None = None

    @property
    def date(self) -> str:
        return month_text(self.month)

    def to_json(self) -> dict:
        out = {
            "turn": self.turn,
            "date": self.date,
            "delta": self.delta,
            "requested": self.requested,
            "score": self.score,
            "factor": self.factor,
            "source": self.source,
            "explain": self.explain.to_json(),
        }
        for key in ("rule", "contact", "scene", "choice"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        from .model import month_index

        return cls(
            turn=_int(data["turn"]),
            month=month_index(str(data["date"])),
            delta=_int(data["delta"]),
            requested=_int(data["requested"]),
            score=_int(data["score"]),
            factor=str(data["factor"]),
            source=str(data["source"]),
            explain=from_json(data["explain"]),
            rule=data.get("rule"),
            contact=data.get("contact"),
            scene=data.get("scene"),
            choice=data.get("choice"),
        )


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


class ScoreState(Struct, frozen=True):
    """The scoring part of a state. ``contacts`` is a tuple of (id, ContactState) in story order."""

    score: int
    tier: str
    era: str
    month: int
    mode: str
    contacts: tuple[tuple[str, ContactState], ...] = ()
    #: oldest first; a :class:`~game.engine.trail.Trail` once the game has run (shared between states)
    ledger: Sequence[Entry] = ()
    perks: frozenset[str] = frozenset()
    granted: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()
    #: how often each limited rule counted, by "rule@period"
    counts: tuple[tuple[str, int], ...] = field(default=())

    def contact(self, cid: str) -> ContactState:
        for key, value in self.contacts:
            if key == cid:
                return value
        raise KeyError(cid)

    def friend_count(self) -> int:
        return sum(1 for _, c in self.contacts if c.friend)

    def with_contact(self, cid: str, contact: ContactState) -> ScoreState:
        return self.evolve(contacts=tuple((k, contact if k == cid else v) for k, v in self.contacts))

    def count(self, key: str) -> int:
        for k, n in self.counts:
            if k == key:
                return n
        return 0

    def counted(self, key: str) -> ScoreState:
        n = self.count(key) + 1
        rest = tuple((k, v) for k, v in self.counts if k != key)
        return self.evolve(counts=tuple(sorted(rest + ((key, n),))))

    def evolve(self, **changes: Any) -> ScoreState:
        """A copy with ``changes`` (TypeError for a field ScoreState does not have)."""
        return replace(self, **changes)

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "tier": self.tier,
            "era": self.era,
            "date": month_text(self.month),
            "mode": self.mode,
            "contacts": {k: v.to_json() for k, v in self.contacts},
            "ledger": [e.to_json() for e in self.ledger],
            "perks": sorted(self.perks),
            "granted": sorted(self.granted),
            "refused": sorted(self.refused),
            "counts": dict(self.counts),
        }

    @classmethod
    def from_json(cls, data: dict, contact_order: list[str]) -> ScoreState:
        """Rebuild from :meth:`to_json` data; raises KeyError, TypeError or ValueError if malformed."""
        from .model import month_index

        contacts_in = data["contacts"]
        contacts = []
        for cid in contact_order:
            if cid in contacts_in:
                c = contacts_in[cid]
                contacts.append(
                    (
                        cid,
                        ContactState(
                            _int(c["score"]),
                            _int(c["closeness"]),
                            bool(c["friend"]),
                            bool(c.get("dropped", False)),
                            bool(c.get("dropped_you", False)),
                        ),
                    )
                )
        return cls(
            score=_int(data["score"]),
            tier=str(data["tier"]),
            era=str(data["era"]),
            month=month_index(str(data["date"])),
            mode=str(data["mode"]),
            contacts=tuple(contacts),
            ledger=Trail.of(Entry.from_json(e) for e in data["ledger"]),
            perks=frozenset(map(str, data["perks"])),
            granted=frozenset(map(str, data["granted"])),
            refused=frozenset(map(str, data["refused"])),
            counts=tuple(sorted((str(k), _int(v)) for k, v in dict(data["counts"]).items())),
        )
