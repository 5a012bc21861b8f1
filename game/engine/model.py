"""The frozen story model: what a loaded story is, once every reference is resolved.

Content is immutable after loading (ink's rule): the runtime reads it, never changes
it. All mutable data lives in :class:`~game.engine.state.State`. Expressions in the
model are already compiled (:class:`~game.engine.expr.Compiled`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from msgspec import Struct, field

from .expr import Compiled, format_value
from .vartypes import INT

EMPTY: Mapping = MappingProxyType({})
#: a word: a letter, then letters, digits, apostrophes and hyphens ("don't", "deposit-free")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


class Where(Struct, frozen=True):
    """Where something was written: file, line, column (1-based)."""

    path: str
    line: int
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.col}" if self.col else "")


class Template(Struct, frozen=True):
    """Text with ``{expression}`` holes, compiled. ``parts`` alternate str and Compiled."""

    parts: tuple[str | Compiled, ...]

    @property
    def is_empty(self) -> bool:
        return not self.parts

    def render(self, ctx: Any) -> str:
        parts = self.parts
        if len(parts) == 1 and type(parts[0]) is str:
            return parts[0]
        return "".join([p if type(p) is str else format_value(p.evaluate(ctx)) for p in parts])

    @property
    def raw(self) -> str:
        """The text with holes shown as written, for tools (graph labels, transcripts)."""
        return "".join(p if type(p) is str else "{" + p.source + "}" for p in self.parts)


EMPTY_TEMPLATE = Template(())


class Passage(Struct, frozen=True):
    """A piece of scene text, shown always (no condition) or depending on a condition."""

    text: Template
    condition: Compiled | None = None
    otherwise: Template | None = None

    def render(self, ctx: Any) -> str:
        if self.condition is None or self.condition.evaluate(ctx):
            return self.text.render(ctx)
        return self.otherwise.render(ctx) if self.otherwise is not None else ""


class Branch(Struct, frozen=True):
    """One branch of a next: ``to`` a target, or a weighted ``random`` draw among targets."""

    condition: Compiled | None
    to: str | None
    random: tuple[tuple[str, int], ...] = ()

    def targets(self) -> tuple[str, ...]:
        return (self.to,) if self.to else tuple(t for t, _ in self.random)


class Next(Struct, frozen=True):
    """Where a choice or a scene leads: the first branch whose condition holds.

    The loader guarantees the last branch has no condition, so a target always exists.
    """

    branches: tuple[Branch, ...]

    def targets(self) -> tuple[str, ...]:
        out: list[str] = []
        for branch in self.branches:
            out.extend(t for t in branch.targets() if t not in out)
        return tuple(out)


class Choice(Struct, frozen=True):
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


class Scene(Struct, frozen=True):
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
    by_id: Mapping[str, Choice] = field(default_factory=lambda: EMPTY)

    def __post_init__(self) -> None:
        if self.choices:  # always rebuilt: msgspec.structs.replace may have changed the choices
            by_id: dict[str, Choice] = {}
            for choice in self.choices:
                by_id.setdefault(choice.id, choice)
            _SET_BY_ID(self, MappingProxyType(by_id))

    def choice(self, choice_id: str) -> Choice | None:
        return self.by_id.get(choice_id)


#: the class is frozen: assigning is refused, the slot's setter is what ``__post_init__`` uses
_SET_BY_ID = Scene.by_id.__set__


class Variable(Struct, frozen=True):
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


class Chapter(Struct, frozen=True):
    id: str
    title: str
    where: Where


class Builtin(Struct, frozen=True):
    """A read-only name the engine provides to expressions (visits.X, turn, score...).

    ``get(state)`` returns its value in a state; it must not change anything.
    """

    name: str
    type: str
    doc: str
    get: Any = None


class Story(Struct, frozen=True):
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
    #: every text its templates were compiled from (titles, passages, choices...), for :attr:`words`
    texts: tuple[str, ...]
    #: extensions (the scoring model), keyed by name
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        """How many words the story's texts hold (counted when asked: a game never needs it)."""
        return len(_WORD_RE.findall("\n".join(self.texts)))

    @property
    def endings(self) -> list[Scene]:
        return [s for s in self.scenes.values() if s.is_ending]

    def choice(self, uid: str) -> Choice | None:
        scene_id, _, choice_id = uid.partition(".")
        scene = self.scenes.get(scene_id)
        return scene.choice(choice_id) if scene else None

    def all_choices(self) -> list[Choice]:
        return [c for s in self.scenes.values() for c in s.choices]
