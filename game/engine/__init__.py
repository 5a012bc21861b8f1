"""The Social Score engine: pure Python, no screen, no print or input.

Public API (front ends and tools use only this):

- :func:`load_story` / :func:`load_story_or_raise`: YAML files → a checked :class:`Story`;
- :func:`start`, :func:`frame`, :func:`choose`: the step API; :func:`offer`: a frame's title and choices;
- :class:`Session`: a playthrough with undo, history, save and load;
- :func:`autoplay` / :func:`play_out`: whole games played by a rule (a :data:`Pick`), one loop for all;
- :class:`Diagnostic`, :class:`InputError`: every problem with bad input, as data.
"""

from . import claims, reflection, scoring, techniques
from .diagnostics import CODES, Diagnostic, InputError
from .events import Cause, Event
from .extension import register
from .kinds import DEFAULT_MODE, EventKind, Mode, Status
from .loader import load_story, load_story_or_raise
from .model import Choice, Scene, Story
from .playout import ChoiceFailed, Move, Pick, autoplay, enabled_choices, play_out, uniform
from .runtime import ChoiceError, ChoiceView, Frame, StartError, available, choose, frame, offer, start
from .session import HistoryEntry, Session, UndoLocked
from .state import State

# The one place extensions are registered; the loader and the runtime call them in this order.
register(scoring.EXTENSION)
register(reflection.EXTENSION)
register(techniques.EXTENSION)
register(claims.EXTENSION)

__all__ = [
    "CODES",
    "ChoiceFailed",
    "Move",
    "Pick",
    "autoplay",
    "enabled_choices",
    "play_out",
    "uniform",
    "DEFAULT_MODE",
    "EventKind",
    "Mode",
    "Status",
    "Cause",
    "Choice",
    "ChoiceError",
    "ChoiceView",
    "Diagnostic",
    "Event",
    "Frame",
    "HistoryEntry",
    "InputError",
    "Scene",
    "Session",
    "StartError",
    "State",
    "Story",
    "UndoLocked",
    "available",
    "choose",
    "frame",
    "offer",
    "load_story",
    "load_story_or_raise",
    "start",
]
