"""The report's charts as geometry: shapes with numbers and plain-text labels, no markup.

Each chart function takes figures from :mod:`.report_analysis` and returns a :class:`Chart`, a list
of :class:`Shape` (an SVG element name from a fixed set, its attributes, its text). The page template
writes them out, escaping every attribute and text (Jinja2 autoescape), so a pseudonym or a choice
text can never become markup here.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .logs_read import PlayerLog
from .report_analysis import Question, _mean

BLUE, ORANGE, INK, GREY, PALE = "#1450a0", "#b34d00", "#111111", "#5a5a5a", "#d8dde6"
#: The only SVG elements a chart may contain (no script, no links, no foreign content).
SHAPES = frozenset({"line", "rect", "text", "polyline", "polygon", "circle", "path", "g"})
_ATTR = re.compile(r"[a-z][a-z0-9-]*\Z")


@dataclass(frozen=True)
class Shape:
    """One SVG element: ``tag`` from :data:`SHAPES`, attribute names in lower case with hyphens."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    text: str = ""
    title: str = ""

    def __post_init__(self) -> None:
        if self.tag not in SHAPES or not all(
            _ATTR.match(k) and not k.startswith("on") for k, _ in self.attrs
        ):
            raise ValueError(f"not a chart shape: {self.tag} {self.attrs}")


def shape(tag: str, text: str = "", title: str = "", **attrs: object) -> Shape:
    """A :class:`Shape`; keyword ``stroke_width`` becomes ``stroke-width``; floats get one decimal."""
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        text_value = f"{value:.1f}" if isinstance(value, float) else str(value)
        out.append((key.replace("_", "-"), text_value))
    return Shape(tag, tuple(out), text, title)


def label(
    x: float, y: float, content: str, size: int = 18, fill: str = GREY, anchor: str = "start", bold=False
):
    """A text label; ``content`` is plain text (escaped when written)."""
    return shape(
        "text",
        content,
        x=float(x),
        y=float(y),
        text_anchor=anchor,
        font_size=size,
        font_weight="700" if bold else None,
        fill=fill,
    )


@dataclass
class Chart:
    """An SVG chart: its view box, what a screen reader says about it, its shapes in drawing order."""

    width: int
    height: int
    label: str
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


@dataclass(frozen=True)
class Bar:
    """One row of a bar table: a label, a count out of a total, and whether it is the second colour."""

    label: str
    count: int
    total: int
    alt: bool = False

    @property
    def percent(self) -> float:
        return 100 * self.count / self.total if self.total else 0.0


def bars(rows: list[tuple[str, int]], total: int, alt: set[str] | None = None) -> list[Bar]:
    return [Bar(text, k, total, bool(alt and text in alt)) for text, k in rows]


def nice_step(span: float, target: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= target:
            return step
    return 1000


@dataclass(frozen=True)
class Bins:
    """Histogram bins shared by every group's chart: ``lo`` to ``hi`` in steps of ``width``. Every
    tier threshold inside the range is a bin edge, so no bin straddles two tiers."""

    lo: int
    hi: int
    width: int

    @property
    def count(self) -> int:
        return (self.hi - self.lo) // self.width


def score_bins(scores: list[int], tiers: list[dict], target: int = 16) -> Bins:
    lo_s, hi_s = min(scores), max(scores)
    mins = [t["min"] for t in tiers if isinstance(t.get("min"), int)]
    inside = [m for m in mins if lo_s < m <= hi_s]
    anchor = mins[0] if mins else 0
    width = next(
        (
            w
            for w in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
            if (hi_s - lo_s) / w <= target and all((m - anchor) % w == 0 for m in inside)
        ),
        None,
    )
    if width is None:  # tiers on odd numbers: a plain step, tier lines may cross bins
        width, anchor = nice_step(max(hi_s - lo_s, 1), target), 0
    lo = anchor + ((lo_s - anchor) // width) * width
    hi = anchor + ((hi_s - anchor) // width + 1) * width
    return Bins(lo, hi, width)


def histogram(
    scores: list[int], tiers: list[dict], bins: Bins | None = None, text: float = 1.0
) -> Chart | None:
    """Final scores of finished games in bins, with the tier thresholds marked; None if none finished.
    Labels stay inside the picture: a threshold label near the right edge is drawn to its left.
    ``text`` scales the labels (and the room above the bars for them): 1.7 for a chart shown at half
    width, so its labels are as large on the projector as a full-width chart's."""
    if not scores:
        return None
    bins = bins or score_bins(scores, tiers)
    lo, hi, width = bins.lo, bins.hi, bins.width
    counts = [0] * bins.count
    for s in scores:
        if lo <= s < hi:
            counts[(s - lo) // width] += 1
    W, H, L, R, T, B = 1000, round(420 + 100 * (text - 1)), 70, 30, round(90 * text), round(60 * text)
    pw, ph = W - L - R, H - T - B
    top = max(counts)
    bw = pw / len(counts)
    chart = Chart(W, H, "Histogram of final scores")
    chart.add(shape("line", x1=L, y1=T + ph, x2=W - R, y2=T + ph, stroke=INK, stroke_width=2))
    for i, k in enumerate(counts):
        h = ph * k / top if top else 0
        x = L + i * bw
        chart.add(
            shape(
                "rect",
                title=f"{lo + i * width}–{lo + (i + 1) * width - 1}: {k}",
                x=x + 2,
                y=T + ph - h,
                width=bw - 4,
                height=float(h),
                fill=BLUE,
            )
        )
        if k:
            chart.add(label(x + bw / 2, T + ph - h - 8, str(k), round(22 * text), INK, "middle", bold=True))
    label_every = max(1, round(len(counts) * text / 8))
    for i in range(0, len(counts) + 1, label_every):
        chart.add(
            label(L + i * bw, T + ph + round(30 * text), str(lo + i * width), round(20 * text), INK, "middle")
        )
    shown = 0
    for t in tiers:
        m = t.get("min")
        if isinstance(m, int) and lo <= m < hi:
            x = L + (m - lo) / width * bw
            ty = round((30 if shown % 2 == 0 else 54) * text)
            shown += 1
            anchor, dx = ("end", -5) if x > L + pw * 0.75 else ("start", 5)
            chart.add(
                shape(
                    "line",
                    x1=x,
                    y1=14,
                    x2=x,
                    y2=T + ph,
                    stroke=ORANGE,
                    stroke_width=2,
                    stroke_dasharray="6 5",
                ),
                label(x + dx, ty, f"{t.get('title', '')} {m}", round(18 * text), ORANGE, anchor),
            )
    chart.add(label(L + pw / 2, H - 6, "final score", round(20 * text), anchor="middle"))
    return chart


#: Past this many players a curve chart shows quantile bands instead of one line per player.
BAND_THRESHOLD = 50


def _quantile(sorted_values: list[int], q: float) -> float:
    """The q-quantile by linear interpolation (sorted input)."""
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _still_playing(lines: list[list[tuple[int, int]]]) -> dict[int, list[int]]:
    """x -> the scores at x of the players whose line reaches x (a line ends where its player
    stopped: nobody is counted after their last point)."""
    xs = sorted({x for line in lines for x, _ in line})
    at: dict[int, list[int]] = {x: [] for x in xs}
    for line in lines:
        i, last = 0, None
        for x in xs:
            if x < line[0][0] or x > line[-1][0]:
                continue
            while i < len(line) and line[i][0] <= x:
                last = line[i][1]
                i += 1
            at[x].append(last)
    return at


@dataclass(frozen=True)
class _Plot:
    """Where a score curve chart draws: its size, margins and the ranges its axes span."""

    x_lo: int
    x_hi: int
    lo: int
    hi: int
    W: int = 1000
    H: int = 480
    L: int = 70
    R: int = 24
    T: int = 40
    B: int = 60

    @property
    def pw(self) -> int:
        return self.W - self.L - self.R

    @property
    def ph(self) -> int:
        return self.H - self.T - self.B

    def x(self, v: float) -> float:
        return self.L + self.pw * (v - self.x_lo) / max(self.x_hi - self.x_lo, 1)

    def y(self, score: float) -> float:
        return self.T + self.ph * (self.hi - score) / (self.hi - self.lo)


def curves(players: list[PlayerLog], tiers: list[dict]) -> Chart | None:
    """Score over story time (months, with year and era marks; over choices made if the logs carry
    no dates). One faint line per player, each ending where its player stopped, and the median of
    those still playing; past :data:`BAND_THRESHOLD` players, bands (10-90 % and 25-75 % of those
    still playing) instead of lines. Tier lines are labelled inside the plot, so nothing is clipped."""
    by_month = [p.month_curve() for p in players]
    months = any(len(c) >= 2 for c in by_month)
    lines = [c for c in (by_month if months else [p.curve() for p in players]) if len(c) >= 2]
    if not lines:
        return None
    values = [s for c in lines for _, s in c]
    lo, hi = min(values), max(values)
    pad = max(10, (hi - lo) // 10)
    plot = _Plot(min(c[0][0] for c in lines), max(c[-1][0] for c in lines), lo - pad, hi + pad)
    banded = len(lines) > BAND_THRESHOLD
    what = "bands of players" if banded else "one line per player"
    chart = Chart(plot.W, plot.H, f"Score over {'story time' if months else 'choices made'}, {what}")
    tier_labels = _tier_lines(chart, plot, tiers)  # their labels drawn last, over the lines and bands
    step = nice_step(plot.hi - plot.lo, 6)
    for v in range((plot.lo // step + 1) * step, plot.hi, step):
        chart.add(label(plot.L - 10, plot.y(v) + 6, str(v), 18, GREY, "end"))
    axis = _time_marks(chart, plot, players) if months else _choice_marks(chart, plot)
    T, ph = plot.T, plot.ph
    chart.add(
        shape("line", x1=plot.L, y1=T + ph, x2=plot.W - plot.R, y2=T + ph, stroke=INK, stroke_width=2),
        shape("line", x1=plot.L, y1=T, x2=plot.L, y2=T + ph, stroke=INK, stroke_width=2),
        label(plot.L + plot.pw / 2, plot.H - 6, axis, 20, anchor="middle"),
    )
    _players_drawn(chart, plot, lines, banded)
    chart.add(*tier_labels)
    return chart


def _tier_lines(chart: Chart, plot: _Plot, tiers: list[dict]) -> list[Shape]:
    """A dashed line at each tier's floor within the plot; returns their labels (drawn last)."""
    labels = []
    for t in tiers:
        m = t.get("min")
        if isinstance(m, int) and plot.lo < m < plot.hi:
            y = plot.y(m)
            chart.add(
                shape(
                    "line",
                    x1=plot.L,
                    y1=y,
                    x2=plot.W - plot.R,
                    y2=y,
                    stroke=ORANGE,
                    stroke_width=1.5,
                    stroke_dasharray="6 5",
                )
            )
            labels.append(
                shape(
                    "text",
                    f"{t.get('title', '')} {m}",
                    x=float(plot.L + 6),
                    y=y - 6,
                    font_size=17,
                    fill=ORANGE,
                    stroke="#fff",
                    stroke_width=4,
                    paint_order="stroke",
                )
            )
    return labels


def _time_marks(chart: Chart, plot: _Plot, players: list[PlayerLog]) -> str:
    """Story time: a mark at each January with its year, and each era where most players met it;
    returns the axis's name."""
    x, T, ph = plot.x, plot.T, plot.ph
    for m in range(plot.x_lo, plot.x_hi + 1):
        if m % 12 == 0:  # January: a year mark
            chart.add(
                shape("line", x1=x(m), y1=T, x2=x(m), y2=T + ph, stroke=PALE, stroke_width=2),
                label(x(m), T + ph + 26, str(m // 12), 18, INK, "middle"),
            )
    eras: dict[str, list[int]] = {}
    for p in players:
        for month, title in p.eras():
            if month is not None and title:
                eras.setdefault(title, []).append(month)
    for title, at in eras.items():
        m = statistics.median_low(at)
        anchor, dx = ("end", -6) if x(m) > plot.L + plot.pw * 0.75 else ("start", 6)
        chart.add(
            shape(
                "line",
                x1=x(m),
                y1=T - 24,
                x2=x(m),
                y2=T + ph,
                stroke=INK,
                stroke_width=2,
                stroke_dasharray="3 4",
            ),
            label(x(m) + dx, T - 8, title, 18, INK, anchor, bold=True),
        )
    return "story time (years)"


def _choice_marks(chart: Chart, plot: _Plot) -> str:
    """Choices made, marked at a round step; returns the axis's name."""
    tstep = nice_step(plot.x_hi - plot.x_lo, 10)
    for t in range(plot.x_lo, plot.x_hi + 1, tstep):
        chart.add(label(plot.x(t), plot.T + plot.ph + 26, str(t), anchor="middle"))
    return "choices made"


def _players_drawn(chart: Chart, plot: _Plot, lines: list[list[tuple[int, int]]], banded: bool) -> None:
    """The players: bands of those still playing, or a faint line each ending in a dot; then the
    median of those still playing, labelled at its end."""
    x, y = plot.x, plot.y
    at = _still_playing(lines)
    enough = max(1, len(lines) // 3) if not banded else 5
    xs = [v for v in sorted(at) if len(at[v]) >= enough]
    if banded:
        qs = {v: sorted(at[v]) for v in xs}
        for q_lo, q_hi, opacity in ((0.1, 0.9, 0.18), (0.25, 0.75, 0.32)):
            upper = [f"{x(v):.1f},{y(_quantile(qs[v], q_hi)):.1f}" for v in xs]
            lower = [f"{x(v):.1f},{y(_quantile(qs[v], q_lo)):.1f}" for v in reversed(xs)]
            if xs:
                chart.add(shape("polygon", points=" ".join(upper + lower), fill=BLUE, fill_opacity=opacity))
    else:
        for c in lines:
            pts = " ".join(f"{x(t):.1f},{y(s):.1f}" for t, s in c)
            chart.add(
                shape("polyline", points=pts, fill="none", stroke=BLUE, stroke_opacity=0.28, stroke_width=2.5)
            )
            chart.add(shape("circle", cx=x(c[-1][0]), cy=y(c[-1][1]), r=4, fill=BLUE, fill_opacity=0.5))
    median = [(v, statistics.median(at[v])) for v in xs]
    if median:
        pts = " ".join(f"{x(t):.1f},{y(s):.1f}" for t, s in median)
        chart.add(shape("polyline", points=pts, fill="none", stroke=INK, stroke_width=6))
        t, s = median[-1]
        chart.add(label(x(t) - 8, y(s) - 14, f"median {s:.0f}", 20, INK, "end", bold=True))


def reflection_chart(q: Question) -> Chart:
    """Mean answer before (hollow) and after (filled) on the question's scale, and below it a
    diverging bar: how many moved toward the low end, stayed, moved toward the high end."""
    b, f = _mean(q.before), _mean(q.after)
    W, H, L, R = 1000, 190, 150, 150
    pw = W - L - R

    def x(v: float) -> float:
        return L + pw * (v - 1) / max(q.scale - 1, 1)

    chart = Chart(W, H, "Answers before and after")
    chart.add(
        shape("line", x1=L, y1=50, x2=W - R, y2=50, stroke=PALE, stroke_width=10, stroke_linecap="round")
    )
    chart.add(*(label(x(v), 88, str(v), anchor="middle") for v in range(1, q.scale + 1)))
    chart.add(label(L - 16, 57, q.low, 19, INK, "end"), label(W - R + 16, 57, q.high, 19, INK))
    if b is not None:
        chart.add(shape("circle", cx=x(b), cy=50, r=13, fill="#fff", stroke=GREY, stroke_width=5))
        chart.add(label(x(b), 22, f"before {b:.1f}", anchor="middle"))
    if f is not None:
        if b is not None and abs(f - b) > 0.05:
            chart.add(shape("line", x1=x(b), y1=50, x2=x(f), y2=50, stroke=BLUE, stroke_width=5))
        chart.add(shape("circle", cx=x(f), cy=50, r=13, fill=BLUE))
        chart.add(label(x(f), 118, f"after {f:.1f}", 18, BLUE, "middle", bold=True))
    if q.deltas:
        lower = sum(1 for d in q.deltas if d < 0)
        same = sum(1 for d in q.deltas if d == 0)
        higher = sum(1 for d in q.deltas if d > 0)
        total = len(q.deltas)
        mid, half = L + pw / 2, pw / 2
        wl, ws, wh = half * lower / total, half * same / total, half * higher / total
        y0 = 140
        chart.add(
            shape("rect", x=mid - ws / 2 - wl, y=y0, width=wl, height=30, fill=ORANGE),
            shape("rect", x=mid - ws / 2, y=y0, width=ws, height=30, fill=PALE),
            shape("rect", x=mid + ws / 2, y=y0, width=wh, height=30, fill=BLUE),
            shape("line", x1=mid, y1=y0 - 4, x2=mid, y2=y0 + 34, stroke=INK, stroke_width=2),
            label(mid - ws / 2 - wl - 10, y0 + 23, f"{lower} lower", 19, ORANGE, "end"),
            label(mid + ws / 2 + wh + 10, y0 + 23, f"{higher} higher", 19, BLUE),
        )
        if same:
            chart.add(label(mid, y0 + 23, f"{same} same", 17, INK, "middle"))
    return chart
