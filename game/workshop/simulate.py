"""``socialscore simulate``: many seeded playthroughs by a policy, and what the rules did to them.

Policies (each deterministic given the run's seed):

- ``conformist``: maximises the score: at each turn, tries every enabled choice and takes the one
  whose resulting score is highest (ties: the first offered); a choice that leads back to the
  same scene is taken again only when nothing else is on offer, so a repeatable score-raising
  choice does not hold it in one scene for ever;
- ``loyal``: never drops a contact or reports anyone, says what they think: prefers choices that
  post or share dissent, support friends, or raise ``integrity``; otherwise picks at random;
- ``gamer``: plays the number rather than the people: prefers the choices that game the app (raise
  ``gaming``: tapping the ads, buying what it rewards, posting for points), never reports anyone and
  never leaves; otherwise picks at random;
- ``random``: picks uniformly among the enabled choices;
- ``script:ID,ID,...``: takes these choices (ids or uids) in order whenever they are on offer, and
  picks at random otherwise; a scripted choice that is on offer but disabled stops the run with
  a :class:`ScriptError` (as ``transcript`` does).

Run ``i`` uses seed ``seed + i`` for the game and for the policy's own draws.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..engine import Mode, Story, available, choose, play_out, start
from ..engine.model import Choice
from ..engine.scoring import queries
from ..engine.state import State
from ..launch import UsageError, load_for_play, parse_sets
from ..launch.tools import SimulateOptions

MAX_TURNS = 600
DISSENT_TAGS = {"protest", "stock-crash", "complaint", "friend-support", "loan-to-friend", "dispute-won"}
BETRAYAL_TAGS = {"report-someone"}

Policy = Callable[[Story, State, list[Choice], random.Random], Choice]


def _score(state: State) -> int:
    part = queries.part(state)
    return part.score if part else 0


def _highest(story: Story, state: State, offered: list[Choice]) -> tuple[Choice, bool]:
    """The conformist's pick by trying every offered choice, and whether any try drew a random number."""
    best, best_rank, drew = offered[0], None, False
    for choice in offered:
        after, _ = choose(story, state, choice.uid)
        drew = drew or after.draws != state.draws
        # Why: a repeatable choice that raises the score and stays in the scene would
        # otherwise win every turn and the run would never reach an ending.
        repeat = after.ending is None and after.scene == state.scene and bool(state.chosen.get(choice.uid))
        rank = (not repeat, _score(after))
        if best_rank is None or rank > best_rank:
            best, best_rank = choice, rank
    return best, drew


def conformist(story: Story, state: State, offered: list[Choice], rng: random.Random) -> Choice:
    return _highest(story, state, offered)[0]


class Conformist:
    """The conformist policy with a memory (what :func:`policy_named` hands out): the same picks as
    :func:`conformist`, found once. Its pick is a function of the state; a game that has drawn no
    random number is, after a given path, in the same state whatever its seed, so the pick is kept
    by (variables, path, score, mode) for such games and reused by every later game of the same
    story (a different story object starts a new memory). Games that draw are tried afresh each
    step. Why: trying every choice made a conformist game three times the cost of any other."""

    def __init__(self) -> None:
        self._story: Story | None = None
        self._memo: dict[tuple, str] = {}

    def __call__(self, story: Story, state: State, offered: list[Choice], rng: random.Random) -> Choice:
        if story is not self._story:
            self._story, self._memo = story, {}
        key = None
        if state.draws == 0:
            part = queries.part(state)
            key = (state.vars, tuple(state.path), part.score if part else None, part.mode if part else None)
            uid = self._memo.get(key)
            if uid is not None:
                for choice in offered:
                    if choice.uid == uid:
                        return choice
        best, drew = _highest(story, state, offered)
        if key is not None and not drew:
            self._memo[key] = best.uid
        return best


def _actions(choice: Choice):
    extra = queries.extra(choice)
    return extra.actions if extra else ()


def _loyalty(choice: Choice) -> int:
    value = 0
    for action in _actions(choice):
        if action.kind == "drop" or set(action.values) & BETRAYAL_TAGS:
            return -100
        if set(action.values) & DISSENT_TAGS:
            value += 2
    for effect in choice.effects:
        if effect.target == "integrity" and "+=" in effect.source:
            value += 1
        if effect.target in ("flags.reported_someone", "gaming") and "-=" not in effect.source:
            value -= 2
    return value


def _preferring(value: Callable[[Choice], int]) -> Policy:
    """A policy taking the offered choice that ``value`` rates highest (ties: at random)."""

    def policy(story: Story, state: State, offered: list[Choice], rng: random.Random) -> Choice:
        best = max(value(c) for c in offered)
        return rng.choice([c for c in offered if value(c) == best])

    return policy


loyal = _preferring(_loyalty)


#: the flags a gamer never sets: reporting someone, leaving the app, leaving the country
LEAVING_FLAGS = ("flags.reported_someone", "flags.left_app", "abroad.took_job")


class _NoState:
    """The context for evaluating an effect that reads nothing (a constant): asked for a value, it
    fails, so an effect that reads state never passes for a constant."""

    def get(self, name: str):
        raise LookupError(name)

    def randint(self, lo: int, hi: int) -> int:
        raise LookupError("random")


def _may_set_true(effect) -> bool:
    """Whether ``effect`` can set its flag true: a constant assignment is evaluated (``= false`` says
    no, ``= true`` yes); one that computes its value from the state or a draw might."""
    if effect.reads or effect.uses_random:
        return True
    try:
        return effect.evaluate(_NoState()) is not False
    except LookupError:
        return True


def _gaming(choice: Choice) -> int:
    for action in _actions(choice):
        if set(action.values) & BETRAYAL_TAGS:
            return -100
    value = 0
    for effect in choice.effects:
        if effect.target == "gaming" and "+=" in effect.source:
            value += 1
        if effect.target in LEAVING_FLAGS and _may_set_true(effect):
            value -= 100
    return value


gamer = _preferring(_gaming)


def random_policy(story: Story, state: State, offered: list[Choice], rng: random.Random) -> Choice:
    return rng.choice(offered)


class ScriptError(ValueError):
    """A ``script:`` policy names a choice that is on offer but disabled."""


def scripted(ids: list[str]) -> Policy:
    def policy(story: Story, state: State, offered: list[Choice], rng: random.Random) -> Choice:
        if state.turn < len(ids):
            wanted = ids[state.turn]
            for choice, enabled, reason in available(story, state):
                if wanted not in (choice.uid, choice.id):
                    continue
                if not enabled:
                    raise ScriptError(
                        f"script step {state.turn + 1}: choice {choice.uid!r} is disabled"
                        f" in scene {state.scene!r} ({reason})"
                    )
                return choice
        return rng.choice(offered)

    return policy


POLICIES: dict[str, Policy] = {
    "conformist": conformist,
    "loyal": loyal,
    "gamer": gamer,
    "random": random_policy,
}


def policy_named(name: str) -> Policy:
    """The policy called ``name`` (``script:a,b,c`` for a script); raises ValueError if unknown.
    A conformist is a new :class:`Conformist` each call: keep one for the games of one story."""
    if name.startswith("script:"):
        ids = [i.strip() for i in name[len("script:") :].split(",") if i.strip()]
        if not ids:
            raise ValueError("a script needs choice ids: script:ID,ID,...")
        return scripted(ids)
    if name not in POLICIES:
        raise ValueError(f"unknown policy {name!r}; use one of {', '.join(POLICIES)} or script:ID,...")
    return Conformist() if name == "conformist" else POLICIES[name]


def play_once(
    story: Story, policy: Policy, seed: int, options: dict | None = None, sets: dict | None = None
) -> State:
    """One playthrough to an ending (or MAX_TURNS, or a scene with no way on); ``sets`` gives variables
    their starting values (typed, as :func:`game.launch.parse_sets` makes them; e.g. the cut)."""
    state, _ = start(story, seed, options or {}, sets=sets)
    rng = random.Random(seed)
    return play_out(story, state, lambda state, offered: policy(story, state, offered, rng), MAX_TURNS)


@dataclass
class Summary:
    policy: str
    runs: int
    seed: int
    scores: list[int] = field(default_factory=list)
    tiers: Counter = field(default_factory=Counter)
    endings: Counter = field(default_factory=Counter)
    granted: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    turns: list[int] = field(default_factory=list)

    def add(self, state: State) -> None:
        part = queries.part(state)
        if part is not None:
            self.scores.append(part.score)
            self.tiers[part.tier] += 1
            self.granted.update(part.granted)
            self.refused.update(part.refused)
        self.endings[state.ending or "(unfinished)"] += 1
        self.turns.append(state.turn)

    def stats(self) -> dict:
        s = self.scores
        return {
            "mean": round(statistics.fmean(s), 1) if s else None,
            "median": statistics.median(s) if s else None,
            "stdev": round(statistics.pstdev(s), 1) if s else None,
            "min": min(s) if s else None,
            "max": max(s) if s else None,
        }

    def to_json(self) -> dict:
        return {
            "policy": self.policy,
            "runs": self.runs,
            "seed": self.seed,
            "score": self.stats(),
            "tiers": dict(self.tiers.most_common()),
            "endings": dict(self.endings.most_common()),
            "perks_granted": dict(self.granted.most_common()),
            "perks_refused": dict(self.refused.most_common()),
            "turns": {"mean": round(statistics.fmean(self.turns), 1) if self.turns else None},
        }


def simulate(
    story: Story,
    policy_name: str,
    runs: int,
    seed: int,
    options: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
    sets: dict | None = None,
) -> Summary:
    """``runs`` games of ``policy_name`` from ``seed`` (game i: seed + i), each started with ``sets``."""
    policy = policy_named(policy_name)
    summary = Summary(policy_name, runs, seed)
    for i in range(runs):
        summary.add(play_once(story, policy, seed + i, options, sets))
        if progress:
            progress(i + 1, runs)
    return summary


def _rules(story: Story):
    model = story.extra.get("score")
    return model.rules if model else None


def tier_titles(story: Story) -> dict[str, str]:
    rules = _rules(story)
    return {t.id: t.title for t in rules.tiers} if rules else {}


def perk_titles(story: Story) -> dict[str, str]:
    rules = _rules(story)
    return {p.id: p.title for p in rules.perks.values()} if rules else {}


def ending_titles(story: Story) -> dict[str, str]:
    """Ending id -> its title (the plain text of it; an ending whose title computes falls back to its id)."""
    out = {}
    for sid, scene in story.scenes.items():
        if scene.is_ending:
            parts = scene.title.parts
            out[sid] = parts[0] if len(parts) == 1 and isinstance(parts[0], str) else sid
    return out


def _bar(done: int, total: int, stream=sys.stderr) -> None:
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


def _table(title: str, counts: Counter, total: int, names: dict[str, str] | None = None) -> list[str]:
    if not counts:
        return [f"{title}: none"]
    lines = [f"{title}:"]
    for key, n in counts.most_common():
        name = (names or {}).get(key, key)
        lines.append(f"  {name:<28} {n:>5}  {100 * n / total:5.1f}%  {'#' * round(30 * n / total)}")
    return lines


def report(
    summary: Summary, rules_title: str = "", story: Story | None = None, sets: Sequence[str] = ()
) -> str:
    """The summary as text; with ``story``, tiers, endings and perks are named by their titles; the
    first line names the rules and any ``--set`` the games started with."""
    st = summary.stats()
    lines = [
        f"Policy {summary.policy}, {summary.runs} runs from seed {summary.seed}"
        + (f", rules: {rules_title}" if rules_title else "")
        + (f", with {', '.join(sets)}" if sets else "")
    ]
    if st["mean"] is not None:
        lines.append(
            f"Final score: mean {st['mean']}, median {st['median']}, spread (sd) {st['stdev']}, "
            f"range {st['min']}-{st['max']}"
        )
    tiers, endings, perks = (
        (tier_titles(story), ending_titles(story), perk_titles(story)) if story else ({}, {}, {})
    )
    lines += _table("Tiers", summary.tiers, summary.runs, tiers)
    lines += _table("Endings", summary.endings, summary.runs, endings)
    lines += _table("Perks granted (runs)", summary.granted, summary.runs, perks)
    lines += _table("Perks refused (runs)", summary.refused, summary.runs, perks)
    return "\n".join(lines)


def check_arguments(runs: int, policy: str | None) -> None:
    """Raise UsageError for a --runs out of range or an unknown --policy (simulate and --compare)."""
    if runs < 1 or runs > 100_000:
        raise UsageError("socialscore simulate: --runs must be between 1 and 100000")
    if policy:
        try:
            policy_named(policy)
        except ValueError as exc:
            raise UsageError(f"socialscore simulate: {exc}") from None


def run_simulate(options: SimulateOptions) -> int:
    """``socialscore simulate`` (``--compare`` is :func:`game.workshop.compare.run_compare`)."""
    check_arguments(options.runs, options.policy)
    if not options.policy:
        raise UsageError(
            "socialscore simulate: name a --policy (or compare rules files with --compare FILE...)"
        )
    story = load_for_play(options.story, options.rules)
    sets = parse_sets(story, options.sets)
    show = sys.stderr.isatty() and options.runs >= 20 and not options.json
    start = {"transparency": Mode.TRANSPARENT}
    try:
        summary = simulate(
            story, options.policy, options.runs, options.seed, start, _bar if show else None, sets
        )
    except ScriptError as exc:
        raise UsageError(f"socialscore simulate: {exc}") from None
    model = queries.model(story)
    title = model.rules.title if model and model.rules else ""
    if options.json:
        data = summary.to_json()
        data["rules"] = title
        data["sets"] = list(options.sets)
        print(json.dumps(data, indent=2))
    else:
        print(report(summary, title, story, options.sets))
    return 0
