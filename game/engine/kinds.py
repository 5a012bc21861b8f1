"""The engine's closed vocabularies, each defined once: transparency modes, event kinds, frame status.

Every member is also a ``str`` equal to its value (``Mode.OPAQUE == "opaque"``), so saves, session
logs and JSON output keep the exact bytes they had when these were bare strings, and data read back
from them compares equal without conversion. Front ends and tools name members, never the strings.
"""

from __future__ import annotations

from enum import Enum


class _Word(str, Enum):
    """A str-valued enum whose ``str()`` and f-string form are the bare value (as in JSON)."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The members' values in declaration order (for argparse choices and messages)."""
        return tuple(m.value for m in cls)


class Mode(_Word):
    """How much a player is told about a score change (the workshop's independent variable)."""

    OPAQUE = "opaque"  #: only the number
    PARTIAL = "partial"  #: a vague reason
    TRANSPARENT = "transparent"  #: the exact rule

    @classmethod
    def parse(cls, value: object, default: Mode | None = None) -> Mode:
        """``value`` as a Mode; ``default`` (or ValueError when None) if it names none."""
        try:
            return cls(value)
        except ValueError:
            if default is None:
                raise ValueError(f"transparency must be one of {', '.join(cls.values())}") from None
            return default


#: The mode of a game started without one: vague reasons, like the real apps (the story is about opacity).
DEFAULT_MODE = Mode.PARTIAL


class EventKind(_Word):
    """What an :class:`~game.engine.events.Event` reports. Data keys are documented in events.py
    (core kinds) and in the scoring engine (the others)."""

    # core engine
    CHOICE = "choice"
    VARIABLE = "variable"
    SCENE = "scene"
    ENDING = "ending"
    RANDOM = "random"
    # the scoring model
    SCORE = "score"
    TIER = "tier"
    PERKS = "perks"
    PERK = "perk"
    CONTACT = "contact"
    MONTH = "month"
    ERA = "era"
    # techniques (game/engine/techniques.py)
    TECHNIQUE = "technique"


class Status(_Word):
    """What a :class:`~game.engine.runtime.Frame` asks of the player."""

    CHOOSING = "choosing"  #: pick one of the choices
    ENDED = "ended"  #: an ending was reached
    STUCK = "stuck"  #: no choice is enabled (a story bug the linter looks for)
