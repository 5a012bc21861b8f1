"""Side by side with peer engines: our step against bardic's and inkpython's on equivalent generated
stories.

The peers are installed by this benchmark into their own environment (``bench/.peers``, never a
project dependency: a virtual environment for bardic and inkpython, and, in ``bench/.peers/node``,
inkjs, whose compiler turns ink source into the JSON inkpython runs); without a network, or without
``node`` and ``npm`` for ink, a peer is skipped with a note. Each engine walks a
story of 20, 200, 2,000 and 10,000 scenes at random (seeded) without restarting, and a step is one
choice taken and the next passage's text rendered, the same work in both. The ratio is bardic's µs
per step over ours, measured in the same run: the goal is at least 5× at every size.

bardic 0.10 runs stories written in its own format (``.bard``), compiled to JSON by its compiler; the
generator below writes the same story as :func:`bench.bench_engine.generated_story`: each scene
shows a line with the money, a line shown only when met and rich, and offers to buy (if money >= 5:
money - 5, a thing in the bag), to meet someone (met) or to go on (money + 0..3, a random target).
Bardic has no per-choice effects, so a choice passes its action to the next passage as a parameter,
which applies it on entry; and no random targets, so going on always leads to the second neighbour.

inkpython 0.1 runs compiled ink JSON (ink's own compiler, inklecate, is a .NET program): the benchmark
compiles the same story written in ink with inkjs's compiler (``inkjs-compiler``, from npm), which
writes the same JSON. Ink has per-choice effects, ``RANDOM`` and lists, so its story is the closest
to ours: a choice's effects run when it is taken, going on draws ``RANDOM(0, 3)`` and then the target
(the second neighbour one time in three, the next scene otherwise, as our random branch does), and
the bag is an ink list. Run: ``python -m bench.bench_peers [--quick]``.
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

PEERS = ("bardic==0.10.2", "inkpython==0.1.0")
#: from npm, into bench/.peers/node: ink's compiler for inkpython's input
INK_COMPILER = "inkjs@2.4.0"
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


def ink_story(scenes: int) -> str:
    """The generated story (see the module doc) in ink."""
    things = ", ".join(f"t{k}" for k in range(10))
    out = [f"LIST things = {things}", "VAR bag = ()", "VAR money = 100", "VAR met = false", "-> s0", ""]
    for i in range(scenes):
        a, b = (i + 1) % scenes, (i * 7 + 3) % scenes
        out += [
            f"=== s{i} ===",
            f"S{i}: {{money}} yuan.",
            "{met and money > 50: A wave.}",
            "+ {money >= 5} [Buy]",
            "    ~ money = money - 5",
            f"    ~ bag += t{i % 10}",
            f"    -> s{a}",
            "+ [Meet]",
            "    ~ met = true",
            f"    -> s{b}",
            "+ [Go]",
            "    ~ money = MIN(money + RANDOM(0, 3), 1000000)",
            "    ~ temp r = RANDOM(1, 3)",
            "    {r == 1:",
            f"        -> s{b}",
            "    - else:",
            f"        -> s{a}",
            "    }",
            "",
        ]
    return "\n".join(out)


#: run inside the peers' environment: walks a compiled ink story, prints µs per step as JSON
INK_CHILD = r"""
import json, random, sys, time
from inkpython import Story
story = Story(open(sys.argv[1], encoding="utf-8-sig").read())
story.state.storySeed = 1  # the same RANDOM draws in every walk
steps = int(sys.argv[2])
rng = random.Random(1)
while story.canContinue:
    story.Continue()
times = []
for _ in range(steps):
    t0 = time.perf_counter()
    story.ChooseChoiceIndex(rng.randrange(len(story.currentChoices)))
    while story.canContinue:
        story.Continue()
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times}))
"""

#: run inside the peers' environment: walks a bardic story, prints µs per step as JSON
CHILD = r"""
import json, random, sys, time
from bardic import BardCompiler, BardEngine
source, steps = open(sys.argv[1]).read(), int(sys.argv[2])
data = BardCompiler().compile_string(source)
rng = random.Random(1)
engine = BardEngine(data)
out = engine.current()
times = []
for _ in range(steps):
    t0 = time.perf_counter()
    out = engine.choose(rng.randrange(len(out.choices)))
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times}))
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


def ink_compiler() -> Path | None:
    """inkjs's compiler (installed with npm on first use); None, with a note, without node or npm."""
    home = HOME / "node"
    script = home / "node_modules" / "inkjs" / "bin" / "inkjs-compiler.js"
    stamp = home / ".installed"
    if stamp.exists() and stamp.read_text() == INK_COMPILER and script.exists():
        return script
    try:
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(home), INK_COMPILER],
            check=True,
            timeout=600,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"bench_peers: could not install {INK_COMPILER} ({exc}): ink skipped", file=sys.stderr)
        return None
    stamp.write_text(INK_COMPILER)
    return script


def our_step(story, steps: int) -> list[float]:
    """Seconds of each step (a choice taken and the next frame rendered), at random without
    restarting; the same walk every time."""
    rng = random.Random(1)
    state, _ = start(story, 2)
    frame(story, state)
    times = []
    for _ in range(steps):
        ids = [c.id for c, enabled, _ in available(story, state) if enabled]
        t0 = time.perf_counter()
        state, _ = choose(story, state, rng.choice(ids))
        frame(story, state)
        times.append(time.perf_counter() - t0)
    return times


def fastest(best: list[float] | None, times: list[float]) -> list[float]:
    """Each step's fastest time so far (the walks are the same, step by step)."""
    return times if best is None else [min(a, b) for a, b in zip(best, times, strict=True)]


def mean_us(times: list[float] | None) -> float:
    return sum(times) / len(times) * 1e6 if times else float("nan")


def bardic_step(python: Path, scenes: int, steps: int, tmp: Path) -> list[float]:
    source = tmp / f"g{scenes}.bard"
    source.write_text(bard_story(scenes), encoding="utf-8")
    return _child_times(python, tmp / "child.py", CHILD, source, steps)


def ink_compile(compiler: Path, scenes: int, tmp: Path) -> Path:
    """The generated story in ink, compiled to the JSON inkpython runs."""
    source, compiled = tmp / f"g{scenes}.ink", tmp / f"g{scenes}.ink.json"
    source.write_text(ink_story(scenes), encoding="utf-8")
    subprocess.run(
        ["node", str(compiler), "-o", str(compiled), str(source)],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    return compiled


def ink_step(python: Path, compiled: Path, steps: int, tmp: Path) -> list[float]:
    return _child_times(python, tmp / "ink_child.py", INK_CHILD, compiled, steps)


def _child_times(python: Path, child: Path, code: str, story: Path, steps: int) -> list[float]:
    """Run a peer's timing script ``code`` (written to ``child``) in the peer's own Python on ``story``."""
    child.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [str(python), str(child), str(story), str(steps)],
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return json.loads(done.stdout)["times"]


def run(quick: bool = False, repeats: int | None = None) -> str:
    sizes = SIZES[:3] if quick else SIZES
    steps = 500 if quick else 1_000
    repeats = repeats or (1 if quick else 3)
    head = [
        "## Side by side with bardic and inkpython",
        "",
        f"A random walk of {steps:,} steps (a choice and the next text) without restarting, on the same",
        "generated story in each engine's format (`python -m bench.bench_peers`: its doc says how).",
        f"Each engine walks {repeats} times, the engines taking turns (a busy spell of the shared machine",
        "falls on all of them), and each step keeps its fastest time (min of N: every walk takes the same",
        "steps). Goal: at least 5× bardic's rate at every size.",
        "",
    ]
    python = peers_python()
    if python is None:
        return "\n".join(head + ["Skipped: the peers could not be installed (offline?).", ""])
    compiler = ink_compiler()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for n in sizes:
            story, diagnostics = load_story(generated_story(tmp_path / f"g{n}", n))
            assert story is not None, [str(d) for d in diagnostics[:3]]
            compiled = ink_compile(compiler, n, tmp_path) if compiler is not None else None
            best: dict[str, list[float] | None] = {"ours": None, "bardic": None, "ink": None}
            for _ in range(repeats):
                best["ours"] = fastest(best["ours"], our_step(story, steps))
                best["bardic"] = fastest(best["bardic"], bardic_step(python, n, steps, tmp_path))
                if compiled is not None:
                    best["ink"] = fastest(best["ink"], ink_step(python, compiled, steps, tmp_path))
            ours, theirs, ink = mean_us(best["ours"]), mean_us(best["bardic"]), mean_us(best["ink"])
            row = f"| {n:,} | {ours:.0f} µs | {theirs:.0f} µs | {theirs / ours:.1f}× |"
            row += f" {ink:.0f} µs | {ink / ours:.1f}× |" if compiled is not None else " – | – |"
            rows.append(row)
    table = [
        "| scenes | our step | bardic 0.10 step | ratio (bardic / ours) | inkpython 0.1 step "
        "| ratio (inkpython / ours) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    note = (
        []
        if compiler is not None
        else ["", "inkpython: skipped (node and npm are needed for ink's compiler)."]
    )
    return "\n".join(head + table + rows + note + [""])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.bench_peers", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args()
    print(run(quick=args.quick, repeats=args.repeats))
