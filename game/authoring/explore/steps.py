"""Taking steps while exploring: the start states and each choice, with every random outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...engine import StartError, Story, choose, start
from ...engine.runtime import Draw
from ...engine.state import State
from .oracle import all_outcomes


def start_states(oracle, story: Story, options, at, sets, result) -> Iterator[State]:
    """Every start state (one per outcome of random draws made on entering); errors go into
    ``result``, except a bad --from/--set, which is the caller's to report."""
    draw = oracle.draw
    begin = lambda: start(story, 0, options, at=at, sets=sets, draw=draw)[0]  # noqa: E731
    for state, error in all_outcomes(oracle, begin):
        if isinstance(error, StartError):
            raise error
        if error is not None:
            result.errors.append({"path": [], "choice": None, "error": describe(error)})
        else:
            yield state


def stepper(story: Story, state: State, uid: str, draw: Draw) -> Callable[[], State]:
    return lambda: choose(story, state, uid, draw=draw)[0]


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"
