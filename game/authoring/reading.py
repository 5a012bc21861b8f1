"""How long a story takes to read: words per playthrough over sampled games, and reading time.

A playthrough's words are what its player reads: each scene's text as shown, the text a choice
leaves at the top of the next scene, the labels of the choices offered, and the technique asides
(``Technique: name — text``) shown with a scene or after a choice. Games are sampled with
seeded, uniformly random choices (the same seeds give the same figures), so the minimum and maximum
are those of the sample, not proven bounds. Reading time is at ``WORDS_PER_MINUTE``, the slow end
of adult silent reading, because a class reads slower than one reader alone.
"""

from __future__ import annotations

import random
import re
import statistics
from dataclasses import dataclass

from ..engine import Frame, Story, autoplay, frame, start, uniform
from ..engine.state import State
from ..engine.techniques import aside, named

WORDS_PER_MINUTE = 200
DEFAULT_SAMPLES = 40
MAX_TURNS = 400
_WORD = re.compile(r"[\w'’]+(?:[-–][\w'’]+)*")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[,.](?=\d)")  # 2,000 and 4.5 are one word each


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits (with apostrophes and hyphens inside; a number
    with thousands separators or a decimal point is one word)."""
    return len(_WORD.findall(_DIGIT_GROUPS.sub("", text)))


@dataclass(frozen=True)
class Reading:
    """Words per sampled playthrough (``words``, one per game, in seed order) and where they ended."""

    words: tuple[int, ...]
    endings: tuple[str, ...]

    @property
    def minimum(self) -> int:
        return min(self.words)

    @property
    def median(self) -> int:
        return round(statistics.median(self.words))

    @property
    def maximum(self) -> int:
        return max(self.words)

    def minutes(self, words: int) -> int:
        """Reading time of ``words`` at WORDS_PER_MINUTE, rounded to the nearest minute (at least 1)."""
        return max(1, round(words / WORDS_PER_MINUTE))

    def to_json(self) -> dict:
        return {
            "samples": len(self.words),
            "min": self.minimum,
            "median": self.median,
            "max": self.maximum,
            "words_per_minute": WORDS_PER_MINUTE,
            "minutes": {
                k: self.minutes(v)
                for k, v in (("min", self.minimum), ("median", self.median), ("max", self.maximum))
            },
        }

    def summary(self) -> str:
        lo, mid, hi = (self.minutes(w) for w in (self.minimum, self.median, self.maximum))
        return (
            f"words per playthrough over {len(self.words)} sampled games: min {self.minimum}, median "
            f"{self.median}, max {self.maximum} (reading time at {WORDS_PER_MINUTE} words a minute: "
            f"{lo}, {mid} and {hi} minutes)"
        )


def words_read(story: Story, seed: int, sets: dict | None = None) -> tuple[int, str]:
    """Words a player reads in one seeded, uniformly random game; and its ending ('' if none)."""
    state, _ = start(story, seed, sets=sets)
    states = [state] + [m.after for m in autoplay(story, state, uniform(random.Random(seed)), MAX_TURNS)]
    return sum(_words(frame(story, s)) + _aside_words(story, s) for s in states), states[-1].ending or ""


def _words(shown: Frame) -> int:
    """The words on one screen: title, the text after a choice, paragraphs and choices."""
    words = count_words(shown.title) + count_words(shown.after)
    words += sum(count_words(p) for p in shown.paragraphs)
    return words + sum(count_words(c.text) for c in shown.choices)


def _aside_words(story: Story, state: State) -> int:
    """The words of the technique asides every front end shows with ``state``'s screen."""
    return sum(count_words(aside(t)) for t in named(story, state))


def reading(
    story: Story, samples: int = DEFAULT_SAMPLES, seed: int = 0, sets: dict | None = None
) -> Reading | None:
    """Words per playthrough over ``samples`` games (seeds ``seed`` …); None for a story without scenes."""
    if not story.scenes or samples < 1:
        return None
    games = [words_read(story, seed + i, sets) for i in range(samples)]
    return Reading(tuple(w for w, _ in games), tuple(e for _, e in games))
