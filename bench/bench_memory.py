"""Memory benchmark of the desktop game (a measurement, not a test: nothing is asserted).

Plays the shipped scenario to an ending under the dummy video driver, as a player would: each
turn the text types out and rests (frames drawn), the first open choice is taken; every tenth
turn the history and the menu are opened; at the end every debrief page is shown. Each window
size runs in its own process, so each reads its own peak resident memory (``ru_maxrss``).
Prints peak and final RSS, RSS at turn 20 (growth after it is what a long game would add),
the text cache's bytes and how many texts were rendered against how many were asked for.

    python -m bench.bench_memory [--sizes 1280x720,2560x1440]    (also part of: python -m bench)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

SIZES = ((1280, 720), (2560, 1440))
#: frames drawn per turn while the text types, and at rest
TYPING_FRAMES, REST_FRAMES = 20, 3


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def play(size: tuple[int, int]) -> dict:
    """One full game at ``size`` in this process; returns the measurements."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["SOCIALSCORE_HOME"] = tempfile.mkdtemp(prefix="socialscore-bench-")
    import pygame

    from game.desktop.app import App, init_pygame
    from game.desktop.debrief import DebriefScreen
    from game.desktop.history import HistoryScreen
    from game.desktop.inputs import Input
    from game.desktop.menu import GameMenu
    from game.desktop.settings import Settings
    from game.desktop.title import TitleScreen
    from game.engine import load_story_or_raise
    from game.engine.scoring.format import DEBRIEF_STEPS
    from game.paths import story_dir

    def frames(n: int) -> None:
        for _ in range(n):
            app.step(1 / 60, [])
            app.draw()

    init_pygame()
    start = rss_mb()
    app = App(load_story_or_raise(story_dir()), size=size, settings=Settings(), seed=1, sound=False)
    app.reset(TitleScreen(app))
    frames(REST_FRAMES)
    after_title = rss_mb()
    app.new_game()
    by_turn = {}
    turn = 0
    while app.top.name == "story" and not app.session.ended:
        screen = app.top
        frames(TYPING_FRAMES)
        screen.finish_typing()
        frames(REST_FRAMES)
        turn = app.session.state.turn
        if turn % 10 == 9:
            for extra in (HistoryScreen(app), GameMenu(app)):
                app.push(extra)
                frames(REST_FRAMES)
                app.pop()
        by_turn[turn] = rss_mb()
        choice = next(c for c in app.session.frame().choices if c.enabled)
        screen._pick("choose", choice.id)
    last_turn = rss_mb()
    peak_in_play = peak_mb()
    debrief = DebriefScreen(app)
    app.push(debrief)
    for page in range(1, len(DEBRIEF_STEPS) + 1):
        debrief.handle(Input("number", value=page))
        frames(REST_FRAMES)
    frames(REST_FRAMES)
    final = rss_mb()
    result = {
        "size": list(size),
        "turns": turn + 1,
        "start": start,
        "after_title": after_title,
        "turn20": by_turn.get(20, by_turn.get(max(by_turn), 0.0)),
        "last_turn": last_turn,
        "peak_in_play": peak_in_play,
        "final": final,
        "peak": peak_mb(),
        "cache_mb": app.cache.bytes / 2**20 if hasattr(app.cache, "bytes") else float("nan"),
        "renders": app.cache.renders,
        "asks": getattr(app.cache, "asks", 0),
    }
    pygame.quit()
    return result


def measure(sizes=SIZES) -> list[dict]:
    """Each size in a fresh process (peak RSS is per process)."""
    out = []
    for w, h in sizes:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.bench_memory", "--one", f"{w}x{h}"],
            capture_output=True,
            text=True,
            check=True,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def run(quick: bool = False) -> str:
    """The benchmark as a Markdown section (for python -m bench)."""
    rows = measure()
    lines = [
        "## Desktop memory",
        "",
        "A full game of the shipped scenario under the dummy video driver (text typing and at rest each",
        "turn, history and menu every tenth turn, every debrief page at the end); resident memory in MB.",
        "",
        "| window | turns | after title | turn 20 | last turn | after debrief | peak | text cache "
        "| renders / asks |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['size'][0]}×{r['size'][1]} | {r['turns']} | {r['after_title']:.0f} | {r['turn20']:.0f} | "
            f"{r['last_turn']:.0f} | {r['final']:.0f} | {r['peak']:.0f} | {r['cache_mb']:.1f} | "
            f"{r['renders']} / {r['asks']} |"
        )
    return "\n".join(lines + [""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help="measure one size in this process (WxH) and print JSON")
    args = parser.parse_args()
    if args.one:
        w, h = (int(x) for x in args.one.split("x"))
        print(json.dumps(play((w, h))))
    else:
        print(run())


if __name__ == "__main__":
    main()
