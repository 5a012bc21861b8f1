"""The scoring model's frozen data: rules, tiers, perks, eras, contacts, facts; and dates as months.

Built once at load time by :mod:`game.engine.scoring.build`; read by the runtime hooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from msgspec import Struct, field

from ..expr import Compiled
from ..kinds import Mode
from ..model import Template, Where

#: the modes' names, for messages (the modes themselves are game.engine.kinds.Mode)
MODES = Mode.values()
#: A perk held is kept until the score falls this many points below its threshold, and a penalty in
#: force is lifted only this many points above its limit, so neither flickers near the line.
PERK_MARGIN = 10


def month_index(date: str) -> int:
    """``"2016-03"`` → a month count (year × 12 + month − 1), for date arithmetic."""
    year, month = date.split("-")
    return int(year) * 12 + int(month) - 1


@lru_cache(maxsize=1024)
def month_text(index: int) -> str:
    """The inverse of :func:`month_index` (cached: every score change writes its month)."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class Rule(Struct, frozen=True):
    id: str
    on: Mapping[str, frozenset[str]]
    factor: str
    change: int
    where: Where
    limit_times: int | None = None
    limit_per: str = "month"
    diminishing: int | None = None
    eras: frozenset[str] | None = None
    partial: str | None = None
    transparent: str | None = None
    opaque: str | None = None

    def matches(self, kind: str, tags: frozenset[str]) -> bool:
        wanted = self.on.get(kind)
        return wanted is not None and not wanted.isdisjoint(tags)


class Tier(Struct, frozen=True):
    id: str
    title: str
    min: int


class Perk(Struct, frozen=True):
    id: str
    title: str
    min: int | None = None
    tier: str | None = None
    penalty: bool = False
    max: int | None = None
    eras: frozenset[str] | None = None
    vague: str = ""
    fact: str | None = None


class Era(Struct, frozen=True):
    id: str
    title: str
    start: int  # month index


class Rules(Struct, frozen=True):
    """A rules file, loaded: what every action is worth, the tiers, perks and eras."""

    id: str
    title: str
    description: str
    min: int
    max: int
    start: int
    factors: Mapping[str, str]
    tiers: tuple[Tier, ...]
    perks: Mapping[str, Perk]
    eras: tuple[Era, ...]
    rules: tuple[Rule, ...]
    path: str
    drift_toward: int | None = None
    drift_percent: int = 0
    drift_factor: str = "history"
    pull_percent: int = 0

    def tier_of(self, score: int) -> Tier | None:
        current = self.tiers[0] if self.tiers else None
        for tier in self.tiers:
            if score >= tier.min:
                current = tier
        return current

    def tier_rank(self, tier_id: str) -> int:
        for i, tier in enumerate(self.tiers):
            if tier.id == tier_id:
                return i
        return -1

    def tier(self, tier_id: str) -> Tier | None:
        """The tier with this id (None for an unknown id): the one tier lookup every view uses."""
        rank = self.tier_rank(tier_id)
        return self.tiers[rank] if rank >= 0 else None

    def tier_title(self, tier_id: str) -> str:
        tier = self.tier(tier_id)
        return tier.title if tier else ""

    def next_tier(self, tier_id: str) -> Tier | None:
        """The tier above this one (None at the top or for an unknown id)."""
        rank = self.tier_rank(tier_id)
        return self.tiers[rank + 1] if 0 <= rank < len(self.tiers) - 1 else None

    def era_at(self, month: int) -> Era | None:
        current = self.eras[0] if self.eras else None
        for era in self.eras:
            if month >= era.start:
                current = era
        return current

    def factor_title(self, factor: str) -> str:
        return self.factors.get(factor, factor)


class Contact(Struct, frozen=True):
    id: str
    name: str
    score: int
    closeness: int
    trajectory: int
    friend: bool
    tags: frozenset[str]
    drops_below: int
    bio: str
    reactions: tuple[Reaction, ...] = ()


class Reaction(Struct, frozen=True):
    """A contact's reaction to actions matching ``on`` (kind -> tags, as a rule's)."""

    on: Mapping[str, frozenset[str]]
    closeness: int = 0
    drops: bool = False
    says: str = ""

    def matches(self, kind: str, tags: frozenset[str]) -> bool:
        wanted = self.on.get(kind)
        return wanted is not None and not wanted.isdisjoint(tags)


class Fact(Struct, frozen=True):
    id: str
    label: str
    claim: str
    source: str
    analogue: str
    where: Where


class Action(Struct, frozen=True):
    """One action of a choice: ``kind`` and its tags (or the contact or perk id, as a 1-tuple)."""

    kind: str
    values: tuple[str, ...]

    @property
    def target(self) -> str:
        return self.values[0]


class Requires(Struct, frozen=True):
    perk: str | None = None
    tier: str | None = None
    score: int | None = None


class ChoiceScoring(Struct, frozen=True):
    actions: tuple[Action, ...] = ()
    requires: Requires | None = None
    facts: tuple[str, ...] = ()


class SceneScoring(Struct, frozen=True):
    date: int | None = None
    facts: tuple[str, ...] = ()
    debrief: Mapping[str, Template] = field(default_factory=dict)


class ScoreModel(Struct, frozen=True):
    """The story's scoring part: rules (None for a story without a score), contacts, calendar,
    facts and the debrief's text."""

    rules: Rules | None
    contacts: Mapping[str, Contact]
    calendar_start: int | None
    facts: Mapping[str, Fact]
    debrief: Mapping[str, Template]
    #: the app's name ("" if the story gives none), when the player sees it (None: always) and
    #: when the player has deleted it (None: never)
    app_name: str = ""
    app_visible_if: Compiled | None = None
    app_deleted_if: Compiled | None = None
    app_tagline: str = ""

    def compiled(self):
        """Compiled expressions held here (for the linter's read/write analysis)."""
        for template in self.debrief.values():
            yield from (p for p in template.parts if not isinstance(p, str))
        yield from (c for c in (self.app_visible_if, self.app_deleted_if) if c is not None)
