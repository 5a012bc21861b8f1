"""The class report and demo-logs at classroom scale (#14 item 7, #16 item 4).

``python -m bench.bench_report [--players N]`` writes N demo logs (default 1,000) of the shipped
story, then measures, each in a fresh process as a facilitator runs them:

- ``socialscore report DIR -o FILE``: wall time, CPU time and peak memory (the child's maximum
  resident set), against a **baseline in the same run**: a bare ``json.loads`` of every line of
  every log, in its own process (the least any reader of these logs must do). Goal: 2 s, 200 MB.
- ``socialscore demo-logs DIR --players N``: wall and CPU time, against the engine alone playing
  the same N games (``simulate.play_once``, no log) in the same run. Goal: under 10 s.

``--logs DIR`` measures the report (and its baseline) on logs already written, without demo-logs.

Times depend on the machine and on what else runs (the team's machine is shared): the ratios travel
better. Benchmarks are not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_PARSE = """
import json, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.jsonl")):
    with open(path, "rb") as f:
        for line in f:
            json.loads(line)
"""

ENGINE_ALONE = """
import sys
from game.engine import load_story
from game.paths import story_dir
from game.workshop.demo import POLICY_CYCLE
from game.workshop.simulate import play_once, policy_named
story, _ = load_story(story_dir())
for i in range(int(sys.argv[1])):
    play_once(story, policy_named(POLICY_CYCLE[i % 3]), i, {"transparency": "partial"})
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # An installed game comes with its compiled bytecode: let the warm-up run write it here too, or
    # every timed run would compile the game's modules first (a few tenths of a second).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd``; (wall s, CPU s of the child, peak resident MB of any child so far)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env())
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def run(players: int = 1000, quick: bool = False, logs_dir: str | None = None, repeats: int = 3) -> str:
    """The table; with ``logs_dir`` (logs already written) only the report and its baseline. The
    report's figure is its run with the least CPU time of ``repeats`` (after a warm-up)."""
    players = 100 if quick else players
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(logs_dir) if logs_dir else Path(tmp) / "logs"
        demo = engine = None
        if not logs_dir:
            demo = timed([py, "-m", "game", "demo-logs", str(logs), "--players", str(players)])
            engine = timed([py, "-c", ENGINE_ALONE, str(players)])
        found = list(logs.rglob("*.jsonl"))
        size = sum(p.stat().st_size for p in found) / 1e6
        bare = timed([py, "-c", BARE_PARSE, str(logs)])
        command = [py, "-m", "game", "report", str(logs), "-o", str(Path(tmp) / "r.html")]
        timed(command)  # warm-up: writes the bytecode, and the logs are in the page cache
        # peak memory: the report runs last, so the children's maximum is its own unless the demo's was higher
        report = min((timed(command) for _ in range(repeats)), key=lambda r: r[1])
    peak = report[2] if demo is None or report[2] > demo[2] else None
    rows = [
        f"| report of {len(found):,} logs ({size:.0f} MB) | {report[0]:.2f} s | {report[1]:.2f} s "
        f"| {f'{peak:.0f} MB' if peak else '≤ demo'} | bare JSON parse: {bare[1]:.2f} s CPU "
        f"| {report[1] / bare[1]:.2f}× |",
    ]
    if demo is not None and engine is not None:
        rows.append(
            f"| demo-logs, {players:,} players | {demo[0]:.2f} s | {demo[1]:.2f} s | – "
            f"| engine alone, same games: {engine[1]:.2f} s CPU | {demo[1] / engine[1]:.2f}× |"
        )
    return "\n".join(
        [
            "## Class report and demo-logs",
            "",
            "`python -m bench.bench_report`: each command in a fresh process (interpreter start-up",
            "included, with bytecode as installed; the report's least-CPU run of 3 after a warm-up), its",
            "baseline measured in the same run. Goals (#14 item 7, #16 item 4): the report",
            "of 1,000 logs in at most 2 s and 200 MB; demo-logs for 1,000 players under 10 s.",
            "",
            "| run | wall | CPU | peak memory | baseline (same run) | CPU / baseline |",
            "| --- | ---: | ---: | ---: | --- | ---: |",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_report", description=__doc__.split("\n")[0])
    parser.add_argument("--players", type=int, default=1000, help="logs to write and read (default 1000)")
    parser.add_argument("--quick", action="store_true", help="100 players (a smoke run)")
    parser.add_argument("--logs", metavar="DIR", help="report on these logs (no demo-logs run)")
    args = parser.parse_args(argv)
    print(run(args.players, args.quick, args.logs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
