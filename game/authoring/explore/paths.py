"""The graph of merged states (exact and coarse modes): shortest paths, path counts, loops and the
longest path."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from .result import EndingReport


def shortest_paths(roots: list[int], edges: list[list[tuple[str, int]]]) -> Callable[[int], list[str]]:
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


def paths(story, result, roots, scene_of, score, edges, path_to) -> None:
    """Count paths to each ending, find loops and the longest path (see the module doc)."""
    order, back = _order(roots, edges)
    counts, longest, best_from = _count(roots, edges, order, back)
    reaches_loop = _loop_finder(edges, back)
    by_ending: dict[str, list[int]] = {}
    for node in range(len(scene_of)):
        if story.scenes[scene_of[node]].is_ending:
            by_ending.setdefault(scene_of[node], []).append(node)
    for ending in story.endings:
        nodes = by_ending.get(ending.id)
        if nodes:
            result.endings[ending.id] = _ending_report(ending, nodes, counts, score, path_to, reaches_loop)
    ends = [x for nodes in by_ending.values() for x in nodes]
    if ends:
        node = max(ends, key=lambda x: longest[x])
        result.longest_loops = reaches_loop([node])
        steps = []
        while best_from[node] is not None:
            node, uid = best_from[node]  # type: ignore[misc]
            steps.append(uid)
        result.longest = steps[::-1]


def _order(roots: list[int], edges: list[list[tuple[str, int]]]) -> tuple[list[int], set[tuple[int, int]]]:
    """A topological order of the graph without the edges that close loops, and those edges (node,
    edge index): an iterative depth-first search from the roots, where an edge to a state on the stack
    closes a loop."""
    state_of = [0] * len(edges)  # 0 new, 1 on stack, 2 done
    order: list[int] = []
    back: set[tuple[int, int]] = set()
    for root in roots:
        if state_of[root]:
            continue
        state_of[root] = 1
        stack = [(root, 0)]
        while stack:
            node, i = stack[-1]
            if i >= len(edges[node]):
                state_of[node] = 2
                order.append(node)
                stack.pop()
                continue
            stack[-1] = (node, i + 1)
            target = edges[node][i][1]
            if state_of[target] == 1:
                back.add((node, i))
            elif state_of[target] == 0:
                state_of[target] = 1
                stack.append((target, 0))
    order.reverse()
    return order, back


def _count(roots, edges, order, back) -> tuple[list[int], list[int], list[tuple[int, str] | None]]:
    """Per state: the paths from a root, the longest path's length and the step it came by (loops left
    out)."""
    n = len(edges)
    counts = [0] * n
    longest = [-1] * n
    best_from: list[tuple[int, str] | None] = [None] * n
    for root in roots:
        counts[root] = 1
        longest[root] = 0
    for node in order:
        for i, (uid, target) in enumerate(edges[node]):
            if (node, i) in back:
                continue
            counts[target] += counts[node]
            if longest[node] + 1 > longest[target]:
                longest[target] = longest[node] + 1
                best_from[target] = (node, uid)
    return counts, longest, best_from


def _loop_finder(edges, back) -> Callable[[list[int]], bool]:
    """A function saying whether any of some states can be reached from a loop's head (so infinitely
    many paths lead to them)."""
    reverse: list[list[int]] = [[] for _ in range(len(edges))]
    for node, out in enumerate(edges):
        for _, target in out:
            reverse[target].append(node)
    loop_heads = {edges[node][i][1] for node, i in back}

    def reaches_loop(nodes: list[int]) -> bool:
        seen = set(nodes)
        todo = list(nodes)
        while todo:
            node = todo.pop()
            if node in loop_heads:
                return True
            for prev in reverse[node]:
                if prev not in seen:
                    seen.add(prev)
                    todo.append(prev)
        return False

    return reaches_loop


def _ending_report(ending, nodes, counts, score, path_to, reaches_loop) -> EndingReport:
    report = EndingReport(ending.id, ending.title.raw)
    report.states = len(nodes)
    report.paths = sum(counts[x] for x in nodes)
    report.loops = reaches_loop(nodes)
    report.shortest = path_to(min(nodes, key=lambda x: path_to.distance[x]))
    scored = [x for x in nodes if score[x] is not None]
    if scored:
        low = min(scored, key=lambda x: score[x])
        high = max(scored, key=lambda x: score[x])
        report.score_min, report.score_max = score[low], score[high]
        report.lowest, report.highest = path_to(low), path_to(high)
    return report
