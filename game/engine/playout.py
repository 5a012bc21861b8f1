"""Games played by a rule instead of a person: the one loop every tool that plays whole games uses
(simulate and demo-logs, playtest, lint's reading time, the debrief's roads not taken, the soak).

A *pick* is the rule: given the state and the enabled choices on offer (in the order a player sees
them), it returns one of them. :func:`autoplay` takes picks from a state until the game ends, a
scene offers no enabled choice, or the turn count reaches ``max_turns``, and yields every
:class:`Move`; :func:`play_out` returns only the state it stopped in, :func:`stopped_by` says why.
Same story, start state and picks, same moves: the loop adds no randomness of its own.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from msgspec import Struct

from .events import Event
from .model import Choice, Story
from .runtime import available, choose
from .state import State

Pick = Callable[[State, list[Choice]], Choice]

#: a turn limit nobody reaches by accident (a story that loops for ever stops here)
DEFAULT_MAX_TURNS = 1000


class Move(Struct, frozen=True):
    """One choice taken: the state before it, the choice, the state after it and its events."""

    before: State
    choice: Choice
    after: State
    events: tuple[Event, ...]


class ChoiceFailed(Exception):
    """Taking a picked choice raised (an engine or story bug): ``state`` is the state it was taken in,
    ``choice`` the choice; the error itself is ``__cause__``."""

    def __init__(self, state: State, choice: Choice):
        super().__init__(f"{choice.uid} failed in scene {state.scene!r}")
        self.state, self.choice = state, choice


def enabled_choices(story: Story, state: State) -> list[Choice]:
    """The choices a player could take in ``state``, in the order they are shown."""
    return [choice for choice, enabled, _ in available(story, state) if enabled]


def autoplay(story: Story, state: State, pick: Pick, max_turns: int = DEFAULT_MAX_TURNS) -> Iterator[Move]:
    """Take ``pick``'s choice from ``state`` on, yielding each move, until an ending, a scene with no
    enabled choice, or ``state.turn`` reaching ``max_turns``. Raises :class:`ChoiceFailed` when
    taking a choice raises; an error in ``pick`` itself propagates as it is."""
    while state.ending is None and state.turn < max_turns:
        offered = enabled_choices(story, state)
        if not offered:
            return
        choice = pick(state, offered)
        try:
            after, events = choose(story, state, choice.uid)
        except Exception as exc:
            raise ChoiceFailed(state, choice) from exc
        yield Move(state, choice, after, events)
        state = after


def play_out(story: Story, state: State, pick: Pick, max_turns: int = DEFAULT_MAX_TURNS) -> State:
    """The state :func:`autoplay` stops in."""
    for move in autoplay(story, state, pick, max_turns):
        state = move.after
    return state


def stopped_by(story: Story, state: State, max_turns: int = DEFAULT_MAX_TURNS) -> str | None:
    """Why :func:`autoplay` stopped in ``state``: None at an ending, ``"turns"`` at the turn limit,
    ``"stuck"`` in a scene with no enabled choice (None too if it would go on: not a stop)."""
    if state.ending is not None:
        return None
    if state.turn >= max_turns:
        return "turns"
    return None if enabled_choices(story, state) else "stuck"


def uniform(rng: random.Random) -> Pick:
    """Pick uniformly among the enabled choices, with ``rng``'s draws (one per choice)."""
    return lambda state, offered: rng.choice(offered)
