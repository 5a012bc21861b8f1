"""The reading column's measure, shared by the story screen and the history: how wide prose runs."""

from __future__ import annotations

#: the story column's measure, in average characters per line
MEASURE_CHARS = 66
#: ordinary prose, to measure the average character width of the story font
SAMPLE = "The stalls are open under a grey sky, and nobody here is counting, as far as you know."


def column_width(cache, theme, room: int) -> int:
    """The column's width in pixels: :data:`MEASURE_CHARS` average characters of the story font,
    or ``room`` if that is narrower."""
    avg = cache.font("serif", theme.body).size(SAMPLE)[0] / len(SAMPLE)
    return min(room, round(avg * MEASURE_CHARS))
