"""What a class did, as numbers: the analysis behind ``socialscore report`` (pure: no HTML, no files).

:func:`analyse` turns a :class:`~game.workshop.logs_read.LogSet` into an :class:`Analysis` (counts,
decisions, reflections); :func:`prompts` draws discussion questions from it as plain text. Every
figure here is tested on crafted logs with known answers; the page (:mod:`.report_html`) only shows
them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .logs_read import LOGGED_MODES, LogSet, PlayerLog, Step

# -- analysis ------------------------------------------------------------------------------------------


@dataclass
class Decision:
    """A key decision: a scene that offered a key choice, and what the players who reached it chose."""

    scene: str
    title: str
    turns: list[int] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # uid -> text, in order first seen
    counts: Counter = field(default_factory=Counter)
    reached: int = 0

    @property
    def order(self) -> float:
        return statistics.median(self.turns) if self.turns else 0


@dataclass
class Question:
    id: str
    text: str
    scale: int
    low: str
    high: str
    before: list[int] = field(default_factory=list)
    after: list[int] = field(default_factory=list)
    deltas: list[int] = field(default_factory=list)  # after - before, for players with both
    after_unfinished: int = 0  # of the answers after, those of players who stopped before an ending


MODES = LOGGED_MODES


@dataclass
class Group:
    """Players who played under one rules file in one transparency mode: the only players whose
    scores, tiers and endings may be pooled (different rules or explanations are different games)."""

    rules: str  # the rules file's title
    mode: str
    players: list[PlayerLog]
    tiers: list[dict]  # this rules file's tiers, lowest first as in the log
    range: dict | None

    @property
    def label(self) -> str:
        return f"{self.rules} · {self.mode}"

    @property
    def finished(self) -> list[PlayerLog]:
        return [p for p in self.players if p.finished]

    @property
    def scores(self) -> list[int]:
        return [p.final_score for p in self.finished if isinstance(p.final_score, int)]

    @property
    def median(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None

    @property
    def tier_counts(self) -> Counter:
        return Counter(p.final_tier for p in self.finished)

    @property
    def endings(self) -> Counter:
        return Counter(_ending(p) for p in self.players)

    def tier_title(self, tier_id: str | None) -> str:
        return _tier_title(self.tiers, tier_id)

    @cached_property
    def decisions(self) -> list[Decision]:
        """This group's key decisions: counted within the group, as its scores are."""
        return decisions_of(self.players)


def _tier_title(tiers: list[dict], tier_id: str | None) -> str:
    for t in tiers:
        if t.get("id") == tier_id:
            return str(t.get("title", tier_id))
    return str(tier_id or "?")


def _ending(p: PlayerLog) -> str:
    if not p.finished:
        return "(not finished)"
    return str(p.end.get("ending_title") or p.end.get("ending") or "?")


def _tiers_of(header: dict) -> list[dict]:
    return [t for t in (header.get("tiers") or []) if isinstance(t, dict)]


def rules_of(p: PlayerLog) -> str:
    return p.rules_title or "(no score)"


def game_of(p: PlayerLog, cuts: bool) -> str:
    """The rules a player's score followed, named for a group: the rules file's title, and the
    story's cut too when the class played several (``cuts``): another cut is another game."""
    return f"{rules_of(p)} · {p.cut or 'no'} cut" if cuts else rules_of(p)


def groups_of(players: list[PlayerLog]) -> list[Group]:
    """Players by (rules file and cut, transparency mode): the most played first, modes in order.
    The cut is part of a group's ``rules`` only when players played more than one."""
    cuts = len({p.cut for p in players}) > 1
    by_key: dict[tuple[str, str], list[PlayerLog]] = {}
    for p in players:
        by_key.setdefault((game_of(p, cuts), p.transparency), []).append(p)
    rules_count = Counter(game_of(p, cuts) for p in players)
    out = []
    for (rules, mode), members in by_key.items():
        head = next((m.header for m in members if isinstance(m.header.get("range"), dict)), members[0].header)
        rng = head.get("range")
        out.append(Group(rules, mode, members, _tiers_of(head), rng if isinstance(rng, dict) else None))
    out.sort(key=lambda g: (-rules_count[g.rules], g.rules, MODES.index(g.mode)))
    return out


@dataclass
class Analysis:
    logs: LogSet
    players: list[PlayerLog]
    finished: list[PlayerLog]
    story_title: str
    rules: Counter
    modes: Counter
    codes: Counter
    range: dict | None
    tiers: list[dict]
    tier_counts: Counter
    endings: Counter
    decisions: list[Decision]
    dropped: Counter  # contact name -> players who dropped them
    drop_reasons: dict[str, Counter]  # contact name -> what the app said
    dropped_you: Counter
    refused: Counter  # perk title -> players refused
    granted: Counter
    questions: list[Question]
    undos: int
    groups: list[Group] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.players)

    @property
    def stopped(self) -> list[PlayerLog]:
        """Players who stopped before an ending."""
        return [p for p in self.players if not p.finished]

    @property
    def stopped_answered(self) -> int:
        """Players who stopped before an ending and still answered the questions after playing."""
        return sum(1 for p in self.stopped if p.reflections["after"])

    @property
    def split(self) -> bool:
        """True when players differ in rules file or mode: then scores are shown group by group."""
        return len(self.groups) > 1

    def tier_title(self, tier_id: str | None) -> str:
        return _tier_title(self.tiers, tier_id)


def key_steps(player: PlayerLog) -> dict[str, list[Step]]:
    """Every step the player took at each scene that offered a key choice, in order, by scene.

    A player can choose more than once at one scene (read the terms, then activate; or come back
    later): each of those choices counts, once per player."""
    out: dict[str, list[Step]] = {}
    for step in player.steps:
        if step.key:
            out.setdefault(step.scene, []).append(step)
    return out


def decisions_of(players: list[PlayerLog]) -> list[Decision]:
    """The key decisions these players reached, in story order (the median turn they got there),
    each with every choice of every player counted once per player (see :func:`key_steps`)."""
    decisions: dict[str, Decision] = {}
    for p in players:
        for scene, steps in key_steps(p).items():
            d = decisions.setdefault(scene, Decision(scene, steps[0].scene_title))
            d.reached += 1
            d.turns.append(steps[0].turn)
            for step in steps:
                for offer in step.offered:
                    d.texts.setdefault(offer["choice"], str(offer.get("text") or offer["choice"]))
                d.texts.setdefault(step.choice, step.text)
            for uid in dict.fromkeys(step.choice for step in steps):
                d.counts[uid] += 1
    return sorted(decisions.values(), key=lambda d: (d.order, d.scene))


def _events(player: PlayerLog):
    for step in player.steps:
        yield from step.events


def analyse(logs: LogSet) -> Analysis:
    """Every figure of the report for these logs' players (counted as the tests on crafted logs say)."""
    players = logs.players
    finished = [p for p in players if p.finished]
    headers = [p.header for p in players]
    story_title = Counter(str(h.get("story_title") or h["story"]) for h in headers).most_common(1)
    main_rules = next((h for h in headers if isinstance(h.get("range"), dict)), {})
    rng = main_rules.get("range") if main_rules else None
    people = _contacts_and_perks(players)
    return Analysis(
        logs=logs,
        players=players,
        finished=finished,
        story_title=story_title[0][0] if story_title else "",
        rules=Counter(rules_of(p) for p in players),
        modes=Counter(p.transparency for p in players),
        codes=Counter(str(h.get("session_code") or "") for h in headers),
        range=rng if isinstance(rng, dict) else None,
        tiers=_tiers_of(main_rules),
        tier_counts=Counter(p.final_tier for p in finished),
        endings=Counter(_ending(p) for p in players),
        decisions=decisions_of(players),
        dropped=people.dropped,
        drop_reasons=people.drop_reasons,
        dropped_you=people.dropped_you,
        refused=people.refused,
        granted=people.granted,
        questions=_questions(players),
        undos=sum(p.undos for p in players),
        groups=groups_of(players),
    )


@dataclass
class _People:
    """Contacts dropped and perks granted or refused, each counted once per player."""

    dropped: Counter = field(default_factory=Counter)  # contact name -> players who dropped them
    drop_reasons: dict[str, Counter] = field(default_factory=dict)  # contact name -> what the app said
    dropped_you: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)  # perk title -> players refused
    granted: Counter = field(default_factory=Counter)


def _contacts_and_perks(players: list[PlayerLog]) -> _People:
    out = _People()
    for p in players:
        seen: set[tuple] = set()  # (what, name): each counted once per player
        for event in _events(p):
            kind = event["kind"]  # the reader's reduced events (logs_read.Step)
            if kind == "contact":
                what, name = event["change"], event["name"]
                if what not in ("dropped", "dropped_you") or (what, name) in seen:
                    continue
                seen.add((what, name))
                (out.dropped if what == "dropped" else out.dropped_you)[name] += 1
                if what == "dropped" and event["said"]:
                    out.drop_reasons.setdefault(name, Counter())[event["said"]] += 1
            elif kind == "perk" and isinstance(event["granted"], bool):
                what = "granted" if event["granted"] else "refused"
                if (what, event["title"]) not in seen:
                    seen.add((what, event["title"]))
                    (out.granted if event["granted"] else out.refused)[event["title"]] += 1
    return out


def _questions(players: list[PlayerLog]) -> list[Question]:
    """The reflection questions the headers list (the first wording of each id), with every answer."""
    questions: dict[str, Question] = {}
    for h in (p.header for p in players):
        for q in h.get("questions") or []:
            if isinstance(q, dict) and isinstance(q.get("id"), str) and q["id"] not in questions:
                scale = q.get("scale") if isinstance(q.get("scale"), int) else 5
                questions[q["id"]] = Question(
                    q["id"], str(q.get("text", q["id"])), scale, str(q.get("low", "")), str(q.get("high", ""))
                )
    for p in players:
        before, after = p.reflections["before"], p.reflections["after"]
        for qid, q in questions.items():
            if qid in before:
                q.before.append(before[qid])
            if qid in after:
                q.after.append(after[qid])
                q.after_unfinished += not p.finished
            if qid in before and qid in after:
                q.deltas.append(after[qid] - before[qid])
    return list(questions.values())


# -- discussion prompts ----------------------------------------------------------------------------------


def _of(k: int, reached: int, total: int) -> str:
    if reached == total:
        return f"{k} of {total} of you"
    return f"{k} of the {reached} of you who got there"


def _mean(values: list[int]) -> float | None:
    return statistics.fmean(values) if values else None


def prompts(a: Analysis) -> list[str]:
    """Discussion prompts drawn from what this group did (plain text; escaped when shown)."""
    out: list[str] = []
    n = a.n
    if not n:
        return out
    people = _people_prompts(a)
    out.extend(people["dropped"] + people["dropped_you"])
    out.extend(_decision_prompts(a))
    out.extend(people["refused"])
    shifts = [(abs(_mean(q.after) - _mean(q.before)), q) for q in a.questions if q.before and q.after]
    if shifts:
        size, q = max(shifts, key=lambda s: s[0])
        b, f = _mean(q.before), _mean(q.after)
        if size >= 0.3:
            out.append(
                f"Asked “{q.text}” (1 = {q.low}, {q.scale} = {q.high}), you answered {b:.1f} on average "
                f"before playing and {f:.1f} after. What changed your mind?"
            )
        else:
            out.append(
                f"Your answers to “{q.text}” barely moved ({b:.1f} before, {f:.1f} after). "
                "Did the game confirm what you thought, or not reach you?"
            )
    out.extend(_score_prompts(a))
    if a.undos:
        out.append(f"You took back {a.undos} choices in all. Which ones, and why? Real life has no undo.")
    largest = max(a.groups, key=lambda g: len(g.players), default=None)
    if largest and largest.endings:  # endings depend on the rules: counted within one group
        title, k = largest.endings.most_common(1)[0]
        if title != "(not finished)" and k > 1:
            size = len(largest.players)
            who = (
                f"{k} of the {size} of you with {largest.rules} ({largest.mode})" if a.split else _of(k, n, n)
            )
            out.append(f"{who} reached “{title}”. What would it have taken to end somewhere else?")
    return out


def _people_prompts(a: Analysis) -> dict[str, list[str]]:
    """Prompts about contacts dropped and perks refused. Under other rules or explanations the
    pressure to drop a friend, and the perks' thresholds, differ: when the class is split each
    prompt counts within one group and names it (the group where it was most common), as the
    decision and score prompts do."""
    if a.split:
        # a group of one would name its player: such groups are left out, as a decision reached by one is
        sources = [
            (g, _contacts_and_perks(g.players), len(g.players)) for g in a.groups if len(g.players) > 1
        ]
    else:
        sources = [(None, _People(a.dropped, a.drop_reasons, a.dropped_you, a.refused, a.granted), a.n)]

    def most(counter_of, limit: int) -> list[tuple[Group | None, _People, str, int, int]]:
        found = [
            (g, people, name, k, size)
            for g, people, size in sources
            for name, k in counter_of(people).items()
        ]
        found.sort(key=lambda f: (-f[3] / f[4], -f[3]))
        picked, named = [], set()
        for f in found:
            if f[2] not in named and len(picked) < limit:
                named.add(f[2])
                picked.append(f)
        return picked

    def who(g: Group | None, k: int, size: int) -> str:
        return f"With {g.rules} ({g.mode}), {_of(k, size, size)}" if g is not None else _of(k, size, size)

    out: dict[str, list[str]] = {"dropped": [], "dropped_you": [], "refused": []}
    for g, people, name, k, size in most(lambda p: p.dropped, 2):
        said = people.drop_reasons.get(name)
        if said:
            ask = f"The app told you: “{said.most_common(1)[0][0]}” What made that feel reasonable?"
        else:
            ask = "What did the app say, or show, to make that feel reasonable?"
        out["dropped"].append(f"{who(g, k, size)} dropped {name}. {ask}")
    for g, _, name, k, _size in most(lambda p: p.dropped_you, 1):
        out["dropped_you"].append(
            f"{name} dropped {k} of you{_within(g)} when your score fell. "
            "Did you notice? Did it change what you did next?"
        )
    for g, _, title, k, _size in most(lambda p: p.refused, 1):
        out["refused"].append(
            f"{k} of you{_within(g)} were refused “{title}”. "
            "What did the refusal say, and did you believe the reason?"
        )
    return out


def _within(g: Group | None) -> str:
    return f" (with {g.rules}, {g.mode})" if g is not None else ""


def _decision_prompts(a: Analysis, limit: int = 3) -> list[str]:
    """Prompts about the most divided key decisions, each counted within one group: players of
    different rules files or modes played different games, so when the class is split a prompt
    names its group and counts only its players (as the scores and endings prompts do); a scene
    is asked about once, for the group where it divided players most."""
    sources = [(g, g.decisions, len(g.players)) for g in a.groups] if a.split else [(None, a.decisions, a.n)]
    candidates = [
        (g, d, size) for g, decisions, size in sources for d in decisions if d.reached >= 2 and d.counts
    ]
    candidates.sort(
        key=lambda c: (-(len(c[1].counts) > 1), c[1].counts.most_common(1)[0][1] / c[1].reached, c[1].order)
    )
    out, asked = [], set()
    for g, d, size in candidates:
        if d.scene in asked or len(out) == limit:
            continue
        asked.add(d.scene)
        top, k = d.counts.most_common(1)[0]
        who = f"with {g.rules} ({g.mode}), " if g is not None else ""
        line = f"At “{d.title}”, {who}{_of(k, d.reached, size)} chose “{d.texts.get(top, top)}”."
        others = [(uid, c) for uid, c in d.counts.most_common() if uid != top]
        if others:
            uid, c = others[-1]
            line += f" {c} chose “{d.texts.get(uid, uid)}”. What made the difference?"
        else:
            untaken = [t for uid, t in d.texts.items() if uid not in d.counts]
            if untaken:
                line += f" Nobody chose “{untaken[0]}”. Why not?"
            else:
                line += " Why was that the obvious choice?"
        out.append(line)
    return out


def _score_prompts(a: Analysis) -> list[str]:
    """Prompts about scores, comparing like with like: the spread within the largest group; modes
    only under one rules file; rules files only in one mode. Scores of different rules files or
    modes are never pooled (the rules, not the explanations, could make the difference)."""
    out = []
    largest = max(a.groups, key=lambda g: len(g.scores), default=None)
    if largest and len(largest.scores) >= 2 and max(largest.scores) > min(largest.scores):
        ranked = sorted(
            (p for p in largest.finished if isinstance(p.final_score, int)), key=lambda p: p.final_score
        )
        lo, hi = ranked[0], ranked[-1]
        who = f"With {largest.rules} ({largest.mode}), final" if a.split else "Final"
        out.append(
            f"{who} scores ran from {lo.final_score} ({largest.tier_title(lo.final_tier)}) to "
            f"{hi.final_score} ({largest.tier_title(hi.final_tier)}). "
            "Whom did these rules reward, and for what?"
        )
    comparable = [g for g in a.groups if len(g.scores) >= 2]
    for rules in dict.fromkeys(g.rules for g in comparable):
        same = [g for g in comparable if g.rules == rules]
        if len(same) >= 2:
            parts = ", ".join(f"{g.mode}: {g.median:.0f}" for g in same)
            under = f"Under the same rules ({rules}), median" if a.split and len(a.rules) > 1 else "Median"
            out.append(
                f"{under} final score by how much the app explained ({parts}). "
                "Did knowing the rules help you, or the system?"
            )
    for mode in MODES:
        same = [g for g in comparable if g.mode == mode]
        if len(same) >= 2:
            parts = ", ".join(f"{g.rules}: {g.median:.0f}" for g in same)
            out.append(
                f"With the same explanations ({mode}), median final score by rules file ({parts}). "
                "What did each set of rules reward?"
            )
    return out
