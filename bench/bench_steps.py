"""Flat steps: a step's cost against story size and game length; a long session's memory.

Each figure is a ratio against a baseline measured in the same run (the 20-scene story, the first
thousand choices), so it travels between machines. On a shared machine other jobs stretch some
choices at random: each game is played ``repeats`` times (the same seed plays the same choices), the
sizes taking turns, and each choice keeps its fastest time (min of N), which is what the choice costs
when nothing else runs. Run: ``python -m bench.bench_steps [--quick] [--repeats N]``.
"""

from __future__ import annotations

import gc
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from game.engine import Session, available, choose, load_story, start

from .bench_engine import generated_story

SIZES = (20, 200, 2_000, 10_000)


def step_times(story, choices: int, seed: int = 1) -> list[float]:
    """A game of ``choices`` choices taken at random without restarting (so the path, the visit and
    choice counts grow); returns the seconds each choice took, in order (the same seed plays the same
    choices, so two games' lists compare choice by choice)."""
    rng = random.Random(seed)
    state, _ = start(story, seed)
    times: list[float] = []
    for _ in range(choices):
        ids = [c.id for c, enabled, _ in available(story, state) if enabled]
        if not ids:
            state, _ = start(story, rng.randrange(1 << 30))
            continue
        t0 = time.perf_counter()
        state, _ = choose(story, state, rng.choice(ids))
        times.append(time.perf_counter() - t0)
    return times


def step_cost(stories: dict[int, object], choices: int, repeats: int) -> dict[int, tuple[float, float]]:
    """For each story (by size): µs per choice over the first and the last tenth of a game of
    ``choices`` choices, each choice's fastest of ``repeats`` games; the sizes take turns, so a busy
    spell of the machine falls on all of them."""
    best: dict[int, list[float]] = {}
    for _ in range(repeats):
        for n, story in stories.items():
            times = step_times(story, choices)
            best[n] = times if n not in best else [min(a, b) for a, b in zip(best[n], times, strict=True)]
    out = {}
    for n, times in best.items():
        tenth = max(len(times) // 10, 1)
        out[n] = (sum(times[:tenth]) / tenth * 1e6, sum(times[-tenth:]) / tenth * 1e6)
    return out


def loop_story(folder: Path) -> Path:
    """Two scenes around a loop, with the shipped scoring model's kind of rules: every choice changes
    the score, so the ledger grows with the game."""
    folder.mkdir(parents=True, exist_ok=True)
    text = """
story: {id: loop, title: Loop, start: a}
calendar: {start: 2015-01}
variables:
  n: {type: int, initial: 0, min: 0}
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 500}
  factors: {behaviour: Behaviour}
  rules:
    - {id: up, on: {behave: [up]}, factor: behaviour, change: 1}
    - {id: down, on: {behave: [down]}, factor: behaviour, change: -1}
scenes:
  a:
    choices:
      - {id: up, text: Up, actions: [{behave: up}], effects: [n += 1], next: b}
  b:
    choices:
      - {id: down, text: Down, actions: [{behave: down}], next: a}
"""
    (folder / "story.yaml").write_text(text, encoding="utf-8")
    return folder


def session_memory(path: Path, choices: int) -> float:
    """MB held by a :class:`Session` (with its undo) after ``choices`` choices (tracemalloc)."""
    story, diagnostics = load_story(path)
    assert story is not None, [str(d) for d in diagnostics[:3]]
    gc.collect()
    tracemalloc.start()
    session = Session(story, 1)
    for i in range(choices):
        session.choose("up" if i % 2 == 0 else "down")
    gc.collect()
    used = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del session
    return used / 1e6


def run(quick: bool = False, repeats: int | None = None) -> str:
    sizes = SIZES[:3] if quick else SIZES
    choices = 2_000 if quick else 10_000
    repeats = repeats or (2 if quick else 5)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        stories = {n: load_story(generated_story(Path(tmp) / f"g{n}", n))[0] for n in sizes}
        costs = step_cost(stories, choices, repeats)
        base = costs[sizes[0]][0]
        for n in sizes:
            first, last = costs[n]
            rows.append(
                f"| {n:,} | {first:.1f} µs | {last:.1f} µs | {first / base:.2f}× | {last / first:.2f}× |"
            )
        long_run = 2_000 if quick else 20_000
        mb = session_memory(loop_story(Path(tmp) / "loop"), long_run)
    return "\n".join(
        [
            "## Flat steps",
            "",
            f"A random game of {choices:,} choices without restarting on generated stories of each size,",
            f"played {repeats} times (the sizes taking turns), each choice's fastest time kept (min of N);",
            "µs per choice over the first and the last tenth of the game. Goals: the cost at 10,000 scenes",
            "within 1.3× of 20 scenes, and the last tenth as cheap as the first.",
            "",
            "| scenes | first tenth | last tenth | size ratio (vs 20 scenes) | length ratio (last/first) |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
            f"A session of {long_run:,} choices around a two-scene loop that changes the score every choice,",
            f"with undo available back to the start: {mb:.1f} MB held (tracemalloc; goal under 100 MB at",
            "20,000 choices).",
            "",
        ]
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.bench_steps", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args()
    print(run(quick=args.quick, repeats=args.repeats))
