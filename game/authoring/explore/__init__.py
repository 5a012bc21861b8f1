"""``socialscore explore``: every state a story can reach, with equivalent states merged.

Like ChoiceScript's quicktest, but exhaustive: a search over game states from the start, taking every
enabled choice in every state and every outcome of every random draw.

**Modes.** :func:`explore` has four ways of merging states, and picks between the first three by
itself (``mode="auto"``, the default):

- **exact** merges only states that nothing the story can still do tells apart (below). Its answers
  are exact: every reachable scene, ending and final score, and the number of paths. ``auto`` tries it
  within ``EXACT_BUDGET_STATES`` states and ``EXACT_BUDGET_PER_SCENE`` states in any one scene
  (budgets in states, not seconds, so the answer is the same on any machine), after merging by
  intervals, and only if that took at most ``EXACT_AFTER`` states; tiny stories, the sample and a
  generated hundred-scene story finish within them, and the answer is then exact.
- **merged by intervals** (``intervals``) is what ``auto`` answers with when exact exploration is too
  big, as on the shipped story, where the exact score, the contacts' scores and money make nearly every
  path a state of its own. An abstraction exact on scenes and flags, with numbers as intervals: the key
  of a state is the extremes key below (the scene and everything the story can still see that is not a
  whole number: flags, words, sets, once-only choices taken, banded counts, era, month, perks, granted
  and refused, contacts' live flags), and for each key the search keeps the interval [lowest, highest]
  of the score and of each *score-like* number (a whole-number variable whose declared range is open
  or wider than ``SCORE_LIKE_SPAN``; in a story with none, every live number). A state is explored only
  if it widens an interval of its key, and the interval's ends are real states, explored as themselves
  (the merge widens the interval; it never invents a value). So, as in extremes mode, **every state
  explored was really played**: each scene, choice, ending, score and example path reported was
  reached and replays to it, and an ending's score range is the lowest and highest of real games. And,
  as there, it is an under-approximation: states with the same key but different small counters or
  networks (which the interval's ends stand for) may go where the ends do not, so what is not reached
  might still be reachable, and true ranges may be wider. On the shipped story: 7 endings of 7, both
  cuts, about 9,000 states (full) and 750 (classroom) where extremes takes about 63,000. ``auto`` also
  merges by extremes when the intervals took fewer than ``EXTREMES_BELOW`` states (a small story, where
  the extremes cost little and find more).
- **merged by extremes** (``extremes``) keeps more states per key than intervals, and costs more.
  States are merged by what the story can see *other than whole numbers*
  (:meth:`Canon._extremes_key`), and for each merged state the search keeps only a few concrete states:
  those with the lowest and the highest value of each number still read (the score, live whole-number
  variables, contacts' live scores and closeness), and, for each band of such a number (cut where the
  story compares it, and for the score also at tiers, perks and ``requires:``), those with the lowest and
  highest score, and, in a story whose contacts pull the score, for each network (who is in it) those
  with the lowest and highest score (:meth:`Canon.slots`). A new state is explored only if it is more
  extreme than those kept in some slot. Scenes are taken in the order of the scene graph (a scene after
  every scene that leads to it, loops aside), so that all the states arriving at a scene are compared
  before any is explored.
  A ``once`` choice that leads back to its scene and changes nothing still read except that it was
  taken is recorded but not explored further (from there the player can do nothing new).
  **Every state explored was really played**: every scene, choice, ending and score reported was
  reached, and the example paths replay to it. But it is an under-approximation: a combination of
  numbers between the extremes (say, a high integrity with a middling score) may never be tried, so a
  scene, ending or choice not reached might still be reachable, and the true score range of an ending
  may be wider than reported. Paths are not counted (``EndingReport.paths`` is None), shortest and
  longest paths are the shortest and longest *found*, and ``loops`` is not detected. Score conditions in
  a story are usually monotone (``score >= X``, tiers, perks), so keeping both extremes keeps both sides
  of every gate; conditions that need several numbers at once are where it can miss.
- **coarse** (``coarse=True``) also merges states whose whole numbers fall in the same bands, cut at the
  numbers the story compares them with (and, for the score, at tiers, perks, requirements and contacts'
  thresholds); contacts' scores are left out. Each band is explored from the first state found in it,
  so everything reported as reached is reachable, with a real path; what is not reached might still
  be, and score ranges may be wider than shown. Kept for comparison: it does not finish on the shipped
  story either.

If ``auto`` falls back, what the cut-short exact exploration found (all of it real, with real paths) is
added to the result, and ``exact_attempt`` says how far it went.

**When two states are the same** (exact mode). The key of a state is

- the scene;
- the variables that are *live* at that scene (:func:`live_reads`): read by an ``if:`` or
  ``enable_if:`` of a choice, or a condition of a ``next:``, in this scene or in a scene reachable
  from it, or needed by an effect on the way to compute such a variable. A variable only shown in
  text (``{weather}``), or read only in scenes that can no longer be reached, is left out;
- ``visits.X`` and ``chosen.X.Y`` counts and ``turn`` only where they are live in the same sense;
  for ``once`` choices of scenes still reachable, whether they were taken;
- the score's part of the state (score, tier, era, month, contacts, perks, and the rule counts of
  the current period), but not its ledger (the history of changes, which nothing reads).

**Randomness is enumerated, not sampled.** While exploring, the engine's generator is replaced by one
that returns the values we ask for (:class:`Oracle`, passed as the engine's ``draw`` argument to
``start`` and ``choose``: nothing is patched), and a step that draws is replayed
with every combination of outcomes: every value of ``random(lo, hi)``, every unit of weight of a
random branch. So the seed and the number of draws are not part of the key, and merging stays sound.
A draw with more than ``MAX_OUTCOMES`` values is sampled at evenly spaced values (both ends included)
and the result is marked partial. (Example paths list choices, not random outcomes: a path through a
random branch replays with a seed only if the seed draws the same outcome.)

**Order and limits.** In exact and coarse modes the scene with the fewest states expanded so far goes
next (first in, first out within a scene), so a search cut short by ``max_states`` or ``max_seconds``
still covers as much of the story as it can; the result then says it is partial and which limit
stopped it (``stopped_by``: "states" is the budget; "time" and "memory", from ``max_seconds`` and
``max_memory_mb``, are safety stops, checked between the choices of a state too). A complete search
gives the same results in any order. Shortest paths are computed afterwards, breadth first over the
graph of merged states. ``max_states`` and ``max_seconds`` bound the whole run in every mode (in
extremes mode, ``max_states`` counts the concrete states explored).

**Paths** (exact and coarse modes). The merged states form a graph whose edges are (choice, next state)
pairs. The number of paths to an ending counts the distinct sequences of choices (and of random outcomes
that lead to different states) from the start. A loop (a way back to a state already on the path, such
as a sticky choice that changes nothing) allows infinitely many; the count then leaves out the edges
that close loops (found by a depth-first search), and the ending is flagged ``loops``. The longest path
is measured the same way.
"""

from .canon import SCORE_LIKE_SPAN, Canon, score_of
from .cli import run_explore
from .limits import DEFAULT_MAX_MEMORY_MB, Limits
from .oracle import MAX_OUTCOMES, MAX_REPLAYS, all_outcomes
from .reads import behaviour_reads, live_reads
from .report import STOPS, report
from .result import EndingReport, Exploration
from .search import (
    DEFAULT_MAX_STATES,
    EXACT_AFTER,
    EXACT_BUDGET_PER_SCENE,
    EXACT_BUDGET_STATES,
    EXTREMES_BELOW,
    MODES,
    explore,
)

__all__ = [
    "Canon",
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_STATES",
    "EXACT_BUDGET_PER_SCENE",
    "EXACT_AFTER",
    "EXACT_BUDGET_STATES",
    "EXTREMES_BELOW",
    "EndingReport",
    "Exploration",
    "Limits",
    "MAX_OUTCOMES",
    "MAX_REPLAYS",
    "MODES",
    "SCORE_LIKE_SPAN",
    "STOPS",
    "all_outcomes",
    "behaviour_reads",
    "explore",
    "live_reads",
    "report",
    "run_explore",
    "score_of",
]
