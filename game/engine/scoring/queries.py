"""Questions front ends ask of the score: who pulls you down, whom to befriend, what the ledger says.

All read a story and a state and change nothing. The desktop's score app, the terminal's views,
the debrief and the workshop report use these same answers.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from ..model import Choice, Scene, Story
from ..state import State
from .engine import NAME, model_of, part_of, pull_shares
from .model import ScoreModel, month_text
from .state import ContactState, Entry, ScoreState


def model(story: Story) -> ScoreModel | None:
    """The story's scoring model (rules, contacts, calendar, app, debrief); None without a score."""
    return model_of(story)


def part(state: State) -> ScoreState | None:
    """The score's part of a state (score, tier, ledger, contacts, mode); None without a score."""
    return part_of(state)


def extra(node: Scene | Choice) -> Any:
    """What the scoring model added to a scene or choice (its actions, date, facts, debrief), or None."""
    return node.extra.get(NAME)


class ContactView(Struct, frozen=True):
    """A contact as the app shows them. ``pull_now`` is this month's pull on your score;
    ``pull_total`` the sum of their pull in the ledger so far."""

    id: str
    name: str
    score: int
    closeness: int
    friend: bool
    dropped: bool
    dropped_you: bool
    pull_now: int
    pull_total: int
    bio: str


class Suggestion(Struct, frozen=True):
    """Someone the app suggests: how much adding them would change this month's pull."""

    id: str
    name: str
    score: int
    gain: int


class ScoreView(Struct, frozen=True):
    """The score app's main screen."""

    score: int
    min: int
    max: int
    tier: str
    tier_title: str
    next_tier: str | None
    next_tier_at: int | None
    era: str
    era_title: str
    date: str
    mode: str
    perks: tuple[tuple[str, str, bool], ...]  # (id, title, penalty)
    rules_title: str


def score_view(story: Story, state: State) -> ScoreView | None:
    """The score app's header data, or None for a story without a score."""
    model, part = model_of(story), part_of(state)
    if model is None or part is None:
        return None
    rules = model.rules
    nxt = rules.next_tier(part.tier)
    era = next((e for e in rules.eras if e.id == part.era), None)
    return ScoreView(
        score=part.score,
        min=rules.min,
        max=rules.max,
        tier=part.tier,
        tier_title=rules.tier_title(part.tier),
        next_tier=nxt.title if nxt else None,
        next_tier_at=nxt.min if nxt else None,
        era=part.era,
        era_title=era.title if era else "",
        date=month_text(part.month),
        mode=part.mode,
        perks=tuple((p, rules.perks[p].title, rules.perks[p].penalty) for p in sorted(part.perks)),
        rules_title=rules.title,
    )


def contacts(story: Story, state: State) -> list[ContactView]:
    """Every contact, in story order, with their pull now and so far."""
    model, part = model_of(story), part_of(state)
    if model is None or part is None:
        return []
    now = dict(pull_shares(model, part))
    totals: dict[str, int] = {}
    for entry in part.ledger:
        if entry.source == "pull" and entry.contact:
            totals[entry.contact] = totals.get(entry.contact, 0) + entry.delta
    out = []
    for cid, c in part.contacts:
        contact = model.contacts[cid]
        out.append(
            ContactView(
                cid,
                contact.name,
                c.score,
                c.closeness,
                c.friend,
                c.dropped,
                c.dropped_you,
                now.get(cid, 0),
                totals.get(cid, 0),
                contact.bio,
            )
        )
    return out


def pulling_down(story: Story, state: State) -> list[ContactView]:
    """Contacts in the network whose pull lowers the score this month, the strongest first."""
    return sorted(
        (c for c in contacts(story, state) if c.friend and c.pull_now < 0), key=lambda c: c.pull_now
    )


def suggestions(story: Story, state: State, limit: int = 3) -> list[Suggestion]:
    """People not in the network (and who have not dropped you), ranked by predicted gain:
    how much this month's total pull would change if they were added."""
    model, part = model_of(story), part_of(state)
    if model is None or part is None or not model.rules.pull_percent:
        return []
    base = sum(share for _, share in pull_shares(model, part))
    out = []
    for cid, c in part.contacts:
        if c.friend or c.dropped_you:
            continue
        trial = part.with_contact(cid, ContactState(c.score, c.closeness, True, c.dropped, c.dropped_you))
        gain = sum(share for _, share in pull_shares(model, trial)) - base
        if gain > 0:
            out.append(Suggestion(cid, model.contacts[cid].name, c.score, gain))
    out.sort(key=lambda s: (-s.gain, s.id))
    return out[:limit]


def app_active(story: Story, state: State) -> bool:
    """Whether the player sees the score now: ``app.active``, the story's ``app: visible_if:`` and
    not ``deleted_if:`` (always, without an ``app:`` block or a score). The score is kept either
    way; front ends hide its screens and notices while this is false."""
    builtin = story.builtins.get("app.active")
    return True if builtin is None else builtin.get(state)


def app_deleted(story: Story, state: State) -> bool:
    """Whether the player has deleted the score app (``app.deleted``; never without ``deleted_if:``)."""
    builtin = story.builtins.get("app.deleted")
    return False if builtin is None else builtin.get(state)


app_visible = app_active  # the name the desktop used before app.active; goes with its next change


def ledger(state: State) -> tuple[Entry, ...]:
    part = part_of(state)
    return part.ledger if part else ()


def by_factor(story: Story, state: State) -> list[tuple[str, str, int]]:
    """(factor id, title, total delta) for every factor with entries, largest effect first."""
    model, part = model_of(story), part_of(state)
    if model is None or part is None:
        return []
    totals: dict[str, int] = {}
    for entry in part.ledger:
        totals[entry.factor] = totals.get(entry.factor, 0) + entry.delta
    rows = [(f, model.rules.factor_title(f), d) for f, d in totals.items()]
    rows.sort(key=lambda r: -abs(r[2]))
    return rows


def check_ledger(story: Story, part: ScoreState) -> bool:
    """The ledger invariant: the score is the start plus the sum of the deltas."""
    return part.score == model_of(story).rules.start + sum(e.delta for e in part.ledger)


def story_years(story: Story) -> tuple[int, int] | None:
    """The first and last calendar year the story's dated scenes reach (for a title page), or None."""
    years = [
        part.date // 12
        for scene in story.scenes.values()
        if (part := scene.extra.get(NAME)) is not None and part.date is not None
    ]
    return (min(years), max(years)) if years else None
