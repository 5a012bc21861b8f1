"""Techniques: the levers the app pulls on the player (reward, peer pressure, opacity...), named in play.

A story declares them in a top-level ``techniques:`` table (id → name and a one-line explanation)
and tags the moments where a lever is pulled with ``technique: ID`` on a scene or a choice. When the
player first enters such a scene or takes such a choice, the step emits a ``technique`` event (data:
``id``, ``name``, ``text``); front ends show it as a small labelled aside, the workshop log keeps it,
and the debrief lists the levers met in order (:func:`met`) beside those not met (:func:`not_met`),
as Bad News names its techniques.
"""

from __future__ import annotations

from types import MappingProxyType

from msgspec import Struct

from . import format as fmt
from .events import Cause
from .extension import Extension
from .kinds import EventKind
from .model import Choice, Scene, Story, Where
from .runtime import Context
from .schema import Field, Id, MapOf, Record, Str
from .state import State

NAME = "techniques"

TECHNIQUE = Record(
    "technique",
    "A lever the app pulls on the player, named where the story tags it and collected by the debrief.",
    [
        Field("name", Str(), "Its short name.", True, example="name: Loss aversion"),
        Field(
            "text",
            Str(),
            "One line saying how it works on the player.",
            True,
            example="text: Losing points hurts more than gaining them pleases.",
        ),
    ],
)

TECHNIQUE_ID = Id("technique id")

fmt.FILE.add(
    Field(
        "techniques",
        MapOf(TECHNIQUE, what="technique id"),
        "The levers the story names in play, by id.",
        default={},
        example="techniques: {loss_aversion: {name: Loss aversion, text: ...}}",
    ),
)
fmt.SCENE.add(
    Field(
        "technique",
        TECHNIQUE_ID,
        "The lever this scene pulls: named when the player first enters it.",
        example="technique: loss_aversion",
    ),
)
fmt.CHOICE.add(
    Field(
        "technique",
        TECHNIQUE_ID,
        "The lever this choice answers to: named when the player takes it.",
        example="technique: peer_pressure",
    ),
)
fmt.RECORDS.append(TECHNIQUE)


class Technique(Struct, frozen=True):
    id: str
    name: str
    text: str
    where: Where | None = None  # where it is declared (for lint)


class Met(Struct, frozen=True):
    """A technique the player met: first on ``turn`` (0: before any choice), in the scene titled
    ``scene_title``; ``by_choice`` when a choice (not a scene) named it."""

    technique: Technique
    turn: int
    scene: str
    scene_title: str
    by_choice: bool


def _build_story(b) -> MappingProxyType:
    table: dict[str, Technique] = {}
    for _path, rec in b.files:
        for tid, trec in rec.get("techniques", {}).items():
            if tid in table:
                b.error(trec, "E204", f"technique {tid!r} is declared twice")
                continue
            table[tid] = Technique(tid, trec["name"], trec["text"], b.where(trec))
    b.ext[NAME] = table
    return MappingProxyType(table)


def _tagged(b, rec) -> str | None:
    tid = rec.get("technique")
    if tid is not None and tid not in b.ext.get(NAME, {}):
        b.error(rec, "E303", f"unknown technique {tid!r} (declare it under techniques:)")
        return None
    return tid


def _build_scene(b, rec) -> str | None:
    return _tagged(b, rec)


def _build_choice(b, rec, _scene_id: str) -> str | None:
    return _tagged(b, rec)


def table(story: Story) -> MappingProxyType:
    """The story's techniques by id, in declaration order (empty if it has none)."""
    return story.extra.get(NAME, MappingProxyType({}))


def tagged(node: Scene | Choice) -> str | None:
    """The id of the technique a scene or choice names, or None."""
    return node.extra.get(NAME)


def of(story: Story, node: Scene | Choice) -> Technique | None:
    """The technique a scene or choice names, or None."""
    tid = node.extra.get(NAME)
    return table(story).get(tid) if tid else None


def _emit(step, node: Scene | Choice, cause: Cause | None = None) -> None:
    technique = of(step.story, node)
    if technique is not None:
        data = {"id": technique.id, "name": technique.name, "text": technique.text}
        step.emit(EventKind.TECHNIQUE, data, cause)


def _on_enter(step, scene: Scene) -> None:
    if step.state.visits.get(scene.id) == 1:  # named the first time only (a scene may loop to itself)
        _emit(step, scene, Cause(scene.id))  # the scene's cause, as its scene event has


def _on_choice(step, choice: Choice) -> None:
    _emit(step, choice)


def aside(technique: Technique) -> str:
    """The labelled aside every front end shows: ``Technique: Loss aversion — ...``."""
    return f"Technique: {technique.name} — {technique.text}"


def named(story: Story, state: State) -> list[Technique]:
    """The techniques to show with ``state``'s frame: the choice that led here, then the scene's
    (on the scene's first visit only, as its event)."""
    out: list[Technique] = []
    last = story.choice(state.last_choice) if state.last_choice else None
    scene = story.scenes.get(state.scene) if state.visits.get(state.scene) == 1 else None
    for node in (last, scene):
        technique = of(story, node) if node is not None else None
        if technique is not None and technique not in out:
            out.append(technique)
    return out


def in_scene(story: Story, state: State) -> Technique | None:
    """The technique of ``state``'s scene when the player has just entered it for the first time."""
    scene = story.scenes.get(state.scene)
    return of(story, scene) if scene is not None and state.visits.get(state.scene) == 1 else None


def met(story: Story, state: State) -> list[Met]:
    """Each technique the playthrough that led to ``state`` met, once, in the order first met.

    Read from the state's path (the choices taken, each in the scene it was taken in), so a game
    loaded from a save lists what was met before the save too."""
    if not table(story):
        return []
    ctx = Context(story, state)
    out: dict[str, Met] = {}

    def add(node: Scene | Choice | None, scene: Scene | None, turn: int) -> None:
        technique = of(story, node) if node is not None and scene is not None else None
        if technique is not None and technique.id not in out:
            title = scene.title.render(ctx)
            out[technique.id] = Met(technique, turn, scene.id, title, isinstance(node, Choice))

    for turn, uid in enumerate(state.path):
        choice = story.choice(uid)
        scene = story.scenes.get(choice.scene) if choice is not None else None
        add(scene, scene, turn)
        add(choice, scene, turn + 1)
    final = story.scenes.get(state.scene)
    add(final, final, state.turn)
    return list(out.values())


def not_met(story: Story, state: State) -> list[Technique]:
    """The story's techniques the playthrough that led to ``state`` never met, in declaration order."""
    seen = {m.technique.id for m in met(story, state)}
    return [t for t in table(story).values() if t.id not in seen]


#: registered by game/engine/__init__.py
EXTENSION = Extension(
    name=NAME,
    build_story=_build_story,
    build_scene=_build_scene,
    build_choice=_build_choice,
    on_enter=_on_enter,
    on_choice=_on_choice,
)
