"""Safe YAML reading: one file in, a tree of position-marked nodes and diagnostics out.

Story files are untrusted data (they are shared, downloaded and edited by hand), so
this reader accepts only the plain-data subset of YAML and never raises for bad input:

- the tree is built here from the parser's *events*; nothing is ever constructed by
  PyYAML, so tags such as ``!!python/object/apply`` cannot run code;
- anchors and aliases (E104), merge keys (E105), duplicate keys (E106), explicit tags
  (E107), nesting deeper than ``max_depth`` (E108), extra documents (E109) and
  non-scalar keys (E110) are reported as :class:`~game.engine.diagnostics.Diagnostic`;
- plain scalars are typed by our own small YAML-1.2-core-like rules (see
  :func:`_type_plain`), so YAML 1.1 surprises (``no`` → False, ``1:30`` → 90,
  ``2015-01-28`` → a date, ``010`` → 8) never silently change what an author wrote;
  quoted and block scalars are always text.

Every node remembers the file, line and column (1-based) where it starts, so later
checks can point at the exact place of a problem.
"""

from __future__ import annotations

import os
import re

import yaml
from msgspec import Struct
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.reader import ReaderError

from . import limits
from .controls import CONTROL_RE, describe_control
from .diagnostics import Diagnostic
from .files import FileRefused, read_regular

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_DIAGNOSTICS", "Node", "load_file", "load_text"]

#: Largest file :func:`load_file` reads, in bytes (see :mod:`game.engine.limits`).
MAX_BYTES = limits.FILE_BYTES
#: Deepest nesting of mappings and sequences accepted (the document's top collection is level 1).
MAX_DEPTH = limits.YAML_DEPTH
#: Diagnostics kept per file; a file with more problems than this needs fixing before the rest matter,
#: and a capped list keeps a hostile file (say 200,000 aliases) from flooding memory and the terminal.
MAX_DIAGNOSTICS = 100

# The C parser is several times faster; both give the same events and marks (a test checks).
_Loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
# libyaml's own nesting cap, met before ours only by a long run of [ or { on one line.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

_NoneType = type(None)
_KINDS = {dict: "map", list: "seq", str: "str", bool: "bool", int: "int", float: "float", _NoneType: "null"}


class Node(Struct, eq=False):
    """One YAML node and where it starts.

    ``value`` is ``dict[key, Node]`` for a mapping (keys are plain Python scalars),
    ``list[Node]`` for a sequence, or a scalar (str, int, float, bool or None).
    ``line``/``col`` are 1-based. ``style`` is the scalar style (None plain, ``'``
    single-quoted, ``"`` double-quoted, ``|`` literal, ``>`` folded) and None for
    collections. ``keys`` maps each key of a mapping to the node of the key itself
    (so "unknown field" messages can point at the key); None for everything else.
    """

    value: object
    path: str
    line: int
    col: int
    style: str | None = None
    keys: dict | None = None

    def plain(self) -> object:
        """The value with every node replaced by its plain dict/list/scalar value."""
        v = self.value
        if v.__class__ is dict:
            return {k: n.plain() for k, n in v.items()}
        if v.__class__ is list:
            return [n.plain() for n in v]
        return v

    @property
    def kind(self) -> str:
        """``"map"``, ``"seq"``, ``"str"``, ``"int"``, ``"float"``, ``"bool"`` or ``"null"``."""
        return _KINDS[self.value.__class__]


# --- scalar typing -----------------------------------------------------------------------------

_MISSING = object()
# Plain scalars that mean null or a boolean. Deliberately not yes/no/on/off/y/n (YAML 1.1 booleans):
# an author who writes "answer: no" means the word.
_CONSTANTS: dict[str, object] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
# Only plain decimal numbers: no leading zeros (010 is octal in YAML 1.1), no underscores, no
# sexagesimal 1:30, no 0x/0o, no .inf/.nan. [0-9] rather than \d, which also matches other scripts' digits.
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# Cheap pre-check so that ordinary words never reach the regexes.
_NUMBER_START = frozenset("0123456789-+.")
_INF = float("inf")


def _type_plain(text: str) -> object:
    """The value of a plain (unquoted, untagged) scalar: None, bool, int, float or the text itself."""
    value = _CONSTANTS.get(text, _MISSING)
    if value is not _MISSING:
        return value
    if text[0] in _NUMBER_START:
        return _type_number(text)
    return text


def _type_number(text: str) -> object:
    if _INT_RE.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python's int/str conversion limit: keep the text
            return text
    if _FLOAT_RE.fullmatch(text):
        f = float(text)
        # 1e999 would become inf; .inf is not a number here either, so keep what was written.
        if -_INF < f < _INF:
            return f
    return text


# --- positions for errors found outside the parser ----------------------------------------------------

# The line breaks libyaml counts, so our own positions agree with the parser's marks.
_BREAK_RE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    line = 1
    start = 0
    for m in _BREAK_RE.finditer(text, 0, index):
        line += 1
        start = m.end()
    return line, index - start + 1


def _tag_message(tag: str) -> str:
    # Show the tag as it was written: !!x is the parser's expansion tag:yaml.org,2002:x.
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:") :]
    return f"explicit tag {tag} is not allowed"


def _show_key(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    return repr(value)


# --- decoding ---------------------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def _decode(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text of ``data`` without a leading BOM, or an E102 at the first bad byte."""
    if data.startswith(_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        # Everything before the bad byte decoded, so the position can be computed on it.
        prefix = data[: e.start].decode("utf-8")
        line, col = _line_col(prefix, len(prefix))
        bad = data[e.start : e.end].hex(" ")
        return None, Diagnostic(path, line, col, "E102", f"not valid UTF-8 text (byte {bad}: {e.reason})")


# --- public API ---------------------------------------------------------------------------------------


def load_file(
    path: str | os.PathLike, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> tuple[Node | None, list[Diagnostic]]:
    """Read and parse one YAML file.

    Returns ``(root, diagnostics)``. ``root`` is None when the file cannot be used at all
    (missing or unreadable: E100; larger than ``max_bytes``: E101; not UTF-8: E102; a syntax
    error: E103; nesting deeper than ``max_depth``: E108). Otherwise it is the document's
    node, a null node for an empty file, possibly alongside diagnostics for refused
    constructs (their subtrees are left out or read as text). Never raises for bad input.
    """
    name = os.fsdecode(path)
    try:
        data = read_regular(path, max_bytes)
    except FileRefused as e:
        # A FIFO or device could block forever or never end: read_regular refuses it unopened.
        if e.kind == "large":
            return None, [Diagnostic(name, 0, 0, "E101", str(e))]
        text = {"missing": "no such file", "folder": "is a folder, not a file"}.get(e.kind)
        if e.kind == "special":
            text = "is not a regular file"
        return None, [Diagnostic(name, 0, 0, "E100", text or str(e))]
    return load_text(data, name, max_depth=max_depth)


def load_text(
    text: str | bytes, path: str = "<string>", *, max_depth: int = MAX_DEPTH
) -> tuple[Node | None, list[Diagnostic]]:
    """Parse YAML held in memory; ``path`` names it in nodes and diagnostics.

    Bytes must be UTF-8 (a leading BOM is fine). Same results as :func:`load_file`,
    without its size cap. Never raises for bad input.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        decoded, problem = _decode(bytes(text), path)
        if decoded is None:
            return None, [problem]
        text = decoded
    elif text.startswith("\ufeff"):
        text = text[1:]
    root, diagnostics = _parse(text, path, max_depth, _Loader)
    if _Loader is not yaml.SafeLoader and diagnostics and diagnostics[-1].message == _LIBYAML_TOO_DEEP:
        # libyaml scans up to 1,024 characters ahead, so "[[[[..." on one line hits its own nesting cap
        # (1,000) before we see the 65th level. The Python parser has no cap and is only needed up to
        # max_depth levels here, so it finds the exact place for E108.
        root, diagnostics = _parse(text, path, max_depth, yaml.SafeLoader)
    return root, diagnostics


def _parse(text: str, path: str, max_depth: int, loader: type) -> tuple[Node | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    try:
        return _build(text, path, max_depth, diagnostics, loader), diagnostics
    except yaml.MarkedYAMLError as e:
        problem = _syntax_error(e, text, path)
    except ReaderError as e:
        problem = _reader_error(e, text, path, loader)
    except UnicodeEncodeError as e:
        # Only a str with lone surrogates (never one decoded from bytes) gets here.
        line, col = _line_col(text, e.start)
        problem = Diagnostic(path, line, col, "E102", f"not valid UTF-8 text ({e.reason})")
    except yaml.YAMLError as e:  # no other kind is known; keep the promise not to raise anyway
        problem = Diagnostic(path, 0, 0, "E103", str(e).splitlines()[0] if str(e) else "malformed YAML")
    _keep(diagnostics, problem, fatal=True)
    return None, diagnostics


def _keep(diagnostics: list[Diagnostic], diagnostic: Diagnostic, fatal: bool) -> None:
    """Append within the per-file cap; the diagnostic that stopped the file always gets in."""
    if len(diagnostics) >= MAX_DIAGNOSTICS:
        if not fatal:
            return
        del diagnostics[MAX_DIAGNOSTICS - 1 :]
    diagnostics.append(diagnostic)


def _reason(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e)


def _too_large(path: str, size: str, cap: int) -> Diagnostic:
    return Diagnostic(path, 0, 0, "E101", f"file is {size} bytes; the cap is {cap:,}")


def _syntax_error(e: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    mark = e.problem_mark or e.context_mark
    problem = e.problem or e.context or "malformed YAML"
    if mark is None:
        return Diagnostic(path, 0, 0, "E103", problem)
    if problem == "found character that cannot start any token" and 0 <= mark.index < len(text):
        # libyaml leaves the character out; name it, since it is usually a tab the author cannot see.
        problem = f"found character {text[mark.index]!r} that cannot start any token"
    return Diagnostic(path, mark.line + 1, mark.column + 1, "E103", problem)


def _reader_error(e: ReaderError, text: str, path: str, loader: type) -> Diagnostic:
    index = e.position
    if loader is not yaml.SafeLoader:
        # libyaml reports a byte offset into the UTF-8 encoding of the text.
        index = len(text.encode("utf-8", "surrogatepass")[:index].decode("utf-8", "ignore"))
    line, col = _line_col(text, min(index, len(text)))
    char = e.character
    shown = f" (found U+{char:04X})" if isinstance(char, int) else ""
    return Diagnostic(path, line, col, "E103", f"{e.reason}{shown}")


# Marks "drop the value that follows": the key was refused, and the pair is left out of the mapping.
_BAD_KEY = Node(None, "", 0, 0)


def _build(  # noqa: C901 - one loop over the parser's events, inlined on purpose (hot: per event)
    text: str, path: str, max_depth: int, diagnostics: list[Diagnostic], loader_class: type
) -> Node | None:
    """The tree of the first document of ``text``; refusals go to ``diagnostics``.

    Iterative (an explicit stack), so no nesting can exhaust Python's recursion limit.
    Raises the parser's YAMLError on malformed input; the caller turns it into E103.
    """

    def report(line: int, col: int, code: str, message: str, fatal: bool = False) -> None:
        _keep(diagnostics, Diagnostic(path, line, col, code, message), fatal)

    # Hot-loop aliases: this loop runs once per event of files up to a megabyte.
    loader = loader_class(text)
    get_event = loader.get_event
    constants_get = _CONSTANTS.get
    number_start = _NUMBER_START
    control_search = CONTROL_RE.search
    type_number = _type_number
    missing = _MISSING
    bad_key = _BAD_KEY
    Scalar, Alias, DocStart = ScalarEvent, AliasEvent, DocumentStartEvent
    MapStart, MapEnd = MappingStartEvent, MappingEndEvent
    SeqStart, SeqEnd = SequenceStartEvent, SequenceEndEvent
    node_new = Node

    root = None
    documents = 0
    # The innermost open collection: its node, and its list (a sequence) or its dicts (a mapping).
    top = None
    top_list = None
    top_map = None
    top_keys = None
    # In a mapping: None while a key is expected, else the key node waiting for its value.
    key = None
    stack: list[tuple] = []  # the states of the enclosing collections

    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is Scalar:
                mark = ev.start_mark
                value = ev.value
                style = ev.style or None  # the C parser gives "" for plain, the Python one None
                if ev.tag is not None or ev.anchor is not None:
                    if ev.anchor is not None:
                        report(mark.line + 1, mark.column + 1, "E104", f"anchor &{ev.anchor} is not allowed")
                    if ev.tag is not None:
                        # A tagged scalar is left as the text written: its tag is refused, not obeyed.
                        report(mark.line + 1, mark.column + 1, "E107", _tag_message(ev.tag))
                    elif style is None:
                        value = _type_plain(value)
                elif style is None:
                    v = constants_get(value, missing)
                    if v is not missing:
                        value = v
                    elif value[0] in number_start:
                        value = type_number(value)
                if style is not None and control_search(value):
                    # Only quoted or block scalars can hold them (escapes like "\e"; the reader refuses
                    # raw ones): a terminal would obey them. An error, so the story does not load.
                    message = f"text holds the control character {describe_control(value)}; remove it"
                    report(mark.line + 1, mark.column + 1, "E111", message)
                node = node_new(value, path, mark.line + 1, mark.column + 1, style)
            elif cls is MapEnd or cls is SeqEnd:
                node = top
                top, top_list, top_map, top_keys, key = stack.pop()
            elif cls is MapStart or cls is SeqStart:
                mark = ev.start_mark
                if ev.anchor is not None:
                    report(mark.line + 1, mark.column + 1, "E104", f"anchor &{ev.anchor} is not allowed")
                if ev.tag is not None:
                    report(mark.line + 1, mark.column + 1, "E107", _tag_message(ev.tag))
                stack.append((top, top_list, top_map, top_keys, key))
                if len(stack) > max_depth:
                    message = f"nesting deeper than {max_depth} levels"
                    report(mark.line + 1, mark.column + 1, "E108", message, fatal=True)
                    return None
                key = None
                if cls is MapStart:
                    top_list = None
                    top_map = {}
                    top_keys = {}
                    top = node_new(top_map, path, mark.line + 1, mark.column + 1, None, top_keys)
                else:
                    top_list = []
                    top_map = top_keys = None
                    top = node_new(top_list, path, mark.line + 1, mark.column + 1)
                continue
            elif cls is Alias:
                mark = ev.start_mark
                report(mark.line + 1, mark.column + 1, "E104", f"alias *{ev.anchor} is not allowed")
                if top_map is not None and key is None:
                    key = bad_key
                    continue
                node = node_new(None, path, mark.line + 1, mark.column + 1)
            elif cls is DocStart:
                documents += 1
                if documents > 1:
                    mark = ev.start_mark
                    message = "a file may hold only one YAML document"
                    report(mark.line + 1, mark.column + 1, "E109", message, fatal=True)
                    break
                continue
            elif ev is None:
                break
            else:  # StreamStart, StreamEnd, DocumentEnd
                continue

            # Attach the finished node to the innermost open collection.
            if top_map is not None:
                if key is None:
                    k = node.value
                    if k.__class__ is dict or k.__class__ is list:
                        report(node.line, node.col, "E110", "a key must be a scalar, not a list or mapping")
                        key = bad_key
                    elif k.__class__ is str and k == "<<" and node.style is None:
                        report(node.line, node.col, "E105", "merge keys (<<) are not allowed")
                        key = bad_key
                    elif k in top_map:
                        first = top_keys[k]
                        shown = _show_key(k)
                        also = "" if _show_key(first.value) == shown else f" as {_show_key(first.value)}"
                        message = f"duplicate key {shown} (first at line {first.line}{also})"
                        report(node.line, node.col, "E106", message)
                        key = bad_key
                    else:
                        key = node
                    continue
                if key is not bad_key:
                    k = key.value
                    top_map[k] = node
                    top_keys[k] = key
                key = None
            elif top_list is not None:
                top_list.append(node)
            else:
                root = node
    finally:
        loader.dispose()

    if root is None:
        # No document at all: an empty or comments-only file reads as null, like an empty document.
        return node_new(None, path, 1, 1)
    return root
