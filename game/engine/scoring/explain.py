"""Why the score moved, by reference: an explanation id and its parameters, worded at display.

A score, application or contact event (and each ledger entry) carries an :class:`Explain`: one
explanation id (``explain.rule``, ``explain.drift``, ...) and the parameters its wording needs, not
finished sentences. ``explain[mode]`` words it for a transparency mode through the message catalogue
(:func:`game.engine.messages.say`), so the same event reads in any mode and, with a second table, in
any language. Text the rules file wrote (a rule's own ``explain:`` lines, a perk's ``vague:``, a
factor's or contact's name) is a parameter, passed as written, never looked up.

The JSON form saves and logs hold is ``{"id": explanation id, **params}``. Saves and logs written
before explanations were references hold the three modes' finished texts, keyed by mode; they
read back as a *worded* explanation that gives those texts as they were (:func:`from_json`, and
:func:`said` for a log reader that wants one mode's text or ``None``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from ..kinds import Mode
from ..messages import say

_OPAQUE, _PARTIAL, _TRANSPARENT = Mode.OPAQUE, Mode.PARTIAL, Mode.TRANSPARENT

#: (required, optional) parameters of each explanation id, and each parameter's types. A parameter
#: absent from ``required`` may be left out (a rule's own wording, a repeat's smaller change).
_INT, _STR, _MIN = (int,), (str,), (int, type(None))
PARAMS: Mapping[str, tuple[Mapping[str, tuple[type, ...]], Mapping[str, tuple[type, ...]]]] = {
    "explain.rule": (
        {"factor": _STR, "change": _INT, "rule": _STR},
        {"requested": _INT, "capped": _INT, **{mode.value: _STR for mode in Mode}},  # the rule's own words
    ),
    "explain.drift": ({"factor": _STR, "delta": _INT, "percent": _INT, "toward": _INT}, {}),
    "explain.pull": (
        {"share": _INT, "name": _STR, "score": _INT, "percent": _INT, "closeness": _INT, "total": _INT},
        {},
    ),
    "explain.approved": ({"score": _INT, "min": _MIN}, {"tier": _STR, "margin": _INT}),
    "explain.refused.perk": ({"score": _INT, "min": _MIN}, {"tier": _STR, "era": _STR, "vague": _STR}),
    "explain.refused.tier": ({"score": _INT, "tier": _STR, "min": _INT}, {}),
    "explain.refused.score": ({"score": _INT, "need": _MIN}, {}),
    "explain.contact": ({"change": _STR, "name": _STR}, {}),
    # finished texts, from a save or log written before explanations were references
    "worded": ({mode.value: _STR for mode in Mode}, {}),
}
#: each explanation's parameters in one order: required, then optional, as PARAMS lists them
_ORDER = {
    eid: {name: i for i, name in enumerate([*required, *optional])}
    for eid, (required, optional) in PARAMS.items()
}
CONTACT_CHANGES = ("befriended", "dropped", "dropped_you", "closer", "cooler")


class Explain(Struct, frozen=True):
    """One explanation: an id of :data:`PARAMS` and its parameters (hashable, in a fixed order).

    ``explain[mode]`` is its wording in that mode (a :class:`~game.engine.kinds.Mode` or its name);
    ``opaque``, ``partial`` and ``transparent`` are the same as properties."""

    id: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, id: str, /, **params: Any) -> Explain:
        """An explanation; optional parameters given as ``None`` are left out. The parameters are
        kept in :data:`PARAMS`' order, so an explanation read back from JSON equals the one made."""
        optional, order = PARAMS[id][1], _ORDER[id]
        kept = [(k, v) for k, v in params.items() if v is not None or k not in optional]
        return cls(id, tuple(sorted(kept, key=lambda kv: order[kv[0]])))

    def __getitem__(self, mode: Mode | str) -> str:
        return _WORDING[self.id](Mode(mode), dict(self.params))

    @property
    def opaque(self) -> str:
        return self[_OPAQUE]

    @property
    def partial(self) -> str:
        return self[_PARTIAL]

    @property
    def transparent(self) -> str:
        return self[_TRANSPARENT]

    def to_json(self) -> dict:
        if self.id == "worded":
            return dict(self.params)  # the form it was read from
        return {"id": self.id, **dict(self.params)}


def from_json(data: Any) -> Explain:
    """An :class:`Explain` from its JSON form, either form (see the module doc). Raises ValueError
    for anything else: an unknown id, a missing, unknown or mistyped parameter."""
    if not isinstance(data, dict):
        raise ValueError("an explanation is not a mapping")
    data = dict(data)
    eid = data.pop("id", "worded")
    if eid not in PARAMS:
        raise ValueError(f"unknown explanation {eid!r}")
    required, optional = PARAMS[eid]
    for name, value in data.items():
        types = required.get(name) or optional.get(name)
        if types is None:
            raise ValueError(f"the explanation {eid!r} has no parameter {name!r}")
        if not isinstance(value, types) or isinstance(value, bool):
            raise ValueError(f"the explanation {eid!r} has a {name!r} of the wrong type")
    if missing := set(required) - set(data):
        raise ValueError(f"the explanation {eid!r} lacks {', '.join(sorted(missing))}")
    if eid == "explain.contact" and data["change"] not in CONTACT_CHANGES:
        raise ValueError(f"unknown contact change {data['change']!r}")
    if eid == "worded":
        return Explain(eid, tuple((mode.value, data[mode.value]) for mode in Mode))
    order = _ORDER[eid]
    return Explain(eid, tuple(sorted(data.items(), key=lambda kv: order[kv[0]])))


def said(data: Any, mode: str) -> str | None:
    """What an explanation in a log (either JSON form) said in ``mode``; ``None`` if it says nothing
    there or is not an explanation. The one call a log reader needs. An old log's finished texts are
    read as leniently as readers always read them: the one mode's text, if it is text."""
    if isinstance(data, dict) and "id" not in data:
        text = data.get(mode)
        return text if isinstance(text, str) and text else None
    try:
        text = from_json(data)[mode]
    except (ValueError, KeyError):
        return None
    return text or None


def worded(value: Any) -> Any:
    """``value`` (JSON, such as a state's) with every explanation under an ``explain`` key replaced
    by its finished texts in the three modes, so that a state saved before explanations were
    references compares equal to the same state replayed today (:meth:`Session.from_save_data`)."""
    if isinstance(value, dict):
        return {k: _worded_explain(v) if k == "explain" else worded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [worded(v) for v in value]
    return value


def _worded_explain(value: Any) -> Any:
    try:
        explain = from_json(value)
    except ValueError:
        return value
    return {mode.value: explain[mode] for mode in Mode}


# -- wording, per explanation id -----------------------------------------------------------


def _rule(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return p.get(mode.value) or say("explain.opaque")
    if mode is _PARTIAL:
        return p.get(mode.value) or say("explain.rule.partial", factor=p["factor"])
    text = p.get(mode.value) or say(
        "explain.rule.transparent", change=p["change"], factor=p["factor"], rule=p["rule"]
    )
    if "requested" in p:
        text += say("explain.rule.repeat", requested=p["requested"])
    if "capped" in p:
        text += say("explain.rule.capped", value=p["capped"])
    return text


def _drift(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return say("explain.opaque")
    if mode is _PARTIAL:
        return say("explain.drift.partial", factor=p["factor"])
    return say("explain.drift.transparent", **p)


def _pull(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return say("explain.opaque")
    if mode is _PARTIAL:
        return say("explain.pull.partial")
    return say("explain.pull.transparent", **p)


def _condition(p: dict) -> str:
    if "tier" in p:
        return say("explain.condition.tier", tier=p["tier"], min=p["min"])
    return say("explain.condition.score", min=p["min"])


def _approved(mode: Mode, p: dict) -> str:
    if mode is not _TRANSPARENT:
        return say("explain.approved")
    if "margin" in p:  # held within the margin
        return say("explain.approved.margin", condition=_condition(p), score=p["score"], margin=p["margin"])
    return say("explain.approved.transparent", condition=_condition(p), score=p["score"])


def _refused_perk(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return say("explain.declined")
    if mode is _PARTIAL:
        return p.get("vague") or say("explain.refused.perk.vague")
    if "era" in p:
        return say("explain.refused.era", era=p["era"])
    return say("explain.refused.perk", condition=_condition(p), score=p["score"])


def _refused_tier(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return say("explain.declined")
    if mode is _PARTIAL:
        return say("explain.refused.tier.vague")
    return say("explain.refused.tier", **p)


def _refused_score(mode: Mode, p: dict) -> str:
    if mode is _OPAQUE:
        return say("explain.declined")
    if mode is _PARTIAL:
        return say("explain.refused.score.vague")
    return say("explain.refused.score", **p)


def _contact(mode: Mode, p: dict) -> str:
    how = "vague" if mode is _OPAQUE else "plain"
    return say(f"explain.contact.{p['change']}.{how}", name=p["name"])


def _worded(mode: Mode, p: dict) -> str:
    return p[mode.value]


_WORDING: Mapping[str, Callable[[Mode, dict], str]] = {
    "explain.rule": _rule,
    "explain.drift": _drift,
    "explain.pull": _pull,
    "explain.approved": _approved,
    "explain.refused.perk": _refused_perk,
    "explain.refused.tier": _refused_tier,
    "explain.refused.score": _refused_score,
    "explain.contact": _contact,
    "worded": _worded,
}
