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
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine.controls import strip_controls
from ..engine.files import write_text
from .logs_read import read_dir
from .report_analysis import Analysis, analyse, key_steps, prompts
from .report_html import CSP, render

if TYPE_CHECKING:  # for the annotation only: this command imports no layer above the engine
    from ..launch.tools import ReportOptions

__all__ = ["CSP", "Analysis", "analyse", "build", "prompts", "render", "run_report", "write_csv"]


# -- CSV -------------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else strip_controls(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(a: Analysis, path: str | Path) -> None:
    qs = a.questions
    head = ["pseudonym", "session_code", "rules", "transparency", "finished", "ending", "final_score", "tier"]
    head += [f"key:{d.scene}" for d in a.decisions]
    head += [f"before:{q.id}" for q in qs] + [f"after:{q.id}" for q in qs]
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
    write_text(path, out.getvalue())


# -- command ---------------------------------------------------------------------------------------------


def build(folder: str | Path, story_id: str | None = None) -> tuple[Analysis, str]:
    a = analyse(read_dir(folder, story_id))
    return a, render(a)


def run_report(options: ReportOptions) -> int:
    """``socialscore report DIR -o FILE [--csv FILE]``: exit 0 with at least one usable log, else 2."""
    from datetime import datetime

    from .. import __version__

    session = options.session
    logs = read_dir(options.log_dir, options.story_id, session)
    for p in logs.problems:
        print(p, file=sys.stderr)
    found = sessions_found(logs)
    if not logs.players:
        if session is not None and logs.sessions:
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
    a = analyse(logs)
    stamp = f"{__version__} on {datetime.now().strftime('%Y-%m-%d %H:%M')}"
    where = options.output
    try:
        write_text(options.output, render(a, stamp))
        if options.csv:
            where = options.csv
            write_csv(a, options.csv)
    except OSError as exc:
        print(f"socialscore report: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    done = len(a.finished)
    print(f"Sessions found: {found}" + (f"; reporting on {session}" if session is not None else ""))
    if session is None and len(logs.sessions) > 1:
        print("All of them are in the report; --session CODE makes a report of one.")
    print(
        f"{a.n} players ({done} finished) -> {options.output}"
        + (f" and {options.csv}" if options.csv else "")
    )
    return 0


def sessions_found(logs) -> str:
    """``code (players), …`` for every session found, most players first; "(none)" if none."""
    return ", ".join(f"{code or '(no code)'} ({k})" for code, k in logs.sessions.most_common()) or "(none)"
