"""Soak (#12 item 6): many random playthroughs of the shipped story, checking the invariants.

``python -m bench.soak --runs 10000`` plays each run with its own seed, choosing at random among
the enabled choices, and checks at every step that the score is the rules' start plus the sum of
the ledger's changes, within the range; at the end that the save, written as JSON and read back,
replays its seed and path to the very same state, every step of it (determinism and round trip).
It prints the figures; any violation is listed and makes the exit code 1. The test suite runs a
small count of the same function.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field

from game.engine import Session, load_story, uniform
from game.engine.scoring.engine import model_of, part_of
from game.paths import story_dir

MAX_STEPS = 2_000  # a run that has not ended by then is counted, not an error


@dataclass
class SoakResult:
    runs: int = 0
    steps: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    unfinished: int = 0
    ledger_entries: int = 0
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0


def soak(runs: int, seed: int = 0) -> SoakResult:
    story, diagnostics = load_story(story_dir())
    assert story is not None, [str(d) for d in diagnostics]
    rules = model_of(story).rules
    result = SoakResult()
    began = time.process_time()
    pick = random.Random(seed)
    for run in range(runs):
        game_seed = pick.randrange(2**31)
        session = Session(story, game_seed, {"transparency": "transparent"})
        taken = session.play_on(uniform(pick), MAX_STEPS)
        for step, move in enumerate(taken, 1):
            part = part_of(move.after)
            total = rules.start + sum(entry.delta for entry in part.ledger)
            if part.score != total or not rules.min <= part.score <= rules.max:
                where = f"run {run} seed {game_seed} step {step}"
                result.violations.append(f"{where}: score {part.score} != {total}")
        result.runs += 1
        result.steps += len(taken)
        result.ledger_entries += len(part_of(session.state).ledger)
        if session.ended:
            result.endings[session.state.ending] = result.endings.get(session.state.ending, 0) + 1
        else:
            result.unfinished += 1
        # Loading a save replays its seed and path: a loaded session with every state back is the
        # replay, so equal states prove both determinism and the round trip.
        data = json.loads(json.dumps(session.save_data()))
        loaded = Session.from_save_data(story, data, f"run {run}")
        if len(loaded.states) != len(taken) + 1:
            result.violations.append(
                f"run {run} seed {game_seed}: the save did not replay (not deterministic?)"
            )
        elif loaded.state != session.state:
            result.violations.append(f"run {run} seed {game_seed}: save -> load does not round-trip")
    result.seconds = time.process_time() - began
    return result


def report(result: SoakResult) -> str:
    endings = ", ".join(f"{k} {v}" for k, v in sorted(result.endings.items(), key=lambda kv: -kv[1]))
    return "\n".join(
        [
            f"runs: {result.runs:,}; choices: {result.steps:,}; ledger entries: {result.ledger_entries:,}",
            f"endings: {endings}; unfinished after {MAX_STEPS} choices: {result.unfinished}",
            f"violations: {len(result.violations)}",
            *result.violations[:20],
            f"CPU time: {result.seconds:.1f} s ({result.seconds / max(result.steps, 1) * 1000:.2f} ms "
            "a choice, with the replay and the round trip)",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = soak(args.runs, args.seed)
    print(report(result))
    return 1 if result.violations else 0


if __name__ == "__main__":
    sys.exit(main())
