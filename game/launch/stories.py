"""Story and rules resolution, typed ``NAME=VALUE`` settings and fresh seeds: one place each."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..engine import Story, load_story_or_raise
from ..engine.vartypes import TYPES
from ..paths import story_dir, story_path
from .errors import UsageError

#: Seeds drawn for a game nobody gave a seed to are below this (they fit every save and log format).
FRESH_SEED_LIMIT = 2**31


def fresh_seed(seed: int | None = None) -> int:
    """``seed``, or a new random one when it is None (the only place a game's seed is invented)."""
    return seed if seed is not None else random.SystemRandom().randrange(FRESH_SEED_LIMIT)


def rules_path(name: str | None) -> str | None:
    """A --rules value: a file, or the name of one of the shipped rules-lab files."""
    if name is None or Path(name).exists():
        return name
    shipped = story_dir() / "rules-lab" / f"{name}.rules.yaml"
    return str(shipped) if shipped.is_file() else name


def load_for_play(story: str | None = None, rules: str | None = None) -> Story:
    """The story at ``story`` (a path or a shipped scenario's name; None: the default scenario),
    loaded with the rules file or rules-lab name ``rules``; raises InputError."""
    return load_story_or_raise(story_path(story), rules_path(rules))


def play_sets(story: Story, pairs: Sequence[str], cut: str | None = None) -> dict[str, Any]:
    """The variables every new game of ``story`` starts with: the ``NAME=VALUE`` pairs typed (see
    :func:`parse_sets`), and the cut asked for (a workshop's, usually ``classroom``) where the story
    declares a ``cut`` variable and the pairs do not set it. A story without one plays as it is: a
    preset that asks for the classroom cut can name stories of any length. Raises UsageError."""
    out = parse_sets(story, pairs)
    if cut is not None and "cut" not in out and "cut" in story.variables:
        out["cut"] = TYPES[story.variables["cut"].type].parse(cut)
    return out


def parse_sets(story: Story, pairs: Sequence[str]) -> dict[str, Any]:
    """``name=value`` pairs typed by the story's declared variables; raises UsageError."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--set {pair!r}: write NAME=VALUE")
        var = story.variables.get(name)
        if var is None:
            raise UsageError(f"--set {pair!r}: the story has no variable {name!r}")
        try:
            out[name] = TYPES[var.type].parse(raw.strip())
        except ValueError as exc:
            raise UsageError(f"--set {pair!r}: {name} is {exc}") from None
    return out
