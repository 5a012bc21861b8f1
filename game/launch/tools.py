"""What each tool was asked to do: one typed, frozen options record per ``socialscore`` tool.

The command line (game/cli.py) builds one of these from its arguments and hands it to the tool's
``run_*`` function, so no argparse Namespace goes below the command line and a tool can be run
from Python or a test without one. A field's default is the command line's default (cli.py reads
it from here). Values are as given: each tool checks its own ranges and raises UsageError.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from ..engine import DEFAULT_MODE, Mode


def default(options: type[Struct], name: str) -> Any:
    """The default of the field ``name`` of an options record (the command line's default too);
    KeyError for a field without one. (Read from the class's own table: ``msgspec.structs.fields``
    would resolve every annotation, a millisecond a call on the way to the first scene.)"""
    names, defaults = options.__struct_fields__, options.__struct_defaults__
    i = names.index(name) - (len(names) - len(defaults)) if name in names else -1
    if i < 0:
        raise KeyError(name)
    return defaults[i]


class GraphOptions(Struct, frozen=True):
    """``socialscore graph PATH -o FILE``: the story drawn as a graph."""

    path: str
    output: str
    rules: str | None = None  #: a rules file or rules-lab name
    playtest: int | None = None  #: colour scenes by how often this many random runs saw them
    seed: int = 0  #: seed of the first playtest run
    max_seconds: float = 0  #: safety stop for the playtest and Graphviz (0: none)
    rankdir: str | None = None  #: "LR" or "TB" (None: by the story's size)


class ExploreOptions(Struct, frozen=True):
    """``socialscore explore PATH``: every reachable state."""

    path: str
    rules: str | None = None
    json: bool = False
    max_states: int = 200_000
    max_seconds: float = 0  #: safety stop (0: none)
    max_memory: int = 2000  #: safety stop in megabytes (0: none)
    coarse: bool = False  #: merge states whose numbers are in the same bands
    exact: bool = False  #: explore exactly however long it takes
    brief: bool = False  #: leave out the example paths
    at: str | None = None  #: start at this scene
    sets: tuple[str, ...] = ()  #: ``NAME=VALUE`` texts


class PlaytestOptions(Struct, frozen=True):
    """``socialscore playtest PATH``: seeded random playthroughs."""

    path: str
    rules: str | None = None
    runs: int = 1000
    seed: int = 0  #: seed of the first run; run i uses seed+i
    json: bool = False
    prefer_unused: bool = False  #: prefer the choices taken least so far
    max_turns: int = 1000  #: a run longer than this is a problem
    max_seconds: float = 0  #: safety stop (0: none)


class TranscriptOptions(Struct, frozen=True):
    """``socialscore transcript STORY --choices A,B``: a golden transcript."""

    path: str
    rules: str | None = None
    choices: str = ""  #: choice ids (or scene.choice uids), comma-separated
    seed: int = 0
    transparency: Mode = DEFAULT_MODE
    at: str | None = None
    sets: tuple[str, ...] = ()
    output: str | None = None  #: None: standard output


class SimulateOptions(Struct, frozen=True):
    """``socialscore simulate``: many seeded games by a policy (``compare``: rules side by side)."""

    story: str | None = None  #: a story path or shipped scenario name (None: the default)
    rules: str | None = None
    policy: str | None = None  #: conformist, loyal, gamer, random or script:ID,ID,...
    compare: tuple[str, ...] = ()  #: rules files or rules-lab names to compare with the story's own
    runs: int = 100
    seed: int = 0  #: seed of the first game; game i uses seed+i
    json: bool = False
    sets: tuple[str, ...] = ()  #: ``NAME=VALUE`` texts every game starts with (e.g. ``cut=classroom``)


class DemoLogsOptions(Struct, frozen=True):
    """``socialscore demo-logs DIR``: session logs of simulated players."""

    log_dir: str
    story: tuple[str, ...] = ()  #: () the default scenario; several: players take them in turn
    rules: str | None = None
    players: int = 20
    seed: int = 0  #: seed of the first player; player i uses seed+i
    transparency: Mode = DEFAULT_MODE


class ReportOptions(Struct, frozen=True):
    """``socialscore report DIR``: the class report from a folder of session logs."""

    log_dir: str
    output: str = "report.html"
    csv: str | None = None  #: also write one row per player here
    story_id: str | None = None  #: None: the most common story's logs
    session: str | None = None  #: None: every session


class RulesOptions(Struct, frozen=True):
    """``socialscore rules [NAME]``: print or write a shipped rules file."""

    name: str = "shipped"
    output: str | None = None  #: None: standard output
