"""The class report as one self-contained HTML page, rendered with Jinja2 (autoescape on).

The page makes no requests: inline CSS, inline SVG charts, no script, and a Content-Security-Policy
that forbids everything else. It is made for a projector (large type, high contrast) and prints too.
Every text from a log (pseudonyms, choice texts, file names) reaches the page through the template's
autoescape; chart geometry comes from :mod:`.report_charts`, figures from :mod:`.report_analysis`.
"""

from __future__ import annotations

import statistics
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
    if a.modes:
        sub.append("The app explained: " + ", ".join(f"{m} ({k})" for m, k in a.modes.most_common()))
    return sub


def story_context(a: Analysis, prefix: str = "") -> dict:
    """One story's figures as the story template shows them (it adds no figures of its own);
    ``prefix`` starts its section ids (several stories on one page)."""
    n = a.n
    scores = [p.final_score for p in a.finished if isinstance(p.final_score, int)]
    friends = [(f"You dropped {name}", k) for name, k in a.dropped.most_common()]
    friends += [(f"{name} dropped you", k) for name, k in a.dropped_you.most_common()]
    apps = [(f"{t}: granted", k) for t, k in a.granted.most_common()]
    apps += [(f"{t}: refused", k) for t, k in a.refused.most_common()]
    return {
        "prefix": prefix,
        "title": f"What this group did: {a.story_title}" if a.story_title else "What this group did",
        "a": a,
        "subtitle": _subtitle(a),
        "scores": scores,
        "median": f"{statistics.median(scores):.0f}" if scores else "",
        "prompts": prompts(a),
        "decisions": [_decision(d, a.groups) for d in a.decisions],
        "friends": charts.bars(friends, n, {f"{name} dropped you" for name in a.dropped_you}),
        "applications": charts.bars(apps, n, {f"{t}: refused" for t in a.refused}),
        "groups": _group_views(a),
        "reflections": [(q, charts.reflection_chart(q)) for q in a.questions if q.before or q.after],
        "claims": report_claims.analyse_claims(a),
        "problems": [
            (Path(p.path).name + (f":{p.line}" if p.line else ""), p.message) for p in a.logs.problems
        ],
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


def class_context(analyses: list[Analysis], comparisons: dict[str, Comparison], generated: str = "") -> dict:
    """The page of a mixed class: the stories side by side, then each story's own sections.
    ``comparisons``: story id -> what that story's debrief says about the other system."""
    stories = [story_context(a, f"s{i + 1}-") for i, a in enumerate(analyses)]
    columns = []
    for story, a in zip(stories, analyses, strict=True):
        top = a.endings.most_common(1)
        ending = f"{top[0][0]} ({top[0][1]} of {a.n})" if top else "–"
        columns.append(StoryColumn(story, ending, comparisons.get(a.logs.story_id or "")))
    titles = " and ".join(a.story_title or str(a.logs.story_id) for a in analyses)
    return {
        "csp": CSP,
        "title": f"What this class did: {titles}",
        "stories": stories,
        "side": columns,
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
