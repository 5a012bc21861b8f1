"""Notes the desktop game shows on more than one screen (a leaf module: screens read them here, not
from the app that opens them)."""

from __future__ import annotations

#: what the player is told when undo is locked (the Undo button's note, Backspace's toast)
UNDO_OFF = "Undo is off in this workshop"
#: the same when the session (not a workshop preset) has undo off
UNDO_OFF_SESSION = "Undo is off in this session"
