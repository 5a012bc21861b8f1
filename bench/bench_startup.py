"""Startup benchmark: from a new process to the first scene on screen, against bare baselines.

Each measurement is a fresh Python process, timed from its start until it says it is ready:

- **bare parse**: ``python -c`` that imports PyYAML and parses the story's files with
  ``yaml.CSafeLoader`` (the files ``load_story`` reads: every ``*.yaml`` below the story folder);
- **terminal**: ``python -m game text`` until it asks for the first choice (the ``>`` prompt);
- **bare window**: ``python -c`` that opens a pygame-ce window and draws one line of text;
- **desktop**: the desktop game's own objects (``App``, a new game, one frame drawn and flipped),
  as ``socialscore play --from START`` builds them, until that first frame is on screen.

The commands alternate (bare, game, bare, game, ...) so that a busy machine slows both alike, and
each keeps its best of ``repeats`` runs. Aim (issue #16): each front end at most 2x its baseline.
A measurement, not a test: nothing is asserted.

    python -m bench.bench_startup [--repeats 15] [--story PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from game.paths import story_dir

ROOT = Path(__file__).resolve().parent.parent

BARE_PARSE = """
import sys
from pathlib import Path
import yaml
root = Path(sys.argv[1])
for f in sorted(root.rglob("*.yaml")) if root.is_dir() else [root]:
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
print("ready", flush=True)
"""

BARE_WINDOW = """
import pygame
pygame.display.init()
pygame.font.init()
screen = pygame.display.set_mode((1280, 720))
font = pygame.font.Font(None, 32)
screen.fill((250, 248, 244))
screen.blit(font.render("Late January. The radiator knocks twice.", True, (20, 20, 20)), (40, 40))
pygame.display.flip()
print("ready", flush=True)
pygame.quit()
"""

DESKTOP = """
import sys
from game.desktop.app import App, init_pygame
from game.engine import load_story_or_raise
story = load_story_or_raise(sys.argv[1])
init_pygame()
app = App(story, seed=1, windowed=True)
app.new_game()
app.step(0.0, [])
print("ready", flush=True)
import pygame
pygame.quit()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    # Installed packages come with compiled bytecode: let the warm-up write it here too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_until_ready(cmd: list[str], marker: bytes, home: str) -> float:
    """Seconds from starting ``cmd`` until ``marker`` appears on its standard output."""
    env = _env()
    env["SOCIALSCORE_HOME"] = home
    began = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    seen = b""
    try:
        while marker not in seen:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError(f"{cmd[:4]} ended before it was ready: {seen[-300:]!r}")
            seen += chunk
        return time.perf_counter() - began
    finally:
        proc.kill()
        proc.wait()


def measure(story: Path, repeats: int, desktop: bool) -> dict[str, float]:
    """Best of ``repeats`` seconds for each command, run alternately."""
    import tempfile

    python = sys.executable
    commands = {
        "bare parse": ([python, "-c", BARE_PARSE, str(story)], b"ready"),
        "terminal": ([python, "-m", "game", "text", "--story", str(story), "--seed", "1"], b"> "),
    }
    if desktop:
        commands["bare window"] = ([python, "-c", BARE_WINDOW], b"ready")
        commands["desktop"] = ([python, "-c", DESKTOP, str(story)], b"ready")
    best = dict.fromkeys(commands, float("inf"))
    with tempfile.TemporaryDirectory(prefix="socialscore-startup-") as home:
        for cmd, marker in commands.values():  # one warm-up each (disk cache, .pyc files)
            time_until_ready(cmd, marker, home)
        for _ in range(repeats):
            for name, (cmd, marker) in commands.items():
                best[name] = min(best[name], time_until_ready(cmd, marker, home))
    return best


def _has_pygame() -> bool:
    import importlib.util

    return importlib.util.find_spec("pygame") is not None


def run(quick: bool = False, story: Path | None = None, repeats: int | None = None) -> str:
    story = story or story_dir()
    repeats = repeats or (3 if quick else 15)
    desktop = _has_pygame()
    best = measure(story, repeats, desktop)
    rows = [
        f"| terminal (`socialscore text`) | {best['bare parse'] * 1000:.0f} ms (bare parse) "
        f"| {best['terminal'] * 1000:.0f} ms | {best['terminal'] / best['bare parse']:.2f}× |"
    ]
    if desktop:
        rows.append(
            f"| desktop | {best['bare window'] * 1000:.0f} ms (bare window) + "
            f"{best['bare parse'] * 1000:.0f} ms (bare parse) | {best['desktop'] * 1000:.0f} ms "
            f"| {best['desktop'] / (best['bare window'] + best['bare parse']):.2f}× |"
        )
    return "\n".join(
        [
            "## Startup",
            "",
            "From a new process to the first scene on screen (`python -m bench.bench_startup`), best of "
            f"{repeats} runs each, the commands alternating. Baselines: a bare process parsing the story's "
            "files with `yaml.CSafeLoader`; for the desktop, that plus a bare pygame-ce window drawing one "
            "line of text. Aim: at most 2×.",
            "",
            "| front end | baseline | first scene | ratio |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_startup", description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--story", type=Path, default=None)
    args = parser.parse_args(argv)
    print(run(story=args.story, repeats=args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
