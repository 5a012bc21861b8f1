"""The English message catalogue: sentences the runtime writes for a player, by message id.

Code that shows the player a sentence of its own (not the story's or the rules file's text) asks for
it by id with named parameters, ``say("notice.tier_up.title", tier="Gold")``, and the catalogue's
template makes it (``str.format`` syntax: ``{delta:+d}`` keeps its sign). A second language is a
second table with the same ids and parameters; :func:`say` is the one place that would choose it.
Story and rules text (titles, ``explain:`` lines, what contacts say) is the author's and is passed in
as a parameter, never looked up here.

So far the score app's notices (:mod:`game.engine.scoring.notices`) speak through it; the rest of
the runtime's own sentences are still written where they are made (docs/architecture.md says which).
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from types import MappingProxyType

#: id → English template. Ids are ``area.what[.part]``; a notice's parts are title, body and text
#: (the pop-up's two lines, and the one sentence the terminal and screen readers give).
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # score changes
        "notice.points": "{signed} {unit}",
        "notice.points.unit.one": "point",
        "notice.points.unit.many": "points",
        "notice.score.text": "Score {delta:+d} → {score}: {reason}",
        "notice.score.text.no_reason": "Your score is now {score}.",
        "notice.pull.reason": "The pull of your contacts this month: {shares}.",
        "notice.pull.share": "{name} {signed}",
        # tiers
        "notice.tier_up.title": "Welcome to {tier}!",
        "notice.tier_up.body": "Your trust level went up. Keep it up!",
        "notice.tier_up.text": "Tier up: you are now {tier}.",
        "notice.tier_down.title": "Your tier is now {tier}",
        "notice.tier_down.body": "Small good habits bring it back up.",
        "notice.tier_down.text": "Tier down: you are now {tier}.",
        # the app coming on
        "notice.welcome.app": "The score app",
        "notice.welcome.title": "{app} is on",
        "notice.welcome.body": "Your score is {score}.",
        "notice.welcome.body.tier": "Your score is {score}, tier {tier}.",
        "notice.welcome.in_force": " In force: {perks}.",
        "notice.welcome.text": "{app} is on. {body}",
        # perks and penalties held
        "notice.penalty_on.title": "Restricted: {perk}",
        "notice.penalty_on.body": "Applies while your score is low.",
        "notice.penalty_on.text": "A penalty now applies: {perk}.",
        "notice.penalty_off.title": "Lifted: {perk}",
        "notice.penalty_off.body": "Well done: this no longer applies.",
        "notice.penalty_off.text": "Penalty lifted: {perk}.",
        "notice.perk_on.title": "Unlocked: {perk}",
        "notice.perk_on.body": "A reward for your trustworthiness.",
        "notice.perk_on.text": "Now open to you: {perk}.",
        "notice.perk_off.title": "No longer yours: {perk}",
        "notice.perk_off.body": "Raise your score to get it back.",
        "notice.perk_off.text": "No longer open to you: {perk}.",
        # applications
        "notice.application_granted.title": "Approved: {perk}",
        "notice.application_refused.title": "Declined: {perk}",
        "notice.application_granted.text": "Application granted: {perk}. {body}",
        "notice.application_refused.text": "Application refused: {perk}. {body}",
        # contacts
        "notice.contact.someone": "A contact",
        "notice.contact.says": " {name}: “{says}”",
        "notice.contact.befriended": "{name} joined your network",
        "notice.contact.dropped": "You removed {name}",
        "notice.contact.dropped_you": "{name} left your network",
        # eras
        "notice.era.title": "New rules: {era}",
        "notice.era.body": "Trust is measured by new rules from this month.",
        "notice.era.text": "A new era begins: {era}.",
    }
)


def say(message_id: str, /, **params: object) -> str:
    """The sentence ``message_id`` with ``params`` filled in (KeyError for an unknown id or a
    missing parameter: a bug, caught by the tests)."""
    return ENGLISH[message_id].format(**params)


def parameters(message_id: str) -> frozenset[str]:
    """The names of the parameters ``message_id``'s template uses (for tests and translators)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(ENGLISH[message_id]) if name)
