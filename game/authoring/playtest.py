"""``socialscore playtest``: many seeded random playthroughs, and what they found.

Like ChoiceScript's randomtest. Run ``i`` plays with the game seed ``seed + i`` and picks among the
enabled choices with its own generator seeded the same way, so any run can be replayed exactly.
With ``prefer_unused``, each pick goes to a choice taken least often so far (over all runs), which
covers a story much faster than uniform picks.

It counts how often each scene was entered and each choice taken, histograms the endings and the
final scores, and records every problem with the seed and the choices that reproduce it:

- ``error``: an exception inside the engine (a bug, never the story's fault);
- ``stuck``: a scene that is not an ending with no enabled choice;
- ``turn-cap``: a run still going after ``max_turns`` choices (a loop the player cannot leave).
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..engine import Choice, ChoiceFailed, Mode, Story, play_out, start
from ..engine.playout import stopped_by
from ..engine.scoring import queries
from ..engine.state import State
from ..launch import UsageError, rules_path
from ..launch.tools import PlaytestOptions

DEFAULT_MAX_TURNS = 1000


@dataclass
class Problem:
    kind: str  # error | stuck | turn-cap
    seed: int
    scene: str
    message: str
    path: list[str]

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "seed": self.seed,
            "scene": self.scene,
            "message": self.message,
            "path": self.path,
        }

    def reproduce(self, story_path: str) -> str:
        choices = ",".join(self.path)
        return f"socialscore transcript {story_path} --seed {self.seed}" + (
            f" --choices {choices}" if choices else ""
        )


@dataclass
class Playtest:
    story: Story
    runs: int
    seed: int
    prefer_unused: bool = False
    max_turns: int = DEFAULT_MAX_TURNS
    scene_hits: Counter = field(default_factory=Counter)
    scene_runs: Counter = field(default_factory=Counter)
    choice_hits: Counter = field(default_factory=Counter)
    endings: Counter = field(default_factory=Counter)
    scores: list[int] = field(default_factory=list)
    ending_scores: dict[str, list[int]] = field(default_factory=dict)
    turns: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    #: runs asked for; ``runs`` is those played (fewer after a safety stop)
    asked: int = 0
    #: "time" when ``max_seconds`` stopped the playtest before all runs were played
    stopped_by: str | None = None
    #: problems found beyond MAX_PROBLEMS: counted, not kept (each holds a whole path)
    problems_dropped: int = 0

    def add(self, state: State) -> None:
        for scene, n in state.visits.items():
            self.scene_hits[scene] += n
            self.scene_runs[scene] += 1
        self.choice_hits.update(state.chosen)
        self.turns.append(state.turn)
        if state.ending:
            self.endings[state.ending] += 1
            part = queries.part(state)
            if part is not None:
                self.scores.append(part.score)
                self.ending_scores.setdefault(state.ending, []).append(part.score)

    @property
    def unvisited(self) -> list[str]:
        return [s for s in self.story.scenes if not self.scene_runs[s]]

    @property
    def untaken(self) -> list[str]:
        return [c.uid for c in self.story.all_choices() if not self.choice_hits[c.uid]]

    def to_json(self) -> dict:
        return {
            "story": self.story.id,
            "runs": self.runs,
            "runs_asked": self.asked or self.runs,
            "stopped_by": self.stopped_by,
            "problems_dropped": self.problems_dropped,
            "seed": self.seed,
            "prefer_unused": self.prefer_unused,
            "seconds": round(self.seconds, 3),
            "endings": {
                e: {
                    "runs": n,
                    "score": {"min": min(self.ending_scores[e]), "max": max(self.ending_scores[e])}
                    if self.ending_scores.get(e)
                    else None,
                }
                for e, n in self.endings.most_common()
            },
            "unfinished": self.runs - sum(self.endings.values()),
            "score": {"min": min(self.scores), "max": max(self.scores)} if self.scores else None,
            "scores": {str(k): n for k, n in sorted(Counter(self.scores).items())},
            "turns": {
                "min": min(self.turns),
                "max": max(self.turns),
                "mean": round(sum(self.turns) / len(self.turns), 1),
            }
            if self.turns
            else None,
            "scenes": {
                s: {"hits": self.scene_hits[s], "runs": self.scene_runs[s]} for s in self.story.scenes
            },
            "choices": {c.uid: self.choice_hits[c.uid] for c in self.story.all_choices()},
            "unvisited_scenes": self.unvisited,
            "untaken_choices": self.untaken,
            "problems": [p.to_json() for p in self.problems],
        }


#: Problems kept with their paths; more are only counted (a memory bound for a million runs).
MAX_PROBLEMS = 1_000


class _TimeUp(Exception):
    """The playtest's --max-seconds passed during a run (that run is not counted)."""


def play_one(
    story: Story,
    seed: int,
    pick: Callable[[list[Choice], random.Random], Choice],
    max_turns: int = DEFAULT_MAX_TURNS,
    options: dict | None = None,
    deadline: float | None = None,
) -> tuple[State | None, Problem | None]:
    """One seeded playthrough; returns its last state and the problem that stopped it, if any.
    Raises _TimeUp once ``time.perf_counter()`` passes ``deadline`` (None: never)."""
    rng = random.Random(seed)
    try:
        state, _ = start(story, seed, options or {"transparency": Mode.TRANSPARENT})
    except Exception as exc:  # noqa: BLE001 - reported with the seed
        return None, Problem("error", seed, story.start, f"{type(exc).__name__}: {exc}", [])

    def timed_pick(state: State, offered: list[Choice]) -> Choice:
        if deadline is not None and time.perf_counter() > deadline:
            raise _TimeUp
        return pick(offered, rng)

    try:
        state = play_out(story, state, timed_pick, max_turns)
    except ChoiceFailed as failed:  # an engine bug: reported with the path
        exc, state = failed.__cause__, failed.state
        message = f"{type(exc).__name__}: {exc}"
        return state, Problem("error", seed, state.scene, message, [*state.path, failed.choice.uid])
    stop = stopped_by(story, state, max_turns)
    if stop == "turns":
        message = f"still playing after {max_turns} turns"
        return state, Problem("turn-cap", seed, state.scene, message, list(state.path))
    if stop == "stuck":
        return state, Problem("stuck", seed, state.scene, "no enabled choice here", list(state.path))
    return state, None


def playtest(
    story: Story,
    runs: int,
    seed: int = 0,
    prefer_unused: bool = False,
    max_turns: int = DEFAULT_MAX_TURNS,
    progress: Callable[[int, int], None] | None = None,
    max_seconds: float = 0,
) -> Playtest:
    """``runs`` seeded playthroughs (run i uses ``seed + i``). ``max_seconds`` (0: no limit) is a
    safety stop, checked between choices: the runs played by then are the result, ``stopped_by``
    says so. Memory is bounded: per run only counters and its final score are kept, and at most
    MAX_PROBLEMS problems with their paths."""
    began = time.perf_counter()
    deadline = began + max_seconds if max_seconds > 0 else None
    result = Playtest(story, runs, seed, prefer_unused, max_turns, asked=runs)
    used: Counter = Counter()

    def uniform(offered, rng):
        return rng.choice(offered)

    def least_used(offered, rng):
        fewest = min(used[c.uid] for c in offered)
        choice = rng.choice([c for c in offered if used[c.uid] == fewest])
        used[choice.uid] += 1
        return choice

    pick = least_used if prefer_unused else uniform
    for i in range(runs):
        try:
            state, problem = play_one(story, seed + i, pick, max_turns, deadline=deadline)
        except _TimeUp:
            result.runs, result.stopped_by = i, "time"
            break
        if state is not None:
            result.add(state)
        if problem is not None:
            if len(result.problems) < MAX_PROBLEMS:
                result.problems.append(problem)
            else:
                result.problems_dropped += 1
        if progress:
            progress(i + 1, runs)
    result.seconds = time.perf_counter() - began
    return result


# -- the report ------------------------------------------------------------------------------------


def _bar(n: int, total: int, width: int = 30) -> str:
    return "#" * round(width * n / total) if total else ""


def _bins(values: list[int]) -> list[tuple[int, int, int]]:
    """(low, high, count) bins of a nice width covering ``values``, at most about 12 of them."""
    lo, hi = min(values), max(values)
    raw = max(1, math.ceil((hi - lo + 1) / 12))
    width = next(w for w in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, raw) if w >= raw)
    start = lo - lo % width
    counts = Counter((v - start) // width for v in values)
    return [
        (start + k * width, start + (k + 1) * width - 1, counts[k]) for k in range((hi - start) // width + 1)
    ]


def report(result: Playtest, story_path: str = "STORY") -> str:
    story = result.story
    runs = result.runs
    mode = ", preferring unused choices" if result.prefer_unused else ""
    lines = [
        f"Playtest of {story.title!r}: {runs} runs from seed {result.seed}{mode} in {result.seconds:.2f} s"
    ]
    if result.stopped_by == "time":
        lines.append(
            f"stopped by --max-seconds after {runs} of {result.asked} runs: results are of the runs played"
        )
    if not runs:
        return "\n".join(lines)
    if result.turns:
        mean = sum(result.turns) / len(result.turns)
        lines.append(f"Turns: {min(result.turns)}-{max(result.turns)}, mean {mean:.1f}")
    lines.append("Endings:")
    width = max([len(e.id) for e in story.endings] + [12])
    for ending in story.endings:
        n = result.endings[ending.id]
        scores = result.ending_scores.get(ending.id)
        span = f"score {min(scores)}-{max(scores)}" if scores else ""
        lines.append(f"  {ending.id:<{width}} {n:>6} {100 * n / runs:5.1f}%  {_bar(n, runs):<30} {span}")
    unfinished = runs - sum(result.endings.values())
    if unfinished:
        lines.append(
            f"  {'(unfinished)':<{width}} {unfinished:>6} {100 * unfinished / runs:5.1f}%  "
            + _bar(unfinished, runs)
        )
    if result.scores:
        lines.append(f"Final scores ({min(result.scores)}-{max(result.scores)}):")
        for low, high, n in _bins(result.scores):
            label = f"{low}" if low == high else f"{low}-{high}"
            lines.append(f"  {label:>11} {n:>6}  {_bar(n, len(result.scores))}")
    lines.append("Scenes (entries, runs that saw them):")
    width = max(len(s) for s in story.scenes)
    for sid, scene in story.scenes.items():
        if scene.is_ending:
            continue
        n = result.scene_runs[sid]
        lines.append(
            f"  {sid:<{width}} {result.scene_hits[sid]:>7} {n:>6} {100 * n / runs:5.1f}%  {_bar(n, runs, 20)}"
        )
    unvisited = [s for s in result.unvisited]
    lines.append(f"Never visited: {', '.join(unvisited) if unvisited else 'none'}")
    untaken = result.untaken
    lines.append(f"Choices never taken: {len(untaken)} of {len(story.all_choices())}")
    for uid in untaken:
        lines.append(f"  {uid}")
    lines.append(f"Problems: {len(result.problems) or 'none'}")
    for problem in result.problems[:20]:
        lines.append(f"  {problem.kind} in {problem.scene} (seed {problem.seed}): {problem.message}")
        lines.append(f"    reproduce: {problem.reproduce(story_path)}")
    if len(result.problems) > 20:
        lines.append(f"  ... and {len(result.problems) - 20} more (see --json)")
    return "\n".join(lines)


def progress_bar(done: int, total: int, stream=None) -> None:
    stream = stream or sys.stderr
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stream.write("\r" + " " * (width + 2 * len(str(total)) + 4) + "\r")
    stream.flush()


def run_playtest(options: PlaytestOptions) -> int:
    """``socialscore playtest``: exit 1 when a run found a problem, else 0."""
    from ..engine import load_story_or_raise

    if not 1 <= options.runs <= 1_000_000:
        raise UsageError("socialscore playtest: --runs must be between 1 and 1000000")
    if not 1 <= options.max_turns <= 100_000:
        raise UsageError("socialscore playtest: --max-turns must be between 1 and 100000")
    if not 0 <= options.max_seconds < 10**7:
        raise UsageError("socialscore playtest: --max-seconds must be 0 (no limit) or more")
    story = load_story_or_raise(options.path, rules_path(options.rules))
    show = sys.stderr.isatty() and options.runs >= 50 and not options.json
    result = playtest(
        story,
        options.runs,
        options.seed,
        options.prefer_unused,
        options.max_turns,
        progress_bar if show else None,
        max_seconds=options.max_seconds,
    )
    if options.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report(result, options.path))
    return 1 if result.problems else 0
