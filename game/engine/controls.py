"""Control characters: kept out of every text the game and its tools write.

ESC, OSC, BEL, CR and their kind, written to a terminal, are obeyed (they set its title,
clear the screen, move the cursor); in SVG or HTML most of them make the file invalid XML.
Story text cannot hold them (the YAML reader refuses them with E111), but text also comes
from expressions, saves, logs and file names, so every output strips them again
(:func:`strip_controls`, :class:`CleanStream`) and diagnostics show them as escapes
(:func:`show_controls`). Tab and newline are text, not controls, and are kept.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

#: C0 controls but tab and newline, DEL, C1 controls, and lone surrogates (not encodable text).
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def has_controls(text: str) -> bool:
    return CONTROL_RE.search(text) is not None


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return CONTROL_RE.sub("", text)


def show_controls(text: str) -> str:
    """``text`` with each control character written as a visible escape (``\\x1b``)."""
    return CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "?", text)


def describe_control(text: str) -> str:
    """The first control character of ``text``, named for a message: ``U+001B``."""
    m = CONTROL_RE.search(text)
    return f"U+{ord(m.group()):04X}" if m else ""


def strip_controls_deep(value: Any) -> Any:
    """JSON data with control characters stripped from every string in it (keys too)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [strip_controls_deep(v) for v in value]
    if isinstance(value, dict):
        return {
            strip_controls(k) if isinstance(k, str) else k: strip_controls_deep(v) for k, v in value.items()
        }
    return value


class CleanStream:
    """A text stream that strips control characters from everything written through it."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(strip_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, encoding...: the wrapped stream's
        return getattr(self._stream, name)
