"""The search merged by extremes: see the package doc."""

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


def explore_extremes(story, limits: Limits, options, at, sets, progress) -> Exploration:
    """The search merged by extremes (see the module doc)."""
    began = clock()
    canon = Canon(story, extremes=True)
    result = Exploration(story, limits.max_states, mode="extremes")
    rank = scene_ranks(story)
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

    oracle = Oracle()
    for state in start_states(oracle, story, options, at, sets, result):
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
            for after, error in all_outcomes(oracle, stepper(story, state, uid, oracle.draw)):
                if error is not None:
                    failed = {"path": list(state.path), "choice": uid, "error": describe(error)}
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
    result.seconds = clock() - began
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
