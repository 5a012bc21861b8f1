"""Colours, type sizes and spacing, scaled with the window and the text-size setting.

The look: a calm ink-blue night for the story, warm paper-white text; the score app is a
bright white phone with a cheerful (slightly menacing) orange. High contrast swaps in
pure black/white with a yellow accent. Everything is sized from ``scale``: 1.0 at
1280×720, so layouts keep their proportions from 1024×600 up to 4K.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    bg: Colour
    bg2: Colour
    ink: Colour
    muted: Colour
    faint: Colour
    accent: Colour
    accent_ink: Colour
    card: Colour
    card_hover: Colour
    card_line: Colour
    disabled: Colour
    badge: Colour  # a choice's number key, at rest
    badge_ink: Colour
    # the phone app
    bezel: Colour
    app_bg: Colour
    app_card: Colour
    app_ink: Colour
    app_muted: Colour
    app_line: Colour
    app_chip: Colour  # a neutral pill's ground (the era chip, NOT ACTIVE): dark ink reads on it
    app_accent: Colour
    app_accent_soft: Colour
    good: Colour
    bad: Colour
    overlay: tuple[int, int, int, int]


CALM = Palette(
    bg=(22, 25, 32),
    bg2=(28, 32, 41),
    ink=(236, 230, 218),
    muted=(160, 156, 148),
    faint=(96, 100, 110),
    accent=(255, 138, 51),
    accent_ink=(24, 20, 16),
    card=(33, 37, 47),
    card_hover=(42, 47, 59),
    card_line=(52, 58, 72),
    disabled=(110, 112, 118),
    badge=(52, 58, 72),
    badge_ink=(236, 230, 218),
    bezel=(10, 11, 14),
    app_bg=(250, 248, 245),
    app_card=(255, 255, 255),
    app_ink=(31, 30, 34),
    app_muted=(120, 116, 112),
    app_line=(234, 229, 222),
    app_chip=(234, 229, 222),
    app_accent=(255, 106, 0),
    app_accent_soft=(255, 232, 214),
    good=(30, 150, 90),
    bad=(214, 58, 44),
    overlay=(10, 12, 16, 200),
)

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0),
    bg2=(0, 0, 0),
    ink=(255, 255, 255),
    muted=(225, 225, 225),
    faint=(200, 200, 200),
    accent=(255, 214, 0),
    accent_ink=(0, 0, 0),
    card=(0, 0, 0),
    card_hover=(40, 40, 40),
    card_line=(255, 255, 255),
    disabled=(170, 170, 170),
    badge=(255, 255, 255),
    badge_ink=(0, 0, 0),
    bezel=(255, 255, 255),
    app_bg=(255, 255, 255),
    app_card=(255, 255, 255),
    app_ink=(0, 0, 0),
    app_muted=(40, 40, 40),
    app_line=(0, 0, 0),
    app_chip=(220, 220, 220),
    app_accent=(170, 60, 0),
    app_accent_soft=(255, 226, 200),
    good=(0, 110, 40),
    bad=(190, 0, 0),
    overlay=(0, 0, 0, 230),
)

BASE_W, BASE_H = 1280, 720
#: points added to every text size in the phone (see Theme.app_px)
APP_TEXT_LIFT = 2


@dataclass(frozen=True)
class Theme:
    """The palette plus sizes for one window size and text size."""

    palette: Palette
    scale: float
    text_scale: float

    @classmethod
    def make(cls, size: tuple[int, int], text_scale: float = 1.0, high_contrast: bool = False) -> Theme:
        w, h = size
        scale = max(0.5, min(w / BASE_W, h / BASE_H))
        return cls(HIGH_CONTRAST if high_contrast else CALM, scale, text_scale)

    def px(self, value: float) -> int:
        """A length in pixels (layout, not text)."""
        return max(1, round(value * self.scale))

    def font_px(self, value: float) -> int:
        """A text size in pixels: scales with the window and the text-size setting."""
        return max(9, round(value * self.scale * self.text_scale))

    def app_px(self, value: float) -> int:
        """A text size in the score app's phone: ``value`` as in :meth:`font_px`, lifted by
        :data:`APP_TEXT_LIFT`, so its smallest labels read at about 13 px at 1280×720 (they were
        11 px: too small for a screen at arm's length)."""
        return self.font_px(value + APP_TEXT_LIFT)

    # the type scale, in pixels at 1280×720 and medium text
    @property
    def body(self) -> int:
        return self.font_px(21)

    @property
    def small(self) -> int:
        return self.font_px(15)

    @property
    def label(self) -> int:
        return self.font_px(13)

    @property
    def ui(self) -> int:
        return self.font_px(18)

    @property
    def title(self) -> int:
        return self.font_px(34)

    @property
    def huge(self) -> int:
        return self.font_px(64)
