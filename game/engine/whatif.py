"""Counterfactuals: what the final score, tier and ending would have been had the player chosen
otherwise at a key decision, computed by deterministic replay that keeps the player's stance.

**Which cards.** For each turn of the playthrough, each other enabled choice marked ``key: true``
is an alternative (once: the same choice offered again later is not a second card). Each is
replayed (below); the cards are ranked by effect (a different ending first, then the largest
difference in final score, then the earlier turn) and at most :data:`MAX_CARDS` are kept.

**How a replay continues.** From the state before the turn, the alternative is taken; then at
each step, in scene S:

1. the player's own choice: the choice they made at S (the next one not used yet, in the order
   they made them after the changed turn; failing that, the last one they made at S anywhere), if
   it is on offer and enabled;
2. otherwise a substitute, by the **stance rule**: the enabled choice that shares the most with
   the player's own choices over the whole game, counted as words: its ``tags:``, the variables
   its effects raise or lower (``integrity+``, ``gaming-``) or set, and its score actions with their
   tags and targets (``drop``, ``drop:mei``, ``post:protest``). Ties go to the first listed. Every
   substitute is recorded on the card (:attr:`WhatIf.substitutes`), except in a scene that offers
   only one way on (nothing was chosen there).

A replay stops at an ending or after :data:`MAX_STEPS` choices ("unfinished"). Same seed, same
path, same answers: replaying :attr:`Outcome.path` from the start gives the card's outcome.
"""

from __future__ import annotations

from collections import Counter

from msgspec import Struct

from .model import Choice, Story
from .playout import play_out
from .runtime import Context, available, choose
from .scoring import queries
from .state import State

MAX_STEPS = 400
#: at most this many roads not taken are shown, the largest effects first
MAX_CARDS = 6


class Outcome(Struct, frozen=True):
    """Where a path of play ends: score and tier (None without a score), the ending (None if
    unfinished), and the path taken."""

    score: int | None
    tier: str | None
    ending: str | None
    path: tuple[str, ...]


class WhatIf(Struct, frozen=True):
    """One road not taken: at ``turn`` (1-based), ``alternative`` instead of ``taken``.
    ``substitutes`` are the choices the replay made where the player's own no longer fitted:
    (choice uid, "scene title: choice text"); ``forced`` the steps where there was nothing to choose."""

    turn: int
    scene: str
    taken: str
    taken_text: str
    alternative: str
    alternative_text: str
    outcome: Outcome
    substitutes: tuple[tuple[str, str], ...] = ()
    #: the replay's steps through scenes that offered one way on, off the player's path (uids)
    forced: tuple[str, ...] = ()

    @property
    def substituted(self) -> tuple[str, ...]:
        """The substituted choices as the card names them."""
        return tuple(text for _, text in self.substitutes)


def outcome_of(state: State) -> Outcome:
    part = queries.part(state)
    return Outcome(part.score if part else None, part.tier if part else None, state.ending, state.path)


def stance_words(choice: Choice) -> frozenset[str]:
    """What a choice says about the player, as words (see the module doc)."""
    words = set(choice.tags)
    for effect in choice.effects:
        if effect.target is None:
            continue
        source = effect.source
        if "+=" in source:
            words.add(f"{effect.target}+")
        elif "-=" in source:
            words.add(f"{effect.target}-")
        else:
            words.add(f"{effect.target}={source.split('=', 1)[1].strip()}")
    extra = queries.extra(choice)
    for action in getattr(extra, "actions", ()):
        words.add(action.kind)
        words.update(f"{action.kind}:{v}" for v in action.values)
    return frozenset(words)


class _Player:
    """The player's own path, read for replays: their choices by scene, and their stance."""

    def __init__(self, story: Story, path: tuple[str, ...]):
        self.story = story
        self.path = path
        self.stance: Counter[str] = Counter()
        self.last_at: dict[str, str] = {}
        for uid in path:
            choice = story.choice(uid)
            if choice is not None:
                self.stance.update(stance_words(choice))
                self.last_at[choice.scene] = uid

    def queues(self, after: int) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for uid in self.path[after:]:
            choice = self.story.choice(uid)
            if choice is not None:
                out.setdefault(choice.scene, []).append(uid)
        return out

    def substitute(self, offered: list[Choice]) -> Choice:
        best = offered[0]
        best_score = -1
        for choice in offered:
            score = sum(self.stance[w] for w in stance_words(choice))
            if score > best_score:
                best, best_score = choice, score
        return best


def continue_along(
    story: Story, state: State, player: _Player, queues: dict[str, list[str]]
) -> tuple[State, tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Play on from ``state`` by the rule of the module doc; returns the end, the substitutes and
    the forced steps."""
    substitutes: list[tuple[str, str]] = []
    forced: list[str] = []

    def pick(state: State, offered: list[Choice]) -> Choice:
        queue = queues.get(state.scene)
        own = queue.pop(0) if queue else player.last_at.get(state.scene)
        mine = next((c for c in offered if c.uid == own), None)
        if mine is not None:
            return mine
        choice = player.substitute(offered)
        if len(offered) > 1:
            ctx = Context(story, state)
            scene = story.scenes[state.scene]
            substitutes.append((choice.uid, f"{scene.title.render(ctx)}: {choice.text.render(ctx)}"))
        else:  # a scene with one way on asks nothing of the player
            forced.append(choice.uid)
        return choice

    state = play_out(story, state, pick, state.turn + MAX_STEPS)
    return state, tuple(substitutes), tuple(forced)


def counterfactuals(story: Story, states: list[State] | tuple[State, ...]) -> list[WhatIf]:
    """The roads not taken at the key decisions of a playthrough (``states``: the start state and
    the state after each choice, as :attr:`Session.states` gives them), ranked by effect, at most
    :data:`MAX_CARDS`."""
    out: list[WhatIf] = []
    final = states[-1]
    final_path = final.path
    player = _Player(story, final_path)
    seen: set[str] = set()
    for i, before in enumerate(states[:-1]):
        offered = available(story, before)
        taken = final_path[i]
        alternatives = [
            c for c, enabled, _ in offered if enabled and c.key and c.uid != taken and c.uid not in seen
        ]
        seen.update(c.uid for c in alternatives)  # the same road offered twice is one card
        if not alternatives:
            continue
        texts = {c.uid: c for c, _, _ in offered}
        ctx = Context(story, before)
        for choice in alternatives:
            after, _ = choose(story, before, choice.uid)
            end, substitutes, forced = continue_along(story, after, player, player.queues(i + 1))
            taken_choice = texts.get(taken)
            out.append(
                WhatIf(
                    turn=i + 1,
                    scene=before.scene,
                    taken=taken,
                    taken_text=taken_choice.text.render(ctx) if taken_choice else taken,
                    alternative=choice.uid,
                    alternative_text=choice.text.render(ctx),
                    outcome=outcome_of(end),
                    substitutes=substitutes,
                    forced=forced,
                )
            )
    mine = outcome_of(final)

    def effect(w: WhatIf) -> tuple:
        diff = abs((w.outcome.score or 0) - (mine.score or 0))
        return (w.outcome.ending == mine.ending, -diff, w.turn)

    return sorted(out, key=effect)[:MAX_CARDS]
