"""The step API: ``start``, ``frame``, ``choose``.

Front ends only render frames and send back choice ids; tools replay paths of choice
ids. Every function here is pure: it reads the story and a state and returns new
values. The same story, seed and choices give the same states, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from .events import Cause, Event
from .extension import EXTENSIONS, GATES, ON_CHOICE, ON_ENTER, ON_TURN
from .kinds import EventKind, Status
from .model import EMPTY, Choice, Next, Scene, Story
from .state import EMPTY_MAP, State, frozen, mix, persistent
from .vartypes import SET, type_of


class ChoiceError(ValueError):
    """Raised by :func:`choose` for a choice id that is not available in the frame."""


class StartError(ValueError):
    """Raised by :func:`start` for a start scene or variable setting that does not fit the story."""


class ChoiceView(Struct, frozen=True):
    """A choice as a front end shows it. ``reason`` says why a disabled choice is disabled."""

    id: str
    uid: str
    text: str
    enabled: bool
    reason: str | None = None
    key: bool = False
    tags: tuple[str, ...] = ()
    synthetic: bool = False


class Frame(Struct, frozen=True):
    """What to show for a state.

    ``status`` is ``choosing`` (pick one of ``choices``), ``ended`` (an ending was
    reached; ``ending`` is its id) or ``stuck`` (a scene with no way on: a story bug
    the linter warns about, shown rather than crashing).
    """

    scene: str
    title: str
    after: str
    paragraphs: tuple[str, ...]
    choices: tuple[ChoiceView, ...]
    status: Status
    ending: str | None
    chapter: str | None
    tags: tuple[str, ...]
    turn: int


#: Where a step's random draws come from instead of the seeded generator: called with (lo, hi),
#: lo <= hi, it returns a whole number from lo to hi. Tools that enumerate every outcome of a
#: draw (explore) pass one to :func:`start` and :func:`choose`; play never does.
Draw = Callable[[int, int], int]


class Context:
    """What compiled expressions read (variables, built-ins) and draw from (the generator, or
    ``draw`` when given: see :data:`Draw`)."""

    __slots__ = ("vars", "state", "builtins", "seed", "draws", "draw")

    def __init__(
        self,
        story: Story,
        state: State,
        variables: Mapping[str, Any] | None = None,
        draw: Draw | None = None,
    ):
        self.vars = state.vars if variables is None else variables
        self.state = state
        self.builtins = story.builtins
        self.seed = state.seed
        self.draws = state.draws
        self.draw = draw

    def get(self, name: str) -> Any:
        try:
            return self.vars[name]
        except KeyError:
            return self.builtins[name].get(self.state)

    def randint(self, lo: int, hi: int) -> int:
        if lo > hi:
            lo, hi = hi, lo
        if self.draw is not None:
            self.draws += 1
            return self.draw(lo, hi)
        value = mix(self.seed, self.draws)
        self.draws += 1
        return lo + value % (hi - lo + 1)


class Step:
    """The working copy one ``choose`` (or ``start``) builds up; extensions change it too.

    ``state`` is kept current (rebuilt after each change of variables or counters), so
    expressions evaluated during the step see the changes made so far.
    """

    def __init__(self, story: Story, state: State, cause: Cause, turn: int, draw: Draw | None = None):
        self.story = story
        #: a persistent map: each change makes a new one sharing the rest (no copy per step)
        self.vars = persistent(state.vars)
        self.ext: dict[str, Any] = dict(state.ext)
        self.events: list[Event] = []
        self.cause = cause
        self.turn = turn
        self.ctx = Context(story, state, self.vars, draw)
        self.state = state
        self._dirty = False

    def emit(self, kind: EventKind, data: dict[str, Any] | None = None, cause: Cause | None = None) -> Event:
        """Record an event of this step; ``data`` is a new dict, which the event keeps (read-only)."""
        event = Event(kind, cause or self.cause, self.turn, MappingProxyType(data) if data else EMPTY)
        self.events.append(event)
        return event

    def sync(self, **changes: Any) -> State:
        """Make ``state`` reflect the working copy (and ``changes``), for expressions and hooks."""
        if self._dirty:
            changes["vars"] = self.vars
            self._dirty = False
        if self.ext != self.state.ext:
            changes["ext"] = MappingProxyType(dict(self.ext))
        if self.ctx.draws != self.state.draws:
            changes["draws"] = self.ctx.draws
        if changes:
            self.state = replace(self.state, **changes)
        self.ctx.state = self.state
        return self.state

    def run_effects(self, effects, cause: Cause) -> None:
        variables = self.story.variables
        for effect in effects:
            self.ctx.state = self.state
            new = effect.evaluate(self.ctx)
            name = effect.target
            var = variables[name]
            clamped = var.clamp(new)
            old = self.vars[name]
            if clamped != old:
                self.vars = self.ctx.vars = self.vars.set(name, clamped)
                self._dirty = True
                self.emit(
                    EventKind.VARIABLE,
                    {"name": name, "old": old, "new": clamped, "clamped": clamped != new},
                    cause,
                )
        if self._dirty:
            self.sync()

    def draw_weighted(self, options: tuple[tuple[str, int], ...]) -> str:
        total = sum(w for _, w in options)
        pick = self.ctx.randint(0, total - 1)
        for target, weight in options:
            if pick < weight:
                return target
            pick -= weight
        return options[-1][0]  # pragma: no cover - unreachable: pick < total

    def resolve(self, nxt: Next) -> str:
        self.ctx.state = self.state
        for branch in nxt.branches:
            if branch.condition is None or branch.condition.evaluate(self.ctx):
                if branch.to:
                    return branch.to
                target = self.draw_weighted(branch.random)
                self.emit(EventKind.RANDOM, {"target": target, "options": [t for t, _ in branch.random]})
                return target  # the draw reaches the state when the target is entered
        raise AssertionError("the loader guarantees a final unconditional branch")  # pragma: no cover

    def enter(self, scene: Scene, visits: Mapping[str, int], **changes: Any) -> None:
        """Enter ``scene`` (``changes`` to the state made in the same copy: the choice's after: text)."""
        visits = persistent(visits)
        cause = Cause(scene.id)
        self.sync(scene=scene.id, visits=visits.set(scene.id, visits.get(scene.id, 0) + 1), **changes)
        self.emit(EventKind.SCENE, {"title": scene.title.render(self.ctx)}, cause)
        if scene.on_enter:
            self.run_effects(scene.on_enter, cause)
        for on_enter in ON_ENTER:
            on_enter(self, scene)
            self.sync()
        if scene.is_ending:
            self.sync(ending=scene.id)
            self.emit(EventKind.ENDING, {"title": scene.title.render(self.ctx)}, cause)


def start(
    story: Story,
    seed: int = 0,
    options: Mapping[str, Any] | None = None,
    *,
    at: str | None = None,
    sets: Mapping[str, Any] | None = None,
    draw: Draw | None = None,
) -> tuple[State, tuple[Event, ...]]:
    """A new game: the start scene (or ``at``) entered, its on_enter effects run.

    ``sets`` overrides variables' initial values (for testing from any scene); values
    must have the variable's type. ``draw`` replaces the seeded generator (see :data:`Draw`).
    Raises :class:`StartError` for an unknown scene or variable or a value of the wrong
    type. Returns the state and the events of entering.
    """
    options = dict(options or {})
    variables = {name: var.initial for name, var in story.variables.items()}
    for name, value in (sets or {}).items():
        var = story.variables.get(name)
        if var is None:
            raise StartError(f"unknown variable {name!r}")
        if var.type == SET and isinstance(value, (list, set, tuple)):
            value = frozenset(value)
        actual = type_of(value)
        if actual != var.type:
            raise StartError(f"{name} is {var.type}, not {actual or type(value).__name__} ({value!r})")
        variables[name] = var.clamp(value)
    scene_id = at or story.start
    scene = story.scenes.get(scene_id)
    if scene is None:
        raise StartError(f"unknown scene {scene_id!r}")
    ext = {}
    for extension in EXTENSIONS:
        part = extension.initial(story, options) if extension.initial else None
        if part is not None:
            ext[extension.name] = part
    state = State(story.id, scene_id, frozen(variables), seed & ((1 << 63) - 1), ext=frozen(ext))
    step = Step(story, state, Cause(scene_id), 0, draw)
    step.enter(scene, EMPTY_MAP)
    return step.state, tuple(step.events)


def available(story: Story, state: State) -> list[tuple[Choice, bool, str | None]]:
    """The choices on offer in ``state``: (choice, enabled, reason if disabled), in order.

    Hidden choices (``if:`` false, ``once`` already taken) are left out; fallback choices
    appear only when no other choice is enabled.
    """
    return _available(story, state, Context(story, state))


def _available(story: Story, state: State, ctx: Context) -> list[tuple[Choice, bool, str | None]]:
    scene = story.scenes[state.scene]
    if scene.is_ending or state.ending:
        return []
    shown: list[tuple[Choice, bool, str | None]] = []
    fallbacks: list[tuple[Choice, bool, str | None]] = []
    any_enabled = False
    for choice in scene.choices:
        offer = _offer(story, state, ctx, choice)
        if offer is not None:
            if choice.fallback:
                fallbacks.append((choice, *offer))
            else:
                shown.append((choice, *offer))
                any_enabled = any_enabled or offer[0]
    if not any_enabled:
        shown.extend(fallbacks)
    return shown


def _offer(story: Story, state: State, ctx: Context, choice: Choice) -> tuple[bool, str | None] | None:
    """Whether ``choice`` is shown (None if hidden) and if so (enabled, reason if disabled),
    fallbacks aside (see :func:`available`)."""
    if choice.once and state.chosen.get(choice.uid):
        return None
    if choice.condition is not None and not choice.condition.evaluate(ctx):
        return None
    if choice.enable_if is not None and not choice.enable_if.evaluate(ctx):
        return False, choice.reason.render(ctx) if choice.reason is not None else "Not available."
    for gate in GATES:
        refusal = gate(story, state, choice)
        if refusal:
            return False, refusal
    return True, None


def _check(story: Story, state: State, choice_id: str) -> Choice:
    """The choice ``choice_id`` if it is on offer and enabled, else :class:`ChoiceError`.

    Checks that choice alone (a fallback also needs every other choice disabled), so a step
    costs the same in a scene of any size; the error message lists what is on offer.
    """
    scene = story.scenes[state.scene]
    choice = scene.choice(choice_id)
    if choice is not None and not choice.fallback and not (scene.is_ending or state.ending):
        offer = _offer(story, state, Context(story, state), choice)
        if offer == (True, None):
            return choice
    offered = available(story, state)
    for choice, enabled, reason in offered:
        if choice.id == choice_id:
            if not enabled:
                raise ChoiceError(f"{choice_id!r} is not available: {reason}")
            return choice
    if state.ending:
        raise ChoiceError("the story has ended")
    ids = ", ".join(c.id for c, _, _ in offered) or "none"
    raise ChoiceError(f"no choice {choice_id!r} in scene {scene.id!r} (on offer: {ids})")


def offer(story: Story, state: State) -> tuple[str, tuple[ChoiceView, ...]]:
    """The title and choices :func:`frame` shows for ``state``, without rendering its paragraphs
    (a read-only query for observers such as a session log, which record a step's title and
    choices but never its text: the paragraphs are most of a frame's cost)."""
    ctx = Context(story, state)
    return story.scenes[state.scene].title.render(ctx), _choice_views(story, state, ctx)


def _choice_views(story: Story, state: State, ctx: Context) -> tuple[ChoiceView, ...]:
    return tuple(
        [
            ChoiceView(c.id, c.uid, c.text.render(ctx), enabled, reason, c.key, c.tags, c.synthetic)
            for c, enabled, reason in _available(story, state, ctx)
        ]
    )


@lru_cache(maxsize=4096)
def _paragraphs(text: str) -> tuple[str, ...]:
    """``text`` as paragraphs: separated by blank lines, a single line break inside one being a space
    (as in Markdown), so `|` blocks wrap to any width. Cached: most passages render the same text
    every time, and a frame would split and join it again."""
    paragraphs = []
    for block in text.split("\n\n"):
        paragraph = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if paragraph:
            paragraphs.append(paragraph)
    return tuple(paragraphs)


def frame(story: Story, state: State) -> Frame:
    """What to show for ``state``: the scene's text, title and the choices on offer."""
    scene = story.scenes[state.scene]
    ctx = Context(story, state)
    paragraphs: list[str] = []
    for passage in scene.passages:
        paragraphs.extend(_paragraphs(passage.render(ctx)))
    choices = _choice_views(story, state, ctx)
    if state.ending:
        status = Status.ENDED
    elif any(c.enabled for c in choices):
        status = Status.CHOOSING
    else:
        status = Status.STUCK
    return Frame(
        scene=scene.id,
        title=scene.title.render(ctx),
        after=state.after,
        paragraphs=tuple(paragraphs),
        choices=choices,
        status=status,
        ending=state.ending,
        chapter=scene.chapter,
        tags=scene.tags,
        turn=state.turn,
    )


def choose(
    story: Story, state: State, choice_id: str, *, draw: Draw | None = None
) -> tuple[State, tuple[Event, ...]]:
    """Take the choice ``choice_id`` (its id in the scene, or its uid ``scene.choice``).

    Runs the choice's effects, the extensions' reactions, resolves where it leads,
    enters that scene and advances the turn. Raises :class:`ChoiceError` if the
    choice is not on offer or is disabled. ``draw`` replaces the seeded generator (see
    :data:`Draw`). Returns the new state and its events.
    """
    scene_id = state.scene
    if "." in choice_id:
        prefix, _, choice_id = choice_id.partition(".")
        if prefix != scene_id:
            raise ChoiceError(f"{prefix}.{choice_id} is not a choice of the current scene {scene_id!r}")
    choice = _check(story, state, choice_id)
    uid = choice.uid

    turn = state.turn + 1
    cause = Cause(scene_id, choice.id)
    chosen = persistent(state.chosen)
    step = Step(story, state, cause, turn, draw)
    step.sync(
        turn=turn,
        chosen=chosen.set(uid, chosen.get(uid, 0) + 1),
        path=state.path.plus(uid),
        last_choice=uid,
    )
    ctx = step.ctx
    step.emit(EventKind.CHOICE, {"text": choice.text.render(ctx)})
    step.run_effects(choice.effects, cause)
    for on_choice in ON_CHOICE:
        on_choice(step, choice)
        step.sync()
    # The after: text reads the world as the choice left it, before the next scene moves
    # the calendar on (so "{score}" there is the score the choice produced).
    after = choice.after.render(step.ctx) if choice.after is not None else ""
    target = step.resolve(choice.next) if choice.next is not None else scene_id
    step.enter(story.scenes[target], step.state.visits, after=after)
    for on_turn in ON_TURN:
        on_turn(step)
        step.sync()
    return step.state, tuple(step.events)
