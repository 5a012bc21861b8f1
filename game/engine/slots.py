"""Copies of frozen, slotted dataclass instances with some fields changed, built slot by slot.

A step copies its :class:`~game.engine.state.State` several times and a month's tick its score state
as often: setting each slot directly is about twice as fast as :func:`dataclasses.replace`, which
goes through ``__init__`` (and, for a frozen class, ``object.__setattr__`` per field).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")

#: (field name, its slot's setter), in field order: ``object.__setattr__`` is what a frozen class refuses
Setters = tuple[tuple[str, Callable[[Any, Any], None]], ...]


def setters(cls: type) -> Setters:
    """Each field of the dataclass ``cls`` and its slot's setter."""
    return tuple((f.name, getattr(cls, f.name).__set__) for f in fields(cls))


def evolved(obj: T, slots: Setters, changes: Mapping[str, Any]) -> T:
    """A copy of ``obj`` with ``changes`` (TypeError naming a field ``obj`` does not have); no
    ``__init__`` or ``__post_init__`` runs: the caller runs what its class needs."""
    new = object.__new__(type(obj))
    used = 0
    for name, put in slots:
        if name in changes:
            put(new, changes[name])
            used += 1
        else:
            put(new, getattr(obj, name))
    if used != len(changes):
        unknown = sorted(changes.keys() - {name for name, _ in slots})[0]
        raise TypeError(f"{type(obj).__name__} has no field {unknown!r}")
    return new
