"""The debrief after an ending, in five pages: how it felt, what happened, how the
mechanism works, what is real, and a question to take away.

The data comes from :func:`game.engine.debrief.build_debrief`, computed once when the
screen opens (it replays the roads not taken, which is not free). The debrief reveals
everything, whatever the session's transparency mode: explanations are the transparent
ones.

The parts, one job each:

- :mod:`.screen`: the screen itself: step tabs, buttons, scrolling, input, drawing the chrome;
- :mod:`.page`: lays a page out top to bottom (text blocks, sections, custom pieces);
- :mod:`.pages`: what each of the five pages says (the content);
- :mod:`.chart`: the score curve on "What happened";
- :mod:`.words`: what the pages call things (tier, ending and scene titles);
- :mod:`.look`: the debrief's colours and edge fades.
"""

from __future__ import annotations

from .screen import DebriefScreen

__all__ = ["DebriefScreen"]
