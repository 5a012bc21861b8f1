"""Run-time hooks of the scoring model: actions become ledger entries; months bring drift, pull and
eras; contacts react; gates refuse with a reason worded by the transparency mode.

Every change of the score goes through :func:`_change`, which clamps it to the range, appends the
ledger entry, emits the ``score`` event and then any ``tier`` and ``perks`` events it causes.

Events this module emits (data fields):

- ``score``: delta, requested, score, factor, source (rule, pull or drift), explain (an
  :class:`~game.engine.scoring.explain.Explain`: an id and parameters, worded per mode at display), date
- ``tier``: old, new, title, up (bool)
- ``perks``: gained [ids], lost [ids], titles {id: title}, penalties [the ids among them that are penalties]
- ``perk``: an application: perk, title, granted (bool), explain
- ``contact``: contact, name, change (befriended, dropped, dropped_you, closer, cooler), explain,
  and ``says`` when the contact's reaction has words
- ``era``: old, new, title
- ``month``: date (the calendar moved forward)
"""

from __future__ import annotations

import re
from typing import Any

from ..events import Cause
from ..kinds import DEFAULT_MODE, EventKind, Mode
from ..model import Choice, Scene, Story
from ..state import State
from ..trail import Trail
from .explain import Explain
from .model import (
    MODES,
    PERK_MARGIN,
    Action,
    Requires,
    Rule,
    Rules,
    ScoreModel,
    month_index,
    month_text,
)
from .state import ContactState, Entry, ScoreState

NAME = "score"
DEFAULT_START_MONTH = month_index("2015-01")


def model_of(story: Story) -> ScoreModel | None:
    return story.extra.get(NAME)


def part_of(state: State) -> ScoreState | None:
    return state.ext.get(NAME)


# -- the app -------------------------------------------------------------------------


class AppStatus:
    """Whether the player has the score app on (``app.active``) or has deleted it (``app.deleted``):
    the story's ``app: visible_if:`` and ``deleted_if:`` read in a state. Without them the app is
    always on and never deleted. A deleted app is never active.

    The loader makes one per story before the conditions are compiled (built-ins come first) and
    hands it the compiled conditions afterwards (:meth:`bind`). The conditions never read
    ``app.*`` (the loader refuses that) nor draw at random (no condition may), so reading them
    changes nothing.
    """

    __slots__ = ("visible_if", "deleted_if", "builtins")

    def __init__(self) -> None:
        self.visible_if: Any = None
        self.deleted_if: Any = None
        self.builtins: Any = {}

    def bind(self, visible_if, deleted_if, builtins) -> None:
        self.visible_if, self.deleted_if, self.builtins = visible_if, deleted_if, builtins

    def deleted(self, state: State) -> bool:
        return self.deleted_if is not None and bool(self.deleted_if.evaluate(_Names(self.builtins, state)))

    def active(self, state: State) -> bool:
        if self.deleted(state):
            return False
        return self.visible_if is None or bool(self.visible_if.evaluate(_Names(self.builtins, state)))


class _Names:
    """A state's names for the app's conditions (the expression Context, without random draws)."""

    __slots__ = ("builtins", "state")

    def __init__(self, builtins, state: State) -> None:
        self.builtins, self.state = builtins, state

    def get(self, name: str) -> Any:
        try:
            return self.state.vars[name]
        except KeyError:
            return self.builtins[name].get(self.state)

    def randint(self, lo: int, hi: int) -> int:
        raise AssertionError("the app's conditions never draw at random")  # the loader refuses random()


# -- starting ------------------------------------------------------------------------


def initial(story: Story, options: dict) -> ScoreState | None:
    model = model_of(story)
    if model is None or model.rules is None:
        return None
    rules = model.rules
    raw = options.get("transparency") or DEFAULT_MODE
    try:
        mode = Mode(raw)
    except ValueError:
        raise ValueError(f"transparency must be one of {', '.join(MODES)}, not {raw!r}") from None
    month = model.calendar_start
    if month is None:
        month = rules.eras[0].start if rules.eras else DEFAULT_START_MONTH
    era = rules.era_at(month)
    tier = rules.tier_of(rules.start)
    contacts = tuple(
        (c.id, ContactState(_clamp(rules, c.score), c.closeness, c.friend)) for c in model.contacts.values()
    )
    part = ScoreState(
        score=rules.start,
        tier=tier.id if tier else "",
        era=era.id if era else "",
        month=month,
        mode=mode,
        contacts=contacts,
    )
    return part.evolve(perks=perks_now(rules, part))


def from_json(story: Story, data: Any) -> ScoreState | None:
    """The scoring part of a saved state, checked against the story's rules (a save may have been
    edited): raises ValueError naming the first thing that does not fit."""
    model = model_of(story)
    if data is None or model is None or model.rules is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("the scoring part is not a mapping")
    for key, value in _dates(data):
        if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
            raise ValueError(f"{key} {value!r} is not a date from 1900-01 to 2099-12")
    part = ScoreState.from_json(data, list(model.contacts))
    problem = _misfit(model.rules, model, part, data)
    if problem:
        raise ValueError(problem)
    return part


_DATE_RE = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")


def _dates(data: dict):
    yield "the date", data.get("date")
    ledger = data.get("ledger")
    for i, entry in enumerate(ledger if isinstance(ledger, list) else ()):
        yield f"ledger entry {i + 1}'s date", entry.get("date") if isinstance(entry, dict) else None


def _misfit(rules: Rules, model: Any, part: ScoreState, data: dict) -> str | None:
    """Why a saved scoring part cannot be one this story's rules produce, or None."""
    lo, hi = rules.min, rules.max
    if not lo <= part.score <= hi:
        return f"the score {part.score} is outside the range {lo} to {hi}"
    tier = rules.tier_of(part.score)
    if part.tier != (tier.id if tier else ""):
        return f"the tier {part.tier!r} is not the tier of the score {part.score}"
    if rules.eras and part.era not in {e.id for e in rules.eras}:
        return f"the era {part.era!r} is not in the rules"
    if part.mode not in MODES:
        return f"the transparency {part.mode!r} is not one of {', '.join(MODES)}"
    unknown = set(data.get("contacts") or ()) - set(model.contacts)
    if unknown or len(part.contacts) != len(model.contacts):
        return "the contacts are not the story's contacts"
    for cid, contact in part.contacts:
        if not lo <= contact.score <= hi or not 1 <= contact.closeness <= 5:
            return f"the contact {cid!r} has a score or closeness out of range"
    for name, ids in (("perks", part.perks), ("granted", part.granted), ("refused", part.refused)):
        if not ids <= set(rules.perks):
            return f"the saved {name} name perks the rules do not have"
    if any(n < 0 for _, n in part.counts):
        return "a rule's count is negative"
    # The ledger explains the score: start + every change, each entry's score the running total.
    running = rules.start
    for i, entry in enumerate(part.ledger, 1):
        running += entry.delta
        if entry.score != running or not lo <= running <= hi:
            return f"the ledger does not add up at entry {i} ({entry.score}; its changes give {running})"
    if running != part.score:
        return f"the score {part.score} is not the start {rules.start} plus the ledger's changes ({running})"
    return None


def _clamp(rules: Rules, value: int) -> int:
    return max(rules.min, min(rules.max, value))


def perks_now(rules: Rules, part: ScoreState) -> frozenset[str]:
    """The perks and penalties that apply to ``part`` now, judged with a margin against those it
    already has (``part.perks``): a perk is gained at its threshold (``min:``, and ``tier:``'s
    minimum) and kept until the score falls :data:`PERK_MARGIN` points below it; a penalty applies
    below its ``max:`` and is lifted only at ``max + PERK_MARGIN``. Outside its eras a perk never
    applies. So a score hovering near a line does not switch a perk on and off."""
    out = set()
    score, era, held_now = part.score, part.era, part.perks
    for perk, need in _needs(rules):
        if perk.eras is not None and era not in perk.eras:
            continue
        held = perk.id in held_now
        if perk.penalty:
            limit = None if perk.max is None else perk.max + (PERK_MARGIN if held else 0)
            active = limit is not None and score < limit
        else:
            active = need is None or score >= need - (PERK_MARGIN if held else 0)
        if active:
            out.add(perk.id)
    return frozenset(out)


_last_needs: tuple[Rules | None, tuple] = (None, ())


def _needs(rules: Rules) -> tuple:
    """(perk, the score it needs) for each perk of ``rules``: worked out once per rules, not at each
    of the several judgements a month makes (remembered for the last rules asked, by identity)."""
    global _last_needs
    if _last_needs[0] is not rules:
        _last_needs = (rules, tuple((perk, _perk_threshold(rules, perk)) for perk in rules.perks.values()))
    return _last_needs[1]


def _perk_threshold(rules: Rules, perk) -> int | None:
    """The score a perk needs: its ``min:`` and its ``tier:``'s minimum, whichever is higher."""
    tier = rules.tier(perk.tier) if perk.tier is not None else None
    bounds = [b for b in (perk.min, tier.min if tier else None) if b is not None]
    return max(bounds) if bounds else None


# -- changing the score --------------------------------------------------------------


def _change(
    step,
    rules: Rules,
    part: ScoreState,
    requested: int,
    factor: str,
    source: str,
    explain: Explain,
    cause: Cause,
    rule: str | None = None,
    contact: str | None = None,
    judge: bool = True,
) -> ScoreState:
    """Apply one change: clamp, record in the ledger, emit score (and tier/perks) events. With
    ``judge`` false (a month's drift and pull) perks wait for the end of the month."""
    new_score = _clamp(rules, part.score + requested)
    delta = new_score - part.score
    if delta == 0 and requested == 0:
        return part
    entry = Entry(
        turn=step.turn,
        month=part.month,
        delta=delta,
        requested=requested,
        score=new_score,
        factor=factor,
        source=source,
        explain=explain,
        rule=rule,
        contact=contact,
        scene=cause.scene,
        choice=cause.choice,
    )
    part = part.evolve(score=new_score, ledger=Trail.of(part.ledger).plus(entry))  # shared, not copied
    event_cause = Cause(cause.scene, cause.choice, rule, contact)
    step.emit(
        EventKind.SCORE,
        {
            "delta": delta,
            "requested": requested,
            "score": new_score,
            "factor": factor,
            "source": source,
            "explain": explain,
            "date": month_text(part.month),
        },
        event_cause,
    )
    return _settle(step, rules, part, event_cause, judge)


def _settle(step, rules: Rules, part: ScoreState, cause: Cause, judge: bool = True) -> ScoreState:
    """Emit the tier change the current score implies and (with ``judge``) the perk changes the
    score and era imply: perks are judged after each choice's action and once at the end of
    each month, never in the middle of a month's movements."""
    tier = rules.tier_of(part.score)
    if tier is not None and tier.id != part.tier:
        up = rules.tier_rank(tier.id) > rules.tier_rank(part.tier)
        step.emit(EventKind.TIER, {"old": part.tier, "new": tier.id, "title": tier.title, "up": up}, cause)
        part = part.evolve(tier=tier.id)
    if not judge:
        return part
    perks = perks_now(rules, part)
    if perks != part.perks:
        gained, lost = sorted(perks - part.perks), sorted(part.perks - perks)
        titles = {p: rules.perks[p].title for p in gained + lost}
        penalties = sorted(p for p in gained + lost if rules.perks[p].penalty)
        data = {"gained": gained, "lost": lost, "titles": titles, "penalties": penalties}
        step.emit(EventKind.PERKS, data, cause)
        part = part.evolve(perks=perks)
    return part


def _rule_explain(rules: Rules, rule: Rule, requested: int, clamped_to: int | None) -> Explain:
    return Explain.of(
        "explain.rule",
        factor=rules.factor_title(rule.factor).lower(),
        change=rule.change,
        rule=rule.id,
        requested=requested if requested != rule.change else None,
        capped=clamped_to,
        opaque=rule.opaque,
        partial=rule.partial,
        transparent=rule.transparent,
    )


def _apply_rules(
    step, rules: Rules, part: ScoreState, kind: str, tags: frozenset[str], cause: Cause
) -> ScoreState:
    for rule in rules.rules:
        if not rule.matches(kind, tags) or (rule.eras is not None and part.era not in rule.eras):
            continue
        key = None
        repeats = 0
        if rule.limit_times is not None or rule.diminishing is not None:
            period = {"month": month_text(part.month), "year": month_text(part.month)[:4], "game": "game"}[
                rule.limit_per
            ]
            key = f"{rule.id}@{period}"
            repeats = part.count(key)
            if rule.limit_times is not None and repeats >= rule.limit_times:
                continue
        requested = rule.change
        if rule.diminishing is not None and repeats:
            requested = int(rule.change * (rule.diminishing / 100) ** repeats)
        if key is not None:
            part = part.counted(key)
        if requested == 0:
            continue
        target = part.score + requested
        clamped_to = rules.max if target > rules.max else rules.min if target < rules.min else None
        explain = _rule_explain(rules, rule, requested, clamped_to)
        part = _change(step, rules, part, requested, rule.factor, "rule", explain, cause, rule=rule.id)
    return part


# -- hooks ---------------------------------------------------------------------------


def on_choice(step, choice: Choice) -> None:
    """Perform the choice's actions."""
    extra = choice.extra.get(NAME)
    part = step.ext.get(NAME)
    if extra is None or part is None:
        return
    model = model_of(step.story)
    rules = model.rules
    cause = Cause(choice.scene, choice.id)
    for action in extra.actions:
        part = _perform(step, model, rules, part, action, cause)
    step.ext[NAME] = part


def _perform(
    step, model: ScoreModel, rules: Rules, part: ScoreState, action: Action, cause: Cause
) -> ScoreState:
    part = _perform_action(step, model, rules, part, action, cause)
    tags = frozenset(action.values)
    if action.kind in ("befriend", "drop"):
        tags = model.contacts[action.target].tags | tags
    return _react(step, model, part, action.kind, tags, cause)


def _react(
    step, model: ScoreModel, part: ScoreState, kind: str, tags: frozenset[str], cause: Cause
) -> ScoreState:
    """Contacts who see an action react: closer or cooler, or they drop you."""
    for cid, c in part.contacts:
        contact = model.contacts[cid]
        for reaction in contact.reactions:
            if not reaction.matches(kind, tags):
                continue
            closeness = max(1, min(5, c.closeness + reaction.closeness))
            drop = reaction.drops and c.friend
            if closeness == c.closeness and not drop:
                continue
            c = ContactState(c.score, closeness, c.friend and not drop, c.dropped, c.dropped_you or drop)
            part = part.with_contact(cid, c)
            change = "dropped_you" if drop else ("closer" if reaction.closeness > 0 else "cooler")
            data = _contact_data(cid, contact.name, change)
            if reaction.says:
                data["says"] = reaction.says
            step.emit(EventKind.CONTACT, data, Cause(cause.scene, cause.choice, contact=cid))
    return part


def _perform_action(
    step, model: ScoreModel, rules: Rules, part: ScoreState, action: Action, cause: Cause
) -> ScoreState:
    kind = action.kind
    if kind in ("befriend", "drop"):
        cid = action.target
        contact = model.contacts[cid]
        now = part.contact(cid)
        if kind == "befriend" and not now.friend:
            part = part.with_contact(cid, ContactState(now.score, now.closeness, True, now.dropped, False))
            step.emit(
                EventKind.CONTACT,
                _contact_data(contact.id, contact.name, "befriended"),
                Cause(cause.scene, cause.choice, contact=cid),
            )
        elif kind == "drop" and now.friend:
            part = part.with_contact(
                cid, ContactState(now.score, now.closeness, False, True, now.dropped_you)
            )
            step.emit(
                EventKind.CONTACT,
                _contact_data(contact.id, contact.name, "dropped"),
                Cause(cause.scene, cause.choice, contact=cid),
            )
        else:
            return part
        tags = contact.tags | {cid}
        return _apply_rules(step, rules, part, kind, tags, Cause(cause.scene, cause.choice, contact=cid))
    if kind == "apply":
        perk = rules.perks[action.target]
        granted = perk.id in part.perks and not perk.penalty
        if granted:
            part = part.evolve(granted=part.granted | {perk.id}, refused=part.refused - {perk.id})
            explain = _approval(rules, perk, part.score)
        else:
            part = part.evolve(refused=part.refused | {perk.id}, granted=part.granted - {perk.id})
            explain = _refusal(rules, part, Requires(perk=perk.id))
        step.emit(
            EventKind.PERK,
            {"perk": perk.id, "title": perk.title, "granted": granted, "explain": explain},
            cause,
        )
        return _apply_rules(step, rules, part, "apply", frozenset({perk.id}), cause)
    return _apply_rules(step, rules, part, kind, frozenset(action.values), cause)


def _approval(rules: Rules, perk, score: int) -> Explain:
    need = _perk_threshold(rules, perk)
    held = need is not None and score < need  # held within the margin
    return Explain.of(
        "explain.approved", score=score, **_condition(rules, perk), margin=PERK_MARGIN if held else None
    )


def _contact_data(cid: str, name: str, change: str) -> dict:
    explain = Explain.of("explain.contact", change=change, name=name)
    return {"contact": cid, "name": name, "change": change, "explain": explain}


def on_enter(step, scene: Scene) -> None:
    """A dated scene moves the calendar forward, a month at a time."""
    extra = scene.extra.get(NAME)
    part = step.ext.get(NAME)
    if extra is None or extra.date is None or part is None or extra.date <= part.month:
        return
    model = model_of(step.story)
    cause = Cause(scene.id)
    while part.month < extra.date:
        part = _tick(step, model, part.evolve(month=part.month + 1), cause)
    step.emit(EventKind.MONTH, {"date": month_text(part.month)}, cause)
    step.ext[NAME] = part


def _tick(step, model: ScoreModel, part: ScoreState, cause: Cause) -> ScoreState:
    """One month: era, contacts' trajectories, drift, the pull of contacts, reactions."""
    rules = model.rules
    era = rules.era_at(part.month)
    if era is not None and era.id != part.era:
        step.emit(EventKind.ERA, {"old": part.era, "new": era.id, "title": era.title}, cause)
        part = part.evolve(era=era.id)  # its perks are judged with the month's, at the end
    contacts = []
    for cid, c in part.contacts:
        trajectory = model.contacts[cid].trajectory
        contacts.append(
            (
                cid,
                ContactState(
                    _clamp(rules, c.score + trajectory), c.closeness, c.friend, c.dropped, c.dropped_you
                )
                if trajectory
                else c,
            )
        )
    part = part.evolve(contacts=tuple(contacts))
    if rules.drift_toward is not None and rules.drift_percent:
        gap = rules.drift_toward - part.score
        delta = _round(gap * rules.drift_percent / 100)
        if delta:
            explain = Explain.of(
                "explain.drift",
                factor=rules.factor_title(rules.drift_factor).lower(),
                delta=delta,
                percent=rules.drift_percent,
                toward=rules.drift_toward,
            )
            part = _change(step, rules, part, delta, rules.drift_factor, "drift", explain, cause, judge=False)
    for cid, share in pull_shares(model, part):
        if share:
            contact = model.contacts[cid]
            now = part.contact(cid)
            explain = Explain.of(
                "explain.pull",
                share=share,
                name=contact.name,
                score=now.score,
                percent=rules.pull_percent,
                closeness=now.closeness,
                total=_closeness_total(part),
            )
            part = _change(
                step, rules, part, share, "relationships", "pull", explain, cause, contact=cid, judge=False
            )
    return _reactions(step, model, _settle(step, rules, part, cause), cause)


def _round(x: float) -> int:
    """Round half away from zero (the documented rounding of drift and pull)."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def _closeness_total(part: ScoreState) -> int:
    return sum(c.closeness for _, c in part.contacts if c.friend)


def pull_shares(model: ScoreModel, part: ScoreState) -> list[tuple[str, int]]:
    """This month's pull of each contact in the network: round(P/100 × k/Σk × (s_c − s))."""
    total = _closeness_total(part)
    percent = model.rules.pull_percent if model.rules else 0
    if not total or not percent:
        return []
    return [
        (cid, _round(percent / 100 * c.closeness / total * (c.score - part.score)))
        for cid, c in part.contacts
        if c.friend
    ]


def _reactions(step, model: ScoreModel, part: ScoreState, cause: Cause) -> ScoreState:
    for cid, c in part.contacts:
        contact = model.contacts[cid]
        if c.friend and contact.drops_below and part.score < contact.drops_below:
            part = part.with_contact(cid, ContactState(c.score, c.closeness, False, c.dropped, True))
            step.emit(
                EventKind.CONTACT,
                _contact_data(cid, contact.name, "dropped_you"),
                Cause(cause.scene, cause.choice, contact=cid),
            )
    return part


def on_turn(step) -> None:
    """After each choice: contacts who drop players below their threshold do so now."""
    part = step.ext.get(NAME)
    if part is None:
        return
    new = _reactions(step, model_of(step.story), part, step.cause)
    if new is not part:
        step.ext[NAME] = new


# -- gates ---------------------------------------------------------------------------


def _condition(rules: Rules, perk) -> dict:
    """The parameters that word what ``perk`` needs: its tier's title and minimum, or its ``min:``."""
    if perk.tier is not None:
        tier = rules.tier(perk.tier)
        return {"tier": tier.title, "min": tier.min}
    return {"min": perk.min}


def _refusal(rules: Rules, part: ScoreState, req: Requires) -> Explain:
    if req.perk is not None:
        perk = rules.perks[req.perk]
        era = part.era if perk.eras is not None and part.era not in perk.eras else None
        condition = _condition(rules, perk)
        vague = perk.vague or None
        return Explain.of("explain.refused.perk", score=part.score, **condition, era=era, vague=vague)
    if req.tier is not None:
        tier = rules.tier(req.tier)
        return Explain.of("explain.refused.tier", score=part.score, tier=tier.title, min=tier.min)
    return Explain.of("explain.refused.score", score=part.score, need=req.score)


def _meets(rules: Rules, part: ScoreState, req: Requires) -> bool:
    if req.perk is not None:
        return req.perk in part.perks and not rules.perks[req.perk].penalty
    if req.tier is not None:
        return rules.tier_rank(part.tier) >= rules.tier_rank(req.tier)
    return part.score >= (req.score or 0)


def gate(story: Story, state: State, choice: Choice) -> str | None:
    """The reason a gated choice is refused, in the session's transparency mode; None if allowed.
    While the player does not see the app (not activated, or deleted) the reason never quotes the
    score: transparent mode gives the partial wording then."""
    extra = choice.extra.get(NAME)
    if extra is None or extra.requires is None:
        return None
    part = part_of(state)
    rules = model_of(story).rules
    if part is None or _meets(rules, part, extra.requires):
        return None
    mode = part.mode
    if mode == Mode.TRANSPARENT:
        active = story.builtins.get("app.active")
        if active is not None and not active.get(state):
            mode = Mode.PARTIAL
    return _refusal(rules, part, extra.requires)[mode]
