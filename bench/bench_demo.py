"""demo-logs at classroom scale, before and after (#16 item 4, #15): goal, 1,000 players under 10 s.

``python -m bench.bench_demo [--players N]`` writes N demo logs of the shipped story four ways, each
in a fresh process (interpreter start-up and story load included), in the same run:

- **before**: one process, a conformist that tries every offered choice at every step (as demo-logs
  played until the conformist kept its picks, :class:`game.workshop.simulate.Conformist`);
- **one process**: today's demo-logs with ``workers=1``;
- **workers**: today's demo-logs as the command runs it (a process per core, :func:`default_workers`);
- **engine alone**: the same N games played by :func:`~game.workshop.simulate.play_once` with
  today's policies and no log, the floor any demo-logs must pay;
- with ``--baseline DIR`` (another checkout of the game, such as main before a change), also
  **baseline**: that checkout's demo-logs in one process, so a change is measured against the code
  before it in the same run.

Times depend on the machine and on what else runs on it (the team's machine is shared), so the
table gives wall and CPU time and the ratio to "before" measured in the same run. Benchmarks are not
tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time

DEMO = """
import sys
from game.engine import load_story
from game.paths import story_dir
from game.workshop import demo, simulate
players, workers, before = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "before"
if before:  # the conformist as it was: every choice tried at every step, nothing kept
    policy_named = simulate.policy_named
    demo.policy_named = lambda name: simulate.conformist if name == "conformist" else policy_named(name)
story, _ = load_story(story_dir())
demo.write_demo_logs(story, sys.argv[1], players, 0, workers=workers)
"""

ENGINE_ALONE = """
import sys
from game.engine import load_story
from game.paths import story_dir
from game.workshop.demo import POLICY_CYCLE
from game.workshop.simulate import play_once, policy_named
story, _ = load_story(story_dir())
policies = {name: policy_named(name) for name in POLICY_CYCLE}
for i in range(int(sys.argv[1])):
    play_once(story, policies[POLICY_CYCLE[i % 3]], i, {"transparency": "partial"})
"""


def timed(cmd: list[str], cwd: str | None = None) -> tuple[float, float]:
    """Run ``cmd`` (in ``cwd``: its ``game`` package is the one imported); (wall s, CPU s of it and
    every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=cwd)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(players: int = 1000, quick: bool = False, baseline: str | None = None) -> str:
    from game.workshop.demo import default_workers

    players = 100 if quick else players
    workers = default_workers(players)
    py = sys.executable
    rows = []
    runs = [("before (one process, conformist tries every choice)", 1, "before", None)]
    if baseline:
        runs.append((f"baseline: {baseline}, one process", 1, "after", baseline))
    runs.append(("one process", 1, "after", None))
    if workers > 1:
        runs.append((f"{workers} worker processes (as `socialscore demo-logs` runs)", workers, "after", None))
    first = None
    for title, n, which, cwd in runs:
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu = timed([py, "-c", DEMO, tmp, str(players), str(n), which], cwd)
        first = first or wall
        rows.append(f"| {title} | {wall:.2f} s | {cpu:.2f} s | {wall / first:.2f}× |")
    wall, cpu = timed([py, "-c", ENGINE_ALONE, str(players)])
    rows.append(f"| engine alone, same games, no log | {wall:.2f} s | {cpu:.2f} s | {wall / first:.2f}× |")
    return "\n".join(
        [
            "## demo-logs",
            "",
            f"`python -m bench.bench_demo --players {players}`: each run in a fresh process (start-up and",
            "story load included), all in the same run. Goal (#16 item 4): 1,000 players under 10 s.",
            "",
            "| run | wall | CPU | wall / before |",
            "| --- | ---: | ---: | ---: |",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_demo", description=__doc__.split("\n")[0])
    parser.add_argument("--players", type=int, default=1000, help="players to write (default 1000)")
    parser.add_argument("--quick", action="store_true", help="100 players (a smoke run)")
    parser.add_argument("--baseline", metavar="DIR", help="also time the demo-logs of another checkout")
    args = parser.parse_args(argv)
    print(run(args.players, args.quick, args.baseline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
