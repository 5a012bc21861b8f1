"""The story-size limits of :mod:`game.engine.limits`, checked on a loaded story (E210).

Counts are direct (choices per scene, actions per choice, tiers, perks, rules, contacts,
the calendar's span, the size of variables' numbers). The work of one step is bounded
statically: a choice that enters a dated scene moves the calendar month by month, and each
month costs about as much as the story has contacts (their trajectories, reactions and pull)
plus one (drift, era, perks). :func:`longest_jump` finds the most months any one choice can
move the calendar, from the earliest month the game can be in at each scene; that jump times
(contacts + 1) must stay within ``limits.STEP_MONTH_WORK``.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import limits
from .diagnostics import Diagnostic
from .model import Scene, Story, Where

SCORE = "score"  # the scoring extension's name in story.extra and scene.extra


def check(story: Story) -> list[Diagnostic]:
    """Every limit ``story`` goes past, as E210 errors (empty when it keeps to all of them)."""
    return list(_problems(story))


def _at(where: Where | None, fallback: str, message: str) -> Diagnostic:
    if where is None:
        return Diagnostic(fallback, 0, 0, "E210", message)
    return Diagnostic(where.path, where.line, where.col, "E210", message)


def _over(what: str, count: int, cap: int, key: str) -> str:
    return f"{what}: {count:,}; the limit is {cap:,} ({key} in the Limits table)"


def _problems(story: Story) -> Iterator[Diagnostic]:
    first = next(iter(story.scenes.values()), None)
    home = first.where.path if first else "<story>"
    yield from _scene_problems(story, home)
    yield from _variable_problems(story, home)
    yield from _score_problems(story, home)


def _scene_problems(story: Story, home: str) -> Iterator[Diagnostic]:
    """Choices per scene, actions per choice."""
    for scene in story.scenes.values():
        if len(scene.choices) > limits.CHOICES_PER_SCENE:
            message = _over(
                f"scene {scene.id!r} has too many choices",
                len(scene.choices),
                limits.CHOICES_PER_SCENE,
                "choices_per_scene",
            )
            yield _at(scene.where, home, message)
        for choice in scene.choices:
            extra = choice.extra.get(SCORE) if hasattr(choice, "extra") else None
            actions = len(extra.actions) if extra is not None else 0
            if actions > limits.ACTIONS_PER_CHOICE:
                message = _over(
                    f"choice {choice.uid!r} has too many actions",
                    actions,
                    limits.ACTIONS_PER_CHOICE,
                    "actions_per_choice",
                )
                yield _at(choice.where, home, message)


def _variable_problems(story: Story, home: str) -> Iterator[Diagnostic]:
    """Numbers beyond ±10^15 in an int variable's initial value or range."""
    for var in story.variables.values():
        if var.type != "int":
            continue
        for label, value in (("initial", var.initial), ("min", var.min), ("max", var.max)):
            if isinstance(value, int) and abs(value) > limits.INT_MAGNITUDE:
                message = (
                    f"variable {var.name!r}: {label} is beyond ±10^15 (int_magnitude in the Limits table)"
                )
                yield _at(var.where, home, message)


def _score_problems(story: Story, home: str) -> Iterator[Diagnostic]:
    """The rules' tiers, perks and rules, the contacts, and the calendar (see the module doc)."""
    model = story.extra.get(SCORE)
    if model is None:
        return
    rules = model.rules
    where = Where(rules.path, 0, 0) if rules is not None and rules.path else None
    if rules is not None:
        for what, count, cap, key in (
            ("the rules have too many tiers", len(rules.tiers), limits.TIERS, "tiers"),
            ("the rules have too many perks", len(rules.perks), limits.PERKS, "perks"),
            ("the rules have too many rules", len(rules.rules), limits.RULES, "rules"),
        ):
            if count > cap:
                yield _at(where, home, _over(what, count, cap, key))
    contacts = len(model.contacts)
    if contacts > limits.CONTACTS:
        yield _at(None, home, _over("the story has too many contacts", contacts, limits.CONTACTS, "contacts"))
    yield from _calendar_problems(story, home, contacts)


def _calendar_problems(story: Story, home: str, contacts: int) -> Iterator[Diagnostic]:
    """The calendar's span, and the most contact-months one choice can cost."""
    start = calendar_start(story)
    if start is None:
        return
    dated = [(s, _date(s)) for s in story.scenes.values() if _date(s) is not None]
    if dated:
        scene, latest = max(dated, key=lambda pair: pair[1])
        if latest - start > limits.CALENDAR_MONTHS:
            span = latest - start
            message = _over(
                f"months from the calendar's start to scene {scene.id!r}",
                span,
                limits.CALENDAR_MONTHS,
                "calendar_months",
            )
            yield _at(scene.where, home, message)
            return
    jump, scene = longest_jump(story, start)
    work = jump * (contacts + 1)
    if work > limits.STEP_MONTH_WORK:
        message = (
            f"entering scene {scene.id!r} can move the calendar {jump} months in one choice, with "
            f"{contacts} contacts: {work:,} contact-months; the limit is {limits.STEP_MONTH_WORK:,} "
            "(step_month_work in the Limits table: date the scenes between, or use fewer contacts)"
        )
        yield _at(scene.where if scene else None, home, message)


def calendar_start(story: Story) -> int | None:
    """The month a game starts in, as the scoring engine computes it (None: no calendar)."""
    from .scoring.engine import DEFAULT_START_MONTH

    model = story.extra.get(SCORE)
    if model is None or model.rules is None:
        return None
    if model.calendar_start is not None:
        return model.calendar_start
    return model.rules.eras[0].start if model.rules.eras else DEFAULT_START_MONTH


def _date(scene: Scene) -> int | None:
    extra = scene.extra.get(SCORE)
    return getattr(extra, "date", None)


def _targets(scene: Scene) -> set[str]:
    out: set[str] = set()
    for choice in scene.choices:
        if choice.next is None:
            out.add(scene.id)
        else:
            out.update(choice.next.targets())
    return out


def longest_jump(story: Story, start: int) -> tuple[int, Scene | None]:
    """The most months one choice can move the calendar, and the scene whose entry does it.

    ``earliest[s]`` is a lower bound of the month when the game is at scene ``s`` (the calendar
    only moves forward: at a dated scene it is at least that date; elsewhere at least the
    earliest of the scenes that lead there). A choice from ``a`` into dated ``b`` moves at most
    ``date(b) - earliest[a]`` months. A worklist pass; each scene's bound only ever decreases.
    """
    first = story.scenes.get(story.start)
    if first is None:
        return 0, None
    begin = max(start, _date(first) or start)
    earliest: dict[str, int] = {first.id: begin}
    work = [first.id]
    while work:
        sid = work.pop()
        here = earliest[sid]
        for target in _targets(story.scenes[sid]):
            scene = story.scenes.get(target)
            if scene is None:
                continue
            bound = max(here, _date(scene) or here)
            if bound < earliest.get(target, bound + 1):
                earliest[target] = bound
                work.append(target)
    jump, where = 0, None
    for sid, here in earliest.items():
        for target in _targets(story.scenes[sid]):
            scene = story.scenes.get(target)
            date = _date(scene) if scene is not None else None
            if date is not None and date - here > jump:
                jump, where = date - here, scene
    return jump, where
