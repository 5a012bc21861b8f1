"""The class report as one self-contained HTML page, rendered with Jinja2 (autoescape on).

The page makes no requests: inline CSS, inline SVG charts, no script, and a Content-Security-Policy
that forbids everything else. It is made for a projector (large type, high contrast) and prints too.
Every text from a log (pseudonyms, choice texts, file names) reaches the page through the template's
autoescape; chart geometry comes from :mod:`.report_charts`, figures from :mod:`.report_analysis`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from . import report_charts as charts
from . import report_claims
from .report_analysis import Analysis, Decision, Group, prompts

if TYPE_CHECKING:  # the page only shows what report_compare found
    from .report_compare import Comparison

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    """The template environment: autoescape on for everything, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class GroupRows:
    """One group's answers at one key decision (a class whose players played different games)."""

    label: str
    reached: int
    size: int
    rows: list[charts.Bar]


@dataclass(frozen=True)
class DecisionView:
    title: str
    reached: int
    rows: list[charts.Bar]
    several: bool  # some players chose more than once here
    groups: list[GroupRows]  # the same counts group by group, when the class is split; else empty


def _rows(d: Decision, texts: dict[str, str] | None = None) -> list[charts.Bar]:
    """A bar for each choice in ``texts`` (default: those offered to these players), most taken first."""
    texts = texts or d.texts
    rows = sorted(((text, d.counts.get(uid, 0)) for uid, text in texts.items()), key=lambda r: -r[1])
    return charts.bars(rows, d.reached)


def _decision(d: Decision, groups: list[Group]) -> DecisionView:
    """The pooled counts, and when ``groups`` has more than one, each group's own: players of
    different rules or modes played different games, so their choices are shown apart."""
    by_group = []
    for g in groups if len(groups) > 1 else []:
        mine = next((x for x in g.decisions if x.scene == d.scene), None)
        if mine is not None:
            texts = {**d.texts, **mine.texts}  # every choice offered anywhere: zero where not taken
            by_group.append(GroupRows(g.label, mine.reached, len(g.players), _rows(mine, texts)))
        else:
            by_group.append(GroupRows(g.label, 0, len(g.players), []))
    return DecisionView(d.title, d.reached, _rows(d), sum(d.counts.values()) > d.reached, by_group)


@dataclass(frozen=True)
class GroupView:
    """One group's figures and charts (one rules file, one mode); the whole class when not split."""

    group: Group
    median: str
    histogram: charts.Chart | None
    tiers: list[charts.Bar]
    endings: list[charts.Bar]
    curves: charts.Chart | None


def _group(g: Group, bins: charts.Bins | None) -> GroupView:
    order = {t.get("id"): i for i, t in enumerate(g.tiers)}
    tier_rows = sorted(g.tier_counts.items(), key=lambda kv: -order.get(kv[0], -1))
    return GroupView(
        group=g,
        median=f"{g.median:.0f}" if g.median is not None else "",
        histogram=charts.histogram(g.scores, g.tiers, bins),
        tiers=charts.bars([(g.tier_title(t), k) for t, k in tier_rows], len(g.finished)),
        endings=charts.bars(g.endings.most_common(), len(g.players), {"(not finished)"}),
        curves=charts.curves(g.players, g.tiers),
    )


def _group_views(a: Analysis) -> list[GroupView]:
    """Groups with shared histogram bins when they share tiers (so bars line up across charts)."""
    scores = [s for g in a.groups for s in g.scores]
    same_tiers = all(g.tiers == a.groups[0].tiers for g in a.groups) if a.groups else True
    bins = charts.score_bins(scores, a.groups[0].tiers) if scores and same_tiers else None
    return [_group(g, bins) for g in a.groups]


def _subtitle(a: Analysis) -> list[str]:
    sub = []
    logs = a.logs
    if logs.session is not None:
        sub.append(
            f"Session {logs.session}"
            + (f" (of {len(logs.sessions)} found)" if len(logs.sessions) > 1 else "")
        )
    elif len(logs.sessions) > 1:
        sub.append(
            "Sessions " + ", ".join(f"{c or '(no code)'} ({k})" for c, k in sorted(logs.sessions.items()))
        )
    elif any(logs.sessions):
        sub.append(f"Session {next(iter(logs.sessions))}")
    if logs.other_versions:
        others = ", ".join(f"{v} ({k})" for v, k in sorted(logs.other_versions.items()))
        sub.append(f"Story version {logs.version}; also {others}: see Problems")
    if a.rules:
        several = len(a.rules) > 1
        sub.append("Rules: " + "; ".join(f"{r} ({k})" if several else r for r, k in a.rules.most_common()))
    cuts = Counter(p.cut for p in a.players if p.cut)
    if cuts:
        sub.append("Cut: " + ", ".join(f"{c} ({k})" if len(cuts) > 1 else c for c, k in cuts.most_common()))
    if a.modes:
        sub.append("The app explained: " + ", ".join(f"{m} ({k})" for m, k in a.modes.most_common()))
    return sub


#: Presenter view: what one projector screen (1280×720 px) holds below a section's heading, in px at
#: the page's type sizes. Long sections are cut into screens by estimated height (:func:`pages`);
#: tests/workshop/test_report_presenter.py measures the real ones in Chromium.
SCREEN = 500


def pages(items: list, height, budget: int = SCREEN) -> list[list]:
    """``items`` cut into runs whose estimated ``height(item)`` adds up to at most ``budget`` (an item
    taller than that gets a screen of its own); one empty page if there are none."""
    out: list[list] = [[]]
    used = 0
    for item in items:
        h = height(item)
        if out[-1] and used + h > budget:
            out.append([])
            used = 0
        out[-1].append(item)
        used += h
    return out


def _lines(text: str, chars: int) -> int:
    return max(1, -(-len(text) // chars))


def _decision_height(item: tuple) -> int:
    kind, d, groups, first = item
    if kind != "decision":
        return 60 + _bars_height(d)
    rows = sum(36 + _bars_height(g.rows) for g in groups) if groups else _bars_height(d.rows)
    return (64 if first else 0) + rows + (34 if d.several else 0)


def _bars_height(rows: list[charts.Bar]) -> int:
    """A bar table's height: a row of one line is 46 px, each line more of its label 32."""
    return sum(14 + 32 * _lines(r.label, 36) for r in rows)


def _decision_items(decisions: list[DecisionView]) -> list[tuple]:
    """(kind, decision, groups shown, first part?) to cut into screens: a decision split by group is
    one item per group, so a screen break can fall between its groups."""
    out = []
    for d in decisions:
        if d.groups:
            out += [("decision", d, [g], i == 0) for i, g in enumerate(d.groups)]
        else:
            out.append(("decision", d, [], True))
    return out


def _claim_height(item: tuple) -> int:
    """Estimated heights in the claims section: the summary (a note and three big figures, which
    wrap to two rows), the table of groups (two lines a row), a claim's row (its text beside the
    bars, about 40 characters a line, and the note under it; measured in Chromium: 108-171 px)."""
    kind, row = item
    if kind == "summary":
        return 380
    if kind == "groups":
        return 150 + 80 * row
    note = f"It is {row.key} ({row.label}). Not sure: 10 before, 10 after."
    return 20 + 32 * _lines(row.text, 40) + 26 * _lines(note, 40)


def claim_pages(claims: report_claims.ClaimsReport) -> list[tuple[bool, bool, list]]:
    """The claims section cut into screens: (shows the summary?, shows the groups?, the claims'
    rows on it), in that order: the accuracy before and after, each group's when the class is
    split, then the claims a screen at a time, as many as fit."""
    if claims.empty:
        return [(True, False, [])]
    items = [("summary", None)] + ([("groups", len(claims.groups))] if claims.groups else [])
    items += [("row", r) for r in claims.rows]
    return [
        (
            any(k == "summary" for k, _ in page),
            any(k == "groups" for k, _ in page),
            [r for k, r in page if k == "row"],
        )
        for page in pages(items, _claim_height)
    ]


def story_context(a: Analysis, prefix: str = "") -> dict:
    """One story's figures as the story template shows them (it adds no figures of its own);
    ``prefix`` starts its section ids (several stories on one page)."""
    n = a.n
    scores = [p.final_score for p in a.finished if isinstance(p.final_score, int)]
    friends = [(f"You dropped {name}", k) for name, k in a.dropped.most_common()]
    friends += [(f"{name} dropped you", k) for name, k in a.dropped_you.most_common()]
    apps = [(f"{t}: granted", k) for t, k in a.granted.most_common()]
    apps += [(f"{t}: refused", k) for t, k in a.refused.most_common()]
    friends_rows = charts.bars(friends, n, {f"{name} dropped you" for name in a.dropped_you})
    app_rows = charts.bars(apps, n, {f"{t}: refused" for t in a.refused})
    decisions = [_decision(d, a.groups) for d in a.decisions]
    listed = _decision_items(decisions)
    for title, rows in (("Friends", friends_rows), ("Applications", app_rows)):
        if rows:
            listed.append((title, rows, [], True))
    found = [(Path(p.path).name + (f":{p.line}" if p.line else ""), p.message) for p in a.logs.problems]
    said = prompts(a)
    claims = report_claims.analyse_claims(a)
    return {
        "prefix": prefix,
        "contents": [
            ("prompts", "Questions"),
            ("decisions", "Decisions"),
            ("scores", "Scores"),
            ("tiers", "Tiers and endings"),
            ("curves", "Over the game"),
            ("reflection", "Before and after"),
            *([("claims", "True or false?")] if claims.rows else []),
            ("problems", "Problems"),
        ],
        "prompt_pages": pages(list(enumerate(said, 1)), lambda item: 30 + 37 * _lines(item[1], 68)),
        "decision_pages": pages(listed, _decision_height),
        "problem_pages": pages(found, lambda item: 6 + 29 * _lines(" ".join(item), 95), SCREEN - 60),
        "title": f"What this group did: {a.story_title}" if a.story_title else "What this group did",
        "a": a,
        "subtitle": _subtitle(a),
        "scores": scores,
        "median": f"{statistics.median(scores):.0f}" if scores else "",
        "prompts": said,
        "decisions": decisions,
        "friends": friends_rows,
        "applications": app_rows,
        "groups": _group_views(a),
        "reflections": [(q, charts.reflection_chart(q)) for q in a.questions if q.before or q.after],
        "claims": claims,
        "claim_pages": claim_pages(claims) if claims.rows else [],
        "problems": found,
        "names": sorted({p.pseudonym for p in a.players if p.pseudonym}),
    }


def context(a: Analysis, generated: str = "") -> dict:
    """The page of a class that played one story."""
    story = story_context(a)
    return {"csp": CSP, "title": story["title"], "stories": [story], "side": None, "generated": generated}


@dataclass(frozen=True)
class StoryColumn:
    """One story in the side-by-side section: its figures, its charts, what its debrief compares."""

    story: dict  # its story_context
    ending: str  # its most common ending, with how many reached it
    comparison: Comparison | None
    histograms: list[charts.Chart | None]  # one a group, labels sized for half the page's width


def class_context(analyses: list[Analysis], comparisons: dict[str, Comparison], generated: str = "") -> dict:
    """The page of a mixed class: the stories side by side, then each story's own sections.
    ``comparisons``: story id -> what that story's debrief says about the other system."""
    stories = [story_context(a, f"s{i + 1}-") for i, a in enumerate(analyses)]
    columns = []
    for story, a in zip(stories, analyses, strict=True):
        top = a.endings.most_common(1)
        ending = f"{top[0][0]} ({top[0][1]} of {a.n})" if top else "–"
        half = [charts.histogram(g.scores, g.tiers, text=1.7) if g.scores else None for g in a.groups]
        columns.append(StoryColumn(story, ending, comparisons.get(a.logs.story_id or ""), half))
    titles = " and ".join(a.story_title or str(a.logs.story_id) for a in analyses)
    # one screen per question number: each story's i-th question side by side
    deepest = max(len(s["reflections"]) for s in stories)
    side_reflections = [
        [(c, c.story["reflections"][i] if i < len(c.story["reflections"]) else None) for c in columns]
        for i in range(max(deepest, 1))
    ]
    return {
        "csp": CSP,
        "title": f"What this class did: {titles}",
        "stories": stories,
        "side": columns,
        "side_reflections": side_reflections,
        "generated": generated,
    }


def render(a: Analysis, generated: str = "") -> str:
    """The page, as text (UTF-8 when written)."""
    return environment().get_template("report.html.j2").render(context(a, generated))


def render_class(analyses: list[Analysis], comparisons: dict[str, Comparison], generated: str = "") -> str:
    """The page of a mixed class (several stories), as text."""
    return (
        environment().get_template("report.html.j2").render(class_context(analyses, comparisons, generated))
    )
