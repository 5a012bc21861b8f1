"""``socialscore report DIR -o report.html [--csv FILE]``: what a class did, on one page.

This module is the command: it reads the logs (:mod:`.logs_read`), analyses them
(:mod:`.report_analysis`: pure figures and prompts), renders the page (:mod:`.report_html`: Jinja2
with autoescape, charts from :mod:`.report_charts`) and writes the CSV.

Sections: the numbers; key decisions (who chose what); final scores (histogram); tiers and endings;
score curves; reflection before and after; discussion prompts drawn from what this group did;
problems with the logs.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine.controls import strip_controls
from ..engine.files import write_text
from .logs_read import collector_paused, read_dir, read_stories
from .report_analysis import Analysis, analyse, key_steps, prompts
from .report_claims import PHASES, keys_of
from .report_html import CSP, render, render_class

if TYPE_CHECKING:  # for the annotation only: this command imports no layer above the engine
    from ..launch.tools import ReportOptions

__all__ = ["CSP", "Analysis", "analyse", "build", "prompts", "render", "run_report", "write_csv"]


# -- CSV -------------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else strip_controls(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(a: Analysis, path: str | Path) -> None:
    """One row a player: who, which game, how it ended, each key decision, the reflection answers,
    and for each claim the answer before and after play with whether it was right (``yes``/``no``,
    empty when not answered)."""
    qs = a.questions
    claims = keys_of(a.players)
    head = ["pseudonym", "session_code", "rules", "cut", "transparency", "finished", "ending"]
    head += ["final_score", "tier"]
    head += [f"key:{d.scene}" for d in a.decisions]
    head += [f"before:{q.id}" for q in qs] + [f"after:{q.id}" for q in qs]
    head += [f"{what}_{ph}:{c.id}" for ph in PHASES for c in claims for what in ("claim", "right")]
    head += ["choices", "undos", "file"]
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(head)
    for p in a.players:
        chosen = {scene: "; ".join(s.text for s in steps) for scene, steps in key_steps(p).items()}
        row = [
            p.pseudonym,
            p.header.get("session_code", ""),
            p.rules_title,
            p.cut,
            p.transparency,
            "yes" if p.finished else "no",
            (p.end.get("ending_title") or p.end.get("ending")) if p.end else "",
            p.final_score,
            a.tier_title(p.final_tier) if p.final_tier else "",
        ]
        row += [chosen.get(d.scene, "") for d in a.decisions]
        row += [p.reflections["before"].get(q.id, "") for q in qs]
        row += [p.reflections["after"].get(q.id, "") for q in qs]
        for ph in PHASES:
            for c in claims:
                said = p.claims[ph].get(c.id)
                row += [said or "", "" if said is None else ("yes" if said == c.key else "no")]
        row += [len(p.steps), p.undos, Path(p.name).name]
        w.writerow([_cell(v) for v in row])
    write_text(path, out.getvalue())


# -- command ---------------------------------------------------------------------------------------------


def build(folder: str | Path, story_id: str | None = None) -> tuple[Analysis, str]:
    a = analyse(read_dir(folder, story_id))
    return a, render(a)


def run_report(options: ReportOptions) -> int:
    """``socialscore report DIR -o FILE [--csv FILE]``: exit 0 with at least one usable log, else 2.

    Logs of several stories (a mixed class) make one page with the stories side by side, unless
    ``--story-id`` picks one; the CSV is then one file per story (``FILE-<story id>.csv``).

    Python's cyclic garbage collector is paused throughout: the command keeps every player's
    summary to the end and makes almost no cycles, so each of the collector's passes walked the
    whole class for nothing (a quarter of the command's CPU time for 1,000 logs)."""
    with collector_paused():
        return _report(options)


def _report(options: ReportOptions) -> int:
    from datetime import datetime

    from .. import __version__

    session = options.session
    if options.story_id is None:
        sets = read_stories(options.log_dir, session)
    else:
        sets = [read_dir(options.log_dir, options.story_id, session)]
    for logs in sets:
        for p in logs.problems:
            print(p, file=sys.stderr)
    sessions = sum((logs.sessions for logs in sets), Counter())
    found = sessions_found(sessions)
    playing = [logs for logs in sets if logs.players]
    if not playing:
        if session is not None and sessions:
            print(
                f"socialscore report: no logs of session {session!r}; sessions found: {found}",
                file=sys.stderr,
            )
        else:
            print(
                f"socialscore report: no usable session logs in {options.log_dir}; nothing written",
                file=sys.stderr,
            )
        return 2
    analyses = [analyse(logs) for logs in playing]
    stamp = f"{__version__} on {datetime.now().strftime('%Y-%m-%d %H:%M')}"
    if len(analyses) == 1:
        page = render(analyses[0], stamp)
        tables = [(analyses[0], options.csv)] if options.csv else []
    else:
        page = render_class(analyses, _comparisons(analyses), stamp)
        tables = [(a, _csv_path(options.csv, a.logs.story_id)) for a in analyses] if options.csv else []
    where = options.output
    try:
        write_text(options.output, page)
        for a, path in tables:
            where = path
            write_csv(a, path)
    except OSError as exc:
        print(f"socialscore report: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Sessions found: {found}" + (f"; reporting on {session}" if session is not None else ""))
    if session is None and len(sessions) > 1:
        print("All of them are in the report; --session CODE makes a report of one.")
    if len(analyses) > 1:
        print("Stories found: " + ", ".join(f"{a.story_title} ({a.n})" for a in analyses) + "; side by side")
    n, done = sum(a.n for a in analyses), sum(len(a.finished) for a in analyses)
    csvs = " and ".join(str(path) for _, path in tables)
    print(f"{n} players ({done} finished) -> {options.output}" + (f" and {csvs}" if csvs else ""))
    return 0


def _csv_path(csv_path: str, story_id: str | None) -> str:
    """``class.csv`` -> ``class-<story id>.csv``: one table per story (their columns differ)."""
    path = Path(csv_path)
    return str(path.with_name(f"{path.stem}-{story_id or 'story'}{path.suffix or '.csv'}"))


def _comparisons(analyses: list[Analysis]) -> dict:
    """Story id -> what its debrief says about the other system, for the shipped stories found."""
    from .report_compare import comparison, shipped_story

    out = {}
    for a in analyses:
        story = shipped_story(a.logs.story_id) if a.logs.story_id else None
        found = comparison(story) if story is not None else None
        if found is not None:
            out[a.logs.story_id] = found
    return out


def sessions_found(sessions: Counter) -> str:
    """``code (players), …`` for every session found, most players first; "(none)" if none."""
    return ", ".join(f"{code or '(no code)'} ({k})" for code, k in sessions.most_common()) or "(none)"
