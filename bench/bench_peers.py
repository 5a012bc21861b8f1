"""Side by side with a peer engine: our step against bardic's on equivalent generated stories.

The peers are installed by this benchmark into their own environment (``bench/.peers``, never a
project dependency); without a network the comparison is skipped with a note. Each engine walks a
story of 20, 200, 2,000 and 10,000 scenes at random (seeded) without restarting, and a step is one
choice taken and the next passage's text rendered, the same work in both. The ratio is bardic's µs
per step over ours, measured in the same run: the goal is at least 5× at every size.

bardic 0.10 runs stories written in its own format (``.bard``), compiled to JSON by its compiler; the
generator below writes the same story as :func:`bench.bench_engine.generated_story`: each scene
shows a line with the money, a line shown only when met and rich, and offers to buy (if money >= 5:
money - 5, a thing in the bag), to meet someone (met) or to go on (money + 0..3, a random target).
Bardic has no per-choice effects, so a choice passes its action to the next passage as a parameter,
which applies it on entry; and no random targets, so going on always leads to the second neighbour.

inkpython runs compiled ink JSON, which only ink's own compiler (a .NET program, not on PyPI) writes:
it is left out, with a note. Run: ``python -m bench.bench_peers [--quick]``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from game.engine import available, choose, frame, load_story, start

from .bench_engine import generated_story

PEERS = ("bardic==0.10.2",)
HOME = Path(__file__).resolve().parent / ".peers"
SIZES = (20, 200, 2_000, 10_000)


def bard_story(scenes: int) -> str:
    """The generated story (see the module doc) in bardic's format."""
    out = [":: Start", "~ money = 100", "~ bag = set()", "~ met = False", "~ roll = 1", "-> s0(0)", ""]
    for i in range(scenes):
        a, b = (i + 1) % scenes, (i * 7 + 3) % scenes
        out += [
            f":: s{i}(act=0)",
            "@if act == 1:",
            "~ money = money - 5",
            f"~ bag = bag | {{'t{i % 10}'}}",
            "@elif act == 2:",
            "~ met = True",
            "@elif act == 3:",
            "~ roll = (roll * 1103515245 + 12345) % 2147483648",
            "~ money = min(money + roll % 4, 1000000)",
            "@endif",
            f"S{i}: {{money}} yuan.",
            "@if met and money > 50:",
            "A wave.",
            "@endif",
            f"+ {{money >= 5}} [Buy] -> s{a}(1)",
            f"+ [Meet] -> s{b}(2)",
            f"+ [Go] -> s{b}(3)",
            "",
        ]
    return "\n".join(out)


#: run inside the peers' environment: walks a bardic story, prints µs per step as JSON
CHILD = r"""
import json, random, sys, time
from bardic import BardCompiler, BardEngine
source, steps = open(sys.argv[1]).read(), int(sys.argv[2])
data = BardCompiler().compile_string(source)
rng = random.Random(1)
engine = BardEngine(data)
out = engine.current()
t0 = time.perf_counter()
for _ in range(steps):
    out = engine.choose(rng.randrange(len(out.choices)))
print(json.dumps({"us": (time.perf_counter() - t0) / steps * 1e6}))
"""


def peers_python() -> Path | None:
    """The peers' interpreter, installing them on first use; None (with a note) if that fails."""
    python = HOME / "bin" / "python"
    stamp = HOME / ".installed"
    if stamp.exists() and stamp.read_text() == " ".join(PEERS):
        return python
    try:
        venv.create(HOME, with_pip=True, clear=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *PEERS],
            check=True,
            timeout=600,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        print(
            f"bench_peers: could not install {', '.join(PEERS)} ({exc}): comparison skipped", file=sys.stderr
        )
        return None
    stamp.write_text(" ".join(PEERS))
    return python


def our_step(story, steps: int) -> float:
    """µs per step (a choice taken and the next frame rendered), at random without restarting."""
    rng = random.Random(1)
    state, _ = start(story, 2)
    frame(story, state)
    took = 0.0
    for _ in range(steps):
        ids = [c.id for c, enabled, _ in available(story, state) if enabled]
        t0 = time.perf_counter()
        state, _ = choose(story, state, rng.choice(ids))
        frame(story, state)
        took += time.perf_counter() - t0
    return took / steps * 1e6


def bardic_step(python: Path, scenes: int, steps: int, tmp: Path) -> float:
    source = tmp / f"g{scenes}.bard"
    source.write_text(bard_story(scenes), encoding="utf-8")
    child = tmp / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    done = subprocess.run(
        [str(python), str(child), str(source), str(steps)],
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return json.loads(done.stdout)["us"]


def run(quick: bool = False) -> str:
    sizes = SIZES[:3] if quick else SIZES
    steps = 500 if quick else 1_000
    head = [
        "## Side by side with bardic",
        "",
        f"A random walk of {steps:,} steps (a choice and the next text) without restarting, on the same",
        "generated story in each engine's format (`python -m bench.bench_peers`: its doc says how).",
        "Goal: at least 5× bardic's rate at every size.",
        "",
    ]
    python = peers_python()
    if python is None:
        return "\n".join(head + ["Skipped: the peers could not be installed (offline?).", ""])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for n in sizes:
            story, diagnostics = load_story(generated_story(tmp_path / f"g{n}", n))
            assert story is not None, [str(d) for d in diagnostics[:3]]
            ours = our_step(story, steps)
            theirs = bardic_step(python, n, steps, tmp_path)
            rows.append(f"| {n:,} | {ours:.0f} µs | {theirs:.0f} µs | {theirs / ours:.1f}× |")
    return "\n".join(
        head
        + ["| scenes | our step | bardic 0.10 step | ratio (bardic / ours) |", "| --- | --- | --- | --- |"]
        + rows
        + ["", "inkpython: left out (it runs compiled ink JSON, which only ink's .NET compiler writes).", ""]
    )


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
