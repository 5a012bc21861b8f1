"""The ``socialscore`` command: one entry point for playing and for every tool.

Every error reaches the user as one line (``path:line:col: CODE message`` where there
is a file) and a non-zero exit, never as a traceback. Exit codes: 0 success, 1 the
input has errors (a story that does not lint), 2 unusable input or arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from . import __version__
from .engine import InputError, Mode, StartError
from .launch import PlayOptions, UsageError, rules_path
from .launch.tools import (
    DemoLogsOptions,
    ExploreOptions,
    GraphOptions,
    PlaytestOptions,
    ReportOptions,
    RulesOptions,
    SimulateOptions,
    TranscriptOptions,
    default,
)
from .paths import scenarios, story_path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

_Options = TypeVar("_Options")


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see {self.prog.split()[0]} --help)")


def _add_story(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--story",
        metavar="PATH",
        default=None,
        help="story file or folder, or a shipped scenario: pearl (default) or many-numbers",
    )


def _add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules", metavar="FILE", help="a rules file to use instead of the story's own scoring rules"
    )


def _add_play_options(p: argparse.ArgumentParser) -> None:
    _add_story(p)
    _add_rules(p)
    p.add_argument(
        "--transparency",
        choices=Mode.values(),
        default=None,
        help="how score changes are explained: only the number, a vague reason (partial, the default), "
        "or the exact rule",
    )
    p.add_argument("--seed", type=_seed, default=None, help="random seed (default: a new one each game)")
    p.add_argument(
        "--from", dest="at", metavar="SCENE", help="start at this scene instead of the story's start"
    )
    _add_set(p, "set a variable before starting (repeatable; for testing from any scene)")
    p.add_argument(
        "--log-dir",
        metavar="DIR",
        default=None,
        help="workshop: write an anonymous session log to DIR (read by socialscore report)",
    )
    p.add_argument(
        "--workshop",
        metavar="FILE",
        default=None,
        help="workshop: read seed, transparency, log folder, rules and session code from a preset file",
    )
    p.add_argument(
        "--reflect",
        action="store_true",
        help="ask the story's reflection questions before and after play (always on with --log-dir)",
    )
    p.add_argument(
        "--seat",
        type=_seat,
        default=None,
        metavar="N",
        help="workshop: this laptop's seat (1, 2, ...): picks its story when a preset has stories: per seat",
    )


def _add_set(p: argparse.ArgumentParser, text: str = "set a variable (repeatable)") -> None:
    """The one ``--set NAME=VALUE`` option (play, text, lint, simulate, explore, transcript): typed by
    the story's declared variables when the command loads it (game.launch.parse_sets)."""
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE", help=text)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the seed must be a whole number, not {text!r}") from None
    if value < 0 or value >= 2**63:
        raise argparse.ArgumentTypeError("the seed must be between 0 and 2**63-1")
    return value


def _seat(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 9999:
        raise argparse.ArgumentTypeError(f"the seat must be a number from 1 to 9999, not {text!r}")
    return int(text)


class _Skipped:
    """Stands in for the parser of a command the command line did not name: its arguments are not
    built (argparse takes milliseconds per parser and per argument, and the game should start at once)."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass


def _commands(wanted: str | None) -> Callable[..., Any]:
    """What argparse builds each command's parser with: a real one for ``wanted`` (None: every
    command), else a :class:`_Skipped` (the command is still listed, with its help line)."""

    def parser(**kwargs: Any) -> Any:
        name = kwargs["prog"].rsplit(" ", 1)[-1]  # argparse names it "socialscore NAME"
        return _Parser(**kwargs) if wanted in (None, name) else _Skipped()

    return parser


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, only that command's arguments are built (the
    others are listed, as always, but cannot be parsed)."""
    parser = _Parser(prog="socialscore", description="Social Score: play the game, or run its tools.")
    parser.add_argument("--version", action="version", version=f"socialscore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_commands(command))

    p = sub.add_parser("play", help="play in a window (the default)")
    _add_play_options(p)
    p.add_argument("--windowed", action="store_true", help="start in a window even if fullscreen is set")
    p.add_argument(
        "--hot-reload",
        action="store_true",
        help="for authors: reload the story when its files change, keeping your place; show errors on screen",
    )

    p = sub.add_parser("text", help="play in the terminal (works with piped input, and screen readers)")
    _add_play_options(p)
    p.add_argument("--width", type=int, default=78, help="wrap text at this many columns (default 78)")
    p.add_argument(
        "--no-debrief", action="store_true", help="end at THE END, without the debrief that follows it"
    )

    p = sub.add_parser("lint", help="check story files and report every problem")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="story files or folders, or shipped scenario names (default: every shipped scenario)",
    )
    p.add_argument("--json", action="store_true", help="print the diagnostics and summary as JSON")
    p.add_argument(
        "--rules",
        metavar="FILE",
        help="check the story with this rules file instead of its scoring: block "
        "(a rules file given as a PATH is checked alone)",
    )
    p.add_argument(
        "--samples",
        type=int,
        default=None,
        metavar="N",
        help="games sampled to count words per playthrough and reading time (default 40; 0: skip)",
    )
    _add_set(p, "set a variable for the sampled games (e.g. cut=classroom); repeatable")

    p = sub.add_parser("simulate", help="play many seeded games by a policy and summarise the outcomes")
    _add_story(p)
    _add_rules(p)
    p.add_argument(
        "--policy",
        help="conformist, loyal, gamer, random, or script:ID,ID,... (choice ids in order); with --compare, "
        "default: conformist, loyal and random",
    )
    p.add_argument(
        "--compare",
        nargs="+",
        metavar="FILE",
        default=default(SimulateOptions, "compare"),
        help="rules files (or rules-lab names) to compare with the story's own rules, side by side",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=default(SimulateOptions, "runs"),
        help="number of games (default %(default)s)",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=default(SimulateOptions, "seed"),
        help="seed of the first game; game i uses seed+i",
    )
    _add_set(p, "set a variable for every game (e.g. cut=classroom); repeatable")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = sub.add_parser("rules", help="rules lab: print or write a shipped rules file, to copy and change")
    p.add_argument(
        "name", nargs="?", default=default(RulesOptions, "name"), help="shipped (default) or a rules-lab name"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = sub.add_parser("schema", help="print the JSON Schema of story files (for editors)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = sub.add_parser("report", help="workshop: one HTML page (and a CSV) from a folder of session logs")
    p.add_argument("log_dir", metavar="DIR", help="folder of session logs (*.jsonl)")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=default(ReportOptions, "output"),
        help="the HTML page (default %(default)s)",
    )
    p.add_argument("--csv", metavar="FILE", help="also write one row per player to FILE")
    p.add_argument("--story-id", metavar="ID", help="report on this story's logs (default: the most common)")
    p.add_argument(
        "--session", metavar="CODE", help="report on this session's logs only (default: every session)"
    )

    p = sub.add_parser(
        "demo-logs", help="workshop: write session logs of simulated players, to try socialscore report"
    )
    p.add_argument("log_dir", metavar="DIR", help="folder to write the logs to (made if missing)")
    p.add_argument(
        "--story",
        metavar="PATH",
        action="append",
        default=[],
        help="story file or folder, or a shipped scenario: pearl (default) or many-numbers; "
        "give it twice for a mixed class (players take the stories in turn)",
    )
    _add_rules(p)
    p.add_argument(
        "--players",
        type=int,
        default=default(DemoLogsOptions, "players"),
        help="number of players (default %(default)s)",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=default(DemoLogsOptions, "seed"),
        help="seed of the first player; player i uses seed+i",
    )
    p.add_argument(
        "--transparency",
        choices=Mode.values(),
        default=default(DemoLogsOptions, "transparency"),
        help="their mode",
    )
    _add_serve_command(sub)
    _add_authoring_commands(sub)
    return parser


def _add_serve_command(sub) -> None:
    """``serve``: the classroom server (game/web/)."""
    p = sub.add_parser("serve", help="workshop: the class plays in a browser; you see it live")
    _add_story(p)
    _add_rules(p)
    p.add_argument(
        "--workshop", metavar="FILE", help="read seed, transparency, session code... from a preset"
    )
    p.add_argument(
        "--transparency",
        choices=Mode.values(),
        default=None,
        help="how much the app explains score changes (default partial)",
    )
    p.add_argument("--seed", type=_seed, default=None, help="everyone's seed (default: a new one)")
    p.add_argument(
        "--code", dest="session_code", metavar="CODE", help="the session code players type (default: today)"
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every network)")
    p.add_argument("--data", metavar="FILE", help="the room's SQLite file (default: in the log folder)")
    p.add_argument("--log-dir", metavar="DIR", default=None, help=argparse.SUPPRESS)


def _add_authoring_commands(sub) -> None:
    """The authoring tools: graph, explore, playtest, transcript (game/authoring/)."""
    p = sub.add_parser("graph", help="draw the story as a graph (.dot; .svg/.png/.pdf with Graphviz)")
    p.add_argument("path", metavar="PATH", help="story file or folder")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="FILE.dot, .svg, .png or .pdf")
    _add_rules(p)
    p.add_argument(
        "--playtest", type=int, metavar="N", help="colour scenes by how often N random runs saw them"
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=default(GraphOptions, "seed"),
        help="seed of the first playtest run (default %(default)s)",
    )
    p.add_argument(
        "--max-seconds",
        type=float,
        default=default(GraphOptions, "max_seconds"),
        metavar="S",
        help="safety stop after S seconds (0: no limit): for --playtest (the map shows the runs played) "
        "and for Graphviz's drawing",
    )
    p.add_argument("--rankdir", choices=("LR", "TB"), help="layout direction (default: LR if small, else TB)")

    p = sub.add_parser(
        "explore",
        help="explore reachable states (exactly, or merged by intervals on big stories): endings, scores",
    )
    p.add_argument("path", metavar="PATH", help="story file or folder")
    _add_rules(p)
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--max-states",
        type=int,
        default=default(ExploreOptions, "max_states"),
        metavar="N",
        help="stop after N states (default %(default)s)",
    )
    p.add_argument(
        "--max-seconds",
        type=float,
        default=default(ExploreOptions, "max_seconds"),
        metavar="S",
        help="safety stop after S seconds (0: no limit)",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=default(ExploreOptions, "max_memory"),
        metavar="MB",
        help="safety stop when memory passes MB megabytes (default %(default)s; 0: no limit)",
    )
    p.add_argument("--coarse", action="store_true", help="merge states whose numbers are in the same bands")
    p.add_argument(
        "--exact",
        action="store_true",
        help="explore exactly however long it takes (default: exactly if that takes a few seconds, "
        "else merged by intervals)",
    )
    p.add_argument("--brief", action="store_true", help="leave out the example paths")
    p.add_argument("--from", dest="at", metavar="SCENE", help="start at this scene")
    _add_set(p)

    p = sub.add_parser("playtest", help="many seeded random playthroughs: hit counts, endings, errors")
    p.add_argument("path", metavar="PATH", help="story file or folder")
    _add_rules(p)
    p.add_argument(
        "--runs",
        type=int,
        default=default(PlaytestOptions, "runs"),
        help="number of runs (default %(default)s)",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=default(PlaytestOptions, "seed"),
        help="seed of the first run; run i uses seed+i",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--prefer-unused", action="store_true", help="prefer the choices taken least so far")
    p.add_argument(
        "--max-turns",
        type=int,
        default=default(PlaytestOptions, "max_turns"),
        help="a run longer than this is a problem",
    )
    p.add_argument(
        "--max-seconds",
        type=float,
        default=default(PlaytestOptions, "max_seconds"),
        metavar="S",
        help="safety stop after S seconds (0: no limit)",
    )

    p = sub.add_parser("transcript", help="write a golden transcript of a story played with given choices")
    p.add_argument("path", metavar="STORY", help="story file or folder")
    _add_rules(p)
    p.add_argument(
        "--choices",
        metavar="A,B,C",
        default=default(TranscriptOptions, "choices"),
        help="choice ids (or scene.choice uids) in order",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=default(TranscriptOptions, "seed"),
        help="random seed (default %(default)s)",
    )
    p.add_argument(
        "--transparency",
        choices=Mode.values(),
        default=default(TranscriptOptions, "transparency"),
        help="how the transcript words score changes (default partial)",
    )
    p.add_argument("--from", dest="at", metavar="SCENE", help="start at this scene")
    _add_set(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")


def typed(cls: type[_Options], args: argparse.Namespace, **given: Any) -> _Options:
    """``cls`` (a frozen options record) from the Namespace's values of the same names, lists as
    tuples; a field the command has no argument for keeps its default, ``given`` wins over both."""
    values = {
        name: _frozen(getattr(args, name))
        for name in cls.__struct_fields__  # type: ignore[attr-defined]
        if name not in given and hasattr(args, name)
    }
    return cls(**values, **given)


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _mode(value: str | None) -> Mode | None:
    return Mode(value) if value else None


def play_options(args: argparse.Namespace) -> PlayOptions:
    """The typed options of a play, text or serve command line: no Namespace goes further down."""
    return typed(PlayOptions, args, transparency=_mode(args.transparency))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for bad input)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # The command is the first word (none: play); options first (--version, --help): every command.
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None if argv else "play")
    try:
        args = parser.parse_args(argv or ["play"])
        if args.command is None:
            args = parser.parse_args(["play", *argv])
        return _run(args)
    except UsageError as exc:
        print(f"{exc}", file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return EXIT_USAGE
    except StartError as exc:
        print(f"socialscore: cannot start there: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _check_seat(args: argparse.Namespace) -> None:
    """``--seat N`` picks a story from a preset's ``stories:`` (one per seat); given without such a
    preset it would pick nothing, so it is refused with one line instead of being ignored. A preset
    that cannot be read is left to the command, which reports it as it always does."""
    if getattr(args, "seat", None) is None:
        return
    command = f"socialscore {args.command}: --seat {args.seat}"
    if not args.workshop:
        raise UsageError(f"{command} picks this seat's story from a preset's stories:; add --workshop FILE")
    from .workshop.preset import PresetError, load_preset

    try:
        preset = load_preset(args.workshop)
    except PresetError:
        return
    if not preset.stories:
        raise UsageError(
            f"{command}: {args.workshop} gives every seat the same story (no stories: list); leave --seat out"
        )


def _run(args: argparse.Namespace) -> int:
    _check_seat(args)
    if args.command == "lint":
        from .authoring.lint import run_lint

        return run_lint(
            [story_path(p) for p in args.paths] or [str(p) for p in scenarios().values()],
            as_json=args.json,
            rules=rules_path(args.rules),
            **({} if args.samples is None else {"samples": max(0, args.samples)}),
            sets=args.sets,
        )
    if args.command == "simulate" and args.compare:
        from .workshop.compare import run_compare

        return run_compare(typed(SimulateOptions, args))
    if args.command == "simulate":
        from .workshop.simulate import run_simulate

        return run_simulate(typed(SimulateOptions, args))
    if args.command == "rules":
        from .workshop.rules_export import run_rules

        return run_rules(typed(RulesOptions, args))
    if args.command == "schema":
        from .authoring.schema import run_schema

        return run_schema(args.output)
    if args.command == "text":
        if args.log_dir or args.workshop or args.reflect:
            from .workshop.textplay import run_workshop_text

            return run_workshop_text(play_options(args))
        from .text.terminal import run_text

        return run_text(play_options(args))
    if args.command == "play":
        from .desktop.app import run_desktop

        options = play_options(args)
        if options.log_dir or options.workshop:
            from .workshop.preset import prepare_desktop

            options = prepare_desktop(options)
        return run_desktop(options)
    if args.command == "report":
        from .workshop.report import run_report

        return run_report(typed(ReportOptions, args))
    if args.command == "demo-logs":
        from .workshop.demo import run_demo_logs

        return run_demo_logs(typed(DemoLogsOptions, args, transparency=Mode(args.transparency)))
    if args.command == "serve":
        from .web.serve import run_serve

        return run_serve(play_options(args), port=args.port, host=args.host, data=args.data)
    if args.command in _AUTHORING:
        return _run_authoring(args)
    raise UsageError(f"unknown command {args.command!r}")  # pragma: no cover - argparse catches it


_AUTHORING = ("graph", "explore", "playtest", "transcript")


def _run_authoring(args: argparse.Namespace) -> int:
    if args.command == "graph":
        from .authoring.graph import run_graph

        return run_graph(typed(GraphOptions, args))
    if args.command == "explore":
        from .authoring.explore import run_explore

        return run_explore(typed(ExploreOptions, args))
    if args.command == "playtest":
        from .authoring.playtest import run_playtest

        return run_playtest(typed(PlaytestOptions, args))
    from .authoring.transcript import run_transcript

    return run_transcript(typed(TranscriptOptions, args, transparency=Mode(args.transparency)))
