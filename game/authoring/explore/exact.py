"""The exact (and coarse) search: every state once, merged by canonical keys."""

from __future__ import annotations

import heapq
from collections import deque
from typing import Any

from ...engine.state import State
from .canon import Canon, score_of
from .limits import Limits, clock
from .oracle import Oracle, all_outcomes
from .paths import paths, shortest_paths
from .result import Exploration
from .steps import describe, start_states, stepper


class FairQueue:
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


def explore_exact(story, limits: Limits, options, coarse, at, sets, progress) -> Exploration:
    """The exact (or coarse) search: every state once, merged by :class:`Canon` keys."""
    began = clock()
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
    waiting = FairQueue()
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

    oracle = Oracle()
    for state in start_states(oracle, story, options, at, sets, result):
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
            for after, error in all_outcomes(oracle, stepper(story, state, uid, oracle.draw)):
                if error is not None:
                    result.errors.append({"path": path_to(nid), "choice": uid, "error": describe(error)})
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
    shortest = shortest_paths(roots, edges)
    result.dead_ends = [{"scene": scene_of[x], "path": shortest(x)} for x in stuck]
    paths(story, result, roots, scene_of, score, edges, shortest)
    result.seconds = clock() - began
    return result
