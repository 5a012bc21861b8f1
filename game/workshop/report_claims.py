"""The class report's claims section: how many players rated each claim right, before and after play.

A claim's key comes from the log headers (``claims``: id, text, answer, label); each player's answers
from their ``claims`` lines (see :mod:`game.workshop.log`). Accuracy is the share of the players who
answered a claim who answered it right; "not sure" counts as answered and not right, a skipped claim
as not answered. As the rest of the report, the figures are given for the whole class and, when
players played under different rules files or transparency modes, for each group apart. Old logs
without claims give no section. The section's HTML is templates/report_claims.html.j2, included by
the report's page with these figures as ``claims``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .logs_read import PlayerLog
from .report_analysis import Analysis

PHASES = ("before", "after")


@dataclass
class Tally:
    """Right answers out of answers, and how many said "not sure", in one phase."""

    right: int = 0
    answered: int = 0
    unsure: int = 0

    def add(self, answer: str | None, key: str) -> None:
        if answer is None:
            return
        self.answered += 1
        self.right += answer == key
        self.unsure += answer == "unsure"

    @property
    def percent(self) -> float | None:
        return 100 * self.right / self.answered if self.answered else None

    def said(self) -> str:
        """``62 % (5 of 8)``, or ``–`` when nobody answered."""
        p = self.percent
        return "–" if p is None else f"{p:.0f} % ({self.right} of {self.answered})"


@dataclass
class ClaimRow:
    """One claim's key and the class's answers before and after."""

    id: str
    text: str
    key: str  # "true" or "false"
    label: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {ph: Tally() for ph in PHASES})


@dataclass
class Accuracy:
    """A group's accuracy over every claim: before and after, and the players who answered both."""

    label: str
    players: int
    tallies: dict[str, Tally] = field(default_factory=lambda: {ph: Tally() for ph in PHASES})
    improved: int = 0  # players with more right after than before
    same: int = 0
    worse: int = 0


@dataclass
class ClaimsReport:
    rows: list[ClaimRow]
    overall: Accuracy
    groups: list[Accuracy]  # one per group when the class is split (rules file or mode), else empty

    @property
    def empty(self) -> bool:
        return not any(t.answered for t in self.overall.tallies.values())


def keys_of(players: list[PlayerLog]) -> list[ClaimRow]:
    """The claims and their keys, from the first header that lists them with a true/false answer."""
    rows: dict[str, ClaimRow] = {}
    for p in players:
        for c in p.header.get("claims") or []:
            ok = isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("answer"), bool)
            if ok and c["id"] not in rows:
                key = "true" if c["answer"] else "false"
                text, label = str(c.get("text") or c["id"]), str(c.get("label", ""))
                rows[c["id"]] = ClaimRow(c["id"], text, key, label)
    return list(rows.values())


def _accuracy(label: str, players: list[PlayerLog], rows: list[ClaimRow]) -> Accuracy:
    acc = Accuracy(label, len(players))
    for p in players:
        right = {}
        for ph in PHASES:
            answers = p.claims[ph]
            for row in rows:
                acc.tallies[ph].add(answers.get(row.id), row.key)
            right[ph] = sum(answers.get(r.id) == r.key for r in rows)
        if p.claims["before"] and p.claims["after"]:
            diff = right["after"] - right["before"]
            acc.improved += diff > 0
            acc.same += diff == 0
            acc.worse += diff < 0
    return acc


def analyse_claims(a: Analysis) -> ClaimsReport:
    """The claims section's figures for the report's players (split as the report's groups are)."""
    rows = keys_of(a.players)
    for p in a.players:
        for ph in PHASES:
            for row in rows:
                row.tallies[ph].add(p.claims[ph].get(row.id), row.key)
    overall = _accuracy("The whole class", a.players, rows)
    groups = [_accuracy(g.label, g.players, rows) for g in a.groups] if a.split else []
    return ClaimsReport(rows, overall, groups)
