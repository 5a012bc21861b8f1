"""Run every benchmark and print a Markdown report; ``--write`` also updates docs/performance.md."""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import date
from pathlib import Path

from . import bench_engine, bench_startup, bench_steps

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the report to docs/performance.md")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats (a smoke run)")
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also side by side with bardic and inkpython (installed into bench/.peers)",
    )
    args = parser.parse_args(argv)
    sections = [
        bench_engine.run(quick=args.quick),
        bench_startup.run(quick=args.quick),
        bench_steps.run(quick=args.quick),
    ]
    if args.peers:
        from . import bench_peers

        sections.append(bench_peers.run(quick=args.quick))
    try:
        from . import bench_frames  # the desktop benchmark needs pygame

        sections.append(bench_frames.run(quick=args.quick))
        from . import bench_memory

        sections.append(bench_memory.run(quick=args.quick))
    except ImportError as exc:  # pragma: no cover - depends on the machine
        sections.append(f"## Desktop frames\n\nSkipped: {exc}\n")
    header = (
        "# Performance\n\n"
        f"Measured {date.today().isoformat()} with `python -m bench` on {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {sys.platform}. Ratios compare with a baseline "
        "measured in the same run, so they travel between machines better than the times do.\n"
    )
    report = header + "\n" + "\n".join(sections)
    print(report)
    if args.write:
        DOC.write_text(report, encoding="utf-8")
        print(f"(written to {DOC})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
