"""Counterfactuals: what the final score, tier and ending would have been had the player chosen
otherwise at each key decision, computed by deterministic replay.

A *key decision* is a turn whose scene offered a choice marked ``key: true`` (taken or not). For
each other enabled choice of that turn, the game is replayed from the state before it with that
choice instead, then continued by following the player's own later choices: at each step the next
choice of the original path that is on offer and enabled is taken (skipping ahead in the path
when needed); when none is, the first enabled choice. A replay stops at an ending or after
:data:`MAX_STEPS` choices ("unfinished"). Same seed, same path, same answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Story
from .runtime import Context, available, choose
from .scoring import queries
from .state import State

MAX_STEPS = 400


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a path of play ends: score and tier (None without a score), the ending (None if
    unfinished), and the path taken."""

    score: int | None
    tier: str | None
    ending: str | None
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One road not taken: at ``turn`` (1-based), ``alternative`` instead of ``taken``."""

    turn: int
    scene: str
    taken: str
    taken_text: str
    alternative: str
    alternative_text: str
    outcome: Outcome


def outcome_of(state: State) -> Outcome:
    part = queries.part(state)
    return Outcome(part.score if part else None, part.tier if part else None, state.ending, state.path)


def continue_along(story: Story, state: State, path: tuple[str, ...]) -> State:
    """Play on from ``state`` following ``path`` as described in the module doc."""
    remaining = list(path)
    for _ in range(MAX_STEPS):
        if state.ending is not None:
            break
        offered = [c for c, enabled, _ in available(story, state) if enabled]
        if not offered:
            break
        uids = {c.uid for c in offered}
        pick = None
        for i, uid in enumerate(remaining):
            if uid in uids:
                pick = uid
                del remaining[: i + 1]
                break
        if pick is None:
            pick = offered[0].uid
        state, _ = choose(story, state, pick)
    return state


def counterfactuals(story: Story, states: list[State] | tuple[State, ...]) -> list[WhatIf]:
    """The roads not taken at every key decision of a playthrough (``states``: the start state
    and the state after each choice, as :attr:`Session.states` gives them)."""
    out: list[WhatIf] = []
    final_path = states[-1].path
    for i, before in enumerate(states[:-1]):
        offered = available(story, before)
        if not any(c.key for c, _, _ in offered):
            continue
        taken = final_path[i]
        texts = {c.uid: c for c, _, _ in offered}
        ctx = Context(story, before)
        for choice, enabled, _ in offered:
            if not enabled or choice.uid == taken:
                continue
            after, _ = choose(story, before, choice.uid)
            end = continue_along(story, after, final_path[i + 1 :])
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
                )
            )
    return out
