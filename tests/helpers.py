"""Helpers shared by the tests: writing small stories to disk and playing them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from game.engine import Session, load_story

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "stories" / "sample"


def write_story(tmp_path: Path, text: str, name: str = "story.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_ok(path):
    story, diagnostics = load_story(path)
    errors = [str(d) for d in diagnostics if d.is_error]
    assert story is not None, errors
    return story


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def play(story, choices, seed=0, **kw) -> Session:
    session = Session(story, seed, **kw)
    for choice in choices:
        session.choose(choice)
    return session


MINI = """
story: {id: mini, title: Mini, start: a}
variables:
  money: {type: int, initial: 10, min: 0, max: 100}
  bag: {type: set}
  seen: false
scenes:
  a:
    title: Start
    text: You have {money}.
    choices:
      - id: spend
        text: Spend 5
        effects: [money -= 5, bag += 'thing']
        next: b
      - id: rich
        text: Be rich
        enable_if: money > 50
        reason: Too poor.
        next: b
  b:
    text:
      - Bag holds {bag}.
      - if: "'thing' in bag"
        text: You bought a thing.
    choices:
      - id: again
        text: Again
        once: true
        effects: seen = true
      - id: finish
        text: Finish
        enable_if: seen
        reason: Look again first.
        next: end
      - id: give_up
        text: Give up
        fallback: true
        next: end
endings:
  end:
    title: The end
    text: Done with {money}.
"""


def run_cli(*args, stdin: str = "", timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``python -m game ARGS`` from the repository; whatever happens, never a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "game", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


def break_choice(monkeypatch, uid: str) -> None:
    """Make taking the choice ``uid`` raise RuntimeError("boom") in the loop that plays whole games."""
    import game.engine.playout as module

    real = module.choose

    def broken(story, state, choice_id):
        if choice_id == uid:
            raise RuntimeError("boom")
        return real(story, state, choice_id)

    monkeypatch.setattr(module, "choose", broken)
