"""Frame-time benchmark of the desktop game (a measurement, not a test: nothing is asserted).

Plays the format showcase story (tests/stories/sample) under the dummy video driver at
1280×720 and at 2560×1440, drawing many frames on each screen it passes (story with the
typewriter running, then idle, the menu, history, debrief), and prints the median and
99th-percentile time to draw a frame, and the ratio to a baseline measured in the same run:
a bare ``fill`` + ``display.flip`` loop.

    python -m bench.bench_frames [--frames N]    (also part of: python -m bench)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SOCIALSCORE_HOME", tempfile.mkdtemp(prefix="socialscore-bench-"))

from pathlib import Path  # noqa: E402

import pygame  # noqa: E402

from game.desktop.app import App, init_pygame  # noqa: E402
from game.desktop.debrief import DebriefScreen  # noqa: E402
from game.desktop.history import HistoryScreen  # noqa: E402
from game.desktop.menu import GameMenu  # noqa: E402
from game.desktop.settings import Settings  # noqa: E402
from game.engine import load_story_or_raise  # noqa: E402

DT = 1 / 60


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_frames(app: App, n: int) -> list[float]:
    """Time ``n`` full frames (update + draw + flip), forcing a redraw each time."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        for screen in app.stack:
            screen.update(DT)
        app.draw()
        pygame.display.flip()
        out.append(time.perf_counter() - start)
    return out


def baseline(surface: pygame.Surface, n: int) -> list[float]:
    out = []
    for i in range(n):
        start = time.perf_counter()
        surface.fill((20 + i % 10, 24, 32))
        pygame.display.flip()
        out.append(time.perf_counter() - start)
    return out


SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "stories" / "sample"


SIZES = ((1280, 720), (2560, 1440))


def measure(n: int, size: tuple[int, int] = SIZES[0]) -> dict:
    """Draw ``n`` frames per phase at ``size``; return the frame times and the baseline's."""
    init_pygame()
    story = load_story_or_raise(SAMPLE)
    app = App(story, size=size, settings=Settings(text_speed="slow"), seed=1, sound=False)
    base = baseline(app.surface, n)
    times: list[float] = []
    app.new_game()
    times += timed_frames(app, n)  # the typewriter running
    story_screen = app.top
    story_screen.finish_typing()
    times += timed_frames(app, n)  # the story at rest
    for choice in ("activate", "buy_boots"):
        story_screen._pick("choose", choice)
        story_screen.finish_typing()
        times += timed_frames(app, n // 2)
    app.push(GameMenu(app))
    times += timed_frames(app, n // 2)
    app.pop()
    app.push(HistoryScreen(app))
    times += timed_frames(app, n // 2)
    app.pop()
    story_screen._pick("choose", "walk_home")
    app.push(DebriefScreen(app))
    times += timed_frames(app, n // 2)
    renders = app.cache.renders
    pygame.quit()
    return {"times": times, "base": base, "renders": renders}


def run(quick: bool = False) -> str:
    """The benchmark as a Markdown section (for python -m bench)."""
    n = 100 if quick else 300
    lines = [
        "## Desktop frames",
        "",
        "Frames drawn under the dummy video driver across the story (typewriter running and at rest),",
        "the menu, history and the debrief, at each window size; the baseline is a bare fill + flip",
        "loop at the same size.",
        "",
        "| window | frames | game median | game p99 | baseline median | baseline p99 | ratio median "
        "| ratio p99 | texts rendered |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in SIZES:
        m = measure(n, size)
        times, base = m["times"], m["base"]
        med, p99 = statistics.median(times), percentile(times, 0.99)
        bmed, bp99 = statistics.median(base), percentile(base, 0.99)
        lines.append(
            f"| {size[0]}×{size[1]} | {len(times)} | {med * 1000:.2f} ms | {p99 * 1000:.2f} ms | "
            f"{bmed * 1000:.3f} ms | {bp99 * 1000:.3f} ms | {med / bmed:.1f}× | {p99 / bp99:.1f}× | "
            f"{m['renders']} |"
        )
    lines += ["", "Each text is rendered once, then cached; when nothing moves the game draws nothing.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300, help="frames per phase (default 300)")
    print(run(quick=parser.parse_args().frames < 300))


if __name__ == "__main__":
    main()
