"""``socialscore explore PATH``: the command line entry point."""

from __future__ import annotations

import json
import sys

from ...engine import load_story_or_raise
from ...launch import UsageError, parse_sets, rules_path
from ...launch.tools import ExploreOptions
from .report import STOPS, report
from .search import explore


def _progress(states: int, waiting: int) -> None:
    sys.stderr.write(f"\rexploring: {states} states, {waiting} waiting")
    sys.stderr.flush()


def run_explore(options: ExploreOptions) -> int:
    """``socialscore explore``: exit 0 (a partial search says so on standard error)."""
    if options.max_states < 1:
        raise UsageError("socialscore explore: --max-states must be at least 1")
    if options.max_seconds < 0:
        raise UsageError("socialscore explore: --max-seconds must be 0 (no limit) or more")
    max_memory = options.max_memory
    if max_memory < 0:
        raise UsageError("socialscore explore: --max-memory must be 0 (no limit) or more")
    story = load_story_or_raise(options.path, rules_path(options.rules))
    sets = parse_sets(story, options.sets)
    result = explore(
        story,
        options.max_states,
        mode="exact" if options.exact else "auto",
        coarse=options.coarse,
        at=options.at,
        sets=sets,
        max_seconds=options.max_seconds,
        max_memory_mb=max_memory,
        progress=_progress if sys.stderr.isatty() and not options.json else None,
    )
    if sys.stderr.isatty() and not options.json:
        sys.stderr.write("\r" + " " * 60 + "\r")
    if options.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report(result, show_paths=not options.brief))
    if not result.complete:
        print(
            f"socialscore explore: stopped after {result.states} states"
            f"{STOPS[result.stopped_by]}: results are partial",
            file=sys.stderr,
        )
    return 0
