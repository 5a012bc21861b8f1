"""Load-time hooks of the scoring model: check the rules, contacts, facts and every reference
to them, and build the frozen :class:`~game.engine.scoring.model.ScoreModel`."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from ..kinds import Mode
from ..model import Builtin, Where
from ..schema import Rec
from .engine import AppStatus
from .format import DEBRIEF_STEPS, FACTOR_IDS, TAG_KINDS
from .model import (
    Action,
    ChoiceScoring,
    Contact,
    Era,
    Fact,
    Perk,
    Reaction,
    Requires,
    Rule,
    Rules,
    SceneScoring,
    ScoreModel,
    Tier,
    month_index,
)

NAME = "score"
APP_STATUS = "score.app"  # the AppStatus behind app.active and app.deleted, in the loader's ext
TIER_TITLES = "score.tier_titles"  # the _TierTitles behind tier_title, in the loader's ext


def _blocks(b, key: str) -> list[tuple[str, Any]]:
    return [(path, rec[key]) for path, rec in b.files if rec.get(key) is not None]


def _scoring_rec(b, report: bool = False) -> Rec | None:
    """The scoring: record in use; ``report`` a second block (once per load: build_story does)."""
    override = getattr(b, "rules_override", None)
    if override is not None:
        return override
    blocks = _blocks(b, "scoring")
    for _path, extra in blocks[1:] if report else ():
        b.error(extra.node, "E206", f"a second scoring: block; the first is in {blocks[0][0]}")
    return blocks[0][1] if blocks else None


def _scoring_written(b) -> bool:
    """Whether the story has a scoring: block, valid or not (an invalid one is already reported,
    so what depends on it is not reported again)."""
    if getattr(b, "rules_override", None) is not None:
        return True
    return any(isinstance(rec.node.value, dict) and "scoring" in rec.node.value for _p, rec in b.files)


def _contact_ids(b) -> list[str]:
    out: list[str] = []
    for _path, contacts in _blocks(b, "contacts"):
        out.extend(c for c in contacts if c not in out)
    return out


#: The name roots :func:`builtins` may return; "date" is kept for the calendar (scenes' date: field).
NAMES = frozenset(
    {
        "score",
        "tier",
        "tier_title",
        "perks",
        "granted",
        "refused",
        "era",
        "year",
        "month",
        "date",
        "friends",
        "contacts",
        "transparency",
        "app",
        "ledger",
        "rules",
    }
)
_MODE_WORDS = ", ".join(repr(m.value) for m in tuple(Mode)[:-1]) + f" or {tuple(Mode)[-1].value!r}"


def builtins(b) -> dict[str, Builtin]:
    """Names for expressions: score, tier, perks..., contacts.ID.*; only for a story with rules."""
    if _scoring_rec(b) is None:
        return {}

    def part(state):
        return state.ext[NAME]

    titles = b.ext[TIER_TITLES] = _TierTitles()
    out = {
        "score": Builtin("score", "int", "The current score.", lambda s: part(s).score),
        "tier": Builtin("tier", "str", "The current tier's id.", lambda s: part(s).tier),
        "tier_title": Builtin("tier_title", "str", "The current tier's title.", titles.title),
        "perks": Builtin("perks", "set", "Perks and penalties that apply now.", lambda s: part(s).perks),
        "granted": Builtin("granted", "set", "Perks applied for and granted.", lambda s: part(s).granted),
        "refused": Builtin("refused", "set", "Perks applied for and refused.", lambda s: part(s).refused),
        "era": Builtin("era", "str", "The current era's id.", lambda s: part(s).era),
        "year": Builtin("year", "int", "The calendar's year.", lambda s: part(s).month // 12),
        "month": Builtin("month", "int", "The calendar's month (1-12).", lambda s: part(s).month % 12 + 1),
        "friends": Builtin("friends", "int", "Contacts in your network.", lambda s: part(s).friend_count()),
        "transparency": Builtin(
            "transparency",
            "str",
            f"The session's transparency mode: {_MODE_WORDS}.",
            lambda s: part(s).mode,
        ),
    }
    # What the ledger says so far, so a debrief can set a reported weight beside what the model did.
    for fid in FACTOR_IDS:
        out[f"ledger.{fid}"] = Builtin(
            f"ledger.{fid}",
            "int",
            f"The sum of the ledger's changes under the {fid} factor so far.",
            lambda s, f=fid: sum(e.delta for e in part(s).ledger if e.factor == f),
        )
    out["ledger.moved"] = Builtin(
        "ledger.moved",
        "int",
        "How far the score has moved in all: the sum of the sizes of the ledger's changes.",
        lambda s: sum(abs(e.delta) for e in part(s).ledger),
    )
    out["rules.pull"] = Builtin(
        "rules.pull",
        "int",
        "The rules' monthly pull of contacts, in per cent (0: contacts' scores do not move yours).",
        titles.pull,
    )
    app = b.ext[APP_STATUS] = AppStatus()
    out["app.active"] = Builtin(
        "app.active", "bool", "The player has the score app on now (see app:).", app.active
    )
    out["app.deleted"] = Builtin(
        "app.deleted", "bool", "The player has deleted the score app (see app:).", app.deleted
    )
    for cid in _contact_ids(b):
        for attr, vtype, doc in (
            ("score", "int", "their score"),
            ("closeness", "int", "their closeness, 1-5"),
            ("friend", "bool", "in your network now"),
            ("dropped", "bool", "you dropped them"),
            ("dropped_you", "bool", "they dropped you"),
        ):
            name = f"contacts.{cid}.{attr}"
            out[name] = Builtin(
                name, vtype, f"{cid}: {doc}", lambda s, c=cid, a=attr: getattr(part(s).contact(c), a)
            )
    return out


class _TierTitles:
    """The ``tier_title`` built-in. Built-ins are made before the rules, so the rules are handed in
    once built (:func:`build_story`); the built-in keeps only this, never the loader's Build, which a
    frozen Story must not keep alive."""

    __slots__ = ("rules",)

    def __init__(self) -> None:
        self.rules = None

    def title(self, state) -> str:
        return self.rules.tier_title(state.ext[NAME].tier) if self.rules is not None else ""

    def pull(self, state) -> int:
        """The ``rules.pull`` built-in: the rules' monthly pull in per cent (0 without rules)."""
        return self.rules.pull_percent if self.rules is not None else 0


def build_story(b) -> ScoreModel:
    rec = _scoring_rec(b, report=True)
    rules = _build_rules(b, rec) if rec is not None else None
    contacts = _build_contacts(b, rules)
    calendars = _blocks(b, "calendar")
    for _path, extra in calendars[1:]:
        b.error(extra.node, "E206", f"a second calendar: block; the first is in {calendars[0][0]}")
    calendar = month_index(calendars[0][1]["start"]) if calendars else None
    facts: dict[str, Fact] = {}
    for _path, block in _blocks(b, "facts"):
        for fid, frec in block.items():
            if fid in facts:
                b.error(frec, "E204", f"fact {fid!r} is declared twice (also {facts[fid].where})")
                continue
            facts[fid] = Fact(
                fid, frec["label"], frec["claim"], frec["source"], frec.get("analogue", ""), b.where(frec)
            )
    debriefs = _blocks(b, "debrief")
    for _path, extra in debriefs[1:]:
        b.error(extra.node, "E206", f"a second debrief: block; the first is in {debriefs[0][0]}")
    debrief = _debrief(b, debriefs[0][1]) if debriefs else {}
    apps = _blocks(b, "app")
    for _path, extra in apps[1:]:
        b.error(extra.node, "E206", f"a second app: block; the first is in {apps[0][0]}")
    app = apps[0][1] if apps else None
    visible_if, deleted_if = (_app_condition(b, app, key) for key in ("visible_if", "deleted_if"))
    model = ScoreModel(
        rules,
        MappingProxyType(contacts),
        calendar,
        MappingProxyType(facts),
        MappingProxyType(debrief),
        app.get("name", "") if app else "",
        visible_if,
        deleted_if,
        app.get("tagline", "") if app else "",
    )
    b.ext[NAME] = model
    if TIER_TITLES in b.ext:
        b.ext[TIER_TITLES].rules = rules
    if APP_STATUS in b.ext:
        b.ext[APP_STATUS].bind(visible_if, deleted_if, b.builtins)
    if rules is not None:
        for perk in rules.perks.values():
            if perk.fact and perk.fact not in facts:
                b.error(rec, "E303", f"perk {perk.id!r} names an unknown fact {perk.fact!r}")
        _check_rule_tags(b, rules, contacts)
    return model


def _tags_in_choices(b) -> dict[str, set[str]]:
    """Action kind -> every tag some choice of the story gives it (read from the scene records)."""
    used: dict[str, set[str]] = {kind: set() for kind in TAG_KINDS}
    for rec, _is_ending, _chapter in b.scene_recs.values():
        for crec in rec.get("choices", []) or []:
            for arec in crec.get("actions", []) or []:
                for kind, value in arec.fields.items():
                    if kind in used and isinstance(value, (list, tuple)):
                        used[kind].update(v for v in value if isinstance(v, str))
    return used


def _check_rule_tags(b, rules: Rules, contacts: dict[str, Contact]) -> None:
    """E303 for a rule that reacts to a tag nothing in the story carries when a known tag is spelt
    almost the same (``protset`` for ``protest``): a misspelt tag never fires, silently. A tag far
    from every known one is allowed: rules may describe actions a story does not offer."""
    import difflib

    used = _tags_in_choices(b)
    people = set(contacts) | {tag for c in contacts.values() for tag in c.tags}
    for rule in rules.rules:
        for kind, tags in rule.on.items():
            known = used.get(kind, people)
            for tag in sorted(tags - known):
                close = difflib.get_close_matches(tag, sorted(known), n=1, cutoff=0.8)
                if close:
                    what = "choice's action" if kind in used else "contact"
                    b.error(
                        rule.where,
                        "E303",
                        f"rule {rule.id!r} reacts to {kind} tag {tag!r}, which no {what} in the story has; "
                        f"did you mean {close[0]!r}?",
                    )


def _app_condition(b, app: Rec | None, key: str):
    """One of the app's conditions, compiled; they define ``app.*``, so they may not read it.
    (Conditions never draw at random: the compiler refuses random() in them.)"""
    src = app.get(key) if app else None
    compiled = b.condition(src)
    if compiled is None:
        return None
    loops = sorted(n for n in compiled.reads if n.startswith("app."))
    if loops:
        b.error(src, "E404", f"app: {key}: cannot read {', '.join(loops)}, which it defines")
        return None
    return compiled


def _debrief(b, rec: Rec) -> dict:
    return {step: b.template(rec.get(step)) for step in DEBRIEF_STEPS if rec.get(step) is not None}


def build_rules(b, rec: Rec) -> Rules | None:
    """The rules of a checked scoring: record; problems are reported through ``b.error``."""
    return _build_rules(b, rec)


def _build_rules(b, rec: Rec) -> Rules | None:
    failed: list[str] = []

    def fail(node, code: str, message: str) -> None:
        b.error(node, code, message)
        failed.append(code)

    rng = rec["range"]
    lo, hi, start = rng["min"], rng["max"], rng["start"]
    if not lo < hi or not lo <= start <= hi:
        fail(rng.node, "E207", f"the range needs min < max and start between them (got {lo}, {hi}, {start})")
    tiers = _tiers(rec, fail)
    eras = _eras(rec, fail)
    era_ids = {e.id for e in eras}
    perks = _perks(rec, fail, {t.id for t in tiers}, era_ids)
    rules = _rule_list(rec, fail, era_ids)
    drift, pull = rec.get("drift"), rec.get("pull")
    if failed:
        return None
    factors = {fid: f["title"] for fid, f in rec.get("factors", {}).items()}
    return Rules(
        id=rec["id"],
        title=rec["title"],
        description=rec.get("description", ""),
        min=lo,
        max=hi,
        start=start,
        factors=MappingProxyType(factors),
        tiers=tuple(tiers),
        perks=MappingProxyType(perks),
        eras=tuple(eras),
        rules=tuple(rules),
        path=rec.path,
        drift_toward=drift["toward"] if drift else None,
        drift_percent=drift["percent"] if drift else 0,
        drift_factor=drift["factor"] if drift else "history",
        pull_percent=pull["percent"] if pull else 0,
    )


_Fail = Callable[[Any, str, str], None]


def _tiers(rec: Rec, fail: _Fail) -> list[Tier]:
    tiers: list[Tier] = []
    for trec in rec.get("tiers", []):
        if any(t.id == trec["id"] for t in tiers):
            fail(trec.node, "E204", f"tier {trec['id']!r} is declared twice")
        elif tiers and trec["min"] <= tiers[-1].min:
            fail(trec.node, "E207", f"tier {trec['id']!r}: tiers go in ascending order of min")
        tiers.append(Tier(trec["id"], trec["title"], trec["min"]))
    return tiers


def _eras(rec: Rec, fail: _Fail) -> list[Era]:
    eras: list[Era] = []
    for erec in rec.get("eras", []):
        era = Era(erec["id"], erec["title"], month_index(erec["from"]))
        if any(e.id == era.id for e in eras):
            fail(erec.node, "E204", f"era {era.id!r} is declared twice")
        elif eras and era.start <= eras[-1].start:
            fail(erec.node, "E207", f"era {era.id!r}: eras go in date order")
        eras.append(era)
    return eras


def _era_set(node_rec: Rec, names, era_ids: set[str], fail: _Fail) -> frozenset[str] | None:
    """A perk's or rule's ``eras:`` (None: every era), each a declared era."""
    if names is None:
        return None
    for name in names:
        if name not in era_ids:
            fail(node_rec.node, "E303", f"unknown era {name!r}")
    return frozenset(names)


def _perks(rec: Rec, fail: _Fail, tier_ids: set[str], era_ids: set[str]) -> dict[str, Perk]:
    perks: dict[str, Perk] = {}
    for pid, prec in rec.get("perks", {}).items():
        penalty = prec.get("penalty", False)
        if penalty and prec.get("max") is None:
            fail(prec, "E202", f"penalty {pid!r} needs max: (it applies below that score)")
        if not penalty and prec.get("min") is None and prec.get("tier") is None:
            fail(prec, "E202", f"perk {pid!r} needs min: or tier:")
        if prec.get("tier") is not None and prec["tier"] not in tier_ids:
            fail(prec, "E303", f"perk {pid!r} names an unknown tier {prec['tier']!r}")
        perks[pid] = Perk(
            pid,
            prec["title"],
            prec.get("min"),
            prec.get("tier"),
            penalty,
            prec.get("max"),
            _era_set(prec, prec.get("eras"), era_ids, fail),
            prec.get("vague", ""),
            prec.get("fact"),
        )
    return perks


def _rule_list(rec: Rec, fail: _Fail, era_ids: set[str]) -> list[Rule]:
    rules: list[Rule] = []
    for rrec in rec.get("rules", []):
        if any(r.id == rrec["id"] for r in rules):
            fail(rrec.node, "E204", f"rule {rrec['id']!r} is declared twice")
            continue
        on = {kind: frozenset(tags) for kind, tags in rrec["on"].fields.items() if tags}
        if not on:
            fail(rrec["on"].node, "E202", f"rule {rrec['id']!r} reacts to no action")
        limit = rrec.get("limit")
        explain = rrec.get("explain")
        rules.append(
            Rule(
                rrec["id"],
                MappingProxyType(on),
                rrec["factor"],
                rrec["change"],
                Where(rrec.path, rrec.node.line, rrec.node.col),
                limit["times"] if limit else None,
                limit["per"] if limit else "month",
                rrec.get("diminishing"),
                _era_set(rrec, rrec.get("eras"), era_ids, fail),
                explain.get(Mode.PARTIAL) if explain else None,
                explain.get(Mode.TRANSPARENT) if explain else None,
                explain.get(Mode.OPAQUE) if explain else None,
            )
        )
    return rules


def _build_contacts(b, rules: Rules | None) -> dict[str, Contact]:
    contacts: dict[str, Contact] = {}
    for _path, block in _blocks(b, "contacts"):
        for cid, crec in block.items():
            if cid in contacts:
                b.error(crec, "E204", f"contact {cid!r} is declared twice")
                continue
            if rules is None and _scoring_rec(b) is None:
                if not _scoring_written(b):
                    b.error(
                        crec, "E303", f"contact {cid!r}: contacts need a scoring: block (the story has none)"
                    )
                continue
            contacts[cid] = Contact(
                cid,
                crec["name"],
                crec["score"],
                crec["closeness"],
                crec["trajectory"],
                crec["friend"],
                frozenset(crec.get("tags", ())),
                crec["drops_below"],
                crec.get("bio", ""),
                tuple(
                    Reaction(
                        MappingProxyType({k: frozenset(v) for k, v in r["on"].fields.items() if v}),
                        r["closeness"],
                        r["drops"],
                        r.get("says", ""),
                    )
                    for r in crec.get("reactions", [])
                ),
            )
    return contacts


def build_scene(b, rec: Rec) -> SceneScoring | None:
    model: ScoreModel = b.ext[NAME]
    date = rec.get("date")
    if date is not None and model.calendar_start is None:
        b.error(rec, "E202", "a scene with date: needs a calendar: block in the story")
    facts = _facts(b, rec, model)
    debrief = {}
    if rec.get("debrief") is not None:
        debrief = _debrief(b, rec["debrief"])
    if date is None and not facts and not debrief:
        return None
    return SceneScoring(month_index(date) if date else None, facts, MappingProxyType(debrief))


def _facts(b, rec: Rec, model: ScoreModel) -> tuple[str, ...]:
    facts = tuple(rec.get("facts", ()))
    for fid in facts:
        if fid not in model.facts:
            b.error(rec, "E303", f"unknown fact {fid!r}")
    return facts


def build_choice(b, rec: Rec, scene_id: str) -> ChoiceScoring | None:
    model: ScoreModel = b.ext[NAME]
    actions = [a for arec in rec.get("actions", []) if (a := _action(b, arec, model)) is not None]
    rreq = rec.get("requires")
    requires = _requires(b, rreq, model.rules) if rreq is not None else None
    facts = _facts(b, rec, model)
    if not actions and requires is None and not facts:
        return None
    return ChoiceScoring(tuple(actions), requires, facts)


def _action(b, arec: Rec, model: ScoreModel) -> Action | None:
    """One of a choice's ``actions:`` (None, with an error, if it is not one the rules know)."""
    rules = model.rules
    given = [(k, v) for k, v in arec.fields.items() if v not in (None, [])]
    if len(given) != 1:
        b.error(arec.node, "E207", "an action has exactly one of: " + ", ".join(arec.fields))
        return None
    kind, value = given[0]
    if rules is None:
        if not _scoring_written(b):
            b.error(arec.node, "E303", "actions need a scoring: block (the story has none)")
        return None
    if kind in TAG_KINDS:
        return Action(kind, tuple(value))
    if kind in ("befriend", "drop") and value not in model.contacts:
        b.error(arec.node, "E303", f"unknown contact {value!r}")
        return None
    if kind not in ("befriend", "drop") and value not in rules.perks:  # apply
        b.error(arec.node, "E303", f"unknown perk {value!r}")
        return None
    return Action(kind, (value,))


def _requires(b, rreq: Rec, rules) -> Requires | None:
    """A choice's ``requires:`` (None, with an error, if it names no one perk, tier or score)."""
    given = [k for k, v in rreq.fields.items() if v is not None]
    if len(given) != 1:
        b.error(rreq.node, "E207", "requires: names exactly one of perk, tier, score")
    elif rules is None:
        if not _scoring_written(b):
            b.error(rreq.node, "E303", "requires: needs a scoring: block (the story has none)")
    elif rreq.get("perk") is not None and rreq["perk"] not in rules.perks:
        b.error(rreq.node, "E303", f"unknown perk {rreq['perk']!r}")
    elif rreq.get("tier") is not None and rules.tier_rank(rreq["tier"]) < 0:
        b.error(rreq.node, "E303", f"unknown tier {rreq['tier']!r}")
    else:
        return Requires(rreq.get("perk"), rreq.get("tier"), rreq.get("score"))
    return None
