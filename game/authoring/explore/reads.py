"""What the story reads: which names can still change what happens from each scene, and the
scene graph's strongly connected components (for reachability and the order of scenes)."""

from __future__ import annotations

from collections import deque

from ...engine import Story
from ...engine.expr import Compiled
from ..lint import targets


def conditions(scene) -> list[Compiled]:
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
    succ = {sid: targets(scene) for sid, scene in story.scenes.items()}
    pred: dict[str, set[str]] = {sid: set() for sid in story.scenes}
    for sid, targets_of in succ.items():
        for target in targets_of:
            pred[target].add(sid)
    own = {sid: {n for c in conditions(scene) for n in c.reads} for sid, scene in story.scenes.items()}
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


class Reach:
    """Which scenes are reachable from which (itself included): one bit per strongly connected
    component, ORed up the condensed graph, so a long chain costs a few megabytes, not a set per
    scene."""

    def __init__(self, story: Story) -> None:
        components = strong_components(story)
        self.component = {sid: i for i, comp in enumerate(components) for sid in comp}
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


def scene_ranks(story: Story) -> dict[str, int]:
    """A rank per scene such that a scene comes after every scene that leads to it, except within a
    loop (scenes of one strongly connected component share a rank)."""
    components = strong_components(story)
    # Tarjan finds a component after every component it leads to: reverse for the rank.
    return {sid: len(components) - i for i, comp in enumerate(components) for sid in comp}


def strong_components(story: Story) -> list[list[str]]:
    """The scene graph's strongly connected components, each after every component it leads to
    (Tarjan's algorithm, iteratively)."""
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
