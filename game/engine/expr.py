"""Story expressions: a small whitelisted language for conditions, values and effects.

Stories never run Python. Every condition (``score >= 650 and not flags.posted_photo``),
every interpolated value and every effect (``money -= 20``) is read by the hand-written
tokenizer and recursive-descent parser in this module, type-checked against the story's
declared variables, and turned into a tree of small closures that the runtime calls.

Contract:

* :func:`compile_condition`, :func:`compile_value` and :func:`compile_effect` either return
  a :class:`Compiled` or raise :class:`ExprError`; no other exception escapes, whatever the
  input (a non-``str`` source included).
* :meth:`Compiled.evaluate` never raises for a context that returns values of the declared
  types: ``a // 0`` and ``a % 0`` are 0, every int result is saturated to
  ``[-10**15, 10**15]`` and str results are cut to :data:`MAX_TEXT` characters, so no value
  grows without bound.
* Evaluation reads the context and returns a value; it changes nothing. An effect returns the
  *new* value for its target and the runtime stores it.

Columns: :attr:`ExprError.col` is the 1-based index of a character in the source string (a
tab or a newline counts as one character). It points at:

* the offending character or token for lexical and syntax errors (the end of the source,
  ``len(source) + 1``, when the source stops too early; ``501`` for a source that is too long);
* the operator for type errors of operators (``money +  'x'`` -> the ``+``), including ``=``
  and ``+=`` in effects;
* the argument for a function argument of the wrong type, the function name for an unknown
  function, a wrong number of arguments or ``random`` in a condition;
* the first character of the name for unknown variables, of the offending segment for names
  with ``_``, of the target for read-only or unknown effect targets;
* the first token of the expression when a condition is not a bool;
* the ``(``, ``{``, function name or unary operator that opens one level too many.

Nesting depth: each parenthesis, call, set literal and unary operator opens a level, and so
does each operator in the expression tree, where a run of the same precedence level
(``a + b - c``, ``a and b and c``, ``0 < x <= 10``) counts once. At most :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable
from typing import Any, Protocol

from msgspec import Struct

from . import limits, vartypes
from .diagnostics import CODES
from .vartypes import BOOL, INT, SET, STR

# Looked up in the diagnostics table so that a renamed or retired code fails at import time.
BAD_EXPRESSION = CODES["E400"].id
TYPE_MISMATCH = CODES["E401"].id
READ_ONLY = CODES["E402"].id
EXPRESSION_LIMIT = CODES["E403"].id
FORBIDDEN = CODES["E404"].id
UNKNOWN_VARIABLE = CODES["E301"].id

TYPES = frozenset(vartypes.NAMES)

CONDITION = "condition"
VALUE = "value"
EFFECT = "effect"

MAX_SOURCE = 500  #: characters in one expression or effect
MAX_DEPTH = 32  #: levels of nesting
MAX_INT_LITERAL = 10**12  #: largest absolute value written as a literal
MAX_STR_LITERAL = 200  #: characters in one string literal (after escapes)
INT_LIMIT = limits.INT_MAGNITUDE  #: every int result is saturated to [-INT_LIMIT, INT_LIMIT]
MAX_TEXT = limits.TEXT_CHARS  #: str results of '+' are cut to this many characters

FUNCTIONS = ("min", "max", "clamp", "abs", "len", "grouped", "random")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})


class ExprError(Exception):
    """A problem in one expression: a diagnostic ``code``, a one-line ``message`` written for
    story authors (no position in it) and the 1-based ``col`` where the problem starts."""

    def __init__(self, code: str, message: str, col: int):
        # args mirror the constructor so that the error survives pickling and copying.
        super().__init__(code, message, col)
        self.code = code
        self.message = message
        self.col = col

    def __str__(self) -> str:
        return f"{self.code} {self.message} (column {self.col})"


class TypeEnv(Protocol):
    """What the compiler needs to know about the story's variables (supplied by the loader)."""

    def type_of(self, name: str) -> str | None:
        """The type (:data:`INT`, :data:`BOOL`, :data:`STR` or :data:`SET`); None if unknown."""
        ...

    def is_writable(self, name: str) -> bool:
        """Whether effects may assign to ``name``."""
        ...


class Context(Protocol):
    """What evaluation needs at run time (supplied by the runtime)."""

    def get(self, name: str) -> Any:
        """The current value of a declared name."""
        ...

    def randint(self, lo: int, hi: int) -> int:
        """A draw from the game's seeded generator, ``lo <= n <= hi``; ``lo <= hi`` always."""
        ...


class Compiled(Struct, frozen=True):
    """A checked expression, ready to evaluate many times.

    ``type`` is the result type (for effects, the target's type); ``reads`` every name the
    expression reads (for compound effects such as ``+=`` the target too); ``target`` the
    assigned name for effects, else None.
    """

    source: str
    kind: str
    type: str
    reads: frozenset[str]
    target: str | None
    uses_random: bool
    _fn: Callable[[Any], object]

    # Equal and hashed by what was written and what it means, not by the function compiled for it.
    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if type(other) is Compiled else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple:
        return (self.source, self.kind, self.type, self.target)

    def __repr__(self) -> str:
        return f"Compiled({self.source!r}, kind={self.kind!r}, type={self.type!r})"

    def evaluate(self, ctx: Context) -> object:
        """The value (conditions, values) or the new value for ``target`` (effects).

        Never raises when ``ctx.get`` returns values of the declared types; changes nothing.
        """
        return self._fn(ctx)


def format_value(value: object) -> str:
    """How a value shows in story text: ints as digits, bools as true/false, str as is and
    sets as their elements sorted and separated by ', ' (an empty set shows as '')."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


# --------------------------------------------------------------------------------------------
# Tokens

_INT_T = "int"
_STR_T = "str"
_NAME_T = "name"
_KW_T = "kw"
_OP_T = "op"
_EOF_T = "eof"

_WHITESPACE = frozenset(" \t\r\n")
_DIGITS = frozenset("0123456789")
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NAME_START = frozenset(_LETTERS + "_")  # '_' only so that it can be refused clearly
_NAME_CHARS = _NAME_START | _DIGITS
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n"}

_OPERATORS = frozenset(
    {"//=", "+=", "-=", "*=", "==", "!=", "<=", ">=", "//", "+", "-", "*", "%", "<", ">", "="}
    | {"(", ")", "{", "}", ","}
)
_REFUSED_OPERATORS = {
    "**=": (FORBIDDEN, "'**=' is not allowed; there is no power operator"),
    "**": (FORBIDDEN, "'**' is not allowed; use '*'"),
    "/=": (FORBIDDEN, "'/=' is not allowed; use '//=' for whole-number division"),
    "%=": (FORBIDDEN, "'%=' is not allowed; write x = x % y"),
    ":=": (FORBIDDEN, "':=' is not allowed"),
    "<<": (FORBIDDEN, "'<<' is not allowed"),
    ">>": (FORBIDDEN, "'>>' is not allowed"),
    "&&": (FORBIDDEN, "'&&' is not allowed; use 'and'"),
    "||": (FORBIDDEN, "'||' is not allowed; use 'or'"),
    "/": (FORBIDDEN, "'/' is not allowed; use '//' for whole-number division"),
    "&": (FORBIDDEN, "'&' is not allowed; use 'and'"),
    "|": (FORBIDDEN, "'|' is not allowed; use 'or'"),
    "^": (FORBIDDEN, "'^' is not allowed"),
    "~": (FORBIDDEN, "'~' is not allowed"),
    "@": (FORBIDDEN, "'@' is not allowed"),
    "!": (FORBIDDEN, "'!' is not allowed; use 'not'"),
    ":": (FORBIDDEN, "':' is not allowed; there are no lambdas, slices or dictionaries"),
    "[": (FORBIDDEN, "'[' is not allowed; there are no lists or indexing"),
    "]": (FORBIDDEN, "']' is not allowed; there are no lists or indexing"),
    ".": (FORBIDDEN, "'.' is only allowed inside names such as flags.met_mei; values have no methods"),
    ";": (BAD_EXPRESSION, "';' is not allowed; write one expression (or one assignment per effect)"),
    "#": (BAD_EXPRESSION, "'#' is not allowed; expressions have no comments"),
    "\\": (BAD_EXPRESSION, "'\\' is only allowed inside quotes"),
}

# Python words that a story author might try; each gets a message instead of "unknown variable".
_PYTHON_WORDS = {
    "True": (BAD_EXPRESSION, "use lowercase 'true'"),
    "False": (BAD_EXPRESSION, "use lowercase 'false'"),
    "None": (FORBIDDEN, "'None' is not allowed; every variable always has a value"),
    "lambda": (FORBIDDEN, "'lambda' is not allowed"),
    "if": (FORBIDDEN, "'if' is not allowed in an expression; give each branch its own condition"),
    "else": (FORBIDDEN, "'else' is not allowed in an expression; give each branch its own condition"),
    "elif": (FORBIDDEN, "'elif' is not allowed in an expression; give each branch its own condition"),
    "is": (FORBIDDEN, "'is' is not allowed; use '=='"),
    "AND": (BAD_EXPRESSION, "use lowercase 'and'"),
    "OR": (BAD_EXPRESSION, "use lowercase 'or'"),
    "NOT": (BAD_EXPRESSION, "use lowercase 'not'"),
}
for _word in (
    *("for", "while", "import", "from", "as", "def", "class", "return", "yield", "with", "try", "except"),
    *(
        "finally",
        "raise",
        "del",
        "global",
        "nonlocal",
        "assert",
        "pass",
        "break",
        "continue",
        "async",
        "await",
    ),
):
    _PYTHON_WORDS[_word] = (FORBIDDEN, f"'{_word}' is not allowed in an expression")
del _word

_STRING_PREFIXES = frozenset({"f", "r", "b", "u", "rb", "br", "fr", "rf"})


class _Token:
    __slots__ = ("kind", "value", "col")

    def __init__(self, kind: str, value: Any, col: int):
        self.kind = kind
        self.value = value
        self.col = col

    def is_op(self, value: str) -> bool:
        return self.kind == _OP_T and self.value == value

    def is_kw(self, value: str) -> bool:
        return self.kind == _KW_T and self.value == value

    def describe(self) -> str:
        if self.kind == _EOF_T:
            return "the end of the expression"
        if self.kind == _INT_T:
            return f"the number {self.value}"
        if self.kind == _STR_T:
            return "a quoted text"
        return f"'{self.value}'"


def _show_char(ch: str) -> str:
    """A character as it can be shown in a one-line message."""
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}'"
    return f"U+{ord(ch):04X}"


def _bad_char(ch: str, col: int) -> ExprError:
    if ord(ch) < 32 or unicodedata.category(ch) in ("Cc", "Cs"):
        return ExprError(BAD_EXPRESSION, f"control character {_show_char(ch)} is not allowed", col)
    if ch.isalpha() or ch.isdigit():
        return ExprError(
            BAD_EXPRESSION, f"names may only use ASCII letters, digits and '_' (found {_show_char(ch)})", col
        )
    return ExprError(BAD_EXPRESSION, f"unexpected character {_show_char(ch)}", col)


def _tokenize(src: str) -> list[_Token]:
    """The tokens of ``src`` ending with an EOF token; raises on the first refused character.

    The whole source is read before parsing so that forbidden constructs are reported as
    forbidden even when the text around them would not parse either.
    """
    tokens: list[_Token] = []
    n = len(src)
    i = 0
    while i < n:
        ch = src[i]
        if ch in _WHITESPACE:
            i += 1
        elif ch in _DIGITS:
            i = _scan_number(src, i, tokens)
        elif ch in _NAME_START:
            i = _scan_name(src, i, tokens)
        elif ch == "'" or ch == '"':
            i = _scan_string(src, i, tokens)
        else:
            for size in (3, 2, 1):
                text = src[i : i + size]
                if text in _OPERATORS:
                    tokens.append(_Token(_OP_T, text, i + 1))
                    i += size
                    break
                refused = _REFUSED_OPERATORS.get(text)
                if refused is not None:
                    if text == "." and i + 1 < n and src[i + 1] in _DIGITS:
                        raise ExprError(
                            BAD_EXPRESSION, "decimal numbers are not allowed; use whole numbers", i + 1
                        )
                    raise ExprError(refused[0], refused[1], i + 1)
            else:
                raise _bad_char(ch, i + 1)
    tokens.append(_Token(_EOF_T, None, n + 1))
    return tokens


def _scan_number(src: str, i: int, tokens: list[_Token]) -> int:
    n = len(src)
    j = i
    while j < n and src[j] in _DIGITS:
        j += 1
    text = src[i:j]
    if j < n:
        nxt = src[j]
        if nxt == ".":
            raise ExprError(BAD_EXPRESSION, "decimal numbers are not allowed; use whole numbers", i + 1)
        if nxt == "_":
            raise ExprError(BAD_EXPRESSION, "'_' is not allowed in numbers; write 1000, not 1_000", j + 1)
        if text == "0" and nxt in "xXoObB":
            raise ExprError(BAD_EXPRESSION, "hexadecimal, octal and binary numbers are not allowed", i + 1)
        if nxt in _NAME_CHARS or nxt.isalnum():
            raise ExprError(BAD_EXPRESSION, "a number cannot be followed directly by a letter", j + 1)
    if len(text) > 1 and text[0] == "0":
        raise ExprError(
            BAD_EXPRESSION, f"numbers may not start with 0 (write {text.lstrip('0') or '0'})", i + 1
        )
    # Length first: never convert a huge digit string.
    if len(text) > len(str(MAX_INT_LITERAL)) or int(text) > MAX_INT_LITERAL:
        raise ExprError(EXPRESSION_LIMIT, f"number is too large; the limit is {MAX_INT_LITERAL}", i + 1)
    tokens.append(_Token(_INT_T, int(text), i + 1))
    return j


def _scan_name(src: str, i: int, tokens: list[_Token]) -> int:
    n = len(src)
    j = i
    first = True
    while True:
        seg_start = j
        while j < n and src[j] in _NAME_CHARS:
            j += 1
        seg = src[seg_start:j]
        if seg[0] == "_":
            raise ExprError(FORBIDDEN, f"names may not start with '_' (found '{seg}')", seg_start + 1)
        if "__" in seg:
            raise ExprError(FORBIDDEN, f"names may not contain '__' (found '{seg}')", seg_start + 1)
        if first:
            if seg in KEYWORDS:
                tokens.append(_Token(_KW_T, seg, i + 1))
                return j
            refused = _PYTHON_WORDS.get(seg)
            if refused is not None:
                raise ExprError(refused[0], refused[1], i + 1)
            if j < n and src[j] in "'\"" and seg.lower() in _STRING_PREFIXES:
                if "f" in seg.lower():
                    raise ExprError(FORBIDDEN, "f-strings are not allowed; join text with '+'", i + 1)
                raise ExprError(FORBIDDEN, f"string prefixes such as {seg}'...' are not allowed", i + 1)
        first = False
        # A dot continues the name only when a name segment follows; any other dot is refused
        # by the tokenizer's main loop.
        if j + 1 < n and src[j] == "." and src[j + 1] in _NAME_START:
            j += 1
            continue
        tokens.append(_Token(_NAME_T, src[i:j], i + 1))
        return j


def _scan_string(src: str, i: int, tokens: list[_Token]) -> int:
    n = len(src)
    quote = src[i]
    j = i + 1
    out: list[str] = []
    while True:
        if j >= n:
            raise ExprError(BAD_EXPRESSION, "text is missing its closing quote", i + 1)
        ch = src[j]
        if ch == quote:
            break
        if ch == "\\":
            if j + 1 >= n:
                raise ExprError(BAD_EXPRESSION, "text is missing its closing quote", i + 1)
            esc = src[j + 1]
            if esc not in _ESCAPES:
                shown = (
                    f"'\\{esc}'"
                    if esc.isprintable() and not esc.isspace()
                    else f"'\\' before {_show_char(esc)}"
                )
                raise ExprError(
                    BAD_EXPRESSION,
                    f"unknown escape {shown}; only \\\\, \\', \\\" and \\n are allowed",
                    j + 1,
                )
            out.append(_ESCAPES[esc])
            j += 2
            continue
        if ord(ch) < 32 or ord(ch) == 127 or (ord(ch) > 127 and unicodedata.category(ch) in ("Cc", "Cs")):
            if ch == "\n":
                raise ExprError(BAD_EXPRESSION, "text cannot span lines; write \\n for a new line", j + 1)
            raise ExprError(BAD_EXPRESSION, f"control character {_show_char(ch)} is not allowed", j + 1)
        out.append(ch)
        j += 1
    value = "".join(out)
    if len(value) > MAX_STR_LITERAL:
        raise ExprError(
            EXPRESSION_LIMIT,
            f"quoted text is too long ({len(value)} characters; the limit is {MAX_STR_LITERAL})",
            i + 1,
        )
    tokens.append(_Token(_STR_T, value, i + 1))
    return j + 1


# --------------------------------------------------------------------------------------------
# Syntax tree. ``col`` anchors errors about the node (its operator, name or bracket); ``start``
# is its first character; ``depth`` its nesting depth (0 for literals and names).


class _Node:
    __slots__ = ("col", "start", "depth")


class _Lit(_Node):
    __slots__ = ("type", "value")

    def __init__(self, typ: str, value: Any, col: int):
        self.type, self.value, self.col, self.start, self.depth = typ, value, col, col, 0


class _Name(_Node):
    __slots__ = ("name",)

    def __init__(self, name: str, col: int):
        self.name, self.col, self.start, self.depth = name, col, col, 0


class _Unary(_Node):
    __slots__ = ("op", "operand")

    def __init__(self, op: str, operand: _Node, col: int):
        self.op, self.operand, self.col, self.start = op, operand, col, col
        self.depth = operand.depth + 1


class _Chain(_Node):
    """``first op operand op operand ...`` at one precedence level (arithmetic, and/or,
    comparisons); ``rest`` holds ``(op, op_col, operand)``."""

    __slots__ = ("level", "first", "rest")

    def __init__(self, level: str, first: _Node, rest: list[tuple[str, int, _Node]]):
        self.level, self.first, self.rest = level, first, rest
        self.col, self.start = rest[0][1], first.start
        self.depth = max(first.depth, *(node.depth for _, _, node in rest)) + 1


class _Call(_Node):
    __slots__ = ("func", "args")

    def __init__(self, func: str, args: list[_Node], col: int):
        self.func, self.args, self.col, self.start = func, args, col, col
        self.depth = max((a.depth for a in args), default=0) + 1


class _SetLit(_Node):
    __slots__ = ("items",)

    def __init__(self, items: list[_Node], col: int):
        self.items, self.col, self.start = items, col, col
        self.depth = max((a.depth for a in items), default=0) + 1


_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_ASSIGNMENTS = frozenset({"=", "+=", "-=", "*=", "//="})
_TOO_DEEP = f"expression is nested too deeply (more than {MAX_DEPTH} levels)"


class _Parser:
    """Recursive descent over the token list. Recursion happens only through '(', calls, set
    literals and unary operators, each of which counts against :data:`MAX_DEPTH`, so Python's
    own recursion limit is never approached."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.i = 0
        self.nesting = 0

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        if tok.kind != _EOF_T:
            self.i += 1
        return tok

    def enter(self, tok: _Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise ExprError(EXPRESSION_LIMIT, _TOO_DEEP, tok.col)

    def leave(self) -> None:
        self.nesting -= 1

    @staticmethod
    def checked(node: _Node) -> _Node:
        if node.depth > MAX_DEPTH:
            raise ExprError(EXPRESSION_LIMIT, _TOO_DEEP, node.col)
        return node

    # -- entry points

    def expression(self, kind: str) -> _Node:
        if self.peek().kind == _EOF_T:
            raise ExprError(BAD_EXPRESSION, f"the {kind} is empty", 1)
        node = self.parse_or()
        self.expect_end(kind)
        return node

    def effect(self) -> tuple[_Token, _Token, _Node]:
        target = self.peek()
        if target.kind == _EOF_T:
            raise ExprError(BAD_EXPRESSION, "the effect is empty", 1)
        if target.kind != _NAME_T:
            raise ExprError(
                BAD_EXPRESSION,
                f"an effect must start with the name of a variable (money += 10), not {target.describe()}",
                target.col,
            )
        self.take()
        op = self.peek()
        if op.kind != _OP_T or op.value not in _ASSIGNMENTS:
            hint = "; '==' compares, '=' sets" if op.is_op("==") else ""
            raise ExprError(
                BAD_EXPRESSION,
                f"expected '=', '+=', '-=', '*=' or '//=' after '{target.value}', got {op.describe()}{hint}",
                op.col,
            )
        self.take()
        if self.peek().kind == _EOF_T:
            raise ExprError(BAD_EXPRESSION, f"expected a value after '{op.value}'", self.peek().col)
        node = self.parse_or()
        self.expect_end(EFFECT)
        return target, op, node

    def expect_end(self, kind: str) -> None:
        tok = self.peek()
        if tok.kind == _EOF_T:
            return
        if tok.kind == _OP_T and tok.value in _ASSIGNMENTS:
            if kind == EFFECT:
                raise ExprError(BAD_EXPRESSION, "an effect holds exactly one assignment", tok.col)
            raise self.misplaced_assignment(tok)
        if tok.is_op(")"):
            raise ExprError(BAD_EXPRESSION, "')' has no matching '('", tok.col)
        if tok.is_op("}"):
            raise ExprError(BAD_EXPRESSION, "'}' has no matching '{'", tok.col)
        if tok.is_op("("):
            raise ExprError(FORBIDDEN, self.not_callable(), tok.col)
        raise ExprError(
            BAD_EXPRESSION, f"unexpected {tok.describe()}; expected an operator or the end", tok.col
        )

    @staticmethod
    def misplaced_assignment(tok: _Token) -> ExprError:
        if tok.value == "=":
            return ExprError(BAD_EXPRESSION, "'=' sets a variable; use '==' to compare", tok.col)
        return ExprError(
            BAD_EXPRESSION, f"'{tok.value}' changes a variable; only effects can do that", tok.col
        )

    @staticmethod
    def not_callable() -> str:
        return "only the functions " + ", ".join(FUNCTIONS) + " can be called"

    # -- precedence levels, lowest first

    def parse_or(self) -> _Node:
        first = self.parse_and()
        if not self.peek().is_kw("or"):
            return first
        rest = []
        while self.peek().is_kw("or"):
            tok = self.take()
            rest.append(("or", tok.col, self.parse_and()))
        return self.checked(_Chain("or", first, rest))

    def parse_and(self) -> _Node:
        first = self.parse_not()
        if not self.peek().is_kw("and"):
            return first
        rest = []
        while self.peek().is_kw("and"):
            tok = self.take()
            rest.append(("and", tok.col, self.parse_not()))
        return self.checked(_Chain("and", first, rest))

    def parse_not(self) -> _Node:
        tok = self.peek()
        if not tok.is_kw("not"):
            return self.parse_comparison()
        self.take()
        self.enter(tok)
        operand = self.parse_not()
        self.leave()
        return self.checked(_Unary("not", operand, tok.col))

    def parse_comparison(self) -> _Node:
        first = self.parse_sum()
        rest = []
        while True:
            tok = self.peek()
            if tok.kind == _OP_T and tok.value in _COMPARISONS:
                op = tok.value
                self.take()
            elif tok.is_kw("in"):
                op = "in"
                self.take()
            elif tok.is_kw("not") and self.peek(1).is_kw("in"):
                op = "not in"
                self.take()
                self.take()
            else:
                break
            rest.append((op, tok.col, self.parse_sum()))
        return self.checked(_Chain("compare", first, rest)) if rest else first

    def parse_sum(self) -> _Node:
        first = self.parse_product()
        rest = []
        while (tok := self.peek()).kind == _OP_T and tok.value in ("+", "-"):
            self.take()
            rest.append((tok.value, tok.col, self.parse_product()))
        return self.checked(_Chain("arith", first, rest)) if rest else first

    def parse_product(self) -> _Node:
        first = self.parse_unary()
        rest = []
        while (tok := self.peek()).kind == _OP_T and tok.value in ("*", "//", "%"):
            self.take()
            rest.append((tok.value, tok.col, self.parse_unary()))
        return self.checked(_Chain("arith", first, rest)) if rest else first

    def parse_unary(self) -> _Node:
        tok = self.peek()
        if not tok.is_op("-"):
            return self.parse_primary()
        self.take()
        self.enter(tok)
        operand = self.parse_unary()
        self.leave()
        return self.checked(_Unary("-", operand, tok.col))

    def parse_primary(self) -> _Node:
        tok = self.take()
        kind = tok.kind
        if kind == _INT_T:
            node: _Node = _Lit(INT, tok.value, tok.col)
        elif kind == _STR_T:
            node = _Lit(STR, tok.value, tok.col)
        elif kind == _KW_T and tok.value in ("true", "false"):
            node = _Lit(BOOL, tok.value == "true", tok.col)
        elif kind == _NAME_T:
            node = self.parse_call(tok) if self.peek().is_op("(") else _Name(tok.value, tok.col)
        elif tok.is_op("("):
            self.enter(tok)
            node = self.parse_or()
            self.expect_close(")", "(")
            self.leave()
        elif tok.is_op("{"):
            node = self.parse_set(tok)
        elif kind == _EOF_T:
            raise ExprError(BAD_EXPRESSION, "the expression ends too early; expected a value", tok.col)
        else:
            hint = "; use '-' before a value, or nothing" if tok.is_op("+") else ""
            raise ExprError(BAD_EXPRESSION, f"expected a value, got {tok.describe()}{hint}", tok.col)
        if self.peek().is_op("("):
            raise ExprError(FORBIDDEN, self.not_callable(), self.peek().col)
        return node

    def parse_call(self, name: _Token) -> _Node:
        self.take()  # '('
        self.enter(name)
        args = self.parse_items(")", "(")
        self.leave()
        return self.checked(_Call(name.value, args, name.col))

    def parse_set(self, brace: _Token) -> _Node:
        self.enter(brace)
        items = self.parse_items("}", "{")
        self.leave()
        return self.checked(_SetLit(items, brace.col))

    def parse_items(self, close: str, opener: str) -> list[_Node]:
        """Comma-separated values up to ``close`` (consumed); no trailing comma."""
        items: list[_Node] = []
        if self.peek().is_op(close):
            self.take()
            return items
        while True:
            items.append(self.parse_or())
            if self.peek().is_op(","):
                self.take()
                continue
            self.expect_close(close, opener)
            return items

    def expect_close(self, close: str, opener: str) -> None:
        tok = self.peek()
        if tok.is_op(close):
            self.take()
            return
        if tok.kind == _OP_T and tok.value in _ASSIGNMENTS:
            raise self.misplaced_assignment(tok)
        raise ExprError(
            BAD_EXPRESSION, f"expected '{close}' to close '{opener}', got {tok.describe()}", tok.col
        )


# --------------------------------------------------------------------------------------------
# Run-time operations. Each takes already-evaluated operands and never raises for operands of
# the types the compiler allowed.


def _sat(v: int) -> int:
    return INT_LIMIT if v > INT_LIMIT else (-INT_LIMIT if v < -INT_LIMIT else v)


def _add(a: int, b: int) -> int:
    v = a + b
    return v if -INT_LIMIT <= v <= INT_LIMIT else _sat(v)


def _sub(a: int, b: int) -> int:
    v = a - b
    return v if -INT_LIMIT <= v <= INT_LIMIT else _sat(v)


def _mul(a: int, b: int) -> int:
    v = a * b
    return v if -INT_LIMIT <= v <= INT_LIMIT else _sat(v)


def _floordiv(a: int, b: int) -> int:
    # Defined as 0 rather than an error: a story must never crash on a division.
    return _sat(a // b) if b else 0


def _mod(a: int, b: int) -> int:
    return _sat(a % b) if b else 0


def _neg(a: int) -> int:
    return _sat(-a)


def _abs(a: int) -> int:
    return _sat(abs(a))


def _concat(a: str, b: str) -> str:
    v = a + b
    return v if len(v) <= MAX_TEXT else v[:MAX_TEXT]


def _union(a: Any, b: Any) -> frozenset:
    return frozenset(a).union(b)


def _with(a: Any, b: str) -> frozenset:
    return frozenset(a).union((b,))


def _difference(a: Any, b: Any) -> frozenset:
    return frozenset(a).difference(b)


def _without(a: Any, b: str) -> frozenset:
    return frozenset(a).difference((b,))


def _grouped(x: int) -> str:
    """``grouped(2695)`` → ``'2,695'``: a number written for reading, with thousands separators."""
    return f"{x:,}"


def _clamp(x: int, lo: int, hi: int) -> int:
    if lo > hi:
        lo, hi = hi, lo
    return lo if x < lo else (hi if x > hi else x)


def _contains(a: str, b: Any) -> bool:
    return a in b


def _not_contains(a: str, b: Any) -> bool:
    return a not in b


_ARITH: dict[tuple[str, str, str], tuple[str, Callable[[Any, Any], Any]]] = {
    ("+", INT, INT): (INT, _add),
    ("+", STR, STR): (STR, _concat),
    ("+", SET, SET): (SET, _union),
    ("+", SET, STR): (SET, _with),
    ("-", INT, INT): (INT, _sub),
    ("-", SET, SET): (SET, _difference),
    ("-", SET, STR): (SET, _without),
    ("*", INT, INT): (INT, _mul),
    ("//", INT, INT): (INT, _floordiv),
    ("%", INT, INT): (INT, _mod),
}

_ARITH_VERBS = {
    "+": "cannot add {a} and {b}",
    "-": "cannot subtract {b} from {a}",
    "*": "cannot multiply {a} by {b}",
    "//": "cannot divide {a} by {b}",
    "%": "cannot take the remainder of {a} divided by {b}",
}

_COMPARE_FUNCS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": _contains,
    "not in": _not_contains,
}


# --------------------------------------------------------------------------------------------
# Type checking and closure building.


class _Code:
    """A checked sub-expression: its type and a closure ``fn(ctx)``. ``const`` marks a value
    known at compile time (held in ``value``); ``name`` marks a plain variable read, so that
    parents can call ``ctx.get`` directly instead of through another closure."""

    __slots__ = ("type", "fn", "const", "value", "name", "random")

    def __init__(self, typ: str, fn: Callable[[Any], Any], *, random: bool = False):
        self.type, self.fn, self.random = typ, fn, random
        self.const, self.value, self.name = False, None, None


def _constant(typ: str, value: Any) -> _Code:
    code = _Code(typ, lambda ctx: value)
    code.const, code.value = True, value
    return code


def _binary(f: Callable[[Any, Any], Any], a: _Code, b: _Code, typ: str) -> _Code:
    """``f(a, b)`` as a closure, folded when both sides are constants."""
    random = a.random or b.random
    if a.const and b.const:
        return _constant(typ, f(a.value, b.value))
    # Specialised shapes keep the common `name OP literal` down to one closure call.
    if b.const:
        y = b.value
        if a.name is not None:
            n = a.name
            return _Code(typ, lambda ctx: f(ctx.get(n), y), random=random)
        fa = a.fn
        return _Code(typ, lambda ctx: f(fa(ctx), y), random=random)
    fb = b.fn
    if a.const:
        x = a.value
        return _Code(typ, lambda ctx: f(x, fb(ctx)), random=random)
    if a.name is not None:
        n = a.name
        return _Code(typ, lambda ctx: f(ctx.get(n), fb(ctx)), random=random)
    fa = a.fn
    return _Code(typ, lambda ctx: f(fa(ctx), fb(ctx)), random=random)


def _fold_chain(first: _Code, steps: list[tuple[Callable[[Any, Any], Any], _Code]], typ: str) -> _Code:
    """``first`` combined left to right with each ``(f, operand)``; one loop, not a deep tree."""
    if len(steps) == 1:
        return _binary(steps[0][0], first, steps[0][1], typ)
    random = first.random or any(code.random for _, code in steps)
    if first.const and all(code.const for _, code in steps):
        value = first.value
        for f, code in steps:
            value = f(value, code.value)
        return _constant(typ, value)
    head = first.fn
    pairs = tuple((f, code.fn) for f, code in steps)

    def chain(ctx: Any) -> Any:
        value = head(ctx)
        for f, g in pairs:
            value = f(value, g(ctx))
        return value

    return _Code(typ, chain, random=random)


class _Compiler:
    def __init__(self, env: TypeEnv, allow_random: bool):
        self.env = env
        self.allow_random = allow_random
        self.reads: set[str] = set()

    def check(self, node: _Node) -> _Code:
        if isinstance(node, _Lit):
            return _constant(node.type, node.value)
        if isinstance(node, _Name):
            return self.name(node.name, node.col)
        if isinstance(node, _Unary):
            return self.unary(node)
        if isinstance(node, _Chain):
            if node.level == "arith":
                return self.arith(node)
            if node.level == "compare":
                return self.compare(node)
            return self.logic(node)
        if isinstance(node, _Call):
            return self.call(node)
        assert isinstance(node, _SetLit)
        return self.set_literal(node)

    def name(self, name: str, col: int) -> _Code:
        typ = self.env.type_of(name)
        if typ is None:
            raise ExprError(UNKNOWN_VARIABLE, f"unknown variable '{name}'", col)
        if typ not in TYPES:
            raise ExprError(
                TYPE_MISMATCH, f"variable '{name}' has type '{typ}', which expressions cannot use", col
            )
        self.reads.add(name)
        code = _Code(typ, lambda ctx: ctx.get(name))
        code.name = name
        return code

    def unary(self, node: _Unary) -> _Code:
        operand = self.check(node.operand)
        if node.op == "not":
            if operand.type != BOOL:
                raise ExprError(TYPE_MISMATCH, f"'not' needs true or false, got {operand.type}", node.col)
            if operand.const:
                return _constant(BOOL, not operand.value)
            if operand.name is not None:
                n = operand.name
                return _Code(BOOL, lambda ctx: not ctx.get(n))
            f = operand.fn
            return _Code(BOOL, lambda ctx: not f(ctx), random=operand.random)
        if operand.type != INT:
            raise ExprError(TYPE_MISMATCH, f"cannot negate {operand.type}; '-' needs an int", node.col)
        if operand.const:
            return _constant(INT, _neg(operand.value))
        f = operand.fn
        return _Code(INT, lambda ctx: _neg(f(ctx)), random=operand.random)

    def arith_step(self, op: str, left: str, right: str, col: int) -> tuple[str, Callable[[Any, Any], Any]]:
        rule = _ARITH.get((op, left, right))
        if rule is None:
            raise ExprError(TYPE_MISMATCH, _ARITH_VERBS[op].format(a=left, b=right), col)
        return rule

    def arith(self, node: _Chain) -> _Code:
        first = self.check(node.first)
        typ = first.type
        steps = []
        for op, col, operand_node in node.rest:
            operand = self.check(operand_node)
            typ, f = self.arith_step(op, typ, operand.type, col)
            steps.append((f, operand))
        return _fold_chain(first, steps, typ)

    def compare(self, node: _Chain) -> _Code:
        codes = [self.check(node.first)]
        funcs = []
        for op, col, operand_node in node.rest:
            right = self.check(operand_node)
            self.check_comparison(op, codes[-1].type, right.type, col)
            codes.append(right)
            funcs.append(_COMPARE_FUNCS[op])
        if len(funcs) == 1:
            return _binary(funcs[0], codes[0], codes[1], BOOL)
        random = any(code.random for code in codes)
        fns = tuple(code.fn for code in codes)
        pairs = tuple(zip(funcs, fns[1:], strict=True))
        head = fns[0]

        # Python-style chaining: each middle operand is evaluated once, and evaluation stops at
        # the first false link.
        def chain(ctx: Any) -> bool:
            left = head(ctx)
            for f, g in pairs:
                right = g(ctx)
                if not f(left, right):
                    return False
                left = right
            return True

        if not random and all(code.const for code in codes):
            return _constant(BOOL, chain(None))
        return _Code(BOOL, chain, random=random)

    @staticmethod
    def check_comparison(op: str, left: str, right: str, col: int) -> None:
        if op in ("==", "!="):
            if left != right:
                raise ExprError(TYPE_MISMATCH, f"cannot compare {left} and {right} with '{op}'", col)
        elif op in ("in", "not in"):
            if right not in (SET, STR):
                raise ExprError(TYPE_MISMATCH, f"'{op}' needs a set or str on its right, got {right}", col)
            if left != STR:
                raise ExprError(TYPE_MISMATCH, f"'{op}' needs a str on its left, got {left}", col)
        elif left != right or left not in (INT, STR):
            if left == right:
                raise ExprError(TYPE_MISMATCH, f"'{op}' compares ints or strs, not {left}", col)
            raise ExprError(TYPE_MISMATCH, f"cannot compare {left} and {right} with '{op}'", col)

    def logic(self, node: _Chain) -> _Code:
        op = node.level
        codes = []
        for index, operand_node in enumerate([node.first, *(n for _, _, n in node.rest)]):
            code = self.check(operand_node)
            if code.type != BOOL:
                col = node.rest[max(index - 1, 0)][1]
                raise ExprError(
                    TYPE_MISMATCH, f"'{op}' needs true or false on both sides, got {code.type}", col
                )
            codes.append(code)
        random = any(code.random for code in codes)
        if all(code.const for code in codes):
            values = [code.value for code in codes]
            return _constant(BOOL, all(values) if op == "and" else any(values))
        fns = tuple(code.fn for code in codes)
        if len(fns) == 2:
            fa, fb = fns
            if op == "and":
                return _Code(BOOL, lambda ctx: fa(ctx) and fb(ctx), random=random)
            return _Code(BOOL, lambda ctx: fa(ctx) or fb(ctx), random=random)
        if op == "and":
            return _Code(BOOL, lambda ctx: all(f(ctx) for f in fns), random=random)
        return _Code(BOOL, lambda ctx: any(f(ctx) for f in fns), random=random)

    def call(self, node: _Call) -> _Code:
        func, col, nargs = node.func, node.col, len(node.args)
        if func not in FUNCTIONS:
            raise ExprError(
                FORBIDDEN, f"unknown function '{func}'; the functions are " + ", ".join(FUNCTIONS), col
            )
        if func == "random" and not self.allow_random:
            raise ExprError(FORBIDDEN, "random() can only be used in effects", col)
        if func in ("min", "max"):
            if nargs < 2:
                raise ExprError(BAD_EXPRESSION, f"{func}() needs at least 2 values, got {nargs}", col)
        else:
            wanted = {
                "clamp": (3, " (x, lo, hi)"),
                "abs": (1, ""),
                "len": (1, ""),
                "grouped": (1, ""),
                "random": (2, " (lo, hi)"),
            }
            count, shape = wanted[func]
            if nargs != count:
                plural = "value" if count == 1 else "values"
                raise ExprError(BAD_EXPRESSION, f"{func}() needs {count} {plural}{shape}, got {nargs}", col)
        args = []
        for arg_node in node.args:
            arg = self.check(arg_node)
            if func == "len":
                if arg.type not in (SET, STR):
                    raise ExprError(
                        TYPE_MISMATCH, f"len() needs a set or str, got {arg.type}", arg_node.start
                    )
            elif arg.type != INT:
                raise ExprError(TYPE_MISMATCH, f"{func}() needs int values, got {arg.type}", arg_node.start)
            args.append(arg)
        return self.build_call(func, args)

    @staticmethod
    def build_call(func: str, args: list[_Code]) -> _Code:
        random = any(arg.random for arg in args)
        if func == "random":
            flo, fhi = args[0].fn, args[1].fn

            def draw(ctx: Any) -> int:
                lo, hi = flo(ctx), fhi(ctx)
                return ctx.randint(lo, hi) if lo <= hi else ctx.randint(hi, lo)

            return _Code(INT, draw, random=True)
        if func in ("abs", "len", "grouped"):
            f1, typ = {"abs": (_abs, INT), "len": (len, INT), "grouped": (_grouped, STR)}[func]
            (arg,) = args
            if arg.const:
                return _constant(typ, f1(arg.value))
            g = arg.fn
            return _Code(typ, lambda ctx: f1(g(ctx)), random=random)
        if func == "clamp":
            if all(arg.const for arg in args):
                return _constant(INT, _clamp(*(arg.value for arg in args)))
            fx, flo, fhi = (arg.fn for arg in args)
            return _Code(INT, lambda ctx: _clamp(fx(ctx), flo(ctx), fhi(ctx)), random=random)
        pick = min if func == "min" else max
        if len(args) == 2:
            return _binary(pick, args[0], args[1], INT)
        if all(arg.const for arg in args):
            return _constant(INT, pick(arg.value for arg in args))
        fns = tuple(arg.fn for arg in args)
        return _Code(INT, lambda ctx: pick([f(ctx) for f in fns]), random=random)

    def set_literal(self, node: _SetLit) -> _Code:
        codes = []
        for item in node.items:
            code = self.check(item)
            if code.type != STR:
                raise ExprError(TYPE_MISMATCH, f"set elements must be str, got {code.type}", item.start)
            codes.append(code)
        if all(code.const for code in codes):
            return _constant(SET, frozenset(code.value for code in codes))
        fns = tuple(code.fn for code in codes)
        random = any(code.random for code in codes)
        return _Code(SET, lambda ctx: frozenset([f(ctx) for f in fns]), random=random)


# --------------------------------------------------------------------------------------------
# Public entry points.


def _parser_for(source: object) -> _Parser:
    if not isinstance(source, str):
        raise ExprError(BAD_EXPRESSION, f"an expression must be text, not {type(source).__name__}", 1)
    if len(source) > MAX_SOURCE:
        raise ExprError(
            EXPRESSION_LIMIT,
            f"expression is too long ({len(source)} characters; the limit is {MAX_SOURCE})",
            MAX_SOURCE + 1,
        )
    return _Parser(_tokenize(source))


def _expression(source: str, env: TypeEnv, kind: str) -> Compiled:
    node = _parser_for(source).expression(kind)
    compiler = _Compiler(env, allow_random=kind != CONDITION)
    code = compiler.check(node)
    if kind == CONDITION and code.type != BOOL:
        raise ExprError(TYPE_MISMATCH, f"condition must be true or false, got {code.type}", node.start)
    return Compiled(source, kind, code.type, frozenset(compiler.reads), None, code.random, code.fn)


def compile_condition(source: str, env: TypeEnv) -> Compiled:
    """Compile a condition; it must have type bool and may not call random().

    Raises :class:`ExprError` (and nothing else) for any problem.
    """
    return _expression(source, env, CONDITION)


def compile_value(source: str, env: TypeEnv) -> Compiled:
    """Compile an expression of any type (text interpolation, bounds...); random() is allowed.

    Raises :class:`ExprError` (and nothing else) for any problem.
    """
    return _expression(source, env, VALUE)


def compile_effect(source: str, env: TypeEnv) -> Compiled:
    """Compile one assignment ``NAME = expr`` or ``NAME op= expr`` (op: + - * //).

    ``NAME op= expr`` means ``NAME = NAME op expr`` with the usual type rules, so on a set
    ``+= 'x'`` adds an element and ``-= 'x'`` removes one. The target must be declared (E301)
    and writable (E402), and the new value must have the target's type. The result's
    ``evaluate`` returns the new value; it does not store it.
    Raises :class:`ExprError` (and nothing else) for any problem.
    """
    target_tok, op_tok, node = _parser_for(source).effect()
    target = target_tok.value
    target_type = env.type_of(target)
    if target_type is None:
        raise ExprError(UNKNOWN_VARIABLE, f"unknown variable '{target}'", target_tok.col)
    if not env.is_writable(target):
        raise ExprError(READ_ONLY, f"'{target}' is read-only; effects cannot change it", target_tok.col)
    compiler = _Compiler(env, allow_random=True)
    if op_tok.value == "=":
        code = compiler.check(node)
        if code.type != target_type:
            raise ExprError(
                TYPE_MISMATCH,
                f"cannot set '{target}' ({target_type}) to a value of type {code.type}",
                op_tok.col,
            )
    else:
        current = compiler.name(target, target_tok.col)
        operand = compiler.check(node)
        op = op_tok.value[:-1]
        typ, f = compiler.arith_step(op, current.type, operand.type, op_tok.col)
        if typ != target_type:  # every rule keeps the left type today; kept as a guard
            raise ExprError(
                TYPE_MISMATCH, f"cannot set '{target}' ({target_type}) to a value of type {typ}", op_tok.col
            )
        code = _binary(f, current, operand, typ)
    return Compiled(source, EFFECT, target_type, frozenset(compiler.reads), target, code.random, code.fn)
