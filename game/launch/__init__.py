"""The launch layer: between the engine and the front ends and tools.

It turns what a person asked for (a story path or scenario name, a rules file or rules-lab name,
``NAME=VALUE`` settings, a seed or none) into what the engine takes, in one place, so that every
front end (terminal, desktop, browser) and tool starts a game the same way. It knows no argparse:
the command line (game/cli.py, above everything) builds a :class:`PlayOptions` (or a tool's options
record from :mod:`game.launch.tools`) and hands it down.

Layers, bottom to top (tests/test_layers.py enforces them; docs/architecture.md draws them):
engine → launch → front ends and tools → cli.
"""

from .errors import UsageError
from .options import PlayOptions
from .stories import fresh_seed, load_for_play, parse_sets, play_sets, rules_path

__all__ = [
    "PlayOptions",
    "UsageError",
    "fresh_seed",
    "load_for_play",
    "parse_sets",
    "play_sets",
    "rules_path",
]
