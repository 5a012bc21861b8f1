"""Explore on the shipped story, both cuts (#16 item 3): goal, every ending reported reachable in under 5 s.

``python -m bench.bench_explore`` runs, each in a fresh process (interpreter start-up and loading the
story included), in the same run:

- **explore**: ``socialscore explore story/pearl --set cut=CUT --json`` as an author runs it (today:
  an exact attempt within its budgets, then merged by intervals);
- **before** (not with ``--quick``: it takes minutes): the two searches ``auto`` made before intervals,
  an exact attempt of 8,000 states and then merged by extremes;
- **baseline**: ``socialscore simulate --policy random --runs 100 --set cut=CUT``, a hundred random
  games of the same story with the same engine, what an author would otherwise run to look for endings.

It prints wall and CPU time (the machine is shared: CPU time moves less when others compete), the
endings reached and the states explored, and each time as a ratio to the baseline's. Benchmarks are not
tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from game.paths import story_dir

BEFORE = """
import json, sys
from game.authoring.explore import explore
from game.engine import load_story_or_raise
story = load_story_or_raise(sys.argv[1])
sets = {"cut": sys.argv[2]}
first = explore(story, 8000, mode="exact", sets=sets)
result = explore(story, mode="extremes", sets=sets)
found = set(first.endings) | set(result.endings)
print(json.dumps({"endings": sorted(found), "states": result.states + first.states}))
"""


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the child's user + system time) and standard output of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def run(quick: bool = False) -> str:
    py, story = sys.executable, str(story_dir())
    rows = []
    for cut in ("classroom", "full"):
        base = timed(
            [py, "-m", "game", "simulate", "--story", story, "--policy", "random", "--runs", "100"]
            + ["--set", f"cut={cut}", "--json"]
        )
        runs = [("explore", [py, "-m", "game", "explore", story, "--set", f"cut={cut}", "--json"])]
        if not quick:
            runs.append(("before: exact 8,000 + extremes", [py, "-c", BEFORE, story, cut]))
        for name, cmd in runs:
            wall, cpu, out = timed(cmd)
            data = json.loads(out)
            endings = data["endings"] if name != "explore" else [e["id"] for e in data["endings"]]
            how = data.get("mode", "extremes")
            rows.append(
                f"| {cut} | {name} ({how}) | {len(endings)} | {data['states']:,} | {wall:.2f} s "
                f"| {cpu:.2f} s | {base[1]:.2f} s | {cpu / base[1]:.2f}× |"
            )
    return "\n".join(
        [
            "## Explore",
            "",
            "`python -m bench.bench_explore`: `socialscore explore` on the shipped story, each command in a",
            "fresh process (start-up and loading included), against a baseline in the same run: `socialscore",
            "simulate --policy random --runs 100` (a hundred random games). Goal (#16 item 3): every ending",
            "in under 5 s.",
            "",
            "| cut | run | endings | states | wall | CPU | baseline CPU | CPU / baseline |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_explore", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="without the before run (it takes minutes)")
    args = parser.parse_args(argv)
    print(run(args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
