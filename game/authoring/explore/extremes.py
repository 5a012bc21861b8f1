"""The merged searches: merged by extremes and by intervals (see the package doc).

Both explore concrete states, every one of them really played, and merge them by a key that leaves
the numbers out; for each key they keep the lowest and highest value of some numbers (its *slots*)
and explore a state only if it holds one of those ends. Merged by extremes keeps many slots (every
live number, each band of it, each network); by intervals only the score's and the wide-ranged
numbers' (:meth:`Canon.slots`), which is what makes it fast.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import replace

from ...engine.state import State
from .canon import Canon, score_of
from .limits import Limits, clock
from .oracle import Oracle, all_outcomes
from .reads import scene_ranks
from .result import EndingReport, Exploration
from .steps import describe, start_states, stepper


def explore_extremes(story, limits: Limits, options, at, sets, progress, *, intervals=False) -> Exploration:
    """The search merged by extremes, or (``intervals``) by intervals (see the module doc)."""
    return MergedSearch(story, limits, progress, intervals=intervals).run(options, at, sets)


class MergedSearch:
    """One merged search: states wait in a heap by scene rank (a scene after every scene that leads
    to it, loops aside), so all the states arriving at a key are compared before any is explored."""

    def __init__(self, story, limits: Limits, progress, *, intervals: bool = False) -> None:
        self.story, self.limits, self.progress = story, limits, progress
        self.canon = Canon(story, extremes=True, intervals=intervals)
        self.result = Exploration(story, limits.max_states, mode="intervals" if intervals else "extremes")
        self.rank = scene_ranks(story)
        #: key -> {slot: [lowest value, its state's number, highest value, its state's number]}
        self.held: dict[tuple, dict[tuple, list]] = {}
        #: state number -> how many ends it holds; a state holding none is not explored
        self.holding: dict[int, int] = {}
        self.heap: list[tuple] = []
        self.numbers = itertools.count()
        self.ending_keys: dict[str, set[tuple]] = {}
        self.stuck_keys: set[tuple] = set()
        self.longest: tuple[str, ...] | None = None
        #: scenes without fallback choices: taking a once-only choice there can only take options away
        self.plain = {sid: not any(c.fallback for c in scene.choices) for sid, scene in story.scenes.items()}
        self.oracle = Oracle()

    def run(self, options, at, sets) -> Exploration:
        began, result = clock(), self.result
        for state in start_states(self.oracle, self.story, options, at, sets, result):
            self.offer(state)
        while self.heap and result.complete:
            if self._stopped(self.limits.reason(result.states)):
                break
            _, _, number, key, state = heapq.heappop(self.heap)
            if number in self.holding:  # else a state with more extreme values took its place
                self.expand(key, state)
        self._finish()
        result.seconds = clock() - began
        return result

    def _stopped(self, reason: str | None) -> bool:
        if reason is not None:
            self.result.complete, self.result.stopped_by = False, reason
        return reason is not None

    def offer(self, state: State) -> None:
        """Record ``state``; queue it if it holds an end of one of its key's slots."""
        self.result.scenes.add(state.scene)
        key = self.canon.key(state)
        if state.ending:
            self.ending_keys.setdefault(state.ending, set()).add(key)
            _record_ending(self.result, state)
            if self.longest is None or len(state.path) > len(self.longest):
                self.longest = state.path
            return
        number = next(self.numbers)
        if self._holds_an_end(key, self.canon.slots(state), number):
            heapq.heappush(self.heap, (self.rank[state.scene], state.turn, number, key, state))

    def _holds_an_end(self, key: tuple, pairs: list[tuple[tuple, int]], number: int) -> bool:
        """Widen the key's slots by state ``number``'s values; whether it holds an end of one."""
        holding = self.holding
        slots = self.held.get(key)
        better = False
        if slots is None:
            slots = self.held[key] = {}
            if not pairs:  # nothing measured: the first state of the key stands for all
                holding[number] = 1
                better = True
        for slot, value in pairs:
            ends = slots.get(slot)
            if ends is None:
                slots[slot] = [value, number, value, number]
                holding[number] = holding.get(number, 0) + 2
                better = True
            elif value < ends[0] or value > ends[2]:
                at = 0 if value < ends[0] else 2
                _release(holding, ends[at + 1])
                ends[at], ends[at + 1], better = value, number, True
                holding[number] = holding.get(number, 0) + 1
        return better

    def expand(self, key: tuple, state: State) -> None:
        """Take every enabled choice of ``state``, with every random outcome."""
        result = self.result
        result.states += 1
        if self.progress is not None and not result.states % 1000:
            self.progress(result.states, len(self.heap))
        on = result.offer(self.story, state)
        if not on:
            if key not in self.stuck_keys:
                self.stuck_keys.add(key)
                result.dead_ends.append({"scene": state.scene, "path": list(state.path)})
            return
        for choice in on:
            if self._stopped(self.limits.safety()):  # one scene may offer thousands of choices
                return
            uid = choice.uid
            for after, error in all_outcomes(self.oracle, stepper(self.story, state, uid, self.oracle.draw)):
                if error is not None:
                    result.errors.append({"path": list(state.path), "choice": uid, "error": describe(error)})
                    continue
                result.taken.add(uid)
                result.transitions += 1
                if not self._changes_nothing(choice, state, key, after):
                    self.offer(after)

    def _changes_nothing(self, choice, before: State, key: tuple, after: State) -> bool:
        """Whether ``after`` is ``before`` with only a once-only choice taken (and what nothing reads)
        in a scene without fallbacks: then every way on from ``after`` is a way on from ``before``."""
        if not (choice.once and after.scene == before.scene and self.plain[before.scene]):
            return False
        canon = self.canon
        return canon.key(after)[:-1] == key[:-1] and canon.measure(after) == canon.measure(before)

    def _finish(self) -> None:
        result, story = self.result, self.story
        result.sampled = self.oracle.sampled
        result.keys = len(self.held) + sum(len(keys) for keys in self.ending_keys.values())
        for ending, keys in self.ending_keys.items():
            result.endings[ending].states = len(keys)
        # in the story's order of endings
        result.endings = {e.id: result.endings[e.id] for e in story.endings if e.id in result.endings}
        result.longest = list(self.longest or ())


def _release(holding: dict[int, int], number: int) -> None:
    left = holding[number] - 1
    if left:
        holding[number] = left
    else:
        del holding[number]


def _record_ending(result: Exploration, state: State) -> None:
    """Count a state at an ending into its report (each one was really reached)."""
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


def merge_found(result: Exploration, other: Exploration) -> None:
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
        else:
            _widen_ending(mine, found)
    result.endings = {e.id: result.endings[e.id] for e in result.story.endings if e.id in result.endings}
    if len(other.longest) > len(result.longest):
        result.longest = other.longest


def _widen_ending(mine: EndingReport, found: EndingReport) -> None:
    if len(found.shortest) < len(mine.shortest):
        mine.shortest = found.shortest
    if found.score_min is None:
        return
    if mine.score_min is None or found.score_min < mine.score_min:
        mine.score_min, mine.lowest = found.score_min, found.lowest
    if mine.score_max is None or found.score_max > mine.score_max:
        mine.score_max, mine.highest = found.score_max, found.highest
