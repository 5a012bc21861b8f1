"""The frozen story model: what a loaded story is, once every reference is resolved.

Content is immutable after loading (ink's rule): the runtime reads it, never changes
it. All mutable data lives in :class:`~game.engine.state.State`. Expressions in the
model are already compiled (:class:`~game.engine.expr.Compiled`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .expr import Compiled, format_value
from .vartypes import INT

EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Where:
    """Where something was written: file, line, column (1-based)."""

    path: str
    line: int
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.col}" if self.col else "")


@dataclass(frozen=True, slots=True)
class Template:
    """Text with ``{expression}`` holes, compiled. ``parts`` alternate str and Compiled."""

    parts: tuple[str | Compiled, ...]

    @property
    def is_empty(self) -> bool:
        return not self.parts

    def render(self, ctx: Any) -> str:
        parts = self.parts
        if len(parts) == 1 and type(parts[0]) is str:
            return parts[0]
        return "".join(p if type(p) is str else format_value(p.evaluate(ctx)) for p in parts)

    @property
    def raw(self) -> str:
        """The text with holes shown as written, for tools (graph labels, transcripts)."""
        return "".join(p if type(p) is str else "{" + p.source + "}" for p in self.parts)


EMPTY_TEMPLATE = Template(())


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of scene text, shown always (no condition) or depending on a condition."""

    text: Template
    condition: Compiled | None = None
    otherwise: Template | None = None

    def render(self, ctx: Any) -> str:
        if self.condition is None or self.condition.evaluate(ctx):
            return self.text.render(ctx)
        return self.otherwise.render(ctx) if self.otherwise is not None else ""


@dataclass(frozen=True, slots=True)
class Branch:
    """One branch of a next: ``to`` a target, or a weighted ``random`` draw among targets."""

    condition: Compiled | None
    to: str | None
    random: tuple[tuple[str, int], ...] = ()

    def targets(self) -> tuple[str, ...]:
        return (self.to,) if self.to else tuple(t for t, _ in self.random)


@dataclass(frozen=True, slots=True)
class Next:
    """Where a choice or a scene leads: the first branch whose condition holds.

    The loader guarantees the last branch has no condition, so a target always exists.
    """

    branches: tuple[Branch, ...]

    def targets(self) -> tuple[str, ...]:
        out: list[str] = []
        for branch in self.branches:
            out.extend(t for t in branch.targets() if t not in out)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Choice:
    """A choice of a scene. ``uid`` is ``scene.choice``, the id saves and logs use."""

    id: str
    scene: str
    text: Template
    where: Where
    condition: Compiled | None = None
    enable_if: Compiled | None = None
    reason: Template | None = None
    effects: tuple[Compiled, ...] = ()
    next: Next | None = None
    after: Template | None = None
    once: bool = False
    fallback: bool = False
    key: bool = False
    tags: tuple[str, ...] = ()
    #: extensions (the scoring model's actions and requirements), keyed by field name
    extra: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    #: True for the Continue choice made up for a scene that has a next: but no choices
    synthetic: bool = False

    @property
    def uid(self) -> str:
        return f"{self.scene}.{self.id}"


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene, or an ending (``is_ending``). Endings have no choices."""

    id: str
    title: Template
    passages: tuple[Passage, ...]
    where: Where
    chapter: str | None = None
    tags: tuple[str, ...] = ()
    on_enter: tuple[Compiled, ...] = ()
    choices: tuple[Choice, ...] = ()
    is_ending: bool = False
    mechanics: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    #: the choices by id (built here, so taking a choice costs the same in a scene of any size)
    by_id: Mapping[str, Choice] = field(default_factory=lambda: EMPTY, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.choices:  # always rebuilt: dataclasses.replace may have changed the choices
            by_id: dict[str, Choice] = {}
            for choice in self.choices:
                by_id.setdefault(choice.id, choice)
            object.__setattr__(self, "by_id", MappingProxyType(by_id))

    def choice(self, choice_id: str) -> Choice | None:
        return self.by_id.get(choice_id)


@dataclass(frozen=True, slots=True)
class Variable:
    """A declared variable: its type, initial value and (for ints) bounds."""

    name: str
    type: str
    initial: Any
    where: Where
    min: int | None = None
    max: int | None = None
    doc: str = ""

    def clamp(self, value: Any) -> Any:
        if self.type != INT:
            return value
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    title: str
    where: Where


@dataclass(frozen=True, slots=True)
class Builtin:
    """A read-only name the engine provides to expressions (visits.X, turn, score...).

    ``get(state)`` returns its value in a state; it must not change anything.
    """

    name: str
    type: str
    doc: str
    get: Any = None


@dataclass(frozen=True)
class Story:
    """A loaded, checked story. ``scenes`` holds scenes and endings, in file order."""

    id: str
    title: str
    start: str
    language: str
    format: int
    author: str
    description: str
    version: str
    variables: Mapping[str, Variable]
    scenes: Mapping[str, Scene]
    chapters: Mapping[str, Chapter]
    files: tuple[str, ...]
    builtins: Mapping[str, Builtin]
    words: int
    #: extensions (the scoring model), keyed by name
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def endings(self) -> list[Scene]:
        return [s for s in self.scenes.values() if s.is_ending]

    def choice(self, uid: str) -> Choice | None:
        scene_id, _, choice_id = uid.partition(".")
        scene = self.scenes.get(scene_id)
        return scene.choice(choice_id) if scene else None

    def all_choices(self) -> list[Choice]:
        return [c for s in self.scenes.values() for c in s.choices]
