"""Sound effects: a few short WAVs from assets/sounds, played at the settings' volume.

Audio is optional: with no sound device (or a missing file) every call does nothing,
so the game never fails for want of speakers.
"""

from __future__ import annotations

import pygame

from ..paths import assets_dir

NAMES = ("notify", "click", "tier_up", "tier_down")


class Sounds:
    def __init__(self, volume: int = 70, enabled: bool = True):
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.volume = volume
        self.played: list[str] = []  # names played, newest last (tests read it)
        if not enabled:
            return
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
            for name in NAMES:
                self._sounds[name] = pygame.mixer.Sound(str(assets_dir() / "sounds" / f"{name}.wav"))
        except (pygame.error, FileNotFoundError, OSError):
            self._sounds = {}
        self.set_volume(volume)

    def set_volume(self, volume: int) -> None:
        self.volume = volume
        for sound in self._sounds.values():
            sound.set_volume(max(0.0, min(1.0, volume / 100)))

    def play(self, name: str) -> None:
        self.played.append(name)
        del self.played[:-20]
        sound = self._sounds.get(name)
        if sound is not None and self.volume > 0:
            sound.play()
