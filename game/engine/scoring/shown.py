"""What the score app shows the player: one answer for every view of every front end.

The score is kept from the start whatever the player does; what the player *sees* of it depends
on two things, both read here:

- the app's **status** (:func:`status`): ``"none"`` (the story has no score), ``"inactive"``
  (not activated yet, or not on the phone now), ``"deleted"`` (the player deleted it) or
  ``"active"``. Only an active app shows a number, a notice, a ledger or a contact's score;
  a refusal reason never quotes the score while the app is not active.
- the session's **transparency mode** (:data:`MODES`), chosen when a game starts (default
  :data:`DEFAULT_MODE`): ``opaque`` shows the numbers and no reasons; ``partial`` the app's vague
  reasons and who pulls you down, without figures; ``transparent`` the exact rules, thresholds and
  each contact's pull. The table in docs/scoring-format.md ("What each mode shows") lists it view
  by view; the tests play the shipped story in every mode and front end against it.
"""

from __future__ import annotations

from ..kinds import DEFAULT_MODE, Mode
from ..messages import say
from ..model import Story
from ..state import State
from .engine import model_of, part_of
from .model import MODES

__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "mode_of",
    "names_who_pull",
    "shows_pull",
    "shows_reasons",
    "shows_thresholds",
    "status",
    "status_line",
]


def status(story: Story, state: State) -> str:
    """``"none"``, ``"inactive"``, ``"deleted"`` or ``"active"`` (see the module doc)."""
    if model_of(story) is None or part_of(state) is None:
        return "none"
    deleted = story.builtins.get("app.deleted")
    if deleted is not None and deleted.get(state):
        return "deleted"
    active = story.builtins.get("app.active")
    return "active" if active is None or active.get(state) else "inactive"


def status_line(story: Story, state: State) -> str | None:
    """What a score view says while the app shows nothing (``app.none``, ``app.inactive`` or
    ``app.deleted`` in the message catalogue); None when it is active."""
    now = status(story, state)
    return None if now == "active" else say(f"app.{now}")


def mode_of(state: State) -> str:
    """The session's transparency mode (the default for a state without a score)."""
    part = part_of(state)
    return part.mode if part is not None else DEFAULT_MODE


def shows_reasons(mode: str) -> bool:
    """Whether changes come with a reason (the vague one in partial mode, the rule in transparent)."""
    return mode != Mode.OPAQUE


def names_who_pull(mode: str) -> bool:
    """Whether the app names the contacts who pull the score down (without figures in partial)."""
    return mode != Mode.OPAQUE


def shows_pull(mode: str) -> bool:
    """Whether each contact's pull, and a suggested contact's predicted gain, is shown in points."""
    return mode == Mode.TRANSPARENT


def shows_thresholds(mode: str) -> bool:
    """Whether the app says where the next tier starts and what a gate needs."""
    return mode == Mode.TRANSPARENT
