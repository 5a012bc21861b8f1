"""The extension seam: registered in one place, typed hooks, and a frozen story that keeps no loader state."""

from __future__ import annotations

import gc

from game.engine import Session, load_story_or_raise
from game.engine.extension import EXTENSIONS
from game.engine.loader import Build
from game.engine.scoring import queries
from game.paths import story_dir

from .helpers import ROOT


def test_extensions_are_registered_in_one_place_in_order():
    assert [ext.name for ext in EXTENSIONS] == ["score", "reflection", "techniques", "claims"]
    registering = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "game").rglob("*.py"))
        if "register(" in p.read_text(encoding="utf-8") and p.name != "extension.py"
    ]
    assert registering == ["game/engine/__init__.py"]


def test_a_loaded_story_keeps_no_loader_build_alive():
    story = load_story_or_raise(story_dir())
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Build)] == []
    state = Session(story, 1).state
    rules = queries.model(story).rules
    assert story.builtins["tier_title"].get(state) == rules.tier_title(queries.part(state).tier) != ""


def test_the_debrief_and_whatif_read_the_score_through_queries():
    for name in ("debrief.py", "whatif.py"):
        text = (ROOT / "game" / "engine" / name).read_text(encoding="utf-8")
        assert 'ext["score"]' not in text and '.get("score")' not in text, name
        assert "scoring.engine" not in text, name
