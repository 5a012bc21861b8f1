"""The scoring model's part of the story format: rules files, contacts, calendar, actions, gates,
facts and the debrief. Added to the core records at import time, so the loader, the JSON Schema
and the format reference all see them. The reference is docs/scoring-format.md.
"""

from __future__ import annotations

import re

from .. import format as fmt
from ..schema import (
    Bool,
    Condition,
    Field,
    Id,
    Int,
    ListOf,
    MapOf,
    Record,
    Str,
    Tag,
    Text,
)

DATE_RE = re.compile(r"(19|20)[0-9][0-9]-(0[1-9]|1[0-2])\Z")
FACTOR_IDS = ("history", "behaviour", "capacity", "identity", "relationships")
ACTION_KINDS = ("buy", "post", "share", "pay", "behave", "befriend", "drop", "apply")
TAG_KINDS = ("buy", "post", "share", "pay", "behave")
LABELS = ("documented", "reported", "speculative")
PERIODS = ("month", "year", "game")


def Date() -> Str:  # noqa: N802 - reads like a type in spec tables
    return Str(pattern=DATE_RE, what="date (YYYY-MM from 1900-01 to 2099-12, e.g. 2016-03)")


TAGS = ListOf(Tag(), single=True)

RANGE = Record(
    "range",
    "The score's bounds and where everyone starts.",
    [
        Field("min", Int(0, 100_000), "Lowest score.", True, example="min: 350"),
        Field("max", Int(0, 100_000), "Highest score.", True, example="max: 950"),
        Field("start", Int(0, 100_000), "The player's starting score.", True, example="start: 560"),
    ],
)

FACTOR = Record(
    "factor",
    "A factor category; every rule changes the score under one.",
    [Field("title", Str(), "Name shown in the ledger.", True, example="title: Credit history")],
    shorthand="title",
)

TIER = Record(
    "tier",
    "A named band of scores, from its min up to the next tier's min.",
    [
        Field("id", Id("tier id"), "Stable id; `tier` in expressions.", True, example="id: good"),
        Field("title", Str(), "Name shown on the tier badge.", True, example="title: Good"),
        Field("min", Int(0, 100_000), "Lowest score of the tier.", True, example="min: 600"),
    ],
)

PERK = Record(
    "perk",
    "Something a score opens (a perk) or closes (a penalty, with penalty: true).",
    [
        Field(
            "title",
            Str(),
            "What it is, as the player reads it.",
            True,
            example="title: Bikes without deposit",
        ),
        Field("min", Int(0, 100_000), "A perk needs at least this score.", example="min: 600"),
        Field("tier", Id("tier id"), "Or: a perk needs this tier or a higher one.", example="tier: good"),
        Field(
            "penalty",
            Bool(),
            "A penalty applies below `max` instead.",
            default=False,
            example="penalty: true",
        ),
        Field("max", Int(0, 100_000), "A penalty applies below this score.", example="max: 500"),
        Field("eras", ListOf(Id("era id"), single=True), "Only in these eras.", example="eras: [mandatory]"),
        Field(
            "vague", Str(), "The refusal in partial transparency mode.", default="", example="vague: Not yet."
        ),
        Field("fact", Id("fact id"), "A fact the perk is based on.", example="fact: bikes_600"),
    ],
)

ERA = Record(
    "era",
    "A period in which the rules may differ; the first starts with the calendar.",
    [
        Field("id", Id("era id"), "Stable id; `era` in expressions.", True, example="id: mandatory"),
        Field("title", Str(), "Name shown when the era begins.", True, example="title: Mandatory"),
        Field("from", Date(), "First month of the era.", True, example="from: 2020-01"),
    ],
)

LIMIT = Record(
    "limit",
    "How often a rule counts.",
    [
        Field("times", Int(1, 10_000), "At most this many times...", True, example="times: 3"),
        Field("per", Str(PERIODS), "...per month, year or game.", default="month", example="per: month"),
    ],
)

EXPLAIN = Record(
    "explanation",
    "How a score change reads in each transparency mode (opaque shows only that it changed).",
    [
        Field("opaque", Str(), "Opaque mode (default: 'Your score changed.').", example="opaque: Updated."),
        Field(
            "partial",
            Str(),
            "Partial mode: a vague reason.",
            example="partial: Your purchases show responsibility.",
        ),
        Field(
            "transparent", Str(), "Transparent mode: the exact rule.", example="transparent: +8 behaviour..."
        ),
    ],
)

ON = Record(
    "trigger",
    "Which actions a rule reacts to: an action kind and any of its tags (or contact ids/tags).",
    [
        Field(kind, TAGS, f"Tags of `{kind}` actions.", example=f"{kind}: [work-clothes]")
        for kind in ACTION_KINDS
    ],
)

RULE = Record(
    "rule",
    "A scoring rule: turns matching actions into score changes.",
    [
        Field(
            "id", Id("rule id"), "Stable id, shown in the ledger.", True, example="id: responsible_shopping"
        ),
        Field("on", ON, "The actions it reacts to.", True, example="on: {buy: [work-clothes]}"),
        Field("factor", Str(FACTOR_IDS), "The factor it changes.", True, example="factor: behaviour"),
        Field("change", Int(-1000, 1000), "Points per match.", True, example="change: 8"),
        Field("limit", LIMIT, "Cap on how often it counts.", example="limit: {times: 3, per: month}"),
        Field(
            "diminishing",
            Int(1, 99),
            "Each repeat in the limit's period is worth this percent of the one before.",
            example="diminishing: 50",
        ),
        Field(
            "eras",
            ListOf(Id("era id"), single=True),
            "Only in these eras (default: all).",
            example="eras: [x]",
        ),
        Field("explain", EXPLAIN, "How the change is explained.", example="explain: {partial: ...}"),
    ],
)

DRIFT = Record(
    "drift",
    "Each month the score drifts toward a value by a percent of the gap.",
    [
        Field("toward", Int(0, 100_000), "The value it drifts toward.", True, example="toward: 600"),
        Field("percent", Int(0, 100), "Percent of the gap per month.", True, example="percent: 1"),
        Field(
            "factor",
            Str(FACTOR_IDS),
            "Factor of the drift entries.",
            default="history",
            example="factor: history",
        ),
    ],
)

PULL = Record(
    "pull",
    "Each month your contacts pull your score toward theirs (formula in the reference).",
    [
        Field(
            "percent",
            Int(0, 100),
            "P in the formula: percent of the weighted gap per month.",
            True,
            example="percent: 8",
        )
    ],
)

SCORING = Record(
    "scoring",
    "The rules of the score. One per story (in its rules file), replaceable with --rules FILE.",
    [
        Field("id", Id("rules id"), "Stable id of this rules file.", True, example="id: pearl_2015"),
        Field(
            "title", Str(), "Name shown to facilitators and in reports.", True, example="title: Pearl Credit"
        ),
        Field(
            "description",
            Str(),
            "What these rules reward and punish.",
            default="",
            example="description: ...",
        ),
        Field(
            "range", RANGE, "Score bounds and start.", True, example="range: {min: 350, max: 950, start: 560}"
        ),
        Field(
            "factors",
            MapOf(FACTOR, key=Str(FACTOR_IDS)),
            "Factor titles.",
            default={},
            example="factors: {...}",
        ),
        Field(
            "tiers", ListOf(TIER), "Tiers, ascending by min.", default=[], example="tiers: [{id: good, ...}]"
        ),
        Field(
            "perks",
            MapOf(PERK, what="perk id"),
            "Perks and penalties, by id.",
            default={},
            example="perks: {...}",
        ),
        Field(
            "eras", ListOf(ERA), "Eras, in date order.", default=[], example="eras: [{id: voluntary, ...}]"
        ),
        Field("rules", ListOf(RULE), "The rules, applied in this order.", default=[], example="rules: [...]"),
        Field("drift", DRIFT, "Monthly drift (none if absent).", example="drift: {toward: 600, percent: 1}"),
        Field("pull", PULL, "Monthly pull of contacts (none if absent).", example="pull: {percent: 8}"),
    ],
)

REACTION = Record(
    "reaction",
    "How a contact reacts when you perform certain actions (they see what you post and buy).",
    [
        Field(
            "on",
            ON,
            "The actions they react to (kinds and tags, as in rules).",
            True,
            example="on: {post: [protest]}",
        ),
        Field(
            "closeness",
            Int(-4, 4),
            "Change of their closeness to you (kept within 1-5).",
            default=0,
            example="closeness: -1",
        ),
        Field(
            "drops",
            Bool(),
            "They drop you (if you are in their network).",
            default=False,
            example="drops: true",
        ),
        Field(
            "says", Str(), "What they say, shown with the reaction.", default="", example="says: Delete that."
        ),
    ],
)

CONTACT = Record(
    "contact",
    "A person with a score of their own.",
    [
        Field("name", Str(), "Name shown in the app.", True, example="name: Mei"),
        Field("score", Int(0, 100_000), "Their score at the start.", True, example="score: 520"),
        Field(
            "closeness",
            Int(1, 5),
            "1 (acquaintance) to 5 (family): weight of their pull.",
            default=3,
            example="closeness: 4",
        ),
        Field(
            "trajectory",
            Int(-100, 100),
            "Points their score moves per month.",
            default=0,
            example="trajectory: -2",
        ),
        Field("friend", Bool(), "In your network at the start.", default=False, example="friend: true"),
        Field(
            "tags",
            TAGS,
            "Tags that rules can match (befriend/drop).",
            default=[],
            example="tags: [low-score]",
        ),
        Field(
            "drops_below",
            Int(0, 100_000),
            "They drop you when your score falls below this (0: never).",
            default=0,
            example="drops_below: 600",
        ),
        Field(
            "bio",
            Str(),
            "One line about them, for the contacts view.",
            default="",
            example="bio: Your oldest friend.",
        ),
        Field(
            "reactions",
            ListOf(REACTION),
            "How they react to what you do.",
            default=[],
            example="reactions: [{on: {post: [protest]}, closeness: -1}]",
        ),
    ],
)

CALENDAR = Record(
    "calendar",
    "The story's calendar; scenes move it forward with date:.",
    [Field("start", Date(), "The month the story starts.", True, example="start: 2015-01")],
)

ACTION = Record(
    "action",
    "One action a choice performs; write exactly one of its fields.",
    [
        *(
            Field(kind, TAGS, f"{kind.capitalize()} something with these tags.", example=f"{kind}: [x]")
            for kind in TAG_KINDS
        ),
        Field("befriend", Id("contact id"), "Add a contact to your network.", example="befriend: zhang"),
        Field("drop", Id("contact id"), "Drop a contact (they remember).", example="drop: mei"),
        Field(
            "apply", Id("perk id"), "Apply for a perk: granted or refused.", example="apply: visa_singapore"
        ),
    ],
)

REQUIRES = Record(
    "requirement",
    "A gate: the choice is disabled, with a reason worded by the transparency mode, unless it holds.",
    [
        Field("perk", Id("perk id"), "This perk must apply now.", example="perk: visa_singapore"),
        Field("tier", Id("tier id"), "This tier or a higher one.", example="tier: good"),
        Field("score", Int(0, 100_000), "At least this score.", example="score: 650"),
    ],
)

FACT = Record(
    "fact",
    "Something the story presents as real (or as rumour), with its label and source.",
    [
        Field(
            "label", Str(LABELS), "documented, reported or speculative.", True, example="label: documented"
        ),
        Field("claim", Str(), "The fact, in one or two plain sentences.", True, example="claim: ..."),
        Field("source", Str(), "Where it comes from.", True, example="source: TechNode, 29 Jan 2015"),
        Field(
            "analogue", Str(), "A Western counterpart, if any.", default="", example="analogue: FICO scores"
        ),
    ],
)

DEBRIEF_STEPS = ("feel", "happened", "mechanism", "real", "question")
DEBRIEF = Record(
    "debrief",
    "The debrief's five steps, in the order workshops use them.",
    [
        Field("feel", Text(), "1. How did it feel?", example="feel: ..."),
        Field(
            "happened", Text(), "2. What happened (shown beside the choices and score curve).", example="..."
        ),
        Field("mechanism", Text(), "3. How the mechanism works.", example="mechanism: ..."),
        Field(
            "real",
            Text(),
            "4. What is real: documented, reported, speculative; Western analogues.",
            example="...",
        ),
        Field("question", Text(), "5. One question to take away.", example="question: ..."),
    ],
)

APP = Record(
    "app",
    "The score app as the player sees it: its name, when the player looks at it, and when they have deleted "
    "it. Expressions read the result as `app.active` and `app.deleted`.",
    [
        Field(
            "name", Str(), "The app's name, shown by front ends.", default="", example="name: Pearl Credit"
        ),
        Field(
            "tagline",
            Str(),
            "A line under the app's name, in the app's own voice.",
            default="",
            example="tagline: Trust makes life easier",
        ),
        Field(
            "visible_if",
            Condition(),
            "The player sees the score (the app's screen, notifications) only while this holds; the score is "
            "kept all the same.",
            example="visible_if: flags.activated",
        ),
        Field(
            "deleted_if",
            Condition(),
            "The player has deleted the app while this holds: it is off whatever `visible_if` says, and "
            "`app.deleted` is true.",
            example="deleted_if: flags.left_app",
        ),
    ],
)

FACT_IDS = ListOf(Id("fact id"), single=True)

fmt.FILE.add(
    Field(
        "scoring", SCORING, "The score's rules (one file of the story holds them).", example="scoring: {...}"
    ),
    Field(
        "calendar", CALENDAR, "The calendar (with the story: block).", example="calendar: {start: 2015-01}"
    ),
    Field(
        "contacts",
        MapOf(CONTACT, what="contact id"),
        "The people, by id.",
        default={},
        example="contacts: {...}",
    ),
    Field("facts", MapOf(FACT, what="fact id"), "Facts, by id.", default={}, example="facts: {...}"),
    Field("debrief", DEBRIEF, "The debrief's text.", example="debrief: {feel: ...}"),
    Field(
        "app", APP, "The score app's name and when the player sees it.", example="app: {name: Pearl Credit}"
    ),
)
fmt.SCENE.add(
    Field(
        "date",
        Date(),
        "Entering the scene moves the calendar forward to this month.",
        example="date: 2016-03",
    ),
    Field(
        "facts", FACT_IDS, "Facts the scene shows (listed in the debrief).", default=[], example="facts: [x]"
    ),
)
fmt.CHOICE.add(
    Field(
        "actions",
        ListOf(ACTION, single=True),
        "Actions the scoring rules react to.",
        default=[],
        example="actions: [{buy: work-clothes}]",
    ),
    Field("requires", REQUIRES, "A gate worded by the transparency mode.", example="requires: {perk: visa}"),
    Field("facts", FACT_IDS, "Facts the choice shows.", default=[], example="facts: [x]"),
)
fmt.ENDING.add(
    Field("debrief", DEBRIEF, "This ending's versions of debrief steps.", example="debrief: {question: ...}"),
    Field("facts", FACT_IDS, "Facts the ending shows.", default=[], example="facts: [x]"),
)

#: A rules file given with --rules holds only this.
RULES_FILE = Record(
    "rules file", "A rules file: one scoring: block.", [Field("scoring", SCORING, "The rules.", True)]
)

#: The scoring model's records, for the JSON Schema and the reference's field tables.
RECORDS = [
    APP,
    REACTION,
    SCORING,
    RANGE,
    FACTOR,
    TIER,
    PERK,
    ERA,
    RULE,
    ON,
    LIMIT,
    EXPLAIN,
    DRIFT,
    PULL,
    CONTACT,
    CALENDAR,
    ACTION,
    REQUIRES,
    FACT,
    DEBRIEF,
]
