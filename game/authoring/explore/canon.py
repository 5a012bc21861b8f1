"""The canonical key of a state (exact, coarse and extremes modes): see the package doc."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from ...engine import Story
from ...engine.scoring.model import PERK_MARGIN, month_text
from ...engine.scoring.state import ScoreState
from ...engine.state import State
from .reads import Reach, conditions, live_reads


class Lazy(dict):
    """A dict that fills itself: ``make(key)`` gives the value of a key first asked for."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


#: intervals mode: a whole number whose declared range is wider than this (or open) is score-like
SCORE_LIKE_SPAN = 100

_CUT = re.compile(r"(?<![\w.'\"])\d+(?![\w'\"])")


class Canon:
    """The canonical key of a state: what tells it apart from others (see the module doc).

    ``coarse`` merges states whose numbers fall in the same bands, cut at the numbers the story
    compares them with (see :func:`explore`): a faster, approximate exploration.

    ``extremes`` gives the key of the merged-by-extremes mode (see the module doc): only what the
    story can still see *other than numbers*: the scene, the live variables that are not whole
    numbers, live visit and choice counts (banded), once-only choices taken, the era and month, the
    contacts' live friend and dropped flags, and the perks granted and refused if the story still reads
    them. The whole numbers (the score first, then live whole-number variables and contacts' scores
    and closeness) are left to :meth:`measure`: the search keeps, for each key, the states with the
    lowest and the highest of each.
    """

    def __init__(
        self, story: Story, coarse: bool = False, *, extremes: bool = False, intervals: bool = False
    ):
        self.story = story
        self.extremes = extremes or intervals
        self.intervals = intervals
        self.coarse = coarse or self.extremes
        live = live_reads(story)
        self.turn = any("turn" in names for names in live.values())
        once = [c for c in story.all_choices() if c.once]
        reach = Reach(story) if once else None

        def parts(sid: str) -> tuple:
            names = live[sid]
            return (
                tuple(n for n in story.variables if n in names),
                tuple(sorted(n[len("visits.") :] for n in names if n.startswith("visits."))),
                tuple(sorted(n[len("chosen.") :] for n in names if n.startswith("chosen."))),
                tuple(c.uid for c in once if reach.reaches(sid, c.scene) and "chosen." + c.uid not in names),
            )

        #: per scene (worked out when a state there is first met: most of a huge story may never be)
        self.per_scene: dict[str, tuple] = Lazy(parts)
        self.cuts: dict[str, list[int]] = {}
        if self.coarse:
            self._find_cuts()
        #: extremes: per scene, (variables keyed, contacts' flags keyed, granted/refused keyed, measured)
        self.extreme_parts: dict[str, tuple] = {}
        #: intervals: per scene, the indices (into the measured numbers) of the score-like ones
        self.wide: dict[str, tuple[int, ...]] = {}
        if self.extremes:
            self._find_extreme_parts(live)

    def _find_cuts(self) -> None:
        numbers: dict[str, set[int]] = {}
        for scene in self.story.scenes.values():
            for expr in conditions(scene):
                found = {int(m) for m in _CUT.findall(expr.source)}
                for name in expr.reads:
                    numbers.setdefault(name, set()).update(found)
        model = self.story.extra.get("score")
        rules = model.rules if model is not None else None
        score_cuts = set(numbers.get("score", ()))
        if rules is not None:
            score_cuts.update(t.min for t in rules.tiers)
            for perk in rules.perks.values():  # perks are kept (penalties lifted) a margin past the line
                score_cuts.update(x for x in (perk.min, perk.max) if x is not None)
                if perk.min is not None:
                    score_cuts.add(perk.min - PERK_MARGIN)
                if perk.max is not None:
                    score_cuts.add(perk.max + PERK_MARGIN)
            for contact in model.contacts.values():
                if contact.drops_below:
                    score_cuts.add(contact.drops_below)
            for choice in self.story.all_choices():
                extra = choice.extra.get("score")
                if extra is not None and extra.requires is not None and extra.requires.score is not None:
                    score_cuts.add(extra.requires.score)
        numbers["score"] = score_cuts
        for name, found in numbers.items():
            self.cuts[name] = sorted({x for n in found for x in (n, n + 1)})

    def _find_extreme_parts(self, live: dict[str, frozenset[str]]) -> None:
        story = self.story
        model = story.extra.get("score")
        contacts = list(model.contacts) if model is not None else []
        self.scored = "score" in story.builtins
        # The pull moves the score by who is in the network: two states with the same score but
        # different networks can end far apart, so each network is a slot of its own (see slots).
        rules = model.rules if model is not None else None
        self.network = bool(rules is not None and rules.pull_percent and contacts)
        for sid, names in live.items():
            numbers = [n for n in story.variables if n in names and story.variables[n].type == "int"]
            keyed = tuple(n for n in story.variables if n in names and story.variables[n].type != "int")
            flags = tuple(
                i
                for i, cid in enumerate(contacts)
                if "friends" in names
                or any(f"contacts.{cid}.{a}" in names for a in ("friend", "dropped", "dropped_you"))
            )
            sets = ("granted" in names, "refused" in names)
            measured = (["score"] if self.scored else []) + numbers
            measured += sorted(
                n for n in names if n.startswith("contacts.") and n.endswith((".score", ".closeness"))
            )
            cuts = tuple(self.cuts.get(n) or None for n in measured)
            self.extreme_parts[sid] = (keyed, flags, sets, tuple(measured), cuts)
            # without a score-like number, every number has an interval (else one state per key)
            wide = tuple(i for i, n in enumerate(measured) if self._score_like(n))
            self.wide[sid] = wide or tuple(range(len(measured)))

    def _score_like(self, name: str) -> bool:
        """Intervals mode: whether a measured number has an interval of its own (see the package doc):
        the score, and whole-number variables whose declared range is open or wider than
        :data:`SCORE_LIKE_SPAN`; small counters (a 0-20 integrity) and contacts' scores and closeness
        go with the states that hold the ends of those intervals."""
        if name == "score":
            return True
        var = self.story.variables.get(name)
        if var is None:
            return False
        return var.min is None or var.max is None or var.max - var.min > SCORE_LIKE_SPAN

    def band(self, name: str, value: Any) -> Any:
        cuts = self.cuts.get(name)
        if cuts is None or type(value) is not int:
            return value
        return bisect.bisect_right(cuts, value)

    def key(self, state: State) -> tuple:
        if self.extremes:
            return self._extremes_key(state)
        variables, visits, chosen = state.vars, state.visits, state.chosen
        names, seen, taken, once = self.per_scene[state.scene]
        if self.coarse:
            values = tuple(self.band(n, variables[n]) for n in names)
            counts = tuple(self.band("visits." + n, visits.get(n, 0)) for n in seen)
            times = tuple(self.band("chosen." + n, chosen.get(n, 0)) for n in taken)
        else:
            values = tuple(variables[n] for n in names)
            counts = tuple(visits.get(n, 0) for n in seen)
            times = tuple(chosen.get(n, 0) for n in taken)
        return (
            state.scene,
            values,
            counts,
            times,
            tuple(bool(chosen.get(n)) for n in once),
            (self.band("turn", state.turn) if self.coarse else state.turn) if self.turn else None,
            tuple((name, self._ext_key(part)) for name, part in sorted(state.ext.items())),
        )

    def _extremes_key(self, state: State) -> tuple:
        variables, visits, chosen = state.vars, state.visits, state.chosen
        _, seen, taken, once = self.per_scene[state.scene]
        keyed, flags, (granted, refused), _, _ = self.extreme_parts[state.scene]
        ext = []
        for name, part in sorted(state.ext.items()):
            if isinstance(part, ScoreState):
                contacts = part.contacts
                ext.append(
                    (
                        name,
                        part.era,
                        part.month,
                        part.perks,  # held perks depend on the path (the margin), not only on the score
                        tuple((c.friend, c.dropped, c.dropped_you) for c in (contacts[i][1] for i in flags)),
                        part.granted if granted else None,
                        part.refused if refused else None,
                    )
                )
            else:
                ext.append((name, self._ext_key(part)))
        return (
            state.scene,
            tuple(variables[n] for n in keyed),
            tuple(self.band("visits." + n, visits.get(n, 0)) for n in seen),
            tuple(self.band("chosen." + n, chosen.get(n, 0)) for n in taken),
            self.band("turn", state.turn) if self.turn else None,
            tuple(ext),
            tuple(bool(chosen.get(n)) for n in once),  # last: see _only_once_taken
        )

    def measure(self, state: State) -> tuple[int, ...]:
        """Extremes mode: the whole numbers left out of the key (the score first, if any)."""
        builtins, variables = self.story.builtins, state.vars
        return tuple(
            variables[n] if n in variables else builtins[n].get(state)
            for n in self.extreme_parts[state.scene][3]
        )

    def slots(self, state: State) -> list[tuple[tuple, int]]:
        """The merged modes: (slot, value) pairs. In intervals mode each score-like number is a slot
        (the other numbers too where there is none), and that is all.

        In extremes mode, for each key and slot, the search keeps the states with
        the lowest and the highest value: each measured number is a slot, and so is each band of a
        measured number (cut where the story compares it), whose value is the score (or, in a story
        without a score, the number itself). In a story with a pull, so is each network (who is in it),
        whose value is the score: the pull of a network moves the score its own way, so a middling score
        in a network without a low-scoring contact may end above the highest score of another network."""
        values = self.measure(state)
        if self.intervals:
            return [((i,), values[i]) for i in self.wide[state.scene]]
        judged = values[0] if self.scored else None
        out: list[tuple[tuple, int]] = [((i,), value) for i, value in enumerate(values)]
        for i, (value, cuts) in enumerate(zip(values, self.extreme_parts[state.scene][4], strict=True)):
            if cuts:
                out.append(((i, bisect.bisect_right(cuts, value)), value if judged is None else judged))
        if self.network and judged is not None:
            part = state.ext["score"]
            out.append((("network", tuple(c.friend for _, c in part.contacts)), judged))
        return out

    def _ext_key(self, part: Any) -> Any:
        if isinstance(part, ScoreState):
            # Rule counts of earlier periods can never matter again: the calendar only moves forward.
            date = month_text(part.month)
            current = {date, date[:4], "game"}
            counts = tuple((k, n) for k, n in part.counts if k.rpartition("@")[2] in current)
            if self.coarse:
                contacts = tuple((cid, (c.friend, c.dropped, c.dropped_you)) for cid, c in part.contacts)
                return (
                    self.band("score", part.score),
                    part.tier,
                    part.era,
                    part.month,
                    contacts,
                    part.perks,
                    part.granted,
                    part.refused,
                    counts,
                )
            return part.evolve(ledger=(), counts=counts)
        data = part.to_json() if hasattr(part, "to_json") else part
        return json.dumps(data, sort_keys=True, default=str)


def score_of(state: State) -> int | None:
    part = state.ext.get("score")
    return part.score if part is not None else None
