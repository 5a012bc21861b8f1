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
    return ExactSearch(story, limits, coarse, progress).run(options, at, sets)


class ExactSearch:
    """One exact (or coarse) search: a graph of merged states, numbered as found, with the choice
    that first led to each, and its edges (choice, next state)."""

    def __init__(self, story, limits: Limits, coarse: bool, progress) -> None:
        self.story, self.limits, self.progress = story, limits, progress
        self.canon = Canon(story, coarse)
        self.result = Exploration(
            story, limits.max_states, coarse=coarse, mode="coarse" if coarse else "exact"
        )
        self.index: dict[tuple, int] = {}
        self.scene_of: list[str] = []
        self.parent: list[int] = []
        self.via: list[str | None] = []
        self.score: list[int | None] = []
        self.edges: list[list[tuple[str, int]]] = []
        self.roots: list[int] = []
        # Scene-fair order, so that a search cut short still covers as much of the story as it can.
        self.waiting = FairQueue()
        self.stuck: list[int] = []
        #: states found in each scene, and the most in any one (for the budget per scene)
        self.in_scene: dict[str, int] = {}
        self.most = 0
        self.oracle = Oracle()

    def run(self, options, at, sets) -> Exploration:
        began, result = clock(), self.result
        for state in start_states(self.oracle, self.story, options, at, sets, result):
            if (nid := self.add(state, -1, None)) not in self.roots:
                self.roots.append(nid)
        expanded = 0
        while self.waiting and not self._stopped(self.limits.reason(len(self.scene_of), self.most)):
            if self.progress is not None and not expanded % 1000:
                self.progress(len(self.scene_of), self.waiting.waiting)
            nid, state = self.waiting.pop()
            expanded += 1
            if not state.ending:
                self.expand(nid, state)
        result.sampled = self.oracle.sampled
        self._finish()
        result.seconds = clock() - began
        return result

    def add(self, state: State, from_id: int, choice_uid: str | None) -> int:
        """The number of ``state``'s merged state, found now (and queued) or before."""
        key = self.canon.key(state)
        found = self.index.get(key)
        if found is not None:
            return found
        nid = len(self.scene_of)
        self.index[key] = nid
        self.scene_of.append(state.scene)
        self.parent.append(from_id)
        self.via.append(choice_uid)
        self.score.append(score_of(state))
        self.edges.append([])
        self.waiting.push(state.scene, (nid, state))
        count = self.in_scene[state.scene] = self.in_scene.get(state.scene, 0) + 1
        self.most = max(self.most, count)
        return nid

    def path_to(self, nid: int) -> list[str]:
        out = []
        while nid >= 0 and self.via[nid] is not None:
            out.append(self.via[nid])
            nid = self.parent[nid]
        return out[::-1]

    def _stopped(self, reason: str | None) -> bool:
        if reason is not None:
            self.result.complete, self.result.stopped_by = False, reason
        return reason is not None

    def expand(self, nid: int, state: State) -> None:
        """Take every enabled choice of ``state``, with every random outcome."""
        result, oracle = self.result, self.oracle
        on = result.offer(self.story, state)
        if not on:
            self.stuck.append(nid)
            return
        seen_edges: set[tuple[str, int]] = set()
        for choice in on:
            if self._stopped(self.limits.safety()):  # one scene may offer thousands of choices
                return
            uid = choice.uid
            for after, error in all_outcomes(oracle, stepper(self.story, state, uid, oracle.draw)):
                if error is not None:
                    result.errors.append({"path": self.path_to(nid), "choice": uid, "error": describe(error)})
                    continue
                result.taken.add(uid)
                edge = (uid, self.add(after, nid, uid))
                if edge not in seen_edges:
                    seen_edges.add(edge)
                    self.edges[nid].append(edge)

    def _finish(self) -> None:
        result, scene_of = self.result, self.scene_of
        result.states = len(scene_of)
        result.transitions = sum(len(e) for e in self.edges)
        result.scenes = set(scene_of)
        shortest = shortest_paths(self.roots, self.edges)
        result.dead_ends = [{"scene": scene_of[x], "path": shortest(x)} for x in self.stuck]
        paths(self.story, result, self.roots, scene_of, self.score, self.edges, shortest)
