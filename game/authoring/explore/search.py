"""``explore``: choose the mode, run the search, and fall back from exact to merged by intervals."""

from __future__ import annotations

from collections.abc import Callable

from ...engine import Mode, Story
from .exact import explore_exact
from .extremes import explore_extremes, merge_found
from .limits import DEFAULT_MAX_MEMORY_MB, Limits, clock
from .result import Exploration

DEFAULT_MAX_STATES = 200_000

#: the modes of :func:`explore` (see the module doc)
MODES = ("auto", "exact", "intervals", "extremes", "coarse")
#: "auto" first explores exactly, within this many states, before merging by intervals: a budget in
#: states (not seconds), so the answer is the same on any machine
EXACT_BUDGET_STATES = 8_000
#: ... and within this many states in any one scene: a story whose numbers make a scene's states
#: multiply (the shipped story: 100 in one scene after 2,175 states) gives up early; a generated
#: hundred-scene story explored exactly has at most 66 in a scene
EXACT_BUDGET_PER_SCENE = 100
#: "auto" merges by extremes too when merging by intervals took fewer states than this: on a small
#: story the extremes (more states kept: every number's, each band's, each network's) cost little
#: and find more (Many Numbers: 5 endings of 5 in 869 states, by intervals 4 in 154); on the shipped
#: story they would cost seven times the intervals (62,702 states against 9,011)
EXTREMES_BELOW = 500
#: "auto" does not try the exact search when merging by intervals took more states than this: the
#: exact search keeps every number apart, so it takes many times the intervals' states (the shipped
#: story: 9,011 by intervals; exactly, 100 states in one scene after 2,176, and 20,000 do not leave the
#: first chapter); the classroom cut (747), Many Numbers (154) and a generated hundred-scene story
#: (396, then 5,766 exactly) are tried
EXACT_AFTER = 2_000


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

    ``mode`` is ``"auto"`` (the default: exact if that fits in ``EXACT_BUDGET_STATES`` states, and
    ``EXACT_BUDGET_PER_SCENE`` in each scene, and merging by intervals took at most ``EXACT_AFTER``;
    otherwise merged by intervals; see :func:`_auto`), ``"exact"``,
    ``"intervals"``, ``"extremes"`` or ``"coarse"`` (also ``coarse=True``).
    ``max_states`` bounds the whole run; ``max_seconds`` and ``max_memory_mb`` (0: no limit) are safety
    stops. The result says which mode answered (``mode``), whether the search finished (``complete``)
    and, if not, which limit stopped it (``stopped_by``).
    """
    if coarse:
        mode = "coarse"
    if mode not in MODES:
        raise ValueError(f"unknown exploration mode {mode!r} (one of {', '.join(MODES)})")
    options = dict(options or {"transparency": Mode.TRANSPARENT})
    began = clock()
    limits = Limits(max_states, began + max_seconds if max_seconds else None, max_memory_mb)
    if mode in ("exact", "coarse"):
        return explore_exact(story, limits, options, mode == "coarse", at, sets, progress)
    if mode != "auto":
        return explore_extremes(story, limits, options, at, sets, progress, intervals=mode == "intervals")
    return _auto(story, limits, options, at, sets, progress, began)


def _auto(story, limits: Limits, options, at, sets, progress, began: float) -> Exploration:
    """Merged by intervals first (cheap); then exact within the budgets, unless the intervals took more
    than ``EXACT_AFTER`` states; if the exact search finishes, its answer; otherwise the intervals',
    and, if they took fewer than ``EXTREMES_BELOW`` states, merged by extremes too. Each later result
    takes in what the earlier searches found (all of it real, with real paths)."""
    merged = explore_extremes(story, limits, options, at, sets, progress, intervals=True)
    if merged.complete and merged.states > EXACT_AFTER:
        merged.exact_skipped = True  # too big: the exact search would keep every number apart
        return merged
    if not merged.complete and merged.stopped_by != "states":
        return merged  # a safety stop: an exact attempt now would stop at once
    max_states = limits.max_states
    budget = limits.with_states(min(max_states, EXACT_BUDGET_STATES), EXACT_BUDGET_PER_SCENE)
    first = explore_exact(story, budget, options, False, at, sets, progress)
    if first.complete or first.stopped_by != "states" or max_states <= first.states:
        first.seconds = clock() - began
        return first  # done, or a limit of the caller's stopped it: report that
    result = merged
    if result.complete and result.states < EXTREMES_BELOW:
        thorough = explore_extremes(story, limits, options, at, sets, progress)
        if thorough.complete:
            merge_found(thorough, result)
            result = thorough
    result.exact_attempt = {
        "states": first.states,
        "seconds": round(first.seconds, 3),
        "stopped_by": first.stopped_by,
    }
    merge_found(result, first)
    result.seconds = clock() - began
    return result
