"""The desktop game's window, main loop and screen stack; ``run_desktop`` for the CLI.

The loop runs at up to 60 fps while something animates and otherwise sleeps in
``pygame.event.wait`` (nearly no CPU when idle). Tests drive :meth:`App.step` with a
fake ``dt`` instead of the real clock, so frames are deterministic.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from typing import Any

import pygame

from ..engine import Session, Story
from ..paths import assets_dir
from . import storage
from .inputs import Input, translate
from .screen import Screen
from .settings import Settings, load_settings, save_settings
from .sound import Sounds
from .text import Fonts, TextCache
from .theme import Theme

DEFAULT_SIZE = (1280, 720)
IDLE_WAIT_MS = 500


class Toast:
    """A short message at the bottom of the window ("Saved to slot 2")."""

    def __init__(self, text: str, seconds: float = 2.2):
        self.text = text
        self.left = seconds


class App:
    """The running game. ``size`` is the window size; ``settings`` default to the saved ones.
    ``seed`` fixes the seed of new games (the CLI's ``--seed``; tests)."""

    def __init__(
        self,
        story: Story,
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        settings: Settings | None = None,
        seed: int | None = None,
        windowed: bool = False,
        sound: bool = True,
        options: dict[str, Any] | None = None,
    ):
        self.story = story
        self.seed = seed
        self.options = dict(options or {})
        self.settings = settings or load_settings()
        if windowed and self.settings.fullscreen:
            self.settings = Settings(**{**self.settings.__dict__, "fullscreen": False})
        self.windowed_size = size
        self.surface = self._open_window()
        self.fonts = Fonts()
        self.cache = TextCache(self.fonts)
        self.sounds = Sounds(self.settings.volume, enabled=sound)
        self.slots = storage.Slots(story)
        self.gallery = storage.Gallery(story)
        self.session: Session | None = None
        self.stack: list[Screen] = []
        self.toasts: list[Toast] = []
        self.running = True
        self.dirty = True
        self.frames_drawn = 0
        self.theme = self._make_theme()
        #: a HotReload when the developer option is on (see hotreload.py)
        self.hot_reload = None

    # -- window ------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        return surface

    def _make_theme(self) -> Theme:
        return Theme.make(self.surface.get_size(), self.settings.text_scale, self.settings.high_contrast)

    def relayout(self) -> None:
        """The window or text settings changed: new theme, every screen lays out again."""
        self.surface = pygame.display.get_surface() or self.surface
        self.theme = self._make_theme()
        for screen in self.stack:
            screen.layout()
        self.dirty = True

    def set_fullscreen(self, on: bool) -> None:
        if on == self.settings.fullscreen:
            return
        if on:
            self.windowed_size = self.surface.get_size()
        self.apply_settings(Settings(**{**self.settings.__dict__, "fullscreen": on}))

    def apply_settings(self, new: Settings) -> None:
        """Use and save new settings (reopening the window if fullscreen changed)."""
        old, self.settings = self.settings, new
        save_settings(new)
        if old.fullscreen != new.fullscreen:
            self.surface = self._open_window()
        self.sounds.set_volume(new.volume)
        self.relayout()

    # -- screens -----------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        screen.layout()
        self.dirty = True

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
        self.dirty = True

    def reset(self, screen: Screen) -> None:
        """Clear the stack and show ``screen``."""
        self.stack = []
        self.push(screen)

    def screen_named(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.stack) if s.name == name), None)

    def toast(self, text: str) -> None:
        self.toasts = [Toast(text)]
        self.dirty = True

    # -- the game ----------------------------------------------------------------
    def new_seed(self) -> int:
        return self.seed if self.seed is not None else random.SystemRandom().randrange(2**31)

    def new_game(self, at: str | None = None, sets: dict | None = None) -> None:
        seed = self.new_seed()
        self.play(Session(self.story, seed, {"seed": seed, **self.options}, at=at, sets=sets))

    def play(self, session: Session) -> None:
        from .story import StoryScreen

        self.session = session
        self.reset(StoryScreen(self))

    def autosave(self) -> None:
        """Save the current game to the autosave slot (quietly: a full disk must not stop play)."""
        if self.session is None:
            return
        try:
            frame = self.session.frame()
            self.slots.save(self.session, storage.AUTOSAVE, frame.title or frame.scene)
        except OSError:
            self.toast("Could not autosave (disk full or read-only?)")

    def record_ending(self) -> None:
        if self.session is not None and self.session.state.ending:
            self.gallery.add(self.session.state.ending)

    def to_title(self) -> None:
        from .title import TitleScreen

        self.autosave()
        self.session = None
        self.reset(TitleScreen(self))

    def quit(self) -> None:
        self.autosave()
        self.running = False

    # -- the loop ----------------------------------------------------------------
    @property
    def animating(self) -> bool:
        return bool(self.toasts) or any(s.animating for s in self.stack)

    def dispatch(self, inp: Input) -> None:
        self.dirty = True
        if inp.action == "quit":
            self.quit()
        elif inp.action == "fullscreen":
            self.set_fullscreen(not self.settings.fullscreen)
        elif inp.action == "resize":
            self.relayout()
        elif inp.action == "expose":
            pass
        elif self.top is not None:
            self.top.handle(inp)

    def step(self, dt: float, events: list[pygame.event.Event] | None = None) -> None:
        """One frame: handle ``events`` (default: the pending pygame events), advance
        animations by ``dt`` seconds, and draw if anything changed."""
        if events is None:
            events = pygame.event.get()
        for event in events:
            inp = translate(event)
            if inp is not None:
                self.dispatch(inp)
            if not self.running:
                return
        if self.hot_reload is not None:
            self.hot_reload.poll()
        dt = max(0.0, min(dt, 0.1))
        moving = self.animating
        for screen in list(self.stack):
            screen.update(dt)
        for toast in self.toasts:
            toast.left -= dt
        self.toasts = [t for t in self.toasts if t.left > 0]
        if moving or self.dirty:
            self.draw()
            pygame.display.flip()
            self.dirty = False

    def draw(self, surface: pygame.Surface | None = None) -> None:
        """Paint the topmost opaque screen, the top overlay above it (if any) and toasts."""
        surface = surface or self.surface
        first = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                first = i
                break
        # the base page and the top overlay only: a settings card over the pause card over
        # the story would stack dimmings and look muddled
        visible = self.stack[first:]
        for screen in visible[:1] + visible[1:][-1:]:
            screen.draw(surface)
        if self.toasts:
            self._draw_toast(surface, self.toasts[-1])
        self.frames_drawn += 1

    def _draw_toast(self, surface: pygame.Surface, toast: Toast) -> None:
        t, p = self.theme, self.theme.palette
        text = self.cache.line(toast.text, "sans_semi", t.ui, p.accent_ink)
        pad = t.px(14)
        rect = pygame.Rect(0, 0, text.get_width() + pad * 2, text.get_height() + pad)
        rect.midbottom = (surface.get_width() // 2, surface.get_height() - t.px(24))
        pygame.draw.rect(surface, p.accent, rect, border_radius=rect.h // 2)
        surface.blit(text, text.get_rect(center=rect.center))

    def run(self) -> int:
        """The main loop, until the window closes. Returns the exit code."""
        clock = pygame.time.Clock()
        while self.running:
            if self.animating or self.dirty:
                dt = clock.tick(60) / 1000
                self.step(dt)
            else:
                event = pygame.event.wait(IDLE_WAIT_MS)
                events = [] if event.type == pygame.NOEVENT else [event, *pygame.event.get()]
                self.step(clock.tick() / 1000, events)
        return 0


#: SDL video drivers that show nothing: fine when asked for (tests), a mistake otherwise.
HEADLESS_DRIVERS = ("offscreen", "dummy")


def init_pygame() -> None:
    """Start the pygame modules the game uses (not ``pygame.init``: no joystick or camera)."""
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("Social Score")
    icon = assets_dir() / "icons" / "icon.png"
    if icon.exists():
        with contextlib.suppress(pygame.error):  # a broken icon file must not stop the game
            pygame.display.set_icon(pygame.image.load(str(icon)))


def run_desktop(args) -> int:
    """``socialscore play``: open the window and play. ``args`` has ``story``, ``rules``,
    ``transparency``, ``seed``, ``at``, ``sets`` and ``windowed`` (see game.cli); the rules
    file replaces the story's (load_for_play) and the transparency mode goes into every new
    session's options (saves keep them). Returns the exit code (0 normal)."""
    from ..cli import load_for_play, parse_sets
    from .title import TitleScreen

    story = load_for_play(args)
    sets = parse_sets(story, getattr(args, "sets", None) or [])
    os.environ.setdefault("SDL_VIDEO_ALLOW_SCREENSAVER", "1")
    asked = os.environ.get("SDL_VIDEODRIVER")
    try:
        init_pygame()
    except pygame.error as exc:
        print(
            f"socialscore play: cannot open a window ({exc}); play in the terminal with: socialscore text",
            file=sys.stderr,
        )
        return 2
    if pygame.display.get_driver() in HEADLESS_DRIVERS and not asked:
        pygame.quit()
        print(
            "socialscore play: no display was found, so the window would be invisible; "
            "play in the terminal with: socialscore text",
            file=sys.stderr,
        )
        return 2
    try:
        transparency = getattr(args, "transparency", None)
        app = App(
            story,
            seed=getattr(args, "seed", None),
            windowed=bool(getattr(args, "windowed", False)),
            options={"transparency": transparency} if transparency else None,
        )
        if getattr(args, "hot_reload", False):
            from ..cli import rules_path
            from ..paths import story_dir
            from .hotreload import HotReload

            app.hot_reload = HotReload(
                app, args.story or story_dir(), rules_path(getattr(args, "rules", None))
            )
        if getattr(args, "at", None) or sets:
            app.new_game(at=args.at, sets=sets)
        else:
            app.reset(TitleScreen(app))
        return app.run()
    finally:
        pygame.quit()
