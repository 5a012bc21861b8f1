"""Run every benchmark and print a Markdown report; ``--write`` also records it in docs/performance.md.

``make bench`` runs this with ``--write``. Every benchmark of ``bench/`` that measures the game has a
section: the engine, startup, flat steps, the limits' worst cases, explore, the class report and demo-logs,
demo-logs before and after, the classroom server and the desktop (frames and memory); ``--peers``
adds the side by side with bardic and inkpython (it installs them into ``bench/.peers``). A section
whose benchmark cannot run here (no pygame, no web server) says why instead.

``--write`` does not overwrite the hand-written record in docs/performance.md (what changed, before
and after, and why): it replaces only the block after the ``LAST_RUN`` heading at its end (adding it
the first time), so the latest full run sits under the history that explains it.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
#: the heading of the block ``--write`` replaces (everything from it to the end of the file)
LAST_RUN = "## Last full run (`make bench`)"


def _sections(quick: bool, peers: bool) -> list[tuple[str, Callable[[], str]]]:
    """(name, run) for every benchmark, in the order of the report; each imports what it needs."""

    def engine() -> str:
        from . import bench_engine

        return bench_engine.run(quick=quick)

    def startup() -> str:
        from . import bench_startup

        return bench_startup.run(quick=quick)

    def steps() -> str:
        from . import bench_steps

        return bench_steps.run(quick=quick)

    def limits() -> str:
        from . import bench_limits

        return bench_limits.run(quick=quick)

    def explore() -> str:
        from . import bench_explore

        return bench_explore.run(quick=quick)

    def report() -> str:
        from . import bench_report

        return bench_report.run(quick=quick)

    def demo() -> str:
        from . import bench_demo

        return bench_demo.run(quick=quick)

    def server() -> str:
        from . import bench_server

        return bench_server.run(quick=quick)

    def peer() -> str:
        from . import bench_peers

        return bench_peers.run(quick=quick)

    def frames() -> str:
        from . import bench_frames

        return bench_frames.run(quick=quick)

    def memory() -> str:
        from . import bench_memory

        return bench_memory.run(quick=quick)

    out = [
        ("Engine", engine),
        ("Startup", startup),
        ("Flat steps", steps),
        ("Limits", limits),
        ("Explore", explore),
        ("Class report and demo-logs", report),
        ("demo-logs, before and after", demo),
        ("Classroom server", server),
    ]
    if peers:
        out.append(("Side by side with bardic and inkpython", peer))
    return out + [("Desktop frames", frames), ("Desktop memory", memory)]


def _section(name: str, run: Callable[[], str]) -> str:
    """One benchmark's section; one that cannot run here, or fails, says so and the others go on (a
    run of every benchmark takes many minutes: one failure must not lose the rest)."""
    try:
        return run()
    except ImportError as exc:  # depends on the machine (pygame, the web extra)
        return f"## {name}\n\nSkipped: {exc}\n"
    except Exception as exc:  # noqa: BLE001 - reported in its section, and on standard error
        print(f"bench: {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return f"## {name}\n\nFailed: {type(exc).__name__}: {exc}\n"


def record(doc: str, run: str) -> str:
    """``doc`` with its last-run block (from :data:`LAST_RUN` to the end) replaced by ``run``, its
    headings one level down so that they sit under it."""
    kept = doc.split("\n" + LAST_RUN + "\n", 1)[0].rstrip("\n")
    nested = "\n".join("#" + line if line.startswith("#") else line for line in run.splitlines())
    return f"{kept}\n\n{LAST_RUN}\n\n{nested.strip()}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--write", action="store_true", help="record the report at the end of docs/performance.md"
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats (a smoke run)")
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also side by side with bardic and inkpython (installed into bench/.peers)",
    )
    args = parser.parse_args(argv)
    sections = [_section(name, run) for name, run in _sections(args.quick, args.peers)]
    header = (
        "# Performance\n\n"
        f"Measured {date.today().isoformat()} with `python -m bench` on {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {sys.platform}. Ratios compare with a baseline "
        "measured in the same run, so they travel between machines better than the times do.\n"
    )
    report = header + "\n" + "\n".join(sections)
    print(report)
    if args.write:
        DOC.write_text(record(DOC.read_text(encoding="utf-8"), report), encoding="utf-8")
        print(f"(recorded at the end of {DOC})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
