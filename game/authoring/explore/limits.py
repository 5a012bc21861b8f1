"""When a search stops: the state budget, and the safety stops (time and memory)."""

from __future__ import annotations

import os
import time

from ...launch.tools import ExploreOptions, default


def clock() -> float:
    """Seconds on a monotonic clock: the one clock of every search (tests replace ``time`` here)."""
    return time.perf_counter()


#: a safety stop: the search stops when the process holds more memory than this (0: no limit); the
#: command line's default, written once (``socialscore explore --max-memory``)
DEFAULT_MAX_MEMORY_MB = default(ExploreOptions, "max_memory")


class Limits:
    """When a search stops: after ``max_states`` states, or more than ``per_scene`` states in one scene
    (0: no such limit), the budget, which gives the same answer on any machine; or, as safety stops, at
    ``deadline`` (a :func:`clock` value; None: never) or when the process's resident memory passes
    ``max_memory_mb`` (0: never). :meth:`reason` names the limit reached ("states", "time" or
    "memory"), or gives None to go on."""

    def __init__(
        self, max_states: int, deadline: float | None, max_memory_mb: int, per_scene: int = 0
    ) -> None:
        self.max_states, self.deadline, self.max_memory_mb = max_states, deadline, max_memory_mb
        self.per_scene = per_scene
        self._checks = 0

    def with_states(self, max_states: int, per_scene: int = 0) -> Limits:
        return Limits(max_states, self.deadline, self.max_memory_mb, per_scene)

    def reason(self, states: int, most_in_a_scene: int = 0) -> str | None:
        if states >= self.max_states or (self.per_scene and most_in_a_scene > self.per_scene):
            return "states"
        return self.safety()

    def safety(self) -> str | None:
        """The safety stops alone: cheap enough to ask before every step."""
        if self.deadline is not None and clock() > self.deadline:
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
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):  # pragma: no cover - not a POSIX system
    _PAGE = 4096
