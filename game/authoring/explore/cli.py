"""``socialscore explore PATH``: the command line entry point."""

from __future__ import annotations

import json
import sys

from ...engine import load_story_or_raise
from ...launch import UsageError, parse_sets, rules_path
from .limits import DEFAULT_MAX_MEMORY_MB
from .report import STOPS, report
from .search import explore


def _progress(states: int, waiting: int) -> None:
    sys.stderr.write(f"\rexploring: {states} states, {waiting} waiting")
    sys.stderr.flush()


def run_explore(args) -> int:

    if args.max_states < 1:
        raise UsageError("socialscore explore: --max-states must be at least 1")
    if args.max_seconds < 0:
        raise UsageError("socialscore explore: --max-seconds must be 0 (no limit) or more")
    max_memory = getattr(args, "max_memory", DEFAULT_MAX_MEMORY_MB)
    if max_memory < 0:
        raise UsageError("socialscore explore: --max-memory must be 0 (no limit) or more")
    story = load_story_or_raise(args.path, rules_path(getattr(args, "rules", None)))
    sets = parse_sets(story, getattr(args, "sets", None) or [])
    result = explore(
        story,
        args.max_states,
        mode="exact" if getattr(args, "exact", False) else "auto",
        coarse=args.coarse,
        at=getattr(args, "at", None),
        sets=sets,
        max_seconds=args.max_seconds,
        max_memory_mb=max_memory,
        progress=_progress if sys.stderr.isatty() and not args.json else None,
    )
    if sys.stderr.isatty() and not args.json:
        sys.stderr.write("\r" + " " * 60 + "\r")
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report(result, show_paths=not args.brief))
    if not result.complete:
        print(
            f"socialscore explore: stopped after {result.states} states"
            f"{STOPS[result.stopped_by]}: results are partial",
            file=sys.stderr,
        )
    return 0
