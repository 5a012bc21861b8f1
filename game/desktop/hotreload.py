"""Hot reload, a developer option (``socialscore play --hot-reload``): when a story file changes,
reload it and carry on in the same place.

The game keeps the current scene and variables while they are still valid: the session is
rebuilt from its save data (the path is replayed on the new story; if it no longer replays,
the saved state is used as long as its scene and variables still exist). A story that no
longer loads shows its lint errors on screen until it is fixed; nothing stops.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pygame

from ..engine import InputError, Session, load_story
from ..engine.loader import story_files
from .inputs import Input
from .screen import Screen
from .widgets import dim, rrect

POLL_SECONDS = 0.5


class StoryWatcher:
    """Notices changes to a story's files (and its rules file) by polling their mtimes."""

    def __init__(self, path: str | os.PathLike, rules: str | os.PathLike | None = None):
        self.path = Path(path)
        self.rules = Path(rules) if rules else None
        self.seen = self._stamp()
        self.last_poll = time.monotonic()

    def _stamp(self) -> tuple:
        files, _ = story_files(self.path)
        if self.rules is not None:
            files.append(self.rules)
        out = []
        for f in files:
            try:
                st = f.stat()
                out.append((str(f), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(f), 0, 0))
        return tuple(out)

    def changed(self, now: float | None = None) -> bool:
        """True once after the files changed (polled at most every POLL_SECONDS)."""
        now = time.monotonic() if now is None else now
        if now - self.last_poll < POLL_SECONDS:
            return False
        self.last_poll = now
        stamp = self._stamp()
        if stamp != self.seen:
            self.seen = stamp
            return True
        return False


class HotReload:
    """Reloads ``app``'s story when its files change (see the module doc)."""

    def __init__(self, app, path: str | os.PathLike, rules: str | os.PathLike | None = None):
        self.app = app
        self.path = path
        self.rules = rules
        self.watcher = StoryWatcher(path, rules)

    def poll(self, now: float | None = None) -> None:
        if self.watcher.changed(now):
            self.reload()

    def reload(self) -> None:
        app = self.app
        story, diagnostics = load_story(self.path, self.rules)
        errors = [d for d in diagnostics if d.is_error]
        if story is None:
            if app.screen_named("reload_errors") is None:
                app.push(ReloadErrors(app, [str(d) for d in errors or diagnostics]))
            else:
                app.screen_named("reload_errors").lines = [str(d) for d in errors or diagnostics]
                app.screen_named("reload_errors").layout()
            app.dirty = True
            return
        while app.top is not None and app.top.name == "reload_errors":
            app.pop()
        app.story = story
        if app.session is None:
            app.toast("Story reloaded")
            return
        data = app.session.save_data()
        try:
            session = Session.from_save_data(story, data, "<hot reload>")
        except InputError as exc:
            app.toast(f"Reloaded; could not keep your place ({exc.diagnostics[0].message}): restarted")
            app.new_game()
            return
        app.play(session)
        app.toast("Story reloaded")


class ReloadErrors(Screen):
    """The story's lint errors over the game, until the files are fixed (Esc hides it)."""

    name = "reload_errors"
    opaque = False

    def __init__(self, app, lines: list[str]):
        super().__init__(app)
        self.lines = lines
        self.card = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        self.card = pygame.Rect(t.px(40), t.px(40), w - t.px(80), h - t.px(80))

    def handle(self, inp: Input) -> None:
        if inp.action in ("back", "confirm"):
            self.app.pop()

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        dim(surf, (0, 0, 0, 150))
        rrect(surf, p.card, self.card, t.px(16))
        x, y = self.card.x + t.px(28), self.card.y + t.px(24)
        width = self.card.w - t.px(56)
        head = self.cache.line(
            "The story has errors: fix them and save; the game reloads by itself.", "sans_semi", t.ui, p.ink
        )
        surf.blit(head, (x, y))
        y += head.get_height() + t.px(16)
        for line in self.lines[:40]:
            block = self.cache.block(line, "sans", round(t.ui * 0.9), p.muted, width, 1.35)
            if y + block.height > self.card.bottom - t.px(20):
                break
            block.draw(surf, x, y)
            y += block.height + t.px(6)
