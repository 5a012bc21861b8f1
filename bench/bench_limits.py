"""Limits bench (#12 item 2): each worst case a lint-clean story may hold, one choice at a time.

``python -m bench.bench_limits`` prints a Markdown table: per case, the slowest choice in CPU
milliseconds (process time, so other programs on the machine count less) and its ratio to the
same-run baseline, an average choice of the shipped story. The contract: every case well under
50 ms. The issue's own cases past the limits are shown refused at load (E210).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from game.engine import Session, limits, load_story
from game.paths import story_dir

from . import limit_cases


def _slowest_choice(path: Path, repeats: int) -> float:
    """The slowest choice of a playthrough taking the first enabled choice, best of ``repeats``."""
    story, diagnostics = load_story(path)
    if story is None:
        raise SystemExit(f"{path}: {[str(d) for d in diagnostics if d.is_error][:3]}")
    best = float("inf")
    for _ in range(repeats):
        session = Session(story, 1)
        slowest = 0.0
        while not session.ended:
            choice = next((c for c in session.frame().choices if c.enabled), None)
            if choice is None:
                break
            t = time.process_time()
            session.choose(choice.uid)
            slowest = max(slowest, time.process_time() - t)
        best = min(best, slowest)
    return best * 1000


def _baseline(repeats: int) -> float:
    """CPU ms of an average choice of the shipped story (first enabled choice each time)."""
    story, _ = load_story(story_dir())
    total, count = 0.0, 0
    for seed in range(repeats):
        session = Session(story, seed)
        while not session.ended and count < 10_000:
            choice = next((c for c in session.frame().choices if c.enabled), None)
            if choice is None:
                break
            t = time.process_time()
            session.choose(choice.uid)
            total += time.process_time() - t
            count += 1
    return total / max(count, 1) * 1000


def run(quick: bool = False) -> str:
    repeats = 1 if quick else 3
    base = _baseline(repeats)
    lines = [
        "## Limits: the slowest choice of each worst case",
        "",
        f"Baseline: an average choice of the shipped story, {base:.2f} ms CPU.",
        "",
        "| case | slowest choice (ms CPU) | × baseline |",
        "| --- | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in limit_cases.CASES.items():
            ms = _slowest_choice(make(folder), repeats)
            lines.append(f"| {name} | {ms:.1f} | {ms / base:.0f} |")
        for name, make in limit_cases.REFUSED.items():
            story, diagnostics = load_story(make(folder))
            codes = sorted({d.code for d in diagnostics if d.is_error})
            lines.append(f"| {name} (past the limits) | refused at load: {', '.join(codes)} | — |")
    lines += [
        "",
        f"Limits used: {limits.CONTACTS} contacts, {limits.TIERS} tiers, {limits.PERKS} perks, "
        f"{limits.RULES} rules, {limits.ACTIONS_PER_CHOICE} actions per choice, "
        f"{limits.CHOICES_PER_SCENE} choices per scene, {limits.STEP_MONTH_WORK} contact-months per choice.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
