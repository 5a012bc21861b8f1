"""The story variables' types, one table: names, defaults, which Python values fit, JSON and text forms.

The loader (declarations and inference), the runtime (``start(sets=...)``), saves (reading values
back), the expression checker and the launch layer (``--set NAME=VALUE``) all read this table, so a
new type is added here once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct

INT = "int"
BOOL = "bool"
STR = "str"
SET = "set"


class VarType(Struct, frozen=True):
    """One variable type."""

    name: str
    #: the initial value of a variable declared with a type and no initial value
    default: Any
    #: True when a Python value is of this type (bools are not ints here)
    fits: Callable[[Any], bool]
    #: the value from its JSON form (a save); raises ValueError if it is not one
    from_json: Callable[[Any], Any]
    #: the value from the text NAME=VALUE gives it; raises ValueError with a short hint
    parse: Callable[[str], Any]
    #: how parse's hint describes the expected text
    hint: str


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked(fits: Callable[[Any], bool], what: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if not fits(value):
            raise ValueError(f"not {what}")
        return value

    return read


def _set_from_json(value: Any) -> frozenset:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a set of text")
    return frozenset(value)


def _parse_bool(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError("true or false")
    return text == "true"


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError("a whole number") from None


def _is_set(value: Any) -> bool:
    return isinstance(value, frozenset)


TYPES: dict[str, VarType] = {
    INT: VarType(INT, 0, _is_int, _checked(_is_int, INT), _parse_int, "a whole number"),
    BOOL: VarType(
        BOOL,
        False,
        lambda v: isinstance(v, bool),
        _checked(lambda v: isinstance(v, bool), BOOL),
        _parse_bool,
        "true or false",
    ),
    STR: VarType(
        STR, "", lambda v: isinstance(v, str), _checked(lambda v: isinstance(v, str), STR), str, "text"
    ),
    SET: VarType(
        SET,
        frozenset(),
        _is_set,
        _set_from_json,
        lambda text: frozenset(v.strip() for v in text.split(",") if v.strip()),
        "comma-separated words",
    ),
}

#: The type names in the order the format reference lists them.
NAMES: tuple[str, ...] = tuple(TYPES)


def type_of(value: Any) -> str | None:
    """The name of the type ``value`` is of (lists count as sets, as YAML writes them), or None."""
    if isinstance(value, list):
        return SET
    for vtype in TYPES.values():
        if vtype.fits(value):
            return vtype.name
    return None
