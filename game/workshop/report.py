"""``socialscore report DIR -o report.html [--csv FILE]``: what a class did, on one page.

The page is self-contained and makes no requests: inline CSS, inline SVG charts, no script, and a
Content-Security-Policy that forbids everything else. It is made for a projector (large type, high
contrast) and prints too. Every text that comes from a log (pseudonyms, choice texts, file names)
is escaped with :func:`html.escape`; numbers are formatted by us.

Sections: the numbers; key decisions (who chose what); final scores (histogram); tiers and endings;
score curves (one faint line per player, the median bold); reflection before and after; discussion
prompts drawn from what this group did; problems with the logs.
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .logs_read import LogSet, PlayerLog, Step, read_dir

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BLUE, ORANGE, INK, GREY, PALE = "#1450a0", "#b34d00", "#111111", "#5a5a5a", "#d8dde6"


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

    @property
    def n(self) -> int:
        return len(self.players)

    def tier_title(self, tier_id: str | None) -> str:
        for t in self.tiers:
            if t.get("id") == tier_id:
                return str(t.get("title", tier_id))
        return str(tier_id or "?")


def key_steps(player: PlayerLog) -> dict[str, list[Step]]:
    """Every step the player took at each scene that offered a key choice, in order, by scene.

    A player can choose more than once at one scene (read the terms, then activate; or come back
    later): each of those choices counts, once per player."""
    out: dict[str, list[Step]] = {}
    for step in player.steps:
        if step.key:
            out.setdefault(step.scene, []).append(step)
    return out


def _events(player: PlayerLog):
    for step in player.steps:
        for event in step.events:
            yield step, event


def _rule_said(events: list[dict], contact_event: dict, mode: str) -> str | None:
    """What the app said (in the player's mode) for the rule that reacted to a contact event: the
    rule's score event right after it, caused by the same choice."""
    choice = (contact_event.get("cause") or {}).get("choice")
    after = False
    for event in events:
        if event is contact_event:
            after = True
            continue
        if after and event.get("kind") == "score":
            cause = event.get("cause") or {}
            if event.get("source") == "rule" and cause.get("choice") == choice:
                explain = event.get("explain")
                said = explain.get(mode) if isinstance(explain, dict) else None
                return said if isinstance(said, str) and said else None
        elif after and event.get("kind") not in ("tier", "perks"):
            return None
    return None


def analyse(logs: LogSet) -> Analysis:
    players = logs.players
    finished = [p for p in players if p.finished]
    headers = [p.header for p in players]
    rules = Counter(p.rules_title or "(no score)" for p in players)
    modes = Counter(p.transparency for p in players)
    codes = Counter(str(h.get("session_code") or "") for h in headers)
    story_title = Counter(str(h.get("story_title") or h["story"]) for h in headers).most_common(1)
    main_rules = next((h for h in headers if isinstance(h.get("range"), dict)), {})
    rng = main_rules.get("range") if main_rules else None
    tiers = [t for t in (main_rules.get("tiers") or []) if isinstance(t, dict)] if main_rules else []

    tier_counts, endings = Counter(), Counter()
    for p in players:
        if p.finished:
            tier_counts[p.final_tier] += 1
            endings[str(p.end.get("ending_title") or p.end.get("ending") or "?")] += 1
        else:
            endings["(not finished)"] += 1

    decisions: dict[str, Decision] = {}
    dropped, dropped_you, refused, granted = Counter(), Counter(), Counter(), Counter()
    drop_reasons: dict[str, Counter] = {}
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
        seen_drop, seen_dropped_you, seen_refused, seen_granted = set(), set(), set(), set()
        for step, event in _events(p):
            kind = event.get("kind")
            if kind == "contact":
                name = str(event.get("name") or event.get("contact") or "?")
                if event.get("change") == "dropped" and name not in seen_drop:
                    seen_drop.add(name)
                    dropped[name] += 1
                    said = _rule_said(step.events, event, p.transparency)
                    if said:
                        drop_reasons.setdefault(name, Counter())[said] += 1
                elif event.get("change") == "dropped_you" and name not in seen_dropped_you:
                    seen_dropped_you.add(name)
                    dropped_you[name] += 1
            elif kind == "perk":
                title = str(event.get("title") or event.get("perk") or "?")
                if event.get("granted") is True and title not in seen_granted:
                    seen_granted.add(title)
                    granted[title] += 1
                elif event.get("granted") is False and title not in seen_refused:
                    seen_refused.add(title)
                    refused[title] += 1

    questions: dict[str, Question] = {}
    for h in headers:
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
            if qid in before and qid in after:
                q.deltas.append(after[qid] - before[qid])

    return Analysis(
        logs=logs,
        players=players,
        finished=finished,
        story_title=story_title[0][0] if story_title else "",
        rules=rules,
        modes=modes,
        codes=codes,
        range=rng if isinstance(rng, dict) else None,
        tiers=tiers,
        tier_counts=tier_counts,
        endings=endings,
        decisions=sorted(decisions.values(), key=lambda d: (d.order, d.scene)),
        dropped=dropped,
        drop_reasons=drop_reasons,
        dropped_you=dropped_you,
        refused=refused,
        granted=granted,
        questions=list(questions.values()),
        undos=sum(p.undos for p in players),
    )


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
    for name, k in a.dropped.most_common(2):
        said = a.drop_reasons.get(name)
        if said:
            ask = f"The app told you: “{said.most_common(1)[0][0]}” What made that feel reasonable?"
        else:
            ask = "What did the app say, or show, to make that feel reasonable?"
        out.append(f"{_of(k, n, n)} dropped {name}. {ask}")
    for name, k in a.dropped_you.most_common(1):
        out.append(
            f"{name} dropped {k} of you when your score fell. "
            "Did you notice? Did it change what you did next?"
        )
    divided = sorted(
        (d for d in a.decisions if d.reached >= 2 and d.counts),
        key=lambda d: (-(len(d.counts) > 1), d.counts.most_common(1)[0][1] / d.reached, d.order),
    )
    for d in divided[:3]:
        top, k = d.counts.most_common(1)[0]
        line = f"At “{d.title}”, {_of(k, d.reached, n)} chose “{d.texts.get(top, top)}”."
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
    for title, k in a.refused.most_common(1):
        out.append(
            f"{k} of you were refused “{title}”. What did the refusal say, and did you believe the reason?"
        )
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
    scores = [p.final_score for p in a.finished if isinstance(p.final_score, int)]
    if len(scores) >= 2 and max(scores) > min(scores):
        lo = min(a.finished, key=lambda p: p.final_score)
        hi = max(a.finished, key=lambda p: p.final_score)
        out.append(
            f"Final scores ran from {min(scores)} ({a.tier_title(lo.final_tier)}) to {max(scores)} "
            f"({a.tier_title(hi.final_tier)}). Whom did these rules reward, and for what?"
        )
    by_mode = {
        mode: [p.final_score for p in a.finished if p.transparency == mode and isinstance(p.final_score, int)]
        for mode in a.modes
    }
    by_mode = {m: s for m, s in by_mode.items() if len(s) >= 2}
    if len(by_mode) >= 2:
        parts = ", ".join(f"{m}: {statistics.fmean(s):.0f}" for m, s in sorted(by_mode.items()))
        out.append(
            f"Average final score by how much the app explained ({parts}). Did knowing the rules help you, "
            "or the system?"
        )
    if a.undos:
        out.append(f"You took back {a.undos} choices in all. Which ones, and why? Real life has no undo.")
    if a.endings:
        title, k = a.endings.most_common(1)[0]
        if title != "(not finished)" and k > 1:
            out.append(f"{_of(k, n, n)} reached “{title}”. What would it have taken to end somewhere else?")
    return out


# -- HTML ------------------------------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #111; font: 22px/1.45 system-ui, "Segoe UI", Roboto,
  "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 36px 64px; }
h1 { font-size: 46px; line-height: 1.15; margin: 0 0 6px; }
h2 { font-size: 34px; margin: 54px 0 14px; padding-top: 10px; border-top: 4px solid #111; }
h3 { font-size: 26px; margin: 28px 0 8px; }
p { margin: 8px 0; }
.sub { color: #3a3a3a; font-size: 22px; }
.big { display: flex; flex-wrap: wrap; gap: 18px; margin: 22px 0; }
.big div { border: 3px solid #111; border-radius: 10px; padding: 10px 18px; min-width: 200px; }
.big b { display: block; font-size: 48px; line-height: 1.1; }
table.bars { width: 100%; border-collapse: collapse; }
table.bars td { padding: 6px 8px; vertical-align: middle; }
table.bars td.label { width: 42%; }
table.bars td.num { width: 14%; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.track { background: #e9edf3; height: 30px; border-radius: 4px; }
.fill { background: #1450a0; height: 30px; border-radius: 4px; min-width: 3px; }
.fill.alt { background: #b34d00; }
.fill.zero { background: transparent; }
svg { width: 100%; height: auto; display: block; margin: 6px 0 4px; }
svg text { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
.note { color: #3a3a3a; font-size: 19px; }
ol.prompts li { margin: 14px 0; font-size: 26px; line-height: 1.4; }
.problems li { font-size: 19px; margin: 4px 0; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
details summary { cursor: pointer; font-size: 22px; }
ul.names { columns: 3; font-size: 19px; }
bdi { unicode-bidi: isolate; }
@media print { body { font-size: 14px; } h1 { font-size: 28px; } h2 { font-size: 20px; break-after: avoid; }
  ol.prompts li { font-size: 16px; } .big b { font-size: 28px; } section { break-inside: avoid; } }
"""


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(value), quote=True)


def _text(
    x: float, y: float, content: str, size: int = 18, fill: str = GREY, anchor: str = "start", bold=False
):
    """An SVG text element; ``content`` must already be escaped (or be our own numbers)."""
    weight = " font-weight='700'" if bold else ""
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' font-size='{size}'{weight} "
        f"fill='{fill}'>{content}</text>"
    )


def _bars(rows: list[tuple[str, int]], total: int, alt: set[str] | None = None) -> str:
    if not rows:
        return "<p class=note>Nothing to show yet.</p>"
    out = ["<table class=bars>"]
    for label, k in rows:
        pct = 100 * k / total if total else 0
        klass = "fill zero" if k == 0 else ("fill alt" if alt and label in alt else "fill")
        out.append(
            f"<tr><td class=label><bdi>{e(label)}</bdi></td>"
            f"<td><div class=track><div class='{klass}' style='width:{pct:.1f}%'></div></div></td>"
            f"<td class=num>{k} of {total}</td></tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def _nice_step(span: float, target: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= target:
            return step
    return 1000


def histogram(a: Analysis) -> str:
    scores = [p.final_score for p in a.finished if isinstance(p.final_score, int)]
    if not scores:
        return "<p class=note>No finished games yet.</p>"
    lo_s, hi_s = min(scores), max(scores)
    width = _nice_step(max(hi_s - lo_s, 1), 16)
    lo = (lo_s // width) * width
    hi = (hi_s // width + 1) * width
    bins = [0] * ((hi - lo) // width)
    for s in scores:
        bins[(s - lo) // width] += 1
    W, H, L, R, T, B = 1000, 420, 70, 30, 90, 60
    pw, ph = W - L - R, H - T - B
    top = max(bins)
    bw = pw / len(bins)
    parts = [
        f"<svg viewBox='0 0 {W} {H}' role='img' aria-label='Histogram of final scores'>",
        f"<line x1='{L}' y1='{T + ph}' x2='{W - R}' y2='{T + ph}' stroke='{INK}' stroke-width='2'/>",
    ]
    for i, k in enumerate(bins):
        h = ph * k / top if top else 0
        x = L + i * bw
        parts.append(
            f"<rect x='{x + 2:.1f}' y='{T + ph - h:.1f}' width='{bw - 4:.1f}' height='{h:.1f}' fill='{BLUE}'>"
            f"<title>{lo + i * width}–{lo + (i + 1) * width - 1}: {k}</title></rect>"
        )
        if k:
            parts.append(
                f"<text x='{x + bw / 2:.1f}' y='{T + ph - h - 8:.1f}' text-anchor='middle' font-size='22' "
                f"font-weight='700' fill='{INK}'>{k}</text>"
            )
    label_every = max(1, round(len(bins) / 8))
    for i in range(0, len(bins) + 1, label_every):
        x = L + i * bw
        parts.append(
            f"<text x='{x:.1f}' y='{T + ph + 30}' text-anchor='middle' font-size='20' fill='{INK}'>"
            f"{lo + i * width}</text>"
        )
    shown = 0
    for t in a.tiers:
        m = t.get("min")
        if isinstance(m, int) and lo < m < hi:
            x = L + (m - lo) / width * bw
            ty = 30 if shown % 2 == 0 else 54
            shown += 1
            anchor, dx = ("end", -5) if x > L + pw * 0.8 else ("start", 5)
            parts.append(
                f"<line x1='{x:.1f}' y1='14' x2='{x:.1f}' y2='{T + ph}' stroke='{ORANGE}' "
                f"stroke-width='2' stroke-dasharray='6 5'/>"
                f"<text x='{x + dx:.1f}' y='{ty}' text-anchor='{anchor}' font-size='18' fill='{ORANGE}'>"
                f"{e(t.get('title', ''))} {m}</text>"
            )
    parts.append(_text(L + pw / 2, H - 6, "final score", 20, anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)


def curves(a: Analysis) -> str:
    drawn = [p for p in a.players if len(p.curve()) >= 2]
    lines = [p.curve() for p in drawn]
    if not lines:
        return "<p class=note>No score curves to show.</p>"
    max_turn = max(c[-1][0] for c in lines)
    values = [s for c in lines for _, s in c]
    lo, hi = min(values), max(values)
    pad = max(10, (hi - lo) // 10)
    lo, hi = lo - pad, hi + pad
    W, H, L, R, T, B = 1000, 460, 70, 150, 20, 56
    pw, ph = W - L - R, H - T - B

    def x(turn: float) -> float:
        return L + pw * turn / max(max_turn, 1)

    def y(score: float) -> float:
        return T + ph * (hi - score) / (hi - lo)

    parts = [f"<svg viewBox='0 0 {W} {H}' role='img' aria-label='Score over turns, one line per player'>"]
    for t in a.tiers:
        m = t.get("min")
        if isinstance(m, int) and lo < m < hi:
            parts.append(
                f"<line x1='{L}' y1='{y(m):.1f}' x2='{W - R}' y2='{y(m):.1f}' stroke='{ORANGE}' "
                f"stroke-width='1.5' stroke-dasharray='6 5'/>"
                f"<text x='{W - R + 8}' y='{y(m) + 6:.1f}' font-size='18' fill='{ORANGE}'>"
                f"{e(t.get('title', ''))} {m}</text>"
            )
    step = _nice_step(hi - lo, 6)
    for v in range((lo // step + 1) * step, hi, step):
        parts.append(
            f"<text x='{L - 10}' y='{y(v) + 6:.1f}' text-anchor='end' font-size='18' fill='{GREY}'>{v}</text>"
        )
    tstep = _nice_step(max_turn, 10)
    for t in range(0, max_turn + 1, tstep):
        parts.append(_text(x(t), T + ph + 28, str(t), anchor="middle"))
    parts.append(
        f"<line x1='{L}' y1='{T + ph}' x2='{W - R}' y2='{T + ph}' stroke='{INK}' stroke-width='2'/>"
        f"<line x1='{L}' y1='{T}' x2='{L}' y2='{T + ph}' stroke='{INK}' stroke-width='2'/>"
        + _text(L + pw / 2, H - 4, "choices made", 20, anchor="middle")
    )
    for c in lines:
        pts = " ".join(f"{x(t):.1f},{y(s):.1f}" for t, s in c)
        parts.append(
            f"<polyline points='{pts}' fill='none' stroke='{BLUE}' stroke-opacity='0.28' stroke-width='2.5'/>"
        )
    median = []
    for t in range(0, max_turn + 1):
        at = []
        for c, p in zip(lines, drawn, strict=True):
            last = None
            for turn, s in c:
                if turn <= t:
                    last = s
            if last is not None and (t <= c[-1][0] or p.finished):
                at.append(last)
        if len(at) >= max(1, len(lines) // 3):
            median.append((t, statistics.median(at)))
    if median:
        pts = " ".join(f"{x(t):.1f},{y(s):.1f}" for t, s in median)
        parts.append(f"<polyline points='{pts}' fill='none' stroke='{INK}' stroke-width='6'/>")
        t, s = median[-1]
        parts.append(_text(x(t) - 8, y(s) - 14, f"median {s:.0f}", 20, INK, "end", bold=True))
    parts.append("</svg>")
    return "".join(parts)


def reflection_chart(q: Question) -> str:
    """Mean answer before (hollow) and after (filled) on the question's scale, and below it a
    diverging bar: how many moved toward the low end, stayed, moved toward the high end."""
    b, f = _mean(q.before), _mean(q.after)
    W, H, L, R = 1000, 190, 150, 150
    pw = W - L - R

    def x(v: float) -> float:
        return L + pw * (v - 1) / max(q.scale - 1, 1)

    parts = [
        f"<svg viewBox='0 0 {W} {H}' role='img' aria-label='Answers before and after'>",
        f"<line x1='{L}' y1='50' x2='{W - R}' y2='50' stroke='{PALE}' stroke-width='10' "
        "stroke-linecap='round'/>",
    ]
    parts += [_text(x(v), 88, str(v), anchor="middle") for v in range(1, q.scale + 1)]
    parts.append(_text(L - 16, 57, e(q.low), 19, INK, "end") + _text(W - R + 16, 57, e(q.high), 19, INK))
    if b is not None:
        parts.append(f"<circle cx='{x(b):.1f}' cy='50' r='13' fill='#fff' stroke='{GREY}' stroke-width='5'/>")
        parts.append(_text(x(b), 22, f"before {b:.1f}", anchor="middle"))
    if f is not None:
        if b is not None and abs(f - b) > 0.05:
            parts.append(
                f"<line x1='{x(b):.1f}' y1='50' x2='{x(f):.1f}' y2='50' stroke='{BLUE}' stroke-width='5'/>"
            )
        parts.append(f"<circle cx='{x(f):.1f}' cy='50' r='13' fill='{BLUE}'/>")
        parts.append(_text(x(f), 118, f"after {f:.1f}", 18, BLUE, "middle", bold=True))
    if q.deltas:
        lower = sum(1 for d in q.deltas if d < 0)
        same = sum(1 for d in q.deltas if d == 0)
        higher = sum(1 for d in q.deltas if d > 0)
        total = len(q.deltas)
        mid, half = L + pw / 2, pw / 2
        wl, ws, wh = half * lower / total, half * same / total, half * higher / total
        y0 = 140
        parts += [
            f"<rect x='{mid - ws / 2 - wl:.1f}' y='{y0}' width='{wl:.1f}' height='30' fill='{ORANGE}'/>",
            f"<rect x='{mid - ws / 2:.1f}' y='{y0}' width='{ws:.1f}' height='30' fill='{PALE}'/>",
            f"<rect x='{mid + ws / 2:.1f}' y='{y0}' width='{wh:.1f}' height='30' fill='{BLUE}'/>",
            f"<line x1='{mid:.1f}' y1='{y0 - 4}' x2='{mid:.1f}' y2='{y0 + 34}' stroke='{INK}' "
            "stroke-width='2'/>",
            _text(mid - ws / 2 - wl - 10, y0 + 23, f"{lower} lower", 19, ORANGE, "end"),
            _text(mid + ws / 2 + wh + 10, y0 + 23, f"{higher} higher", 19, BLUE),
        ]
        if same:
            parts.append(_text(mid, y0 + 23, f"{same} same", 17, INK, "middle"))
    parts.append("</svg>")
    return "".join(parts)


def render(a: Analysis, generated: str = "") -> str:
    n = a.n
    done = len(a.finished)
    scores = [p.final_score for p in a.finished if isinstance(p.final_score, int)]
    title = f"What this group did: {a.story_title}" if a.story_title else "What this group did"
    h: list[str] = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta name='referrer' content='no-referrer'>",
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<h1>{e(title)}</h1>",
    ]
    sub = []
    codes = [c for c in a.codes if c]
    if codes:
        sub.append("Session " + ", ".join(e(c) for c in sorted(codes)))
    if a.rules:
        sub.append(
            "Rules: "
            + "; ".join(f"{e(r)} ({k})" if len(a.rules) > 1 else e(r) for r, k in a.rules.most_common())
        )
    if a.modes:
        sub.append("The app explained: " + ", ".join(f"{e(m)} ({k})" for m, k in a.modes.most_common()))
    h.append(f"<p class=sub>{' · '.join(sub)}</p>")
    h.append("<div class=big>")
    h.append(f"<div><b>{n}</b>players</div>")
    h.append(f"<div><b>{done}</b>finished</div>")
    if scores:
        h.append(f"<div><b>{statistics.median(scores):.0f}</b>median final score</div>")
        h.append(f"<div><b>{min(scores)}–{max(scores)}</b>lowest–highest</div>")
    h.append("</div>")

    found = prompts(a)
    h.append("<section id=prompts><h2>Questions for this group</h2>")
    if found:
        h.append("<ol class=prompts>" + "".join(f"<li>{e(t)}</li>" for t in found) + "</ol>")
    else:
        h.append("<p class=note>Not enough play yet to ask about.</p>")
    h.append("</section>")

    h.append("<section id=decisions><h2>Key decisions</h2>")
    if a.decisions:
        for d in a.decisions:
            h.append(f"<h3>{e(d.title)} <span class=note>({d.reached} of {n} got here)</span></h3>")
            rows = [(text, d.counts.get(uid, 0)) for uid, text in d.texts.items()]
            rows.sort(key=lambda r: -r[1])
            h.append(_bars(rows, d.reached))
            if sum(d.counts.values()) > d.reached:
                h.append("<p class=note>Some of you chose more than once here; each choice counts.</p>")
    else:
        h.append("<p class=note>No key decisions in these logs.</p>")
    if a.dropped or a.dropped_you:
        h.append("<h3>Friends</h3>")
        rows = [(f"You dropped {name}", k) for name, k in a.dropped.most_common()]
        rows += [(f"{name} dropped you", k) for name, k in a.dropped_you.most_common()]
        h.append(_bars(rows, n, alt={f"{name} dropped you" for name in a.dropped_you}))
    if a.granted or a.refused:
        h.append("<h3>Applications</h3>")
        rows = [(f"{t}: granted", k) for t, k in a.granted.most_common()]
        rows += [(f"{t}: refused", k) for t, k in a.refused.most_common()]
        h.append(_bars(rows, n, alt={f"{t}: refused" for t in a.refused}))
    h.append("</section>")

    h.append("<section id=scores><h2>Final scores</h2>")
    h.append(histogram(a))
    if n > done:
        h.append(f"<p class=note>{n - done} unfinished game(s) are not in this chart.</p>")
    h.append("</section>")

    h.append("<section id=tiers><h2>Tiers and endings</h2><h3>Final tier</h3>")
    order = {t.get("id"): i for i, t in enumerate(a.tiers)}
    tier_rows = sorted(a.tier_counts.items(), key=lambda kv: -order.get(kv[0], -1))
    h.append(_bars([(a.tier_title(t), k) for t, k in tier_rows], done))
    h.append("<h3>Endings</h3>")
    h.append(_bars(a.endings.most_common(), n, alt={"(not finished)"}))
    h.append("</section>")

    h.append("<section id=curves><h2>Score over the game</h2>")
    h.append("<p class=note>One faint line per player; the bold line is the median.</p>")
    h.append(curves(a))
    h.append("</section>")

    h.append("<section id=reflection><h2>Before and after playing</h2>")
    answered = [q for q in a.questions if q.before or q.after]
    if answered:
        for q in answered:
            h.append(f"<h3>{e(q.text)}</h3>")
            h.append(
                f"<p class=note>{len(q.before)} answered before, {len(q.after)} after; "
                f"{len(q.deltas)} both (the bar: how their answers moved).</p>"
            )
            h.append(reflection_chart(q))
    else:
        h.append("<p class=note>No reflection answers in these logs.</p>")
    h.append("</section>")

    h.append("<section id=problems><h2>Problems with the logs</h2>")
    problems = a.logs.problems
    if problems:
        h.append(
            f"<p>{a.logs.files} file(s) read, {n} used. These problems did not stop the report; "
            "the lines and files named were left out.</p>"
        )
        h.append("<ul class=problems>")
        for p in problems:
            where = Path(p.path).name + (f":{p.line}" if p.line else "")
            h.append(f"<li><code>{e(where)}</code> {e(p.message)}</li>")
        h.append("</ul>")
    else:
        h.append(f"<p>None: {a.logs.files} file(s) read, all used.</p>")
    h.append("</section>")

    names = sorted({p.pseudonym for p in a.players if p.pseudonym})
    if names:
        h.append("<section id=players><details><summary>Who played (pseudonyms)</summary><ul class=names>")
        h.extend(f"<li><bdi>{e(name)}</bdi></li>" for name in names)
        h.append("</ul></details></section>")
    if generated:
        h.append(f"<p class=note>Made by socialscore report {e(generated)}.</p>")
    h.append("</main></body></html>")
    return "\n".join(h) + "\n"


# -- CSV -------------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(a: Analysis, path: str | Path) -> None:
    qs = a.questions
    head = ["pseudonym", "session_code", "rules", "transparency", "finished", "ending", "final_score", "tier"]
    head += [f"key:{d.scene}" for d in a.decisions]
    head += [f"before:{q.id}" for q in qs] + [f"after:{q.id}" for q in qs]
    head += ["choices", "undos", "file"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for p in a.players:
            chosen = {scene: "; ".join(s.text for s in steps) for scene, steps in key_steps(p).items()}
            row = [
                p.pseudonym,
                p.header.get("session_code", ""),
                p.rules_title,
                p.transparency,
                "yes" if p.finished else "no",
                (p.end.get("ending_title") or p.end.get("ending")) if p.end else "",
                p.final_score,
                a.tier_title(p.final_tier) if p.final_tier else "",
            ]
            row += [chosen.get(d.scene, "") for d in a.decisions]
            row += [p.reflections["before"].get(q.id, "") for q in qs]
            row += [p.reflections["after"].get(q.id, "") for q in qs]
            row += [len(p.steps), p.undos, Path(p.name).name]
            w.writerow([_cell(v) for v in row])


# -- command ---------------------------------------------------------------------------------------------


def build(folder: str | Path, story_id: str | None = None) -> tuple[Analysis, str]:
    a = analyse(read_dir(folder, story_id))
    return a, render(a)


def run_report(args) -> int:
    """``socialscore report DIR -o FILE [--csv FILE]``: exit 0 with at least one usable log, else 2."""
    from datetime import datetime

    from .. import __version__

    logs = read_dir(args.log_dir, getattr(args, "story_id", None))
    for p in logs.problems:
        print(p, file=sys.stderr)
    if not logs.players:
        print(
            f"socialscore report: no usable session logs in {args.log_dir}; nothing written", file=sys.stderr
        )
        return 2
    a = analyse(logs)
    stamp = f"{__version__} on {datetime.now().strftime('%Y-%m-%d %H:%M')}"
    try:
        Path(args.output).write_text(render(a, stamp), encoding="utf-8")
        if args.csv:
            write_csv(a, args.csv)
    except OSError as exc:
        print(f"socialscore report: cannot write: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    done = len(a.finished)
    print(f"{a.n} players ({done} finished) -> {args.output}" + (f" and {args.csv}" if args.csv else ""))
    return 0
