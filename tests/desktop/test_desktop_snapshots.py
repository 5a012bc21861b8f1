"""Every screen at 1280×720 matches its stored snapshot (within a small tolerance), and
no text leaves its panel at small, normal and large window sizes."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from screens import SCREENS, build, uses_sample

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
#: mean absolute difference per channel (0-255) allowed: font hinting or SDL blending may
#: differ by a hair between platforms, while a moved or missing element costs far more
TOLERANCE = 1.5


def mean_abs_diff(a: pygame.Surface, b: pygame.Surface) -> float:
    if a.get_size() != b.get_size():
        return 255.0
    ba, bb = pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB")
    step = 7  # a sample of the bytes is plenty and keeps this fast in pure Python
    total = sum(abs(x - y) for x, y in zip(ba[::step], bb[::step], strict=True))
    return total / len(ba[::step])


@pytest.mark.parametrize("which", SCREENS)
def test_snapshot(make_app, sample_story, which, update_snapshots):
    app = make_app(story=sample_story if uses_sample(which) else None)
    build(app, which)
    path = SNAPSHOTS / f"{which}.png"
    if update_snapshots:
        SNAPSHOTS.mkdir(exist_ok=True)
        pygame.image.save(app.surface, str(path))
        pytest.skip(f"wrote {path.name}")
    assert path.exists(), f"no stored snapshot {path.name}: run pytest with --update-snapshots"
    stored = pygame.image.load(str(path))
    diff = mean_abs_diff(app.surface, stored)
    if diff > TOLERANCE:
        out = Path(__file__).resolve().parents[1] / "_out"
        out.mkdir(exist_ok=True)
        pygame.image.save(app.surface, str(out / f"{which}.actual.png"))
    assert diff <= TOLERANCE, f"{which}: differs from the snapshot by {diff:.2f} (see tests/_out/)"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (2560, 1440)])
@pytest.mark.parametrize("which", SCREENS)
def test_text_stays_inside_its_panel(make_app, sample_story, which, size):
    app = make_app(size=size, story=sample_story if uses_sample(which) else None)
    screen = build(app, which)
    boxes = screen.text_boxes()
    assert boxes, f"{which} reported no text boxes"
    w, h = size
    for panel, box, what in boxes:
        assert panel.contains(box), f"{which} at {w}×{h}: {what!r} {box} leaves its panel {panel}"


@pytest.mark.parametrize(
    "which",
    ["story", "score_notice", "score_friends", "score_activity", "menu", "settings", "debrief", "title"]
    + [f"debrief_{page}" for page in ("feel", "happened", "mechanism", "real", "question")]
    + ["pseudonym", "reflection", "reflection_after", "title_workshop", "story_workshop"],
)
def test_huge_text_in_a_small_window_fits(make_app, sample_story, which):
    app = make_app(size=(1024, 600), text_size="huge", story=sample_story if uses_sample(which) else None)
    screen = build(app, which)
    for panel, box, what in screen.text_boxes():
        assert panel.contains(box), f"{which}: {what!r} {box} leaves {panel}"
