"""The story format's field definitions: one registry that everything reads.

The loader checks files against these specs, ``socialscore schema`` turns them
into a JSON Schema, and the format reference's field tables are generated from
them, so the three cannot drift apart. A spec checks a :class:`~game.engine.yamlsafe.Node`
and returns plain, position-carrying data for the model builder:

- scalars come back as Python values;
- text and expressions come back as :class:`Src` (the string plus where it was written);
- records come back as :class:`Rec` (a dict of checked fields, defaults filled in).

On a problem a spec appends a diagnostic and returns :data:`INVALID`; the builder
skips what is invalid, so every problem in every file is reported in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from msgspec import Struct, field

from .diagnostics import Diagnostic
from .yamlsafe import Node

IDENT_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
DOTTED_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*\Z")
TAG_RE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()


class Src(Struct, frozen=True):
    """A string from a story file and where it was written (for error positions)."""

    text: str
    path: str
    line: int
    col: int
    #: True when the column of character i of ``text`` is ``col + i`` (single-line plain
    #: or quoted scalars without escapes); lets expression errors point at the exact column.
    exact: bool = False

    def at(self, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` (0-based) of the text, as well as known."""
        if self.exact:
            return self.line, self.col + offset
        return self.line, self.col


class Checker:
    """Collects diagnostics while specs check nodes."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, node: Node | Src | None, code: str, message: str, path: str = "") -> None:
        if node is None:
            self.diagnostics.append(Diagnostic(path, 0, 0, code, message))
        else:
            self.diagnostics.append(Diagnostic(node.path, node.line, node.col, code, message))


def _src(node: Node) -> Src:
    text = node.value if isinstance(node.value, str) else str(node.value)
    exact = "\n" not in text
    col = node.col
    if node.style in ("'", '"'):
        # The text starts one column after the opening quote; escapes break exactness.
        col += 1
        if node.style == '"' and "\\" in text:
            exact = False
        if node.style == "'" and "'" in text:
            exact = False
    elif node.style in ("|", ">"):
        exact = False
    return Src(text, node.path, node.line, col, exact)


def _kind_name(node: Node) -> str:
    return {
        "map": "a mapping",
        "seq": "a list",
        "str": "text",
        "int": "a whole number",
        "float": "a decimal number",
        "bool": "true/false",
        "null": "nothing",
    }[node.kind]


class Spec:
    """Base of all specs. Subclasses define check, json_schema and a type name for docs."""

    type_name = "value"

    def check(self, node: Node, ck: Checker) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError


class Str(Spec):
    """Plain text (no interpolation). ``choices`` restricts it to a fixed set."""

    def __init__(self, choices: tuple[str, ...] | None = None, pattern: re.Pattern | None = None, what=""):
        self.choices = choices
        self.pattern = pattern
        self.what = what
        self.type_name = "one of " + ", ".join(choices) if choices else (what or "text")

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind != "str":
            expected = self.type_name
            ck.error(node, "E200", f"expected {expected}, got {_kind_name(node)} ({_show(node)})")
            return INVALID
        if self.choices and node.value not in self.choices:
            ck.error(node, "E207", f"{node.value!r} is not one of: {', '.join(self.choices)}")
            return INVALID
        if self.pattern and not self.pattern.match(node.value):
            code = "E203" if self.pattern in (IDENT_RE, DOTTED_RE) else "E207"
            ck.error(node, code, f"{node.value!r} is not a valid {self.what or 'value'}")
            return INVALID
        return node.value

    def json_schema(self) -> dict:
        schema: dict = {"type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.pattern:
            schema["pattern"] = "^" + self.pattern.pattern.replace(r"\Z", "") + "$"
        return schema


def Id(what: str = "id") -> Str:  # noqa: N802 - reads like a type in spec tables
    return Str(pattern=IDENT_RE, what=what)


def Tag() -> Str:  # noqa: N802
    return Str(pattern=TAG_RE, what="tag (lower-case letters, digits, - and _)")


class SrcText(Spec):
    """Text kept with its position: story text with {interpolation}, or an expression."""

    def __init__(self, type_name: str = "text"):
        self.type_name = type_name

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind == "str":
            return _src(node)
        if node.kind in ("int", "bool") and self.type_name != "text":
            # `if: true` or `next_if: 3` are fine as expressions: keep what was written.
            text = "true" if node.value is True else "false" if node.value is False else str(node.value)
            return Src(text, node.path, node.line, node.col, True)
        ck.error(node, "E200", f"expected {self.type_name}, got {_kind_name(node)} ({_show(node)})")
        return INVALID

    def json_schema(self) -> dict:
        if self.type_name == "text":
            return {"type": "string"}
        return {"type": ["string", "boolean"] if self.type_name == "condition" else "string"}


def Text() -> SrcText:  # noqa: N802
    return SrcText("text")


def Condition() -> SrcText:  # noqa: N802
    return SrcText("condition")


def Effect() -> SrcText:  # noqa: N802
    return SrcText("effect")


class Int(Spec):
    def __init__(self, lo: int | None = None, hi: int | None = None):
        self.lo, self.hi = lo, hi
        self.type_name = "whole number"

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind != "int":
            ck.error(node, "E200", f"expected a whole number, got {_kind_name(node)} ({_show(node)})")
            return INVALID
        if (self.lo is not None and node.value < self.lo) or (self.hi is not None and node.value > self.hi):
            ck.error(node, "E207", f"{node.value} is outside {self.lo}..{self.hi}")
            return INVALID
        return node.value

    def json_schema(self) -> dict:
        schema: dict = {"type": "integer"}
        if self.lo is not None:
            schema["minimum"] = self.lo
        if self.hi is not None:
            schema["maximum"] = self.hi
        return schema


class Bool(Spec):
    type_name = "true/false"

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind != "bool":
            hint = ""
            if node.kind == "str" and node.value.lower() in ("yes", "no", "on", "off", "y", "n"):
                hint = " (write true or false; yes/no/on/off are read as text)"
            ck.error(node, "E200", f"expected true or false, got {_kind_name(node)} ({_show(node)}){hint}")
            return INVALID
        return node.value

    def json_schema(self) -> dict:
        return {"type": "boolean"}


class AnyScalar(Spec):
    """A scalar whose type is checked later (a variable's initial value)."""

    type_name = "value"

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind == "map":
            ck.error(node, "E200", "expected a value, got a mapping")
            return INVALID
        if node.kind == "seq":
            items = []
            for item in node.value:
                if item.kind != "str":
                    ck.error(item, "E200", f"set elements must be text, got {_kind_name(item)}")
                    return INVALID
                items.append(item.value)
            return items
        return node.value

    def json_schema(self) -> dict:
        return {"type": ["string", "integer", "boolean", "array", "null"], "items": {"type": "string"}}


class ListOf(Spec):
    """A list of items. ``single`` also accepts one item written without the list."""

    def __init__(self, item: Spec, single: bool = False):
        self.item = item
        self.single = single

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return f"list of {self.item.type_name}"

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind == "null":
            return []
        if node.kind != "seq":
            if self.single:
                value = self.item.check(node, ck)
                return INVALID if value is INVALID else [value]
            ck.error(node, "E200", f"expected a list, got {_kind_name(node)} ({_show(node)})")
            return INVALID
        out = []
        for item in node.value:
            value = self.item.check(item, ck)
            if value is not INVALID:
                out.append(value)
        return out

    def json_schema(self) -> dict:
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.single:
            return {"anyOf": [schema, self.item.json_schema()]}
        return schema


class MapOf(Spec):
    """A mapping from ids to items, order kept. Item records get their key as ``id``."""

    def __init__(self, item: Spec, key: Str | None = None, what: str = "id"):
        self.item = item
        self.key = key or Id(what)

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return f"mapping of id to {self.item.type_name}"

    def check(self, node: Node, ck: Checker) -> Any:
        if node.kind == "null":
            return {}
        if node.kind != "map":
            ck.error(node, "E200", f"expected a mapping, got {_kind_name(node)} ({_show(node)})")
            return INVALID
        out: dict = {}
        for key, child in node.value.items():
            key_node = node.keys[key] if node.keys else child
            if not isinstance(key, str) or self.key.check(key_node, ck) is INVALID:
                if not isinstance(key, str):
                    ck.error(key_node, "E203", f"{key!r} is not a valid id")
                continue
            value = self.item.check(child, ck)
            if isinstance(value, Rec):
                value.id = key
                value.id_node = key_node
            if value is not INVALID:
                out[key] = value
        return out

    def json_schema(self) -> dict:
        return {
            "type": "object",
            "propertyNames": self.key.json_schema(),
            "additionalProperties": self.item.json_schema(),
        }


class Rec(Struct, eq=False):
    """A checked record: its fields (defaults filled in) and the node it came from."""

    name: str
    fields: dict[str, Any]
    node: Node
    id: str | None = None
    id_node: Node | None = None

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        value = self.fields.get(key, default)
        return default if value is None else value

    def has(self, key: str) -> bool:
        return self.fields.get(key) is not None

    @property
    def path(self) -> str:
        return self.node.path

    @property
    def line(self) -> int:
        return (self.id_node or self.node).line

    @property
    def col(self) -> int:
        return (self.id_node or self.node).col


class Field(Struct):
    """One field of a record: its spec, whether required, default, doc line and example."""

    name: str
    spec: Spec
    doc: str
    required: bool = False
    default: Any = None
    example: str = ""


class Record(Spec, Struct):
    """A mapping with named fields. ``shorthand`` lets a plain scalar stand for one field."""

    name: str
    doc: str
    fields: list[Field] = field(default_factory=list)
    shorthand: str | None = None
    #: extra check run on the Rec after its fields (for rules between fields)
    post: Callable[[Rec, Checker], None] | None = None

    @property
    def type_name(self) -> str:  # type: ignore[override]
        return self.name

    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def add(self, *fields: Field) -> None:
        """Register more fields (used by modules that extend the format, like scoring)."""
        self.fields.extend(fields)

    def check(self, node: Node, ck: Checker) -> Any:
        by_name = self.field_map()
        if node.kind != "map":
            if self.shorthand:
                sub = by_name[self.shorthand].spec.check(node, ck)
                if sub is INVALID:
                    return INVALID
                values = {f.name: f.default for f in self.fields}
                values[self.shorthand] = sub
                return Rec(self.name, values, node)
            ck.error(
                node, "E200", f"expected a {self.name} (a mapping), got {_kind_name(node)} ({_show(node)})"
            )
            return INVALID
        values: dict[str, Any] = {}
        invalid: set[str] = set()
        ok = True
        for key, child in node.value.items():
            f = by_name.get(key) if isinstance(key, str) else None
            if f is None:
                key_node = node.keys[key] if node.keys else child
                hint = _close(str(key), by_name)
                ck.error(key_node, "E201", f"unknown field {key!r} in {self.name}{hint}")
                continue
            value = f.spec.check(child, ck)
            if value is INVALID:
                ok = False if f.required else ok
                invalid.add(key)
                continue
            values[key] = value
        for f in self.fields:
            if f.name not in values:
                # Why: a field given with a bad value is already reported; "missing" would be a cascade.
                if f.required and f.name not in invalid:
                    ck.error(node, "E202", f"{self.name} needs the field {f.name!r}")
                    ok = False
                values[f.name] = f.default
        if not ok:
            return INVALID
        rec = Rec(self.name, values, node)
        if self.post:
            self.post(rec, ck)
        return rec

    def json_schema(self) -> dict:
        schema: dict = {
            "type": "object",
            "description": self.doc,
            "properties": {f.name: {**f.spec.json_schema(), "description": f.doc} for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        if self.shorthand:
            short = self.field_map()[self.shorthand].spec.json_schema()
            return {"anyOf": [schema, short]}
        return schema


class OneOf(Spec):
    """The first alternative whose node kind matches; ``kinds`` maps node kinds to specs."""

    def __init__(self, type_name: str, kinds: dict[str, Spec]):
        self.type_name = type_name
        self.kinds = kinds

    def check(self, node: Node, ck: Checker) -> Any:
        spec = self.kinds.get(node.kind)
        if spec is None:
            ck.error(node, "E200", f"expected {self.type_name}, got {_kind_name(node)} ({_show(node)})")
            return INVALID
        return spec.check(node, ck)

    def json_schema(self) -> dict:
        seen: list[Spec] = []
        for spec in self.kinds.values():
            if spec not in seen:
                seen.append(spec)
        return {"anyOf": [s.json_schema() for s in seen]}


class Ref(Spec):
    """A late-bound reference to a record (for recursive or extended specs)."""

    def __init__(self, getter: Callable[[], Spec], type_name: str):
        self.getter = getter
        self.type_name = type_name

    def check(self, node: Node, ck: Checker) -> Any:
        return self.getter().check(node, ck)

    def json_schema(self) -> dict:
        return {"$ref": f"#/$defs/{self.type_name}"}


def _show(node: Node) -> str:
    if node.kind in ("map", "seq"):
        return "..."
    text = repr(node.value)
    return text if len(text) <= 40 else text[:37] + "..."


def _close(key: str, fields: dict) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.75)
    return f"; did you mean {match[0]!r}?" if match else ""
