"""The engine knows no screen: it imports and plays with pygame unavailable."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_PYGAME = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "pygame" or name.startswith("pygame."):
            raise ImportError("pygame is blocked in this test")
sys.meta_path.insert(0, Block())
import game.engine, game.authoring.lint, game.text.terminal, game.cli
from game.engine import Session, load_story_or_raise
from game.paths import story_dir
session = Session(load_story_or_raise(story_dir()), 3)
assert session.frame().choices
assert "pygame" not in sys.modules
print("ok")
"""


def test_engine_imports_and_plays_without_pygame():
    result = subprocess.run([sys.executable, "-c", BLOCK_PYGAME], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_engine_has_no_print_input_or_unsafe_calls():
    bad = (
        "import pygame",
        "from pygame",
        "print(",
        "input(",
        "eval(",
        "exec(",
        "pickle",
        "yaml.load(",
        "FullLoader",
    )
    for path in (ROOT / "game" / "engine").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in bad:
            assert needle not in text, f"{path.name} contains {needle!r}"
