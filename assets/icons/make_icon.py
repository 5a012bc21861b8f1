"""Draw the window icon (``icon.png``, 256×256, CC0): an orange app tile with a white
score dial. Run ``python assets/icons/make_icon.py`` (needs pygame-ce; no window opens)."""

from __future__ import annotations

import math
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

SIZE = 256
ORANGE = (255, 106, 0)
WHITE = (255, 255, 255)


def arc(surf, colour, center, radius, width, start, end):
    """A thick arc (0° = up, clockwise) as a polygon with round caps."""
    cx, cy = center
    pts_out, pts_in = [], []
    for i in range(61):
        a = math.radians(start + (end - start) * i / 60)
        pts_out.append((cx + math.sin(a) * radius, cy - math.cos(a) * radius))
        pts_in.append((cx + math.sin(a) * (radius - width), cy - math.cos(a) * (radius - width)))
    pygame.draw.polygon(surf, colour, pts_out + pts_in[::-1])
    for a in (start, end):
        r = math.radians(a)
        mid = radius - width / 2
        pygame.draw.circle(surf, colour, (cx + math.sin(r) * mid, cy - math.cos(r) * mid), width / 2)


def main() -> None:
    pygame.display.init()
    big = pygame.Surface((SIZE * 4, SIZE * 4), pygame.SRCALPHA)  # drawn 4× and scaled down: smooth edges
    pygame.draw.rect(big, ORANGE, big.get_rect(), border_radius=SIZE)
    center = (SIZE * 2, SIZE * 2 + 60)
    arc(big, (255, 178, 120), center, 300, 64, -120, 120)
    arc(big, WHITE, center, 300, 64, -120, 50)
    pygame.draw.circle(big, WHITE, center, 44)
    icon = pygame.transform.smoothscale(big, (SIZE, SIZE))
    out = Path(__file__).resolve().parent / "icon.png"
    pygame.image.save(icon, str(out))
    print(f"wrote {out.name}")


if __name__ == "__main__":
    main()
