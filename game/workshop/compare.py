"""``socialscore simulate --compare FILE…``: the same players under several rules files, side by side.

The story's own rules are column A; each rules file given is a further column. Every policy (or the
one named with ``--policy``) plays the same seeds under each, and one table per policy shows the
final score (median and range), tiers, endings and perks, named by their titles as the class report
names them. Rows are matched by id across rules files (a tier ``good`` is the same row whatever its
title in each file; the first title seen labels it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..engine import Mode, Story
from ..launch import UsageError, parse_sets, rules_path
from ..launch.tools import SimulateOptions
from .simulate import (
    POLICIES,
    Summary,
    _rules,
    check_arguments,
    ending_titles,
    perk_titles,
    simulate,
    tier_titles,
)

OPTIONS = {"transparency": Mode.TRANSPARENT}
LETTERS = "ABCDEFGHIJ"


@dataclass
class Column:
    """One rules file's runs: its letter, title, where it came from, the loaded story with it."""

    letter: str
    title: str
    source: str
    story: Story
    summaries: dict[str, Summary]


def run_columns(
    stories: Sequence[tuple[str, Story]],
    policies: Sequence[str],
    runs: int,
    seed: int,
    sets: Sequence[str] = (),
) -> list[Column]:
    """Play ``runs`` games from ``seed`` for each policy under each (source, story) pair, every game
    started with the ``NAME=VALUE`` texts ``sets``."""
    columns = []
    for i, (source, story) in enumerate(stories):
        rules = _rules(story)
        typed = parse_sets(story, sets)
        summaries = {p: simulate(story, p, runs, seed, dict(OPTIONS), sets=typed) for p in policies}
        columns.append(Column(LETTERS[i], rules.title if rules else "(no score)", source, story, summaries))
    return columns


def _pct(k: int, total: int) -> str:
    return f"{100 * k / total:.0f}%" if total else "-"


def _rows(columns: list[Column], policy: str) -> list[tuple[str, list[str]]]:
    sums = [c.summaries[policy] for c in columns]
    rows: list[tuple[str, list[str]]] = []
    stats = [s.stats() for s in sums]
    rows.append(
        ("Final score, median", [f"{st['median']:.0f}" if st["median"] is not None else "-" for st in stats])
    )
    rows.append(
        ("Final score, range", [f"{st['min']}–{st['max']}" if st["min"] is not None else "-" for st in stats])
    )

    def counted(title: str, field: str, titles_of, ordered: bool = True) -> None:
        """A row per key; ``ordered=False`` for counts filled from sets (perks), whose order
        changes with the hash seed: those rows go by id, so the same runs print the same table."""
        names: dict[str, str] = {}
        for c in columns:
            keys = getattr(c.summaries[policy], field)
            for key in keys if ordered else sorted(keys):
                names.setdefault(key, titles_of(c.story).get(key, key))
        for key, name in names.items():
            rows.append((f"{title}: {name}", [_pct(getattr(s, field)[key], s.runs) for s in sums]))

    order = {}
    for c in columns:
        for rank, tid in enumerate(reversed(list(tier_titles(c.story)))):
            order.setdefault(tid, rank)
    tiers: dict[str, str] = {}
    for c in columns:
        for tid in c.summaries[policy].tiers:
            tiers.setdefault(tid, tier_titles(c.story).get(tid, tid))
    for tid in sorted(tiers, key=lambda t: order.get(t, 99)):
        rows.append((f"Tier: {tiers[tid]}", [_pct(s.tiers[tid], s.runs) for s in sums]))
    counted("Ending", "endings", ending_titles)
    counted("Perk granted", "granted", perk_titles, ordered=False)
    counted("Perk refused", "refused", perk_titles, ordered=False)
    return rows


def table(columns: list[Column], policy: str) -> str:
    """One policy's rows, one column per rules file, aligned for a terminal."""
    rows = _rows(columns, policy)
    width = max(len(label) for label, _ in rows)
    cell = max(8, *(len(v) for _, values in rows for v in values))
    runs = columns[0].summaries[policy].runs
    lines = [
        f"Policy {policy} ({runs} runs each)",
        " " * (width + 2) + "".join(c.letter.rjust(cell + 2) for c in columns),
    ]
    for label, values in rows:
        lines.append(f"  {label.ljust(width)}" + "".join(v.rjust(cell + 2) for v in values))
    return "\n".join(lines)


def render(columns: list[Column], policies: Sequence[str], runs: int, seed: int) -> str:
    head = [
        f"Rules compared: {runs} runs per policy from seed {seed}, transparent mode, the same seeds in each."
    ]
    head += [f"  {c.letter}  {c.title}  ({c.source})" for c in columns]
    return "\n\n".join(["\n".join(head)] + [table(columns, p) for p in policies]) + "\n"


def run_compare(options: SimulateOptions) -> int:
    """``socialscore simulate --compare FILE… [--policy P] [--runs N] [--seed S]``."""
    from ..engine import load_story_or_raise
    from ..paths import story_path

    check_arguments(options.runs, options.policy)
    if len(options.compare) > len(LETTERS) - 1:
        raise UsageError(f"socialscore simulate: --compare takes at most {len(LETTERS) - 1} rules files")
    policies = (
        [options.policy]
        if options.policy
        else [p for p in ("conformist", "loyal", "random") if p in POLICIES]
    )
    path = story_path(options.story)
    stories = [("the story's own rules", load_story_or_raise(path))]
    for name in options.compare:
        stories.append((name, load_story_or_raise(path, rules_path(name))))
    columns = run_columns(stories, policies, options.runs, options.seed, options.sets)
    print(render(columns, policies, options.runs, options.seed), end="")
    return 0
