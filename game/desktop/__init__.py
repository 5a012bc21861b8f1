"""The desktop front end (pygame-ce). Nothing below game/desktop is imported by the engine."""

import os

# pygame prints a banner on import; a game should start quietly.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
