"""Extensions: parts of the engine that add to the story format and to each step.

The scoring model is one. An extension registers itself on import; the loader and
the runtime call its hooks in registration order. Hooks report problems through the
build (at load) and never raise for bad input; at run time they only read the story
and the step they are given, and change the step's working copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Extension:
    """Hooks (all optional).

    Load time (``b`` is the loader's :class:`~game.engine.loader.Build`):
      ``builtins(b) -> dict[str, Builtin]``: read-only names for expressions;
      ``build_story(b) -> Any``: the story's ``extra[name]``;
      ``build_scene(b, rec) -> Any`` and ``build_choice(b, rec, scene_id) -> Any``.
    Run time:
      ``initial(story, options) -> part | None``: the extension's part of a new state (an immutable
      object with ``to_json()``), or None when the story does not use the extension;
      ``from_json(story, data) -> part``: the inverse of ``part.to_json()`` (raises ValueError,
      KeyError or TypeError for malformed data);
      ``gate(story, state, choice) -> str | None``: a reason to show the choice disabled;
      ``on_choice(step, choice)``: after the choice's effects;
      ``on_enter(step, scene)``: after a scene's on_enter effects;
      ``on_turn(step)``: once per choice, after the next scene is entered.
    """

    name: str
    #: the name roots its ``builtins`` hook may return (``contacts`` covers ``contacts.ID.score``):
    #: reserved, so a story cannot declare a variable of that name even when the extension is unused
    names: frozenset[str] = frozenset()
    #: what a story needs for those names to exist, for the unknown-name hint ("a scoring: block")
    names_need: str = ""
    builtins: Any = None
    build_story: Any = None
    build_scene: Any = None
    build_choice: Any = None
    initial: Any = None
    from_json: Any = None
    gate: Any = None
    on_choice: Any = None
    on_enter: Any = None
    on_turn: Any = None


#: Registered extensions, in order.
EXTENSIONS: list[Extension] = []


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
            return extension
    EXTENSIONS.append(extension)
    return extension
