"""Extensions: parts of the engine that add to the story format and to each step.

The scoring model is one, reflection questions another. Each module describes itself as an
:class:`Extension` (a record of typed hooks) and game/engine/__init__.py registers them, in one place
and in order; the loader and the runtime call the hooks in that order. Hooks report problems through
the build (at load) and never raise for bad input; at run time they only read the story and the step
they are given, and change the step's working copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct

if TYPE_CHECKING:  # the loader and runtime import this module
    from .loader import Build
    from .model import Builtin, Choice, Scene, Story
    from .runtime import Step
    from .schema import Rec
    from .state import State


class Part(Protocol):
    """An extension's part of a state: immutable, and JSON by ``to_json()`` (its ``from_json`` hook
    reads that back)."""

    def to_json(self) -> Any: ...


class Extension(Struct, frozen=True):
    """Hooks (all optional).

    Load time (``b`` is the loader's :class:`~game.engine.loader.Build`): ``builtins(b)``:
    read-only names for expressions; ``build_story(b)``: the story's ``extra[name]``;
    ``build_scene(b, rec)`` and ``build_choice(b, rec, scene_id)``: a scene's or choice's ``extra[name]``.
    Run time: ``initial(story, options)``: the extension's part of a new state, or None when the story
    does not use the extension; ``from_json(story, data)``: the inverse of ``part.to_json()`` (raises
    ValueError, KeyError or TypeError for malformed data); ``gate(story, state, choice)``: a reason
    to show the choice disabled, or None; ``on_choice(step, choice)``: after the choice's effects;
    ``on_enter(step, scene)``: after a scene's on_enter effects; ``on_turn(step)``: once per choice,
    after the next scene is entered.
    """

    name: str
    #: the name roots its ``builtins`` hook may return (``contacts`` covers ``contacts.ID.score``):
    #: reserved, so a story cannot declare a variable of that name even when the extension is unused
    names: frozenset[str] = frozenset()
    #: what a story needs for those names to exist, for the unknown-name hint ("a scoring: block")
    names_need: str = ""
    builtins: Callable[[Build], Mapping[str, Builtin]] | None = None
    build_story: Callable[[Build], Any] | None = None
    build_scene: Callable[[Build, Rec], Any] | None = None
    build_choice: Callable[[Build, Rec, str], Any] | None = None
    initial: Callable[[Story, Mapping[str, Any]], Part | None] | None = None
    from_json: Callable[[Story, Any], Part | None] | None = None
    gate: Callable[[Story, State, Choice], str | None] | None = None
    on_choice: Callable[[Step, Choice], None] | None = None
    on_enter: Callable[[Step, Scene], None] | None = None
    on_turn: Callable[[Step], None] | None = None


#: Registered extensions, in order.
EXTENSIONS: list[Extension] = []

#: The run-time hooks of the registered extensions, in their order (kept by :func:`register`): a step
#: calls each hook of a kind without looking at every extension for it (several times a step).
GATES: list[Callable[[Story, State, Choice], str | None]] = []
ON_CHOICE: list[Callable[[Step, Choice], None]] = []
ON_ENTER: list[Callable[[Step, Scene], None]] = []
ON_TURN: list[Callable[[Step], None]] = []


def reserved_roots() -> frozenset[str]:
    """Name roots a story may not declare: the core built-ins' and every extension's."""
    return CORE_NAMES.union(*(ext.names for ext in EXTENSIONS))


def name_needs(name: str) -> str:
    """What a story needs for the built-in ``name`` to exist ("a scoring: block"), or ""."""
    root = name.split(".")[0]
    return next((ext.names_need for ext in EXTENSIONS if root in ext.names), "")


#: The core engine's built-in name roots (``turn``, ``visits.SCENE``, ``chosen.SCENE.CHOICE``).
CORE_NAMES = frozenset({"turn", "visits", "chosen"})


def register(extension: Extension) -> Extension:
    """Add an extension (once; registering the same name again replaces it)."""
    for i, existing in enumerate(EXTENSIONS):
        if existing.name == extension.name:
            EXTENSIONS[i] = extension
            break
    else:
        EXTENSIONS.append(extension)
    # In place: the runtime holds these lists.
    GATES[:] = [e.gate for e in EXTENSIONS if e.gate]
    ON_CHOICE[:] = [e.on_choice for e in EXTENSIONS if e.on_choice]
    ON_ENTER[:] = [e.on_enter for e in EXTENSIONS if e.on_enter]
    ON_TURN[:] = [e.on_turn for e in EXTENSIONS if e.on_turn]
    return extension
