"""The desktop game's window, main loop and screen stack; ``run_desktop`` for the CLI.

The loop runs at up to 60 fps while something animates and otherwise sleeps in
``pygame.event.wait`` (nearly no CPU when idle). Tests drive :meth:`App.step` with a
fake ``dt`` instead of the real clock, so frames are deterministic.

Workshops: with a log folder (``--log-dir``, a ``--workshop`` preset, or the "Save anonymous
session logs" setting) every new game asks for a pseudonym, then writes a
:class:`~game.workshop.log.SessionLog` as play goes. The app is the one place that records:
screens take choices, undo and load saves through :meth:`App.choose`, :meth:`App.undo` and
:meth:`App.load_game`, which report each step to the log right after the engine made it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ..engine import Event, InputError, Session, Story, load_story_or_raise
from ..engine.claims import claims
from ..engine.reflection import Question, questions
from ..launch import PlayOptions, fresh_seed, load_for_play, play_sets, rules_path
from ..paths import assets_dir
from . import storage
from .inputs import Input, translate
from .memory import give_back
from .notes import UNDO_OFF  # noqa: F401 - tests and older callers read app.UNDO_OFF
from .screen import Screen
from .settings import Settings, load_settings, save_settings
from .sound import Sounds
from .text import Fonts, TextCache
from .theme import Theme
from .window import desktop_size, window_hints, window_size

IDLE_WAIT_MS = 500


@dataclass(frozen=True)
class Workshop:
    """What the command line or a workshop preset asks of every game: a log folder (logs are
    always written there), the session code shown on screen and written in the logs, undo
    locked, and whether to ask the reflection questions (None: when logging)."""

    log_dir: Path | None = None
    session_code: str | None = None
    undo_locked: bool = False
    reflect: bool | None = None


class Toast:
    """A short message at the bottom of the window ("Saved to slot 2")."""

    def __init__(self, text: str, seconds: float = 2.2):
        self.text = text
        self.left = seconds


class App:
    """The running game. ``size`` is the window size (default: fitted to the desktop, see
    :mod:`game.desktop.window`); ``settings`` default to the saved ones.
    ``seed`` fixes the seed of new games (the CLI's ``--seed``; tests)."""

    def __init__(
        self,
        story: Story,
        *,
        size: tuple[int, int] | None = None,
        settings: Settings | None = None,
        seed: int | None = None,
        windowed: bool = False,
        sound: bool = True,
        options: dict[str, Any] | None = None,
        log_dir: str | os.PathLike | None = None,
        session_code: str | None = None,
        undo_locked: bool = False,
        reflect: bool | None = None,
        scenarios: Mapping[str, Path] | None = None,
        sets: Mapping[str, Any] | None = None,
    ):
        self.story = story
        #: variables every new game starts with unless it is given its own (a workshop's cut)
        self.sets = dict(sets or {})
        #: the shipped scenarios the title screen offers (name -> folder, the opened story's first);
        #: empty when a story was named on the command line or by a workshop
        self.scenarios = dict(scenarios or {})
        self.scenario = next(iter(self.scenarios), None)
        self.seed = seed
        self.options = dict(options or {})
        self.settings = settings or load_settings()
        if windowed and self.settings.fullscreen:
            self.settings = Settings(**{**self.settings.__dict__, "fullscreen": False})
        self.windowed_size = size or window_size(desktop_size())
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
        self.workshop = Workshop(Path(log_dir) if log_dir else None, session_code, undo_locked, reflect)
        #: the log of the game being played (None when not logging)
        self.log = None
        self._asked_after = True
        #: this game's answers to the reflection questions, by phase ("before", "after"), for the debrief
        self.answers: dict[str, dict[str, int]] = {}
        #: this game's answers to the claims, by phase (for the debrief's claims card)
        self.claim_answers: dict[str, dict[str, str]] = {"before": {}, "after": {}}
        self.claims_asked = False  # this game's player was asked the claims (the debrief shows the card)
        self._log_warned = False
        #: the key whose release switches fullscreen (see dispatch), or None
        self._fullscreen_key: int | None = None

    # -- window ------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        return surface

    def _make_theme(self) -> Theme:
        self.cache.fit(self.surface.get_size())
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

    def fullscreen_on_release(self, key: int) -> None:
        """Switch fullscreen when ``key`` is let go (a key press asked for it; a click switches at
        once). Not on the press: reopening the window moves the keyboard focus, and SDL then
        reports the key still held as pressed again, so switching on presses flipped the window
        back and forth for as long as the key was down."""
        self._fullscreen_key = key

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
            give_back()  # the screen's text may have pushed others out of the cache: free their pages
        self.dirty = True

    def reset(self, screen: Screen) -> None:
        """Clear the stack and show ``screen``."""
        self.stack = []
        self.push(screen)

    def screen_named(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.stack) if s.name == name), None)

    def next_scenario(self) -> None:
        """Switch the title screen to the next shipped scenario, with its own saves, autosave and endings.
        ``scenarios`` lists them in order; the first is the story the app was opened with."""
        names = list(self.scenarios)
        if len(names) < 2:
            return
        name = names[(names.index(self.scenario) + 1) % len(names)]
        try:
            story = load_story_or_raise(self.scenarios[name])
        except InputError as exc:
            self.toast(f"Could not open {name}: {exc.diagnostics[0].message if exc.diagnostics else exc}")
            return
        self.story, self.scenario = story, name
        self.slots = storage.Slots(story)
        self.gallery = storage.Gallery(story)
        self.relayout()

    def toast(self, text: str) -> None:
        self.toasts = [Toast(text)]
        self.dirty = True

    # -- the game ----------------------------------------------------------------
    def new_seed(self) -> int:
        return fresh_seed(self.seed)

    def new_game(self, at: str | None = None, sets: dict | None = None) -> None:
        """Start a new game: ask for a pseudonym when logging, then the reflection questions
        when asked for, then play."""
        seed = self.new_seed()
        session = Session(
            self.story,
            seed,
            self.options,
            at=at,
            sets=self._sets_for(self.story) if sets is None else sets,
            undo_locked=self.workshop.undo_locked,
        )
        if self.log_dir is not None:
            from .pseudonym import PseudonymScreen

            self.push(PseudonymScreen(self, lambda name: self._begin(session, name)))
        else:
            self._begin(session, None)

    def _sets_for(self, story: Story) -> dict[str, Any]:
        """The variables a new game of ``story`` starts with: those of ``sets`` it declares (the title's
        Story switch may have chosen a story without a ``cut``)."""
        return {name: value for name, value in self.sets.items() if name in story.variables}

    def _begin(self, session: Session, pseudonym: str | None) -> None:
        """The game starts: create its log (``pseudonym`` given: logging), ask the questions and
        the claims before play, then show the first scene."""
        if pseudonym is not None:
            self._open_log(session, pseudonym)
        self._asked_after = False
        self.answers = {}
        self.claim_answers = {"before": {}, "after": {}}
        self.claims_asked = False
        self._ask("before", lambda: self.play(session), self.reset, lambda: None)

    def _ask(self, phase: str, then: Callable[[], None], show, leave: Callable[[], None]) -> None:
        """The reflection questions, then the claims, for ``phase`` (each shown by ``show`` and left
        by ``leave``, its answers recorded), then ``then()``."""
        items = self.reflection_questions()
        statements = claims(self.story) if self._asking() else ()

        def ask_claims() -> None:
            if not statements:
                then()
                return
            from .claims import ClaimsScreen

            def rated(answers: dict[str, str]) -> None:
                self._record("record_claims", phase, answers)
                self.claim_answers[phase] = answers
                self.claims_asked = True
                leave()
                then()

            show(ClaimsScreen(self, phase, statements, rated))

        if not items:
            ask_claims()
            return
        from .reflection import ReflectionScreen

        def done(answers: dict[str, int]) -> None:
            self.answers[phase] = dict(answers)
            self._record("record_reflection", phase, answers)
            leave()
            ask_claims()

        show(ReflectionScreen(self, phase, items, done))

    def play(self, session: Session) -> None:
        from .story import StoryScreen

        self.session = session
        self.reset(StoryScreen(self))

    def load_game(self, session: Session) -> None:
        """Play a loaded save (a slot or the autosave); logged as a load. (Saves keep no answers to
        the reflection questions nor the claims: a loaded game's debrief shows neither.)"""
        self.answers = {}
        self.claims_asked = False
        if self.workshop.undo_locked:
            session.undo_locked = True
        self.play(session)
        self._record("record_load", session)

    def choose(self, choice_id: str) -> tuple[Event, ...]:
        """Take a choice in the current game (raises ChoiceError); logged, with the ending."""
        events = self.session.choose(choice_id)
        self._record("record_choice", self.session, events)
        return events

    def undo(self) -> bool:
        """Undo the last choice (raises UndoLocked when the session forbids it); logged."""
        undone = self.session.undo()
        if undone:
            self._record("record_undo", self.session)
        return undone

    def after_ending(self, then: Callable[[], None]) -> None:
        """At an ending, before the debrief (or the title): the reflection questions and the claims
        again, once per game, then ``then()``."""
        if self._asked_after:
            then()
            return
        self._asked_after = True
        self._ask("after", then, self.push, self.pop)

    # -- workshop logs -----------------------------------------------------------
    @property
    def log_dir(self) -> Path | None:
        """Where new games write their logs: the workshop's folder, else the setting's, else None."""
        if self.workshop.log_dir is not None:
            return self.workshop.log_dir
        return self.settings.log_path if self.settings.session_logs else None

    @property
    def in_workshop(self) -> bool:
        """Started for a workshop (a log folder or a session code from the command line or a
        preset): the title offers only the session's game."""
        return self.workshop.log_dir is not None or bool(self.workshop.session_code)

    @property
    def session_code(self) -> str | None:
        """The code shown on screen and in the logs (today's date when logging without one)."""
        from ..workshop.log import default_session_code

        if self.workshop.session_code:
            return self.workshop.session_code
        return default_session_code() if self.workshop.log_dir is not None else None

    def reflection_questions(self) -> tuple[Question, ...]:
        return questions(self.story) if self._asking() else ()

    def _asking(self) -> bool:
        """Whether to ask the reflection questions and the claims (the preset or the command line
        says; by default, when logging)."""
        reflect = self.workshop.reflect
        return self.log_dir is not None if reflect is None else reflect

    def _open_log(self, session: Session, pseudonym: str) -> None:
        from ..workshop.log import (
            LogFolderError,
            SessionLog,
            clean_pseudonym,
            default_session_code,
            prepare_log_dir,
        )

        folder = self.log_dir
        try:
            if self.workshop.log_dir is None:
                # The player's own setting (by default inside the game's data folder).
                folder.mkdir(parents=True, exist_ok=True)
            else:
                prepare_log_dir(folder)  # checked before the window opened; made here only if gone since
            self.log = SessionLog.create(
                folder,
                session,
                pseudonym=clean_pseudonym(pseudonym) or "anonymous",
                session_code=self.session_code or default_session_code(),
            )
        except LogFolderError as exc:
            self.log = None
            self.toast(f"Could not create a session log: {exc}")
        except OSError as exc:
            self.log = None
            self.toast(f"Could not create a session log in {folder}: {exc.strerror or exc}")
        self._log_warned = False

    def _record(self, what: str, *args: Any) -> None:
        """Call ``self.log.<what>(*args)`` if a game is being logged; say once if writing failed."""
        if self.log is None:
            return
        getattr(self.log, what)(*args)
        if self.log.error and not self._log_warned:
            self._log_warned = True
            self.toast("The session log could not be written (disk full or removed?)")

    def close_log(self) -> None:
        if self.log is not None:
            self.log.close()
            self.log = None

    def autosave(self) -> None:
        """Save the current game to the autosave slot (quietly: a full disk must not stop play)."""
        if self.session is None:
            return
        try:
            frame = self.session.frame()
            self.slots.save(self.session, storage.AUTOSAVE, frame.title or frame.scene, self.thumbnail())
        except OSError:
            self.toast("Could not autosave (disk full or read-only?)")

    def thumbnail(self) -> pygame.Surface | None:
        """The story screen as it looks now, shrunk to a save's picture (None with no story
        screen). Drawn off screen, so a menu over the story is not in it."""
        story = self.screen_named("story")
        if story is None:
            return None
        canvas = pygame.Surface(self.surface.get_size())
        story.draw(canvas)
        return pygame.transform.smoothscale(canvas, storage.THUMB_SIZE)

    def record_ending(self) -> None:
        if self.session is not None and self.session.state.ending:
            self.gallery.add(self.session.state.ending)

    def to_title(self) -> None:
        from .title import TitleScreen

        self.autosave()
        self.session = None
        self.reset(TitleScreen(self))

    def close_window(self) -> None:
        """The window's close button (or the system asking the game to quit). A workshop game left
        before its ending, after at least one choice, first asks the questions after play, as the
        menu's Quit does: closing the window is how many players leave. Closing it again while
        they show quits at once (the questions were asked)."""
        session = self.session
        left_mid_game = session is not None and not session.ended and session.moves > 0
        if left_mid_game and not self._asked_after and self._asking():
            self.after_ending(self.quit)
        else:
            self.quit()

    def quit(self) -> None:
        self.autosave()
        self.close_log()
        self.running = False

    # -- the loop ----------------------------------------------------------------
    @property
    def animating(self) -> bool:
        return bool(self.toasts) or any(s.animating for s in self.stack)

    def dispatch(self, inp: Input) -> None:
        self.dirty = True
        if inp.action == "quit":
            self.close_window()
        elif inp.action == "fullscreen":
            if inp.key:
                self.fullscreen_on_release(inp.key)
            else:
                self.set_fullscreen(not self.settings.fullscreen)
        elif inp.action == "release":
            if inp.key and inp.key == self._fullscreen_key:
                self._fullscreen_key = None
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
    """Start the pygame modules the game uses (not ``pygame.init``: no joystick or camera), with
    the window hints of :func:`~game.desktop.window.window_hints`."""
    window_hints()
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("Social Score")
    icon = assets_dir() / "icons" / "icon.png"
    if icon.exists():
        with contextlib.suppress(pygame.error):  # a broken icon file must not stop the game
            pygame.display.set_icon(pygame.image.load(str(icon)))


def _offered_scenarios(options: PlayOptions) -> dict[str, Path]:
    """The shipped scenarios the title screen may switch between: all of them, the default first, unless
    the story, its rules or a workshop were chosen for the player (then only that story is played)."""
    from ..paths import scenarios

    chosen = options.story or options.rules or options.preset is not None or options.hot_reload
    offered = {} if chosen else scenarios()
    return offered if len(offered) > 1 else {}


def run_desktop(options: PlayOptions) -> int:
    """``socialscore play``: open the window and play as ``options`` say. A workshop preset is read
    first (prepare_desktop); the rules file replaces the story's (load_for_play) and the transparency
    mode goes into every new session's options (saves keep them). Returns the exit code (0 normal)."""
    from ..workshop.preset import prepare_desktop
    from .title import TitleScreen

    if options.workshop and options.preset is None:
        options = prepare_desktop(options)  # the CLI already did it when it called us; others may not have
    story = load_for_play(options.story, options.rules)
    sets = play_sets(story, options.sets, options.cut)
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
    app = None
    try:
        transparency = options.transparency
        if options.preset is not None:
            reflect = options.reflect  # the preset says (default: ask)
        else:
            reflect = True if options.reflect else None  # None: when logging
        app = App(
            story,
            seed=options.seed,
            windowed=options.windowed,
            options={"transparency": transparency} if transparency else None,
            log_dir=options.log_dir,
            session_code=options.session_code,
            undo_locked=options.undo_locked,
            reflect=reflect,
            scenarios=_offered_scenarios(options),
            sets=sets,
        )
        if options.hot_reload:
            from ..paths import story_path
            from .hotreload import HotReload

            app.hot_reload = HotReload(app, story_path(options.story), rules_path(options.rules))
        if options.at or options.sets:  # asked for a game from a given place: straight into it
            app.new_game(at=options.at)
        else:
            app.reset(TitleScreen(app))
        return app.run()
    finally:
        if app is not None:
            app.close_log()
        pygame.quit()
