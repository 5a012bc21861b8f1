"""Classroom server capacity: simulated players on a real ``socialscore serve`` (127.0.0.1), each
choosing once a second (a page load and a posted choice per round). Prints response times (p50, p95,
p99) for 60 players (the issue's class: its target is p99 at most 100 ms) and 300 (capacity), the p99
also as a ratio to the same server's time for a static file measured in the same run, so the figures
travel between machines, and the server's own CPU per request.

Run alone: ``python -m bench.bench_server [--quick] [--players N ...] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from .server_load import Server, simulate


def _static_baseline(server: Server, n: int = 200) -> float:
    """The median time of GET /static/style.css: the server's floor on this machine."""
    import httpx

    times = []
    with httpx.Client(base_url=server.url) as client:
        for _ in range(n):
            t0 = time.perf_counter()
            client.get("/static/style.css")
            times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


#: the issue's target for 60 players choosing every second (#17 item 6)
TARGET_P99 = 0.100


def run(quick: bool = False, sizes: tuple[int, ...] = (), rounds: int = 0) -> str:
    sizes = sizes or ((60, 120) if quick else (60, 300))
    rounds = rounds or (5 if quick else 10)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for players in sizes:
            with Server(Path(tmp) / f"room-{players}.sqlite3") as server:
                base = _static_baseline(server)
                result = simulate(server, players, rounds)
            p50, p95, p99 = (result.percentile(p) for p in (50, 95, 99))
            per = result.server_cpu / max(1, len(result.latencies))
            met = ("yes" if p99 <= TARGET_P99 else "no") if players == 60 else ""
            rows.append(
                f"| {players} | {len(result.latencies)} | {len(result.errors)} | {p50 * 1000:.1f} ms "
                f"| {p95 * 1000:.1f} ms | {p99 * 1000:.1f} ms | {met} | {base * 1000:.2f} ms "
                f"| {p99 / base:.0f}× "
                f"| {per * 1000:.2f} ms | {1 / per if per else 0:.0f} |"
            )
    return (
        "## Classroom server\n\n"
        "`socialscore serve` on 127.0.0.1 (one uvicorn process, SQLite in WAL mode, synchronous=NORMAL), "
        f"simulated players each loading their page and posting a choice once a second for {rounds} rounds "
        "(`bench/bench_server.py`; the client runs on the same machine). The baseline is the same server's "
        "median time for a static file. Server CPU per request is the server process's own CPU time (from "
        "/proc) over the requests served: it does not grow when other programs share the cores, and one "
        "core's capacity follows from it (requests a second).\n\n"
        "| players | requests | errors | p50 | p95 | p99 | p99 ≤ 100 ms | static-file baseline "
        "| p99 / baseline "
        "| server CPU per request | one core's capacity (req/s) |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |\n"
        + "\n".join(rows)
        + "\n"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.bench_server", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--players", type=int, nargs="+", default=[], help="class sizes (default 60 300)")
    parser.add_argument("--rounds", type=int, default=0, help="choices per player (default 10)")
    args = parser.parse_args()
    print(run(quick=args.quick, sizes=tuple(args.players), rounds=args.rounds))
