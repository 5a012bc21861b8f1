"""The player's settings: text size and speed, fullscreen, contrast, motion, volume, and
whether to save anonymous session logs (``session_logs``; into ``log_folder``, empty meaning
``<data folder>/logs``) when no workshop folder is given on the command line.

Kept as JSON in the config folder, written atomically on every change. Unknown or
bad values in the file fall back to the defaults one by one, so an old or hand-edited
file never stops the game from starting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..engine.files import loads_json, read_regular
from ..engine.saves import atomic_write_text
from .storage import MAX_DATA_BYTES, config_dir, data_dir

TEXT_SIZES = {"small": 0.88, "medium": 1.0, "large": 1.15, "huge": 1.32}
#: seconds the typewriter takes to show a whole scene; 0 shows text at once. A speed per scene,
#: not per character, so a long opening scene does not keep the player waiting ("normal" ≈ 3 s)
TEXT_SPEEDS = {"slow": 6.0, "normal": 3.0, "fast": 1.5, "instant": 0}
#: the typewriter never goes slower than this (characters per second), so a short scene does not crawl
MIN_CHARS_PER_SECOND = 60
VOLUMES = tuple(range(0, 101, 10))


@dataclass(frozen=True)
class Settings:
    text_size: str = "medium"
    text_speed: str = "normal"
    fullscreen: bool = False
    high_contrast: bool = False
    reduced_motion: bool = False
    volume: int = 70
    session_logs: bool = False
    log_folder: str = ""

    @property
    def log_path(self) -> Path:
        """Where session logs go when ``session_logs`` is on."""
        return Path(self.log_folder).expanduser() if self.log_folder.strip() else data_dir() / "logs"

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES.get(self.text_size, 1.0)

    @property
    def scene_seconds(self) -> float:
        """How long the typewriter takes for a scene (0: instant)."""
        return TEXT_SPEEDS.get(self.text_speed, TEXT_SPEEDS["normal"])

    def chars_per_second(self, scene_chars: int) -> float:
        """The typewriter's speed for a scene of ``scene_chars`` characters (0: instant)."""
        seconds = self.scene_seconds
        if not seconds:
            return 0.0
        return max(float(MIN_CHARS_PER_SECOND), scene_chars / seconds)

    def cycle(self, name: str, step: int = 1) -> Settings:
        """The settings with ``name`` moved to its next (or previous) value."""
        value = getattr(self, name)
        if isinstance(value, bool):
            return replace(self, **{name: not value})
        options = {"text_size": list(TEXT_SIZES), "text_speed": list(TEXT_SPEEDS), "volume": list(VOLUMES)}[
            name
        ]
        i = options.index(value) if value in options else 0
        i = max(0, min(len(options) - 1, i + step)) if name == "volume" else (i + step) % len(options)
        return replace(self, **{name: options[i]})


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing or broken file (or field) gives the defaults."""
    path = path or settings_path()
    try:
        data = loads_json(read_regular(path, MAX_DATA_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    default = Settings()
    good = {}
    for f in fields(Settings):
        value = data.get(f.name)
        ok = {
            "text_size": value in TEXT_SIZES,
            "text_speed": value in TEXT_SPEEDS,
            "volume": isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100,
            "log_folder": isinstance(value, str),
        }.get(f.name, isinstance(value, bool))
        good[f.name] = value if ok else getattr(default, f.name)
    return Settings(**good)


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings atomically; returns False (and keeps playing) if the disk refuses."""
    try:
        atomic_write_text(
            path or settings_path(), json.dumps(asdict(settings), indent=1, sort_keys=True) + "\n"
        )
    except OSError:
        return False
    return True
