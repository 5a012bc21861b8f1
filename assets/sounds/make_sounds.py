"""Synthesise the game's short, soft sound effects as 16-bit mono WAV files (CC0).

Run ``python assets/sounds/make_sounds.py`` to rebuild them next to this script.
Only the standard library is used (``wave``, ``math``, ``struct``), so the output is
the same on every machine: each sound is a few sine partials under a smooth envelope,
quiet (peak about -12 dBFS) so that repeated notifications never startle.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.25  # about -12 dBFS: the app is polite, at least in its sounds


def tone(
    freq: float,
    dur: float,
    start: float = 0.0,
    attack: float = 0.008,
    decay: float = 6.0,
    partials: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08)),
) -> list[tuple]:
    """One note: (start, freq, dur, attack, decay, partials), mixed later by :func:`render`."""
    return [(start, freq, dur, attack, decay, partials)]


def render(notes: list[tuple], length: float) -> list[float]:
    """Mix notes into samples in [-1, 1], normalised to PEAK, with a short fade at the end."""
    n = int(RATE * length)
    out = [0.0] * n
    for start, freq, dur, attack, decay, partials in notes:
        first = int(start * RATE)
        count = min(int(dur * RATE), n - first)
        for i in range(count):
            t = i / RATE
            env = min(1.0, t / attack) * math.exp(-decay * t)
            s = sum(a * math.sin(2 * math.pi * freq * m * t) for m, a in partials)
            out[first + i] += env * s
    top = max(1e-9, max(abs(v) for v in out))
    fade = int(0.01 * RATE)
    for i in range(fade):
        out[n - 1 - i] *= i / fade
    return [v / top * PEAK for v in out]


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, v)) * 32767)) for v in samples))


SOUNDS = {
    # a two-note chime, like a friendly app badge (E6 then A6)
    "notify.wav": (tone(1318.5, 0.35, 0.0, decay=9) + tone(1760.0, 0.45, 0.09, decay=8), 0.6),
    # a soft wooden tick for buttons
    "click.wav": (tone(1900.0, 0.05, 0.0, attack=0.002, decay=90, partials=((1.0, 1.0), (2.7, 0.3))), 0.06),
    # a rising major arpeggio (C6 E6 G6 C7): a better tier
    "tier_up.wav": (
        tone(1046.5, 0.5, 0.0, decay=7)
        + tone(1318.5, 0.5, 0.08, decay=7)
        + tone(1568.0, 0.5, 0.16, decay=7)
        + tone(2093.0, 0.6, 0.24, decay=6),
        0.9,
    ),
    # a falling minor third, lower and duller: a worse tier
    "tier_down.wav": (
        tone(659.3, 0.5, 0.0, decay=6, partials=((1.0, 1.0), (2.0, 0.1)))
        + tone(523.3, 0.7, 0.18, decay=5, partials=((1.0, 1.0), (2.0, 0.1))),
        0.95,
    ),
}


def main() -> None:
    here = Path(__file__).resolve().parent
    for name, (notes, length) in SOUNDS.items():
        write(here / name, render(notes, length))
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
