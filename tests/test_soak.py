"""The soak's invariants on a small count of random playthroughs of the shipped story (the 10,000-run
figures are in docs/reliability.md: ``python -m bench.soak``)."""

from __future__ import annotations

from bench.soak import soak


def test_random_playthroughs_keep_the_ledger_determinism_and_round_trip():
    result = soak(25, seed=12)
    assert result.violations == []
    assert result.runs == 25 and result.steps > 25 and sum(result.endings.values()) + result.unfinished == 25
