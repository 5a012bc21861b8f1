"""The scoring model: rules files, tiers and perks, contacts and their pull, the calendar and eras,
the ledger, transparency. Its EXTENSION is registered by game/engine/__init__.py.

See docs/scoring-format.md for the format and the documented formulas.
"""

from ..extension import Extension
from . import build, engine
from . import format as _format  # noqa: F401 - adds the scoring fields to the story format

NAME = engine.NAME

#: registered by game/engine/__init__.py
EXTENSION = Extension(
    name=NAME,
    names=build.NAMES,
    names_need="a scoring: block",
    builtins=build.builtins,
    build_story=build.build_story,
    build_scene=build.build_scene,
    build_choice=build.build_choice,
    initial=engine.initial,
    from_json=engine.from_json,
    gate=engine.gate,
    on_choice=engine.on_choice,
    on_enter=engine.on_enter,
    on_turn=engine.on_turn,
)
