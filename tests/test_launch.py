"""The launch layer: typed play options from the command line, story and rules resolution, --set, seeds."""

from __future__ import annotations

import re

import pytest
from msgspec import NODEFAULT
from msgspec.structs import fields

from game.cli import build_parser, play_options, typed
from game.engine import Mode
from game.launch import PlayOptions, UsageError, fresh_seed, load_for_play, parse_sets, rules_path
from game.launch.tools import (
    DemoLogsOptions,
    ExploreOptions,
    GraphOptions,
    PlaytestOptions,
    ReportOptions,
    RulesOptions,
    SimulateOptions,
    TranscriptOptions,
)
from game.paths import story_dir

from .helpers import ROOT

FIELDS = {f.name for f in fields(PlayOptions)}


@pytest.mark.parametrize("command", ["play", "text", "serve"])
def test_every_option_the_command_line_parses_reaches_the_play_options(command):
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command").choices[command]
    carried = [a.dest for a in sub._actions if a.dest in FIELDS]
    assert {"story", "rules", "transparency", "seed"} <= set(carried)
    args = parser.parse_args([command, "--transparency", "opaque", "--seed", "7", "--story", "pearl"])
    options = play_options(args)
    for dest in carried:
        value = getattr(args, dest)
        assert getattr(options, dest) == (tuple(value) if isinstance(value, list) else value), dest
    assert options.transparency is Mode.OPAQUE and options.seed == 7


#: each tool's command, its options record, and the arguments a minimal command line needs
TOOLS = [
    ("graph", GraphOptions, ["story.yaml", "-o", "map.svg"]),
    ("explore", ExploreOptions, ["story.yaml"]),
    ("playtest", PlaytestOptions, ["story.yaml"]),
    ("transcript", TranscriptOptions, ["story.yaml"]),
    ("simulate", SimulateOptions, []),
    ("demo-logs", DemoLogsOptions, ["logs"]),
    ("report", ReportOptions, ["logs"]),
    ("rules", RulesOptions, []),
]


@pytest.mark.parametrize(("command", "cls", "needed"), TOOLS, ids=[t[0] for t in TOOLS])
def test_a_tool_receives_every_argument_typed_with_the_same_defaults(command, cls, needed):
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command").choices[command]
    dests = {a.dest for a in sub._actions if a.dest != "help"}
    assert dests <= {f.name for f in fields(cls)}, "an argument the tool never receives"
    options = typed(cls, parser.parse_args([command, *needed]))
    required = {f.name for f in fields(cls) if f.default is NODEFAULT and f.default_factory is NODEFAULT}
    # what the command line leaves unsaid is what the options record says by default
    assert options == cls(**{name: getattr(options, name) for name in required})
    assert not any(isinstance(getattr(options, f.name), list) for f in fields(cls))


def test_no_argparse_namespace_below_the_command_line():
    files = [p for p in sorted((ROOT / "game").rglob("*.py")) if p != ROOT / "game" / "cli.py"]
    found = [str(p.relative_to(ROOT)) for p in files if "import argparse" in p.read_text(encoding="utf-8")]
    assert found == []
    tools = ROOT / "game" / "authoring", ROOT / "game" / "workshop"
    untyped = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for t in tools
        for p in sorted(t.rglob("*.py"))
        for m in re.finditer(r"def run_\w+\((args|options)\)", p.read_text(encoding="utf-8"))
    ]
    assert untyped == [], "a tool's entry point without a typed options record"


def test_sets_are_typed_by_the_story():
    story = load_for_play()
    name, var = next((n, v) for n, v in story.variables.items() if v.type == "int")
    assert parse_sets(story, [f"{name}=3"]) == {name: 3}
    with pytest.raises(UsageError, match="whole number"):
        parse_sets(story, [f"{name}=three"])
    with pytest.raises(UsageError, match="no variable"):
        parse_sets(story, ["no_such_thing=1"])


def test_rules_names_and_seeds():
    lab = sorted((story_dir() / "rules-lab").glob("*.rules.yaml"))
    assert lab and rules_path(lab[0].name.removesuffix(".rules.yaml")) == str(lab[0])
    assert rules_path(None) is None and rules_path("not-a-file") == "not-a-file"
    assert fresh_seed(5) == 5 and 0 <= fresh_seed() < 2**31
