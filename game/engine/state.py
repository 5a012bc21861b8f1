"""The game state: small, immutable, JSON-serialisable; and the seeded generator.

A :class:`State` holds everything that changes while playing and nothing else: the
scene, variables, visit and choice counts, the turn, the random seed and how many
draws were made, the ending reached, the path of choices taken, and the extensions'
parts (the scoring model's score, ledger and contacts). It refers to scenes and
choices by id only, never by object, so saves survive new versions of a story.

A step makes a new state and shares everything unchanged with the old one, so a step costs the
same in a story of any size and a game of any length, and keeping every past state (undo) costs
only what each step changed: variables and visit and choice counts are persistent maps
(``immutables.Map``: setting one name makes a new map in O(log n) that shares the rest), and the
path is a :class:`~game.engine.trail.Trail` (appending shares the beginning). A state built from
plain dicts and tuples (a save, a test) is converted once, on construction. The maps' iteration
order is not insertion order: nothing may depend on it (``to_json`` sorts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from immutables import Map
from msgspec import Struct, field
from msgspec.structs import replace

from .model import EMPTY
from .trail import EMPTY_TRAIL, Trail

_MASK = (1 << 64) - 1


def mix(seed: int, n: int) -> int:
    """The n-th 64-bit draw of the generator seeded with ``seed`` (SplitMix64).

    Counter-based, so a state needs only (seed, draws) to continue the same sequence,
    and replaying a path of choices draws the same numbers.
    """
    z = (seed * 0x9E3779B97F4A7C15 + (n + 1) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def frozen(mapping: Mapping | dict) -> Mapping:
    """A read-only view of a fresh copy of ``mapping``."""
    return MappingProxyType(dict(mapping)) if mapping else EMPTY


EMPTY_MAP: Map = Map()


def persistent(mapping: Mapping) -> Map:
    """``mapping`` as a persistent map (returned as it is if it already is one)."""
    return mapping if type(mapping) is Map else Map(dict(mapping))


class State(Struct, frozen=True):
    """One moment of a playthrough. Never mutated: steps return new states."""

    story: str
    scene: str
    vars: Mapping[str, Any]
    seed: int
    draws: int = 0
    turn: int = 0
    visits: Mapping[str, int] = field(default_factory=lambda: EMPTY_MAP)
    chosen: Mapping[str, int] = field(default_factory=lambda: EMPTY_MAP)
    ending: str | None = None
    #: uids (scene.choice) of the choices taken, in order: enough to replay the game
    path: Sequence[str] = EMPTY_TRAIL
    #: uid of the choice that led here (its after: text opens the next frame)
    last_choice: str | None = None
    #: the after: text of that choice, rendered when it was taken (the next frame shows it first)
    after: str = ""
    #: the extensions' parts of the state, by extension name (JSON-serialisable values)
    ext: Mapping[str, Any] = field(default_factory=lambda: EMPTY)

    def __post_init__(self) -> None:
        # Plain dicts and tuples (a save, a test) become persistent once; a step passes them on.
        for name in ("vars", "visits", "chosen"):
            value = getattr(self, name)
            if type(value) is not Map:
                _SET[name](self, Map(dict(value)))
        if type(self.path) is not Trail:
            _SET["path"](self, Trail.of(self.path))

    def evolve(self, **changes: Any) -> State:
        """A copy with ``changes`` (TypeError for a field State does not have)."""
        return replace(self, **changes)

    def to_json(self) -> dict:
        """Plain JSON data; sets become sorted lists. Extensions' parts must already be JSON."""
        return {
            "story": self.story,
            "scene": self.scene,
            "vars": {k: sorted(v) if isinstance(v, frozenset) else v for k, v in sorted(self.vars.items())},
            "seed": self.seed,
            "draws": self.draws,
            "turn": self.turn,
            "visits": dict(sorted(self.visits.items())),
            "chosen": dict(sorted(self.chosen.items())),
            "ending": self.ending,
            "path": list(self.path),
            "last_choice": self.last_choice,
            "after": self.after,
            "ext": {k: _json(self.ext[k]) for k in sorted(self.ext)},
        }


#: the setters of the fields ``__post_init__`` makes persistent (the class is frozen: assigning is refused)
_SET = {name: getattr(State, name).__set__ for name in ("vars", "visits", "chosen", "path")}


def _json(value: Any) -> Any:
    return value.to_json() if hasattr(value, "to_json") else value
