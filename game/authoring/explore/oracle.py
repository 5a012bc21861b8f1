"""Random draws enumerated, not sampled: a stand-in for the seeded generator, and every combination
of outcomes of one step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

#: a draw with more possible values than this is sampled, and the result marked partial
MAX_OUTCOMES = 1000
#: at most this many replays of one step (combinations of several draws)
MAX_REPLAYS = 10_000


class Oracle:
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


def all_outcomes(oracle: Oracle, step: Callable[[], Any]) -> Iterator[tuple[Any, Exception | None]]:
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
