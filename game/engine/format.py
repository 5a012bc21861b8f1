"""Story format v1: the records a story file may hold, each field with its doc and example.

This is the registry that the loader, ``socialscore schema`` and the format reference
all read. Modules that extend the format (the scoring model) add their fields here at
import time with :meth:`Record.add`, before any story is loaded.
"""

from __future__ import annotations

from . import vartypes
from .schema import (
    DOTTED_RE,
    AnyScalar,
    Bool,
    Condition,
    Effect,
    Field,
    Id,
    Int,
    ListOf,
    MapOf,
    OneOf,
    Record,
    Str,
    Tag,
    Text,
)

#: The newest story format version this engine reads.
FORMAT_VERSION = 1

VARIABLE_TYPES = vartypes.NAMES

STORY = Record(
    "story",
    "The story's metadata. Exactly one file of a story holds this block.",
    [
        Field(
            "id",
            Id("story id"),
            "Stable id of the story; saves and logs name it.",
            True,
            example="id: social_score",
        ),
        Field("title", Str(), "Title shown on the title screen.", True, example="title: Social Score"),
        Field("start", Id("scene id"), "Id of the first scene.", True, example="start: opening"),
        Field(
            "language", Str(), "Language of the text, as a BCP 47 tag.", default="en", example="language: en"
        ),
        Field(
            "format",
            Int(1, 1000),
            "Story format version the file is written for.",
            default=1,
            example="format: 1",
        ),
        Field("author", Str(), "Who wrote it.", default="", example="author: Jo Teacher"),
        Field(
            "description",
            Str(),
            "One paragraph for the title screen.",
            default="",
            example="description: ...",
        ),
        Field("version", Str(), "The story's own version, free text.", default="", example="version: '1.2'"),
    ],
)

CHAPTER = Record(
    "chapter",
    "A chapter: every scene in the file that declares it belongs to it, unless a scene names another.",
    [
        Field("id", Id("chapter id"), "Stable id of the chapter.", True, example="id: opt_in"),
        Field(
            "title",
            Str(),
            "Title shown in menus and the story graph.",
            default="",
            example="title: 2015, opt in",
        ),
    ],
)

VARIABLE = Record(
    "variable",
    "A declared variable. Write the full form, or just the initial value (its type is then inferred).",
    [
        Field(
            "type", Str(VARIABLE_TYPES), "int, bool, str or set (a set of text values).", example="type: int"
        ),
        Field(
            "initial",
            AnyScalar(),
            "Starting value. Defaults: 0, false, '' or the empty set.",
            example="initial: 2000",
        ),
        Field("min", Int(), "Lowest value of an int; assignments below it are clamped.", example="min: 0"),
        Field(
            "max", Int(), "Highest value of an int; assignments above it are clamped.", example="max: 100000"
        ),
        Field("doc", Str(), "What the variable means, for authors.", default="", example="doc: cash in yuan"),
    ],
    shorthand="initial",
)

PASSAGE = Record(
    "passage",
    "A conditional passage of text: shown when `if` holds, else the `else` text (if any).",
    [
        Field("if", Condition(), "Condition for showing `text`.", True, example="if: money > 1000"),
        Field("text", Text(), "Text shown when the condition holds.", True, example="text: You feel rich."),
        Field("else", Text(), "Text shown when it does not.", example="else: You count your coins."),
    ],
)

SCENE_TEXT = OneOf(
    "text or a list of passages",
    {"str": Text(), "seq": ListOf(OneOf("text or a passage", {"str": Text(), "map": PASSAGE}))},
)

WEIGHTED = Record(
    "weighted target",
    "One outcome of a random branch.",
    [
        Field("to", Id("scene id"), "Scene or ending to go to.", True, example="to: rain"),
        Field("weight", Int(1, 1_000_000), "Relative chance.", default=1, example="weight: 3"),
    ],
)

BRANCH = Record(
    "branch",
    "One branch of a conditional next: taken when `if` holds (or always, without `if`).",
    [
        Field(
            "if",
            Condition(),
            "Condition; the first branch whose condition holds is taken.",
            example="if: x > 1",
        ),
        Field("to", Id("scene id"), "Scene or ending to go to.", example="to: market"),
        Field(
            "random",
            ListOf(WEIGHTED),
            "Instead of `to`: draw one target by weight from the seeded generator.",
            example="random: [{to: rain, weight: 1}, {to: sun, weight: 3}]",
        ),
    ],
)

NEXT = OneOf(
    "a scene id, a branch, or a list of branches",
    {"str": Id("scene id"), "map": BRANCH, "seq": ListOf(BRANCH)},
)

#: The mechanics a scene can show, from the source material. Scenes list theirs in
#: ``mechanics:`` so the tools can report which mechanics a story covers.
MECHANICS: dict[str, str] = {
    "opt-in": "The score is offered as optional; declining seems to cost nothing.",
    "purchases": "What you buy moves the score (work clothes up, imported anime down).",
    "posts": "What you post or share moves the score.",
    "friends-pull": "Your contacts' scores pull yours toward theirs.",
    "drag-down-notice": "The app names who is dragging your score down.",
    "friend-suggestions": "The app suggests contacts who would raise your score.",
    "travel-perks": "A high tier eases travel paperwork (visas).",
    "loan-perks": "A high tier opens credit lines and loans.",
    "deposit-free": "Deposit-free rentals, bikes and hotels for high scorers.",
    "dating": "Scores on dating profiles; matches filtered by score.",
    "mandatory": "The score becomes mandatory (2020).",
    "penalties": "Conjectured penalties for low scores (slower internet, jobs closed).",
    "peer-policing": "People police each other to protect their own score.",
    "positive-reinforcement": "Control by rewards and pride rather than fear.",
    "score-sharing": "The pride and pressure of sharing a high score.",
    "marketing": "How the score is sold to people.",
    "blacklist": "Court blacklists of judgment defaulters (the state system).",
    "dispute": "Disputing an entry; the weights stay secret.",
    "opacity": "Not knowing why the number moved.",
    "myth-vs-fact": "What was exaggerated or conflated, and what was real.",
    "employer-screening": "Western analogue: employers screening social media.",
    "targeted-offers": "Western analogue: targeted offers and predictions from purchases.",
    "device-pricing": "Western analogue: prices or offers that change with your device.",
    "ratings": "Western analogue: ride-share ratings, insurance telematics, everyday ratings.",
}

EFFECTS = ListOf(Effect(), single=True)
TAGS = ListOf(Tag(), single=True)

CHOICE = Record(
    "choice",
    "A choice offered in a scene.",
    [
        Field("id", Id("choice id"), "Stable id, unique in its scene.", True, example="id: buy_boots"),
        Field("text", Text(), "What the button says.", True, example="text: Buy the work boots (¥180)"),
        Field("if", Condition(), "Hide the choice unless this holds.", example="if: visits.market > 1"),
        Field(
            "enable_if",
            Condition(),
            "Show the choice disabled unless this holds.",
            example="enable_if: money >= 180",
        ),
        Field(
            "reason",
            Text(),
            "Why it is disabled, shown beside it.",
            example="reason: You cannot afford them.",
        ),
        Field(
            "effects", EFFECTS, "Assignments run when chosen, in order.", example="effects: [money -= 180]"
        ),
        Field(
            "next",
            NEXT,
            "Where the choice leads; without it, the scene is entered again.",
            example="next: street",
        ),
        Field(
            "after",
            Text(),
            "Text shown at the top of the next scene; its {expressions} read the state the choice left.",
            example="after: The boots are heavy.",
        ),
        Field(
            "once",
            Bool(),
            "Offer the choice only until it has been taken once.",
            default=False,
            example="once: true",
        ),
        Field(
            "fallback",
            Bool(),
            "Offer the choice only when no other choice of the scene is available.",
            default=False,
            example="fallback: true",
        ),
        Field(
            "key",
            Bool(),
            "A key decision: when the player did not take it, the debrief replays it "
            "(up to six, largest effects first).",
            default=False,
            example="key: true",
        ),
        Field("tags", TAGS, "Free tags, for tools and reports.", default=[], example="tags: [kindness]"),
    ],
)

SCENE = Record(
    "scene",
    "A scene: text and the choices that lead on.",
    [
        Field("title", Text(), "Heading shown above the text.", example="title: The market"),
        Field("chapter", Id("chapter id"), "Chapter, when not the file's.", example="chapter: opt_in"),
        Field(
            "tags",
            TAGS,
            "Tags, including the mechanics the scene shows.",
            default=[],
            example="tags: [purchases]",
        ),
        Field(
            "mechanics",
            ListOf(Str(tuple(MECHANICS), what="mechanic"), single=True),
            "Mechanics of the score this scene shows, from the fixed list in the reference.",
            default=[],
            example="mechanics: [purchases, opacity]",
        ),
        Field(
            "text",
            SCENE_TEXT,
            "The scene's text, with {expressions} and conditional passages.",
            example="text: It is {year}. You have ¥{money}.",
        ),
        Field(
            "on_enter",
            EFFECTS,
            "Assignments run each time the scene is entered.",
            default=[],
            example="on_enter: [mood = 'calm']",
        ),
        Field("choices", ListOf(CHOICE), "The choices offered.", default=[], example="choices: [...]"),
        Field("next", NEXT, "For a scene without choices: where Continue leads.", example="next: street"),
        Field(
            "continue",
            Text(),
            "Label of the Continue button of a scene without choices.",
            example="continue: On",
        ),
    ],
)

ENDING = Record(
    "ending",
    "An ending. Reaching one ends the story; the engine records which.",
    [
        Field(
            "title",
            Text(),
            "Title of the ending, shown in the endings gallery.",
            True,
            example="title: Left it",
        ),
        Field("text", SCENE_TEXT, "The ending's text.", example="text: You delete the app."),
        Field("tags", TAGS, "Tags.", default=[], example="tags: [integrity]"),
    ],
)

FILE = Record(
    "story file",
    "One YAML file of a story. A story is one file or a folder of them; all fields are optional per file.",
    [
        Field(
            "story",
            STORY,
            "The story's metadata (exactly one file has it).",
            example="story: {id: demo, ...}",
        ),
        Field(
            "chapter", CHAPTER, "The chapter the scenes of this file belong to.", example="chapter: {id: ch1}"
        ),
        Field(
            "variables",
            MapOf(VARIABLE, key=Str(pattern=DOTTED_RE, what="variable name")),
            "Declared variables, by name (dots allowed: flags.posted_photo).",
            default={},
            example="variables: {money: 2000}",
        ),
        Field(
            "scenes",
            MapOf(SCENE, what="scene id"),
            "Scenes, by id.",
            default={},
            example="scenes: {opening: ...}",
        ),
        Field(
            "endings",
            MapOf(ENDING, what="ending id"),
            "Endings, by id.",
            default={},
            example="endings: {...}",
        ),
    ],
)

#: Every record, for the JSON Schema's $defs and the reference's field tables.
RECORDS = [FILE, STORY, CHAPTER, VARIABLE, SCENE, PASSAGE, CHOICE, BRANCH, WEIGHTED, ENDING]
