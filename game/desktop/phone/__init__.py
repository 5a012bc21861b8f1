"""The phone-style score app beside the story.

Three tabs: **Score** (the dial, tier, the date and era, perks and penalties, the latest
changes), **Friends** (your network with this month's pull, who is pulling you down, and
suggested contacts with their predicted gain) and **Activity** (the ledger, newest first,
each change explained in the session's transparency mode). Pop-up notices slide in at
the top. It reads only a :class:`~game.desktop.scoreview.ScoreData`; without a score it
shows a placeholder.

Tab content is a list of rows laid out once per data and size; the lists scroll by whole
rows (mouse wheel over the phone), so no line of text is ever cut in half.

The parts, one job each:

- :mod:`.panel`: the phone's state, mouse input, geometry, and its frame (status bar, header,
  tab bar, the list of rows, the placeholder);
- :mod:`.rows`: what each tab lists and how each row is drawn;
- :mod:`.dial`: the score dial and tier badge;
- :mod:`.notices`: the pop-up notices, their queue and timing.
"""

from __future__ import annotations

from .panel import TABS, ScorePanel

__all__ = ["TABS", "ScorePanel"]
