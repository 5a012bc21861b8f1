"""The English message catalogue: sentences the runtime writes for a player, by message id.

Code that shows the player a sentence of its own (not the story's or the rules file's text) asks for
it by id with named parameters, ``say("notice.tier_up.title", tier="Gold")``, and the catalogue's
template makes it (``str.format`` syntax: ``{delta:+d}`` keeps its sign). A second language is a
second table with the same ids and parameters; :func:`say` is the one place that would choose it.
Story and rules text (titles, ``explain:`` lines, what contacts say) is the author's and is passed in
as a parameter, never looked up here.

The score app's notices (:mod:`game.engine.scoring.notices`) and the scoring engine's explanations
speak through it. Events carry no finished sentence: a score, application or contact event holds an
explanation id and its parameters (:mod:`game.engine.scoring.explain`), worded here when a front end,
the debrief or a log reader shows it. :func:`speaking` swaps in another table (tests prove a pseudo
language reaches every notice and explanation of a game).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

#: id → English template. Ids are ``area.what[.part]``; a notice's parts are title, body and text
#: (the pop-up's two lines, and the one sentence the terminal and screen readers give).
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # what a score view says while the app shows nothing (scoring.shown.status_line)
        "app.none": "This story has no score.",
        "app.inactive": "The score app is not active: you have not turned it on.",
        "app.deleted": "You deleted the score app. It shows you nothing now.",
        # the terminal's score views (the score, contacts and ledger commands)
        "view.score": "Score {score} ({tier}), {date}, era: {era}.",
        "view.next_tier": "Next tier {tier} at {min}.",
        "view.perk": "Perk: {perk}",
        "view.penalty": "Penalty: {perk}",
        "view.contacts.none": "(No contacts.)",
        "view.contacts.heading": "Your network:",
        "view.contact": "{name}: score {score}",
        "view.contact.pull": ", closeness {closeness}, pull this month {now:+d} (so far {total:+d})",
        "view.pulling_down": "Pulling you down: {names}",
        "view.pulling_down.one": "{name} ({now:+d})",
        "view.outside": "Not in your network: {names}",
        "view.outside.dropped_you": "{name} (dropped you)",
        "view.outside.dropped": "{name} (dropped)",
        "view.outside.score": "{name} ({score})",
        "view.suggested": "Suggested for you: {names}",
        "view.suggested.one": "{name} (+{gain} a month)",
        "view.ledger.empty": "(The ledger is empty.)",
        "view.ledger.heading": "Ledger (newest last):",
        "view.ledger.entry": "{date} turn {turn}: {delta:+d} → {score}  {reason}",
        "view.ledger.more": "  ({count} earlier entries not shown)",
        # what the app showed the player, by mode (engine/debrief.py: Debrief.mode_note)
        "debrief.mode.opaque": (
            "You played in opaque mode: the app showed you the number and never said why it moved. "
            "Everything below is what it did not tell you."
        ),
        "debrief.mode.partial": (
            "You played in partial mode: the app gave vague reasons, such as “Your network affected "
            "your score”, and never its rules or figures. Below are the rules it applied."
        ),
        "debrief.mode.transparent": (
            "You played in transparent mode: the app showed every rule and figure as it applied them, "
            "which the real apps never did. Below is the same, all together."
        ),
        # the months, by number (the text debrief's dates)
        "month.01": "January",
        "month.02": "February",
        "month.03": "March",
        "month.04": "April",
        "month.05": "May",
        "month.06": "June",
        "month.07": "July",
        "month.08": "August",
        "month.09": "September",
        "month.10": "October",
        "month.11": "November",
        "month.12": "December",
        "date.month": "{month} {year}",
        # the months, short (the desktop's score history)
        "month.short.01": "Jan",
        "month.short.02": "Feb",
        "month.short.03": "Mar",
        "month.short.04": "Apr",
        "month.short.05": "May",
        "month.short.06": "Jun",
        "month.short.07": "Jul",
        "month.short.08": "Aug",
        "month.short.09": "Sep",
        "month.short.10": "Oct",
        "month.short.11": "Nov",
        "month.short.12": "Dec",
        # the debrief's five steps, by step (every front end's headings)
        "debrief.step.title.feel": "How did it feel?",
        "debrief.step.title.happened": "What happened",
        "debrief.step.title.mechanism": "How the mechanism works",
        "debrief.step.title.real": "What is real",
        "debrief.step.title.question": "A question to take away",
        # how a claim's answer reads (before and after play, and in the debrief)
        "claim.answer.true": "True",
        "claim.answer.false": "False",
        "claim.answer.unsure": "Not sure",
        # the text debrief's frame, choices, levers, claims and facts (game/text/debrief.py)
        "debrief.heading": "=== The debrief ===",
        "debrief.end": "=== End of the debrief ===",
        "debrief.step": "Step {n} of {count}: {title}",
        "debrief.ending": "Your ending: {ending}.",
        "debrief.ending.none": "The end",
        "debrief.choices": "The choices you made:",
        "debrief.choices.key": "The choices you made (key decisions are replayed in step 3):",
        "debrief.choice": "  Turn {turn}, {scene}: {text}",
        "debrief.choice.key": "  Turn {turn}, a key decision, {scene}: {text}",
        "debrief.no_choices": "No choices: you started at the end.",
        "debrief.levers": "The levers the app pulled on you, in the order you met them:",
        "debrief.levers.none": "The app pulled none of its named levers in your game.",
        "debrief.lever": "  {name} (turn {turn}, {where}): {text}",
        "debrief.lever.chosen": "when you chose, in {scene}",
        "debrief.lever.scene": "in {scene}",
        "debrief.levers.missed": "  Not in your game: {names}.",
        "debrief.claims": (
            "The claims you rated: right before play {before} of {n}, after play {after} of {n}."
        ),
        "debrief.claim": (
            "  “{claim}” You said: before, {before}; after, {after}. It is {key} ({label}). {explanation}"
        ),
        "debrief.claim.no_answer": "no answer",
        "debrief.source": " Source: {source}.",
        "debrief.no_facts": "The scenes you saw list no facts.",
        "debrief.facts": "{label}:",
        "debrief.facts.noted": "{label} ({note}):",
        "debrief.label.documented": "in official documents or the company's own statements",
        "debrief.label.reported": "by journalists and researchers",
        "debrief.label.speculative": "claimed or imagined, not confirmed",
        "debrief.fact": "  {claim} Label: {label}.",
        "debrief.fact.elsewhere": " Elsewhere: {analogue}",
        # the debrief's account of the score (game/text/debrief.py: the terminal and screen readers)
        "debrief.up": "up {n}",
        "debrief.down": "down {n}",
        "debrief.same": "no change",
        "debrief.score": "Your score started at {start} and ended at {end}: {change}.",
        "debrief.tier": " Your tier at the end: {tier}.",
        "debrief.curve": (
            "Your score over time: from {first} to {last}; lowest {low} in {low_when}, "
            "highest {high} in {high_when}."
        ),
        "debrief.changes": "The biggest changes, each explained in full:",
        "debrief.change": "  {when}: {change}, to {score}. {why}",
        "debrief.no_score": "This story has no score: nothing was counted.",
        "debrief.rules": "Rules in force: {rules}.",
        "debrief.factors": "Where your points came from, by factor:",
        "debrief.factor": "  {factor}: {change}.",
        "debrief.pulls": "Who pulled you (each month your contacts' scores pulled yours toward theirs):",
        "debrief.pull": "  {name} ({note}): {change} in all.",
        "debrief.pull.score": "score {score}",
        "debrief.pull.status": "score {score}, {status}",
        "debrief.status.dropped": "dropped by you",
        "debrief.status.dropped_you": "dropped you",
        "debrief.status.friend": "in your network",
        "debrief.whatifs": (
            "The roads not taken: the same game replayed with one key decision changed, your own later "
            "choices kept where they still fit (the largest effects first)."
        ),
        "debrief.whatif": "Turn {turn}: had you chosen “{alternative}” instead of “{taken}”, {outcome}.",
        "debrief.whatif.score": "your score would have ended at {score} ({change} on yours)",
        "debrief.whatif.ending": "the ending: {ending}",
        "debrief.whatif.and": "{first}, and {then}",
        "debrief.whatif.unfinished": "unfinished",
        "debrief.whatif.substituted": (
            "Where your own later choices no longer fitted, the replay took: {choices}."
        ),
        # the desktop debrief's cards (game/desktop/debrief/pages.py; the rest as the text's)
        "debrief.pull.status.card": "score {score} · {status}",
        "debrief.whatif.question": "Had you chosen “{alternative}” instead of “{taken}”:",
        "debrief.whatif.card.score": "score {score} ({signed} on yours)",
        "debrief.whatif.card.tier": "tier {tier}",
        "debrief.whatif.card.ending": "ending: {ending}",
        # the rules in force, as the facilitator's page lists them (game/web/routes.py)
        "rules.pull": "Each month your contacts pull your score {percent} % of the way toward theirs.",
        "rules.drift": "Each month the score drifts {percent} % toward {toward}.",
        "rules.from": " (from a score of {min})",
        # the browser's debrief (game/web/views.py debrief; the rest as the desktop's)
        "web.debrief.score": "Your score went from {start} to {end} under “{rules}”.",
        "web.debrief.change": "{date}: {delta:+d} → {score}. {why}",
        "web.whatif": "Turn {turn}: had you chosen “{alternative}” instead of “{taken}”: {outcome}.",
        "web.whatif.score": "score {score}",
        "web.whatif.ending": ", ending {ending}",
        "web.whatif.unfinished": ", unfinished",
        "web.whatif.yours": " (yours: {score})",
        # the browser's score app (game/web/views.py; the rest as the terminal's)
        "web.contact.pull": ", closeness {closeness}, pull {now:+d}",
        # the desktop's score app (game/desktop/phone/): its own sentences, beside the notices
        "phone.to_next_tier": "{gap} {unit} to {tier}",
        "phone.next_tier": "Next: {tier}. Keep building trust!",
        "phone.top_tier": "Top tier. Well done!",
        "phone.no_changes": "No changes yet. Every change will appear here with its reason.",
        "phone.pulling_down.points": (
            "{name} ({score}) is costing you {cost} {unit} a month. Friends with high scores lift you up!"
        ),
        "phone.pulling_down": "{name} may be lowering your score. Friends with high scores lift you up!",
        "phone.network.in": "In your network",
        "phone.network.pull": "{signed} this month",
        "phone.network.no_pull": "No effect this month",
        "phone.network.none": "Nobody yet. A trusted network raises your score.",
        "phone.suggested.lift": "Could lift your score",
        "phone.suggested.known": "People you may know",
        "phone.suggested.gain": "{signed}/mo",
        "phone.gone.dropped_you": "Removed you",
        "phone.gone.dropped": "You removed them",
        "phone.gone.pull": " · {signed} in all",
        "phone.tagline.pulls": "Your network shapes your score",
        "phone.tagline.no_pull": "Their scores do not count",
        "phone.tagline.rules": "Rules: {rules}",
        "phone.hidden.title": "{app} is not on",
        "phone.hidden.body": (
            "You haven't turned it on. Your score is kept all the same; you just don't look."
        ),
        "phone.none.title": "Score app not active in this story",
        "phone.none.body": (
            "When a story uses the scoring model, your score, your contacts and every reason behind a "
            "change will show up here."
        ),
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
        "notice.someone": "A contact",
        "notice.says": " {name}: “{says}”",
        "notice.contact.befriended": "{name} joined your network",
        "notice.contact.dropped": "You removed {name}",
        "notice.contact.dropped_you": "{name} left your network",
        # eras
        "notice.era.title": "New rules: {era}",
        "notice.era.body": "Trust is measured by new rules from this month.",
        "notice.era.text": "A new era begins: {era}.",
        # why the score moved, per mode (an event's explain; a rules file's own wording comes first)
        "explain.opaque": "Your score changed.",
        "explain.rule.partial": "Your {factor} was reviewed.",
        "explain.rule.transparent": "{change:+d} {factor}: rule {rule}.",
        "explain.rule.repeat": " This time {requested:+d} (repeats count less).",
        "explain.rule.capped": " Capped at {value}, the end of the range.",
        "explain.drift.partial": "Your {factor} was updated.",
        "explain.drift.transparent": (
            "{delta:+d} {factor}: each month the score drifts {percent}% of the way toward {toward}."
        ),
        "explain.pull.partial": "Your network affected your score.",
        "explain.pull.transparent": (
            "{share:+d} relationships: {name}'s score is {score}; each month your contacts pull {percent}% "
            "of the gap, weighted by closeness ({closeness} of {total})."
        ),
        # applications
        "explain.approved": "Approved.",
        "explain.approved.transparent": "Approved: {condition} (yours: {score}).",
        "explain.approved.margin": (
            "Approved: {condition}; yours is {score}, and a perk once gained is kept "
            "until {margin} points below."
        ),
        "explain.declined": "Declined.",
        "explain.condition.tier": "tier {tier} ({min} or more)",
        "explain.condition.score": "a score of {min} or more",
        "explain.refused.era": "Not offered in this era ({era}).",
        "explain.refused.perk": "Needs {condition}; yours is {score}.",
        "explain.refused.perk.vague": "Your profile does not qualify yet.",
        "explain.refused.tier": "Needs tier {tier} ({min} or more); yours is {score}.",
        "explain.refused.tier.vague": "Your trust level does not qualify yet.",
        "explain.refused.score": "Needs a score of {need}; yours is {score}.",
        "explain.refused.score.vague": "Your score does not qualify yet.",
        # contacts: vague (opaque) and plain (partial and transparent)
        "explain.contact.befriended.vague": "{name} is in your network.",
        "explain.contact.befriended.plain": "You added {name}.",
        "explain.contact.dropped.vague": "{name} is no longer in your network.",
        "explain.contact.dropped.plain": "You dropped {name}.",
        "explain.contact.dropped_you.vague": "{name} is no longer in your network.",
        "explain.contact.dropped_you.plain": "{name} removed you from their network.",
        "explain.contact.closer.vague": "{name} feels closer to you.",
        "explain.contact.closer.plain": "{name} feels closer to you.",
        "explain.contact.cooler.vague": "{name} has gone a little quiet.",
        "explain.contact.cooler.plain": "{name} feels further from you.",
    }
)


#: the table :func:`say` reads (English unless :func:`speaking` chose another)
_TABLE: ContextVar[Mapping[str, str]] = ContextVar("messages", default=ENGLISH)


def say(message_id: str, /, **params: object) -> str:
    """The sentence ``message_id`` with ``params`` filled in (KeyError for an unknown id or a
    missing parameter: a bug, caught by the tests)."""
    return _TABLE.get()[message_id].format(**params)


@contextmanager
def speaking(table: Mapping[str, str]) -> Iterator[None]:
    """Within the block, :func:`say` reads ``table``: a second language, the same ids and parameters."""
    token = _TABLE.set(table)
    try:
        yield
    finally:
        _TABLE.reset(token)


def parameters(message_id: str) -> frozenset[str]:
    """The names of the parameters ``message_id``'s template uses (for tests and translators)."""
    from string import Formatter  # here: a game never needs it (the module costs a regex compile)

    return frozenset(name for _, name, _, _ in Formatter().parse(ENGLISH[message_id]) if name)
