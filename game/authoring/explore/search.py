"""``explore``: choose the mode, run the search, and fall back from exact to merged by extremes."""

from __future__ import annotations

from collections.abc import Callable

from ...engine import Mode, Story
from .exact import explore_exact
from .extremes import explore_extremes, merge_found
from .limits import DEFAULT_MAX_MEMORY_MB, Limits, clock
from .result import Exploration

DEFAULT_MAX_STATES = 200_000

#: the modes of :func:`explore` (see the module doc)
MODES = ("auto", "exact", "extremes", "coarse")
#: "auto" first explores exactly, within this many states, before merging by extremes: a budget in
#: states (not seconds), so the answer is the same on any machine
EXACT_BUDGET_STATES = 8_000


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
    began = clock()
    limits = Limits(max_states, began + max_seconds if max_seconds else None, max_memory_mb)
    if mode in ("exact", "coarse"):
        return explore_exact(story, limits, options, mode == "coarse", at, sets, progress)
    first = None
    if mode == "auto":
        budget = limits.with_states(min(max_states, EXACT_BUDGET_STATES))
        first = explore_exact(story, budget, options, False, at, sets, progress)
        if first.complete or first.stopped_by != "states" or max_states <= EXACT_BUDGET_STATES:
            return first  # done, or a limit of the caller's stopped it: report that
    result = explore_extremes(story, limits, options, at, sets, progress)
    if first is not None:
        result.exact_attempt = {
            "states": first.states,
            "seconds": round(first.seconds, 3),
            "stopped_by": first.stopped_by,
        }
        merge_found(result, first)
    result.seconds = clock() - began
    return result
