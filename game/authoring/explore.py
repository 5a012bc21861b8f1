"""``socialscore explore``: every state a story can reach, with equivalent states merged.

Like ChoiceScript's quicktest, but exhaustive: a search over game states from the start, taking every
enabled choice in every state and every outcome of every random draw.

**Modes.** :func:`explore` has three ways of merging states, and picks between the first two by itself
(``mode="auto"``, the default):

- **exact** merges only states that nothing the story can still do tells apart (below). Its answers
  are exact: every reachable scene, ending and final score, and the number of paths. ``auto`` tries it
  first, within ``EXACT_BUDGET_STATES`` states (a budget in states, not seconds, so the answer is the
  same on any machine); tiny stories, the sample and a generated hundred-scene story finish within it.
- **merged by extremes** (``extremes``) is what ``auto`` falls back on when exact exploration is too
  big, as on the shipped story, where the exact score, the contacts' scores and money make nearly every
  path a state of its own. States are merged by what the story can see *other than whole numbers*
  (:meth:`Canon._extremes_key`), and for each merged state the search keeps only a few concrete states:
  those with the lowest and the highest value of each number still read (the score, live whole-number
  variables, contacts' live scores and closeness), and, for each band of such a number (cut where the
  story compares it, and for the score also at tiers, perks and ``requires:``), those with the lowest and
  highest score (:meth:`Canon.slots`). A new state is explored only if it is more extreme than those kept
  in some slot. Scenes are taken in the order of the scene graph (a scene after every scene that leads
  to it, loops aside), so that all the states arriving at a scene are compared before any is explored.
  A ``once`` choice that leads back to its scene and changes nothing still read except that it was
  taken is recorded but not explored further (from there the player can do nothing new).
  **Every state explored was really played**: every scene, choice, ending and score reported was
  reached, and the example paths replay to it. But it is an under-approximation: a combination of
  numbers between the extremes (say, a high integrity with a middling score) may never be tried, so a
  scene, ending or choice not reached might still be reachable, and the true score range of an ending
  may be wider than reported. Paths are not counted (``EndingReport.paths`` is None), shortest and
  longest paths are the shortest and longest *found*, and ``loops`` is not detected. Score conditions in
  a story are usually monotone (``score >= X``, tiers, perks), so keeping both extremes keeps both sides
  of every gate; conditions that need several numbers at once are where it can miss.
- **coarse** (``coarse=True``) also merges states whose whole numbers fall in the same bands, cut at the
  numbers the story compares them with (and, for the score, at tiers, perks, requirements and contacts'
  thresholds); contacts' scores are left out. Each band is explored from the first state found in it,
  so everything reported as reached is reachable, with a real path; what is not reached might still
  be, and score ranges may be wider than shown. Kept for comparison: it does not finish on the shipped
  story either.

If ``auto`` falls back, what the cut-short exact exploration found (all of it real, with real paths) is
added to the result, and ``exact_attempt`` says how far it went.

**When two states are the same** (exact mode). The key of a state is

- the scene;
- the variables that are *live* at that scene (:func:`live_reads`): read by an ``if:`` or
  ``enable_if:`` of a choice, or a condition of a ``next:``, in this scene or in a scene reachable
  from it, or needed by an effect on the way to compute such a variable. A variable only shown in
  text (``{weather}``), or read only in scenes that can no longer be reached, is left out;
- ``visits.X`` and ``chosen.X.Y`` counts and ``turn`` only where they are live in the same sense;
  for ``once`` choices of scenes still reachable, whether they were taken;
- the score's part of the state (score, tier, era, month, contacts, perks, and the rule counts of
  the current period), but not its ledger (the history of changes, which nothing reads).

**Randomness is enumerated, not sampled.** While exploring, the engine's generator is replaced by one
that returns the values we ask for (:class:`_Oracle`, passed as the engine's ``draw`` argument to
``start`` and ``choose``: nothing is patched), and a step that draws is replayed
with every combination of outcomes: every value of ``random(lo, hi)``, every unit of weight of a
random branch. So the seed and the number of draws are not part of the key, and merging stays sound.
A draw with more than ``MAX_OUTCOMES`` values is sampled at evenly spaced values (both ends included)
and the result is marked partial. (Example paths list choices, not random outcomes: a path through a
random branch replays with a seed only if the seed draws the same outcome.)

**Order and limits.** In exact and coarse modes the scene with the fewest states expanded so far goes
next (first in, first out within a scene), so a search cut short by ``max_states`` or ``max_seconds``
still covers as much of the story as it can; the result then says it is partial and which limit
stopped it (``stopped_by``: "states" is the budget; "time" and "memory", from ``max_seconds`` and
``max_memory_mb``, are safety stops, checked between the choices of a state too). A complete search
gives the same results in any order. Shortest paths are computed afterwards, breadth first over the
graph of merged states. ``max_states`` and ``max_seconds`` bound the whole run in every mode (in
extremes mode, ``max_states`` counts the concrete states explored).

**Paths** (exact and coarse modes). The merged states form a graph whose edges are (choice, next state)
pairs. The number of paths to an ending counts the distinct sequences of choices (and of random outcomes
that lead to different states) from the start. A loop (a way back to a state already on the path, such
as a sticky choice that changes nothing) allows infinitely many; the count then leaves out the edges
that close loops (found by a depth-first search), and the ending is flagged ``loops``. The longest path
is measured the same way.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import json
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..engine import Mode, StartError, Story, available, choose, start
from ..engine.expr import Compiled
from ..engine.runtime import Draw
from ..engine.scoring.model import PERK_MARGIN
from ..engine.state import State
from ..launch import UsageError, parse_sets, rules_path

DEFAULT_MAX_STATES = 200_000
#: a draw with more possible values than this is sampled, and the result marked partial
MAX_OUTCOMES = 1000
#: at most this many replays of one step (combinations of several draws)
MAX_REPLAYS = 10_000


# -- what the story reads ----------------------------------------------------------------------


def _conditions(scene) -> list[Compiled]:
    out: list[Compiled] = []
    for choice in scene.choices:
        out.extend(c for c in (choice.condition, choice.enable_if) if c is not None)
        if choice.next is not None:
            out.extend(b.condition for b in choice.next.branches if b.condition is not None)
    return out


def _needed(effects, wanted: set[str]) -> set[str]:
    """What ``effects`` read to compute the names in ``wanted`` (to a fixed point)."""
    wanted = set(wanted)
    changed = True
    while changed:
        changed = False
        for expr in effects:
            if expr.target in wanted and not expr.reads <= wanted:
                wanted |= expr.reads
                changed = True
    return wanted


def live_reads(story: Story) -> dict[str, frozenset[str]]:
    """For each scene, the names whose values can still change what happens from a state there.

    A name is live at a scene if a condition of the scene, or of a scene reachable from it, reads it,
    or an effect on the way computes a live name from it (a live-variable analysis on the scene graph,
    which never "kills" a name, so it keeps at least every name that matters). A worklist carries
    changes back to the scenes that lead to the changed one, so a long chain costs its length, not
    its square.
    """
    from .lint import targets

    succ = {sid: targets(scene) for sid, scene in story.scenes.items()}
    pred: dict[str, set[str]] = {sid: set() for sid in story.scenes}
    for sid, targets_of in succ.items():
        for target in targets_of:
            pred[target].add(sid)
    own = {sid: {n for c in _conditions(scene) for n in c.reads} for sid, scene in story.scenes.items()}
    effects = {sid: [e for c in scene.choices for e in c.effects] for sid, scene in story.scenes.items()}
    live: dict[str, set[str]] = {sid: set(names) for sid, names in own.items()}
    todo = deque(reversed(story.scenes))  # roughly last scenes first: fewer rounds
    queued = set(todo)
    while todo:
        sid = todo.popleft()
        queued.discard(sid)
        after: set[str] = set()
        for target in succ[sid]:
            after |= _needed(story.scenes[target].on_enter, live[target])
        new = _needed(effects[sid], after) if effects[sid] else after
        if not new <= live[sid]:
            live[sid] |= new
            for before in pred[sid]:
                if before not in queued:
                    queued.add(before)
                    todo.append(before)
    return {sid: frozenset(names) for sid, names in live.items()}


def behaviour_reads(story: Story) -> frozenset[str]:
    """Names whose values can change what happens next anywhere in the story."""
    out: set[str] = set()
    for names in live_reads(story).values():
        out |= names
    return frozenset(out)


class _Lazy(dict):
    """A dict that fills itself: ``make(key)`` gives the value of a key first asked for."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


class _Reach:
    """Which scenes are reachable from which (itself included): one bit per strongly connected
    component, ORed up the condensed graph, so a long chain costs a few megabytes, not a set per
    scene."""

    def __init__(self, story: Story) -> None:
        components = _components(story)
        self.component = {sid: i for i, comp in enumerate(components) for sid in comp}
        from .lint import targets

        self.bits: list[int] = []
        for i, comp in enumerate(components):  # each after every component it leads to
            bits = 1 << i
            for sid in comp:
                for target in targets(story.scenes[sid]):
                    j = self.component[target]
                    if j != i:
                        bits |= self.bits[j]
            self.bits.append(bits)

    def reaches(self, sid: str, other: str) -> bool:
        return bool(self.bits[self.component[sid]] >> self.component[other] & 1)


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

    def __init__(self, story: Story, coarse: bool = False, *, extremes: bool = False):
        self.story = story
        self.extremes = extremes
        self.coarse = coarse or extremes
        live = live_reads(story)
        self.turn = any("turn" in names for names in live.values())
        once = [c for c in story.all_choices() if c.once]
        reach = _Reach(story) if once else None

        def parts(sid: str) -> tuple:
            names = live[sid]
            return (
                tuple(n for n in story.variables if n in names),
                tuple(sorted(n[len("visits.") :] for n in names if n.startswith("visits."))),
                tuple(sorted(n[len("chosen.") :] for n in names if n.startswith("chosen."))),
                tuple(c.uid for c in once if reach.reaches(sid, c.scene) and "chosen." + c.uid not in names),
            )

        #: per scene (worked out when a state there is first met: most of a huge story may never be)
        self.per_scene: dict[str, tuple] = _Lazy(parts)
        self.cuts: dict[str, list[int]] = {}
        if self.coarse:
            self._find_cuts()
        #: extremes: per scene, (variables keyed, contacts' flags keyed, granted/refused keyed, measured)
        self.extreme_parts: dict[str, tuple] = {}
        if extremes:
            self._find_extreme_parts(live)

    def _find_cuts(self) -> None:
        numbers: dict[str, set[int]] = {}
        for scene in self.story.scenes.values():
            for expr in _conditions(scene):
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
        from ..engine.scoring.state import ScoreState

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
        """Extremes mode: (slot, value) pairs. For each key and slot, the search keeps the states with
        the lowest and the highest value: each measured number is a slot, and so is each band of a
        measured number (cut where the story compares it), whose value is the score (or, in a story
        without a score, the number itself)."""
        values = self.measure(state)
        judged = values[0] if self.scored else None
        out: list[tuple[tuple, int]] = [((i,), value) for i, value in enumerate(values)]
        for i, (value, cuts) in enumerate(zip(values, self.extreme_parts[state.scene][4], strict=True)):
            if cuts:
                out.append(((i, bisect.bisect_right(cuts, value)), value if judged is None else judged))
        return out

    def _ext_key(self, part: Any) -> Any:
        from ..engine.scoring.model import month_text
        from ..engine.scoring.state import ScoreState

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
            return replace(part, ledger=(), counts=counts)
        data = part.to_json() if hasattr(part, "to_json") else part
        return json.dumps(data, sort_keys=True, default=str)


def score_of(state: State) -> int | None:
    part = state.ext.get("score")
    return part.score if part is not None else None


# -- enumerating random outcomes -----------------------------------------------------------------


class _Oracle:
    """Stands in for the seeded generator (the engine's ``draw`` argument, :data:`Draw`): returns the
    values of ``script`` and records each draw's number of possible values, so that every combination
    of outcomes can be replayed."""

    def __init__(self) -> None:
        self.script: list[int] = []
        self.sizes: list[int] = []
        self.sampled = False

    def draw(self, lo: int, hi: int) -> int:
        n = hi - lo + 1
        i = len(self.sizes)
        k = self.script[i] if i < len(self.script) else 0
        if n > MAX_OUTCOMES:
            self.sampled = True
            self.sizes.append(MAX_OUTCOMES)
            return lo + (k * (n - 1)) // (MAX_OUTCOMES - 1)
        self.sizes.append(n)
        return lo + k


def all_outcomes(oracle: _Oracle, step: Callable[[], Any]) -> Iterator[tuple[Any, Exception | None]]:
    """Run ``step`` once for every combination of random outcomes; yield (result, error).

    Sets ``oracle.sampled`` if some draw was sampled or the replays were cut at MAX_REPLAYS.
    """
    script: list[int] = []
    for _ in range(MAX_REPLAYS):
        oracle.script, oracle.sizes = script, []
        try:
            yield step(), None
        except Exception as exc:  # noqa: BLE001 - an engine error is a finding, reported with its path
            yield None, exc
        used = (script + [0] * len(oracle.sizes))[: len(oracle.sizes)]
        i = len(used) - 1
        while i >= 0 and used[i] + 1 >= oracle.sizes[i]:
            i -= 1
        if i < 0:
            return
        script = used[:i] + [used[i] + 1]
    oracle.sampled = True


# -- the search ------------------------------------------------------------------------------------


@dataclass
class EndingReport:
    id: str
    title: str
    states: int = 0
    #: distinct paths (exact and coarse modes); None when merged by extremes (not counted)
    paths: int | None = 0
    loops: bool = False
    score_min: int | None = None
    score_max: int | None = None
    shortest: list[str] = field(default_factory=list)
    lowest: list[str] = field(default_factory=list)
    highest: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "states": self.states,
            "paths": self.paths,
            "loops": self.loops,
            "score": {"min": self.score_min, "max": self.score_max},
            "shortest": self.shortest,
            "lowest": self.lowest,
            "highest": self.highest,
        }


@dataclass
class Exploration:
    story: Story
    max_states: int
    coarse: bool = False
    #: "exact", "coarse" or "extremes" (see the module doc)
    mode: str = "exact"
    states: int = 0
    #: extremes mode: how many merged states (distinct keys) the concrete states fell into
    keys: int = 0
    #: extremes mode chosen by "auto": how far the exact exploration went before giving up
    exact_attempt: dict | None = None
    transitions: int = 0
    complete: bool = True
    #: what cut the search short: "states" (max_states) or "time" (max_seconds)
    stopped_by: str | None = None
    sampled: bool = False
    seconds: float = 0.0
    scenes: set[str] = field(default_factory=set)
    taken: set[str] = field(default_factory=set)
    shown: set[str] = field(default_factory=set)
    enabled: set[str] = field(default_factory=set)
    disabled_reasons: dict[str, str] = field(default_factory=dict)
    endings: dict[str, EndingReport] = field(default_factory=dict)
    dead_ends: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    longest: list[str] = field(default_factory=list)

    def offer(self, story: Story, state: State) -> list:
        """The enabled choices in ``state``; records what was shown, enabled, and why not."""
        on = []
        for choice, enabled, reason in available(story, state):
            self.shown.add(choice.uid)
            if enabled:
                self.enabled.add(choice.uid)
                on.append(choice)
            else:
                self.disabled_reasons.setdefault(choice.uid, reason or "")
        return on

    longest_loops: bool = False

    # -- derived ---------------------------------------------------------------------------------
    @property
    def unreached_scenes(self) -> list[str]:
        return [s for s in self.story.scenes if s not in self.scenes]

    @property
    def never_enabled(self) -> list[dict]:
        out = []
        for choice in self.story.all_choices():
            if choice.uid in self.enabled:
                continue
            if choice.scene not in self.scenes:
                why = "its scene is never reached"
            elif choice.uid in self.shown:
                why = f"shown, always disabled ({self.disabled_reasons.get(choice.uid, '')})"
            else:
                why = "never shown"
            out.append({"choice": choice.uid, "why": why})
        return out

    def to_json(self) -> dict:
        story = self.story
        return {
            "story": story.id,
            "complete": self.complete,
            "stopped_by": self.stopped_by,
            "mode": self.mode,
            "coarse": self.coarse,
            "sampled": self.sampled,
            "states": self.states,
            "keys": self.keys,
            "exact_attempt": self.exact_attempt,
            "max_states": self.max_states,
            "transitions": self.transitions,
            "seconds": round(self.seconds, 3),
            "scenes": {
                "reached": len([s for s in self.scenes if not story.scenes[s].is_ending]),
                "total": len([s for s in story.scenes.values() if not s.is_ending]),
                "unreached": self.unreached_scenes,
            },
            "choices": {
                "taken": len(self.taken),
                "total": len(story.all_choices()),
                "never_enabled": self.never_enabled,
            },
            "endings": [e.to_json() for e in self.endings.values()],
            "unreached_endings": [e.id for e in story.endings if e.id not in self.endings],
            "dead_ends": self.dead_ends,
            "errors": self.errors,
            "longest": {"turns": len(self.longest), "path": self.longest, "loops": self.longest_loops},
        }


#: the modes of :func:`explore` (see the module doc)
MODES = ("auto", "exact", "extremes", "coarse")
#: "auto" first explores exactly, within this many states, before merging by extremes: a budget in
#: states (not seconds), so the answer is the same on any machine
EXACT_BUDGET_STATES = 8_000
#: a safety stop: the search stops when the process holds more memory than this (0: no limit)
DEFAULT_MAX_MEMORY_MB = 2_000


class Limits:
    """When a search stops: after ``max_states`` states (the budget, which gives the same answer on any
    machine), or, as safety stops, at ``deadline`` (a ``time.perf_counter()`` value; None: never) or
    when the process's resident memory passes ``max_memory_mb`` (0: never). :meth:`reason` names the
    limit reached ("states", "time" or "memory"), or gives None to go on."""

    def __init__(self, max_states: int, deadline: float | None, max_memory_mb: int) -> None:
        self.max_states, self.deadline, self.max_memory_mb = max_states, deadline, max_memory_mb
        self._checks = 0

    def with_states(self, max_states: int) -> Limits:
        return Limits(max_states, self.deadline, self.max_memory_mb)

    def reason(self, states: int) -> str | None:
        if states >= self.max_states:
            return "states"
        return self.safety()

    def safety(self) -> str | None:
        """The safety stops alone: cheap enough to ask before every step."""
        if self.deadline is not None and time.perf_counter() > self.deadline:
            return "time"
        self._checks += 1
        if self.max_memory_mb and not self._checks % 512 and _resident_mb() > self.max_memory_mb:
            return "memory"
        return None


def _resident_mb() -> float:
    """The process's resident memory in MB (Linux: /proc; elsewhere the peak so far, or 0)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE / 1e6
    except (OSError, ValueError, IndexError):
        try:
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        except (ImportError, OSError):  # pragma: no cover - no way to know: no memory stop
            return 0.0


try:
    import os as _os

    _PAGE = _os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):  # pragma: no cover - not a POSIX system
    _PAGE = 4096


def explore(
    story: Story,
    max_states: int = DEFAULT_MAX_STATES,
    options: dict | None = None,
    *,
    mode: str = "auto",
    coarse: bool = False,
    at: str | None = None,
    sets: dict | None = None,
    max_seconds: float = 0,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    progress: Callable[[int, int], None] | None = None,
) -> Exploration:
    """Explore the states reachable from the start (see the module doc for the modes).

    ``mode`` is ``"auto"`` (the default: exact if that fits in ``EXACT_BUDGET_STATES`` states,
    otherwise merged by extremes), ``"exact"``, ``"extremes"`` or ``"coarse"`` (also ``coarse=True``).
    ``max_states`` bounds the whole run; ``max_seconds`` and ``max_memory_mb`` (0: no limit) are safety
    stops. The result says which mode answered (``mode``), whether the search finished (``complete``)
    and, if not, which limit stopped it (``stopped_by``).
    """
    if coarse:
        mode = "coarse"
    if mode not in MODES:
        raise ValueError(f"unknown exploration mode {mode!r} (one of {', '.join(MODES)})")
    options = dict(options or {"transparency": Mode.TRANSPARENT})
    began = time.perf_counter()
    limits = Limits(max_states, began + max_seconds if max_seconds else None, max_memory_mb)
    if mode in ("exact", "coarse"):
        return _explore_exact(story, limits, options, mode == "coarse", at, sets, progress)
    first = None
    if mode == "auto":
        budget = limits.with_states(min(max_states, EXACT_BUDGET_STATES))
        first = _explore_exact(story, budget, options, False, at, sets, progress)
        if first.complete or first.stopped_by != "states" or max_states <= EXACT_BUDGET_STATES:
            return first  # done, or a limit of the caller's stopped it: report that
    result = _explore_extremes(story, limits, options, at, sets, progress)
    if first is not None:
        result.exact_attempt = {
            "states": first.states,
            "seconds": round(first.seconds, 3),
            "stopped_by": first.stopped_by,
        }
        _merge_found(result, first)
    result.seconds = time.perf_counter() - began
    return result


class _FairQueue:
    """States waiting to be expanded, by scene: the scene with the fewest states expanded so far goes
    next (first in, first out within a scene; ties by the order scenes were first seen)."""

    def __init__(self) -> None:
        self.queues: dict[str, deque] = {}
        self.expanded: dict[str, int] = {}
        self.order: dict[str, int] = {}
        self.ready: list[tuple[int, int, str]] = []
        self.waiting = 0

    def push(self, scene: str, item: Any) -> None:
        queue = self.queues.get(scene)
        if queue is None:
            queue = self.queues[scene] = deque()
            rank = self.order.setdefault(scene, len(self.order))
            heapq.heappush(self.ready, (self.expanded.get(scene, 0), rank, scene))
        queue.append(item)
        self.waiting += 1

    def pop(self) -> Any:
        _, rank, scene = heapq.heappop(self.ready)
        queue = self.queues[scene]
        item = queue.popleft()
        self.waiting -= 1
        done = self.expanded[scene] = self.expanded.get(scene, 0) + 1
        if queue:
            heapq.heappush(self.ready, (done, rank, scene))
        else:
            del self.queues[scene]
        return item

    def __bool__(self) -> bool:
        return bool(self.ready)


def _explore_exact(story, limits: Limits, options, coarse, at, sets, progress) -> Exploration:
    """The exact (or coarse) search: every state once, merged by :class:`Canon` keys."""
    began = time.perf_counter()
    canon = Canon(story, coarse)
    result = Exploration(story, limits.max_states, coarse=coarse, mode="coarse" if coarse else "exact")
    index: dict[tuple, int] = {}
    scene_of: list[str] = []
    parent: list[int] = []
    via: list[str | None] = []
    score: list[int | None] = []
    edges: list[list[tuple[str, int]]] = []
    roots: list[int] = []
    # Scene-fair order, so that a search cut short still covers as much of the story as it can.
    waiting = _FairQueue()
    stuck: list[int] = []

    def add(state: State, from_id: int, choice_uid: str | None) -> int:
        key = canon.key(state)
        found = index.get(key)
        if found is not None:
            return found
        nid = len(scene_of)
        index[key] = nid
        scene_of.append(state.scene)
        parent.append(from_id)
        via.append(choice_uid)
        score.append(score_of(state))
        edges.append([])
        waiting.push(state.scene, (nid, state))
        return nid

    def path_to(nid: int) -> list[str]:
        out = []
        while nid >= 0 and via[nid] is not None:
            out.append(via[nid])
            nid = parent[nid]
        return out[::-1]

    def stop(reason: str | None) -> bool:
        if reason is not None:
            result.complete, result.stopped_by = False, reason
        return reason is not None

    oracle = _Oracle()
    for state in _start_states(oracle, story, options, at, sets, result):
        if (nid := add(state, -1, None)) not in roots:
            roots.append(nid)
    expanded = 0
    while waiting and not stop(limits.reason(len(scene_of))):
        if progress is not None and not expanded % 1000:
            progress(len(scene_of), waiting.waiting)
        nid, state = waiting.pop()
        expanded += 1
        if state.ending:
            continue
        on = result.offer(story, state)
        if not on:
            stuck.append(nid)
            continue
        seen_edges: set[tuple[str, int]] = set()
        for choice in on:
            if stop(limits.safety()):  # one scene may offer thousands of choices
                break
            uid = choice.uid
            for after, error in all_outcomes(oracle, _stepper(story, state, uid, oracle.draw)):
                if error is not None:
                    result.errors.append({"path": path_to(nid), "choice": uid, "error": _describe(error)})
                    continue
                result.taken.add(uid)
                edge = (uid, add(after, nid, uid))
                if edge not in seen_edges:
                    seen_edges.add(edge)
                    edges[nid].append(edge)
    result.sampled = oracle.sampled

    result.states = len(scene_of)
    result.transitions = sum(len(e) for e in edges)
    result.scenes = set(scene_of)
    shortest = _shortest_paths(roots, edges)
    result.dead_ends = [{"scene": scene_of[x], "path": shortest(x)} for x in stuck]
    _paths(story, result, roots, scene_of, score, edges, shortest)
    result.seconds = time.perf_counter() - began
    return result


def _scene_ranks(story: Story) -> dict[str, int]:
    """A rank per scene such that a scene comes after every scene that leads to it, except within a
    loop (scenes of one strongly connected component share a rank)."""
    components = _components(story)
    # Tarjan finds a component after every component it leads to: reverse for the rank.
    return {sid: len(components) - i for i, comp in enumerate(components) for sid in comp}


def _components(story: Story) -> list[list[str]]:
    """The scene graph's strongly connected components, each after every component it leads to
    (Tarjan's algorithm, iteratively)."""
    from .lint import targets

    succ = {sid: sorted(targets(scene)) for sid, scene in story.scenes.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in story.scenes:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, i = work[-1]
            if i < len(succ[node]):
                work[-1] = (node, i + 1)
                nxt = succ[node][i]
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _explore_extremes(story, limits: Limits, options, at, sets, progress) -> Exploration:
    """The search merged by extremes (see the module doc)."""
    began = time.perf_counter()
    canon = Canon(story, extremes=True)
    result = Exploration(story, limits.max_states, mode="extremes")
    rank = _scene_ranks(story)
    # key -> {slot: [lowest value, its state's number, highest value, its state's number]}
    held: dict[tuple, dict[tuple, list]] = {}
    # state number -> how many extremes it holds; a state holding none is not explored
    holding: dict[int, int] = {}
    heap: list[tuple] = []
    numbers = itertools.count()
    ending_keys: dict[str, set[tuple]] = {}
    stuck_keys: set[tuple] = set()
    longest: tuple[str, ...] | None = None
    # scenes without fallback choices: taking a once-only choice there can only take options away
    scene_plain = {sid: not any(c.fallback for c in scene.choices) for sid, scene in story.scenes.items()}

    def offer(state: State) -> None:
        nonlocal longest
        result.scenes.add(state.scene)
        key = canon.key(state)
        if state.ending:
            ending_keys.setdefault(state.ending, set()).add(key)
            _record_ending(result, state)
            if longest is None or len(state.path) > len(longest):
                longest = state.path
            return
        number = next(numbers)
        pairs = canon.slots(state)
        slots = held.get(key)
        better = False
        if slots is None:
            slots = held[key] = {}
            if not pairs:  # nothing measured: the first state of the key stands for all
                holding[number] = 1
                better = True
        for slot, value in pairs:
            extremes = slots.get(slot)
            if extremes is None:
                slots[slot] = [value, number, value, number]
                holding[number] = holding.get(number, 0) + 2
                better = True
                continue
            if value < extremes[0]:
                _release(holding, extremes[1])
                extremes[0], extremes[1], better = value, number, True
                holding[number] = holding.get(number, 0) + 1
            elif value > extremes[2]:
                _release(holding, extremes[3])
                extremes[2], extremes[3], better = value, number, True
                holding[number] = holding.get(number, 0) + 1
        if not better:
            return
        heapq.heappush(heap, (rank[state.scene], state.turn, number, key, state))

    oracle = _Oracle()
    for state in _start_states(oracle, story, options, at, sets, result):
        offer(state)
    while heap and result.complete:
        reason = limits.reason(result.states)
        if reason is not None:
            result.complete, result.stopped_by = False, reason
            break
        _, _, number, key, state = heapq.heappop(heap)
        if number not in holding:
            continue  # a state with more extreme values took its place before it was explored
        result.states += 1
        if progress is not None and not result.states % 1000:
            progress(result.states, len(heap))
        on = result.offer(story, state)
        if not on:
            if key not in stuck_keys:
                stuck_keys.add(key)
                result.dead_ends.append({"scene": state.scene, "path": list(state.path)})
            continue
        for choice in on:
            reason = limits.safety()  # one scene may offer thousands of choices
            if reason is not None:
                result.complete, result.stopped_by = False, reason
                break
            uid = choice.uid
            for after, error in all_outcomes(oracle, _stepper(story, state, uid, oracle.draw)):
                if error is not None:
                    failed = {"path": list(state.path), "choice": uid, "error": _describe(error)}
                    result.errors.append(failed)
                    continue
                result.taken.add(uid)
                result.transitions += 1
                if (
                    choice.once
                    and after.scene == state.scene
                    and scene_plain[state.scene]
                    and _only_once_taken(canon, state, key, after)
                ):
                    continue
                offer(after)
    result.sampled = oracle.sampled
    result.keys = len(held) + sum(len(keys) for keys in ending_keys.values())
    for ending, keys in ending_keys.items():
        result.endings[ending].states = len(keys)
    # in the story's order of endings
    result.endings = {e.id: result.endings[e.id] for e in story.endings if e.id in result.endings}
    result.longest = list(longest or ())
    result.seconds = time.perf_counter() - began
    return result


def _only_once_taken(canon: Canon, before: State, key: tuple, after: State) -> bool:
    """Whether ``after`` differs from ``before`` (in the same scene) only in the once-only choices taken
    (and in what nothing reads): then every way on from ``after`` is a way on from ``before``."""
    other = canon.key(after)
    return other[:-1] == key[:-1] and canon.measure(after) == canon.measure(before)


def _release(holding: dict[int, int], number: int) -> None:
    left = holding[number] - 1
    if left:
        holding[number] = left
    else:
        del holding[number]


def _record_ending(result: Exploration, state: State) -> None:
    """Count a state at an ending into its report (extremes mode: each one was really reached)."""
    report = result.endings.get(state.ending)
    path = list(state.path)
    if report is None:
        title = result.story.scenes[state.ending].title.raw
        report = result.endings[state.ending] = EndingReport(state.ending, title, paths=None, shortest=path)
    elif len(path) < len(report.shortest):
        report.shortest = path
    score = score_of(state)
    if score is not None:
        if report.score_min is None or score < report.score_min:
            report.score_min, report.lowest = score, path
        if report.score_max is None or score > report.score_max:
            report.score_max, report.highest = score, path


def _merge_found(result: Exploration, other: Exploration) -> None:
    """Add what a cut-short exact exploration found (all of it really reached, with real paths)."""
    result.scenes |= other.scenes
    result.taken |= other.taken
    result.shown |= other.shown
    result.enabled |= other.enabled
    for uid, reason in other.disabled_reasons.items():
        result.disabled_reasons.setdefault(uid, reason)
    seen = {(d["scene"], tuple(d["path"])) for d in result.dead_ends}
    result.dead_ends += [d for d in other.dead_ends if (d["scene"], tuple(d["path"])) not in seen]
    seen_errors = {(e["choice"], e["error"]) for e in result.errors}
    result.errors += [e for e in other.errors if (e["choice"], e["error"]) not in seen_errors]
    result.sampled = result.sampled or other.sampled
    for ending_id, found in other.endings.items():
        mine = result.endings.get(ending_id)
        if mine is None:
            result.endings[ending_id] = replace(found, paths=None, loops=False)
            continue
        if len(found.shortest) < len(mine.shortest):
            mine.shortest = found.shortest
        if found.score_min is not None:
            if mine.score_min is None or found.score_min < mine.score_min:
                mine.score_min, mine.lowest = found.score_min, found.lowest
            if mine.score_max is None or found.score_max > mine.score_max:
                mine.score_max, mine.highest = found.score_max, found.highest
    result.endings = {e.id: result.endings[e.id] for e in result.story.endings if e.id in result.endings}
    if len(other.longest) > len(result.longest):
        result.longest = other.longest


def _start_states(oracle, story: Story, options, at, sets, result) -> Iterator[State]:
    """Every start state (one per outcome of random draws made on entering); errors go into
    ``result``, except a bad --from/--set, which is the caller's to report."""
    draw = oracle.draw
    begin = lambda: start(story, 0, options, at=at, sets=sets, draw=draw)[0]  # noqa: E731
    for state, error in all_outcomes(oracle, begin):
        if isinstance(error, StartError):
            raise error
        if error is not None:
            result.errors.append({"path": [], "choice": None, "error": _describe(error)})
        else:
            yield state


def _stepper(story: Story, state: State, uid: str, draw: Draw) -> Callable[[], State]:
    return lambda: choose(story, state, uid, draw=draw)[0]


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _shortest_paths(roots: list[int], edges: list[list[tuple[str, int]]]) -> Callable[[int], list[str]]:
    """A function giving the shortest path (choice uids) from a root to a state, by BFS."""
    came: list[tuple[int, str] | None] = [None] * len(edges)
    distance = [-1] * len(edges)
    todo = deque(roots)
    for root in roots:
        distance[root] = 0
    while todo:
        node = todo.popleft()
        for uid, target in edges[node]:
            if distance[target] < 0:
                distance[target] = distance[node] + 1
                came[target] = (node, uid)
                todo.append(target)

    def path_to(node: int) -> list[str]:
        out = []
        while came[node] is not None:
            node, uid = came[node]  # type: ignore[misc]
            out.append(uid)
        return out[::-1]

    path_to.distance = distance  # type: ignore[attr-defined]
    return path_to


def _paths(story, result, roots, scene_of, score, edges, path_to) -> None:
    """Count paths to each ending, find loops and the longest path (see the module doc)."""
    n = len(scene_of)
    # Iterative DFS from the roots: edges to a state on the stack close a loop.
    state_of = [0] * n  # 0 new, 1 on stack, 2 done
    order: list[int] = []
    back: set[tuple[int, int]] = set()
    for root in roots:
        if state_of[root]:
            continue
        state_of[root] = 1
        stack = [(root, 0)]
        while stack:
            node, i = stack[-1]
            if i < len(edges[node]):
                stack[-1] = (node, i + 1)
                target = edges[node][i][1]
                if state_of[target] == 1:
                    back.add((node, i))
                elif state_of[target] == 0:
                    state_of[target] = 1
                    stack.append((target, 0))
            else:
                state_of[node] = 2
                order.append(node)
                stack.pop()
    order.reverse()  # a topological order of the graph without the loop-closing edges
    paths = [0] * n
    longest = [-1] * n
    best_from: list[tuple[int, str] | None] = [None] * n
    for root in roots:
        paths[root] = 1
        longest[root] = 0
    for node in order:
        for i, (uid, target) in enumerate(edges[node]):
            if (node, i) in back:
                continue
            paths[target] += paths[node]
            if longest[node] + 1 > longest[target]:
                longest[target] = longest[node] + 1
                best_from[target] = (node, uid)
    # Which states can reach a loop's head (so infinitely many paths pass through them).
    reverse: list[list[int]] = [[] for _ in range(n)]
    for node in range(n):
        for _, target in edges[node]:
            reverse[target].append(node)
    loop_heads = {edges[node][i][1] for node, i in back}

    def reaches_loop(ending_nodes: list[int]) -> bool:
        seen = set(ending_nodes)
        todo = list(ending_nodes)
        while todo:
            node = todo.pop()
            if node in loop_heads:
                return True
            for prev in reverse[node]:
                if prev not in seen:
                    seen.add(prev)
                    todo.append(prev)
        return False

    by_ending: dict[str, list[int]] = {}
    for node in range(n):
        if story.scenes[scene_of[node]].is_ending:
            by_ending.setdefault(scene_of[node], []).append(node)
    for ending in story.endings:
        nodes = by_ending.get(ending.id)
        if not nodes:
            continue
        report = EndingReport(ending.id, ending.title.raw)
        report.states = len(nodes)
        report.paths = sum(paths[x] for x in nodes)
        report.loops = reaches_loop(nodes)
        report.shortest = path_to(min(nodes, key=lambda x: path_to.distance[x]))
        scored = [x for x in nodes if score[x] is not None]
        if scored:
            low = min(scored, key=lambda x: score[x])
            high = max(scored, key=lambda x: score[x])
            report.score_min, report.score_max = score[low], score[high]
            report.lowest, report.highest = path_to(low), path_to(high)
        result.endings[ending.id] = report
    ends = [x for nodes in by_ending.values() for x in nodes]
    if ends:
        node = max(ends, key=lambda x: longest[x])
        result.longest_loops = reaches_loop([node])
        steps = []
        while best_from[node] is not None:
            node, uid = best_from[node]  # type: ignore[misc]
            steps.append(uid)
        result.longest = steps[::-1]


# -- the report ------------------------------------------------------------------------------------


def report(result: Exploration, show_paths: bool = True) -> str:
    story = result.story
    data = result.to_json()
    lines = []
    verdict = "complete" if result.complete else "PARTIAL"
    if result.mode == "extremes":
        lines.append(
            f"Explored {story.title!r}: {result.states} states in {result.keys} merged states, "
            f"{result.transitions} transitions in {result.seconds:.2f} s (merged by extremes, {verdict})"
        )
    else:
        lines.append(
            f"Explored {story.title!r}: {result.states} states, {result.transitions} transitions "
            f"in {result.seconds:.2f} s ({result.mode}, {verdict})"
        )
    if not result.complete:
        counts = "score ranges" if result.mode == "extremes" else "path counts and score ranges"
        lines.append(
            f"stopped after {result.states} states{STOPS[result.stopped_by]}: results are partial; "
            f"{counts} are of the states explored"
        )
    if result.exact_attempt is not None:
        tried = result.exact_attempt
        lines.append(
            f"too many states to explore exactly (stopped after {tried['states']} states in "
            f"{tried['seconds']:.1f} s; --exact goes on)"
        )
    if result.mode == "extremes":
        lines.append(
            "merged by extremes: states the story tells apart only by numbers were merged, keeping those "
            "with the lowest and highest numbers; every scene, ending, score and path shown was really "
            "reached, but combinations between the extremes may be missed: what is not reached might "
            "still be, and true score ranges may be wider; paths are not counted"
        )
    if result.mode == "coarse":
        lines.append(
            "coarse: states whose numbers fall in the same bands were merged; what is reached is "
            "reachable, but what is not might be, and score ranges may be wider"
        )
    if result.sampled:
        lines.append(
            f"some random draws had more than {MAX_OUTCOMES} values and were sampled: results are partial"
        )
    sc, ch = data["scenes"], data["choices"]
    lines.append(f"Scenes reached: {sc['reached']} of {sc['total']}")
    if sc["unreached"]:
        lines.append("  never reached: " + ", ".join(sc["unreached"]))
    lines.append(f"Choices taken: {ch['taken']} of {ch['total']}")
    endings = result.endings
    lines.append(f"Endings reached: {len(endings)} of {len(story.endings)}")
    width = max((len(e) for e in endings), default=0)
    for e in endings.values():
        if e.paths is None:
            paths = ""
        else:
            paths = f"{e.paths}{'+ (loops)' if e.loops else ''} path{'s' * (e.paths != 1)}"
        score = f"score {e.score_min}-{e.score_max}" if e.score_min is not None else "no score"
        shortest = "shortest found" if e.paths is None else "shortest"
        lines.append(
            f"  {e.id:<{width}}  {paths:>18}  {score:<16} {shortest} {len(e.shortest)} turns  ({e.title})"
        )
        if show_paths:
            lines.append(f"  {'':<{width}}  shortest: {' '.join(e.shortest) or '(start)'}")
            if e.score_min is not None and e.score_min != e.score_max:
                lines.append(f"  {'':<{width}}  lowest:   {' '.join(e.lowest)}")
                lines.append(f"  {'':<{width}}  highest:  {' '.join(e.highest)}")
    if data["unreached_endings"]:
        lines.append("  never reached: " + ", ".join(data["unreached_endings"]))
    never = ch["never_enabled"]
    lines.append(f"Choices never enabled: {len(never) or 'none'}")
    for item in never:
        lines.append(f"  {item['choice']}: {item['why']}")
    lines.append(f"Dead ends (stuck states): {len(result.dead_ends) or 'none'}")
    for item in result.dead_ends[:20]:
        lines.append(f"  {item['scene']} after: {' '.join(item['path']) or '(start)'}")
    if len(result.dead_ends) > 20:
        lines.append(f"  ... and {len(result.dead_ends) - 20} more (see --json)")
    lines.append(f"Errors: {len(result.errors) or 'none'}")
    for item in result.errors[:20]:
        lines.append(f"  {item['error']} at {item['choice']} after: {' '.join(item['path']) or '(start)'}")
    longest = data["longest"]
    loops = " (loops allow longer ones)" if longest["loops"] else ""
    found = " found" if result.mode == "extremes" else ""
    lines.append(f"Longest path{found} to an ending: {longest['turns']} turns{loops}")
    if show_paths and longest["path"]:
        lines.append("  " + " ".join(longest["path"]))
    return "\n".join(lines)


#: how the report names each limit that can stop a search (see :class:`Limits`)
STOPS = {
    "states": " (the state budget: raise --max-states to go on)",
    "time": " (safety stop: --max-seconds ran out)",
    "memory": " (safety stop: memory passed --max-memory)",
    None: "",
}


def _progress(states: int, waiting: int) -> None:
    sys.stderr.write(f"\rexploring: {states} states, {waiting} waiting")
    sys.stderr.flush()


def run_explore(args) -> int:
    from ..engine import load_story_or_raise

    if args.max_states < 1:
        raise UsageError("socialscore explore: --max-states must be at least 1")
    if args.max_seconds < 0:
        raise UsageError("socialscore explore: --max-seconds must be 0 (no limit) or more")
    max_memory = getattr(args, "max_memory", DEFAULT_MAX_MEMORY_MB)
    if max_memory < 0:
        raise UsageError("socialscore explore: --max-memory must be 0 (no limit) or more")
    story = load_story_or_raise(args.path, rules_path(getattr(args, "rules", None)))
    sets = parse_sets(story, getattr(args, "sets", None) or [])
    result = explore(
        story,
        args.max_states,
        mode="exact" if getattr(args, "exact", False) else "auto",
        coarse=args.coarse,
        at=getattr(args, "at", None),
        sets=sets,
        max_seconds=args.max_seconds,
        max_memory_mb=max_memory,
        progress=_progress if sys.stderr.isatty() and not args.json else None,
    )
    if sys.stderr.isatty() and not args.json:
        sys.stderr.write("\r" + " " * 60 + "\r")
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report(result, show_paths=not args.brief))
    if not result.complete:
        print(
            f"socialscore explore: stopped after {result.states} states"
            f"{STOPS[result.stopped_by]}: results are partial",
            file=sys.stderr,
        )
    return 0
