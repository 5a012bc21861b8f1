"""Tests for the story expression language (game/engine/expr.py)."""

from __future__ import annotations

import pathlib
import pickle
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.diagnostics import CODES
from game.engine.expr import (
    BOOL,
    INT,
    INT_LIMIT,
    MAX_TEXT,
    SET,
    STR,
    Compiled,
    ExprError,
    compile_condition,
    compile_effect,
    compile_value,
    format_value,
)

EXPR_SOURCE = pathlib.Path(__file__).resolve().parents[1] / "game" / "engine" / "expr.py"


class DictEnv:
    """A TypeEnv over a dict of name -> type, with some names read-only."""

    def __init__(self, types: dict[str, str], read_only: frozenset[str] = frozenset()):
        self.types = types
        self.read_only = read_only

    def type_of(self, name: str) -> str | None:
        return self.types.get(name)

    def is_writable(self, name: str) -> bool:
        return name in self.types and name not in self.read_only


class DictContext:
    """A Context over a dict; records every randint call and every name read."""

    def __init__(self, values: dict[str, object], draws: list[int] | None = None):
        self.values = values
        self.draws = list(draws or [])
        self.randint_calls: list[tuple[int, int]] = []
        self.gets: list[str] = []

    def get(self, name: str) -> object:
        self.gets.append(name)
        return self.values[name]

    def randint(self, lo: int, hi: int) -> int:
        assert lo <= hi
        self.randint_calls.append((lo, hi))
        return self.draws.pop(0) if self.draws else lo


TYPES = {
    "money": INT,
    "score": INT,
    "turn": INT,
    "visits.market": INT,
    "contacts.mei.score": INT,
    "big": INT,
    "neg": INT,
    "zero": INT,
    "flags.posted_photo": BOOL,
    "flags.met_mei": BOOL,
    "yes": BOOL,
    "no": BOOL,
    "name": STR,
    "empty": STR,
    "purchases": SET,
    "tags": SET,
    "none": SET,
}
READ_ONLY = frozenset({"score", "turn", "visits.market"})
VALUES = {
    "money": 120,
    "score": 700,
    "turn": 3,
    "visits.market": 2,
    "contacts.mei.score": 40,
    "big": INT_LIMIT,
    "neg": -7,
    "zero": 0,
    "flags.posted_photo": False,
    "flags.met_mei": True,
    "yes": True,
    "no": False,
    "name": "Mei",
    "empty": "",
    "purchases": frozenset({"anime", "phone"}),
    "tags": frozenset({"phone"}),
    "none": frozenset(),
}
ENV = DictEnv(TYPES, READ_ONLY)


def ctx(**overrides: object) -> DictContext:
    return DictContext({**VALUES, **overrides})


def value(source: str, **overrides: object) -> object:
    return compile_value(source, ENV).evaluate(ctx(**overrides))


def error(fn, source: object) -> ExprError:
    with pytest.raises(ExprError) as info:
        fn(source, ENV)
    err = info.value
    assert err.code in CODES
    assert isinstance(err.col, int) and err.col >= 1
    assert "\n" not in err.message and err.message
    return err


# -- literals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("1000000000000", 10**12),
        ("true", True),
        ("false", False),
        ("'hi'", "hi"),
        ('"hi"', "hi"),
        ("''", ""),
        (r"'it\'s'", "it's"),
        (r'"say \"hi\""', 'say "hi"'),
        (r"'a\\b'", "a\\b"),
        (r"'line\nnext'", "line\nnext"),
        ("'é ☃ 你好'", "é ☃ 你好"),
        ('"it\'s"', "it's"),
        ("{'a', 'b'}", frozenset({"a", "b"})),
        ("{'a', 'a'}", frozenset({"a"})),
        ("{}", frozenset()),
        ("{name, 'x' + 'y'}", frozenset({"Mei", "xy"})),
        ("  7\t", 7),
    ],
)
def test_literals(source, expected):
    assert value(source) == expected


def test_literal_types():
    assert compile_value("1", ENV).type == INT
    assert compile_value("true", ENV).type == BOOL
    assert compile_value("'x'", ENV).type == STR
    assert compile_value("{}", ENV).type == SET
    assert compile_value("{'a'}", ENV).type == SET


@pytest.mark.parametrize(
    ("source", "code", "col"),
    [
        ("007", "E400", 1),
        ("00", "E400", 1),
        ("1.5", "E400", 1),
        ("1.", "E400", 1),
        (".5", "E400", 1),
        ("0x1F", "E400", 1),
        ("0b101", "E400", 1),
        ("1_000", "E400", 2),
        ("1e5", "E400", 2),
        ("12abc", "E400", 3),
        ("True", "E400", 1),
        ("FALSE == false", "E301", 1),
        ("'abc", "E400", 1),
        ("x == 'abc", "E400", 6),
        ("'abc\\", "E400", 1),
        (r"'\t'", "E400", 2),
        (r"'a\x41'", "E400", 3),
        (r"'\0'", "E400", 2),
        (r"'\u0041'", "E400", 2),
        ("'a\nb'", "E400", 3),
        ("'a\x00b'", "E400", 3),
        ("'a\x7fb'", "E400", 3),
        ("{1, 2}", "E401", 2),
        ("{'a', 1}", "E401", 7),
        ("{'a',}", "E400", 6),
        ("{'a' 'b'}", "E400", 6),
        ("{'a'", "E400", 5),
        ("None", "E404", 1),
    ],
)
def test_bad_literals(source, code, col):
    err = error(compile_value, source)
    assert (err.code, err.col) == (code, col), err.message


def test_escape_messages_name_the_escape():
    assert r"'\t'" in error(compile_value, r"'\t'").message
    assert "closing quote" in error(compile_value, "'abc").message
    assert "lowercase 'true'" in error(compile_value, "True").message


# -- names ---------------------------------------------------------------------------------------


def test_dotted_names_are_one_lookup():
    c = ctx()
    compiled = compile_value("contacts.mei.score + visits.market", ENV)
    assert compiled.evaluate(c) == 42
    assert sorted(c.gets) == ["contacts.mei.score", "visits.market"]
    assert compiled.reads == frozenset({"contacts.mei.score", "visits.market"})


def test_unknown_variable():
    err = error(compile_condition, "monye > 3")
    assert (err.code, err.col) == ("E301", 1)
    assert err.message == "unknown variable 'monye'"
    err = error(compile_condition, "money > 3 and contacts.bob.score > 1")
    assert (err.code, err.col) == ("E301", 15)
    assert "'contacts.bob.score'" in err.message


@pytest.mark.parametrize(
    ("source", "col"),
    [
        ("_secret", 1),
        ("__import__", 1),
        ("flags._hidden", 7),
        ("a__b", 1),
        ("flags.x__y", 7),
        ("contacts.mei.__dict__", 14),
        ("money + _x", 9),
    ],
)
def test_underscore_names_are_forbidden(source, col):
    err = error(compile_value, source)
    assert (err.code, err.col) == ("E404", col)
    assert "'_" in err.message and "names may not" in err.message


@pytest.mark.parametrize("word", ["and", "or", "not", "in", "true", "false"])
def test_keywords_are_not_names(word):
    env = DictEnv({word: INT})
    with pytest.raises(ExprError) as info:
        compile_effect(f"{word} = 1", env)
    assert info.value.code == "E400"


def test_keyword_may_be_a_later_segment_of_a_dotted_name():
    env = DictEnv({"flags.in": BOOL})
    assert compile_condition("flags.in", env).evaluate(DictContext({"flags.in": True})) is True


# -- operators and types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # int arithmetic
        ("1 + 2", 3),
        ("money - 20", 100),
        ("6 * 7", 42),
        ("7 // 2", 3),
        ("-7 // 2", -4),
        ("7 // -2", -4),
        ("7 % 3", 1),
        ("-7 % 3", 2),
        ("7 % -3", -2),
        ("7 // 0", 0),
        ("7 % 0", 0),
        ("money // zero", 0),
        ("money % zero", 0),
        ("-money", -120),
        ("- -money", 120),
        ("--3", 3),
        ("-neg", 7),
        # str
        ("'a' + 'b'", "ab"),
        ("name + '!'", "Mei!"),
        ("empty + empty", ""),
        # set
        ("purchases + {'book'}", frozenset({"anime", "phone", "book"})),
        ("purchases + 'book'", frozenset({"anime", "phone", "book"})),
        ("purchases + 'anime'", frozenset({"anime", "phone"})),
        ("purchases - tags", frozenset({"anime"})),
        ("purchases - 'anime'", frozenset({"phone"})),
        ("purchases - 'nothing'", frozenset({"anime", "phone"})),
        ("none + none", frozenset()),
        # comparisons
        ("1 < 2", True),
        ("2 < 2", False),
        ("2 <= 2", True),
        ("3 > 2", True),
        ("2 >= 3", False),
        ("'a' < 'b'", True),
        ("'b' <= 'a'", False),
        ("name > 'A'", True),
        ("1 == 1", True),
        ("1 != 1", False),
        ("true == false", False),
        ("true != false", True),
        ("name == 'Mei'", True),
        ("purchases == {'phone', 'anime'}", True),
        ("tags != {'phone'}", False),
        ("'anime' in purchases", True),
        ("'book' in purchases", False),
        ("'book' not in purchases", True),
        ("'e' in name", True),
        ("'x' not in name", True),
        ("'' in empty", True),
        # booleans
        ("true and false", False),
        ("true and true", True),
        ("false or true", True),
        ("false or false", False),
        ("not true", False),
        ("not not true", True),
        ("yes and not no", True),
        ("no or no or yes", True),
        ("yes and yes and no", False),
    ],
)
def test_operators(source, expected):
    result = value(source)
    assert result == expected
    assert type(result) is type(expected) or isinstance(expected, frozenset)


@pytest.mark.parametrize(
    ("source", "col", "fragment"),
    [
        ("money +  'x'", 7, "cannot add int and str"),
        ("'x' + 1", 5, "cannot add str and int"),
        ("1 + true", 3, "cannot add int and bool"),
        ("'x' + purchases", 5, "cannot add str and set"),
        ("money - 'x'", 7, "cannot subtract str from int"),
        ("name - 'e'", 6, "cannot subtract str from str"),
        ("'a' * 3", 5, "cannot multiply str by int"),
        ("purchases * 2", 11, "cannot multiply"),
        ("money // 'x'", 7, "cannot divide int by str"),
        ("true % 2", 6, "remainder"),
        ("-'x'", 1, "cannot negate str"),
        ("-true", 1, "cannot negate bool"),
        ("not money", 1, "'not' needs true or false, got int"),
        ("money and yes", 7, "'and' needs true or false"),
        ("yes and money", 5, "'and' needs true or false"),
        ("yes or no or 'x'", 11, "'or' needs true or false"),
        ("1 == '1'", 3, "cannot compare int and str"),
        ("yes != 0", 5, "cannot compare bool and int"),
        ("purchases == 'anime'", 11, "cannot compare set and str"),
        ("1 < '2'", 3, "cannot compare int and str"),
        ("yes < no", 5, "'<' compares ints or strs, not bool"),
        ("purchases >= tags", 11, "compares ints or strs, not set"),
        ("1 in purchases", 3, "'in' needs a str on its left, got int"),
        ("'a' in money", 5, "'in' needs a set or str on its right, got int"),
        ("tags in purchases", 6, "'in' needs a str on its left"),
        ("1 not in purchases", 3, "'not in' needs a str"),
        ("1 < 2 < 'x'", 7, "cannot compare int and str"),
    ],
)
def test_type_errors_point_at_the_operator(source, col, fragment):
    err = error(compile_value, source)
    assert (err.code, err.col) == ("E401", col)
    assert fragment in err.message


def test_condition_must_be_bool():
    err = error(compile_condition, "money + 1")
    assert (err.code, err.col, err.message) == ("E401", 1, "condition must be true or false, got int")
    err = error(compile_condition, "  (name)")
    assert (err.code, err.col) == ("E401", 4)
    assert err.message.endswith("got str")
    assert compile_condition("yes", ENV).type == BOOL


def test_no_truthiness():
    for source in ("money", "name", "purchases", "money and yes", "name or yes"):
        assert error(compile_condition, source).code == "E401"


# -- precedence and chaining ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 3 - 2", 5),
        ("100 // 10 // 5", 2),
        ("2 * 3 % 4", 2),
        ("2 * (3 % 4)", 6),
        ("-2 * 3", -6),
        ("-(2 + 3)", -5),
        ("- 2 - -3", 1),
        ("7 - -7", 14),
        ("1 + 2 == 3", True),
        ("not 1 == 2", True),
        ("not yes == no", True),
        ("yes or no and no", True),
        ("(yes or no) and no", False),
        ("not yes or yes", True),
        ("not (yes or yes)", False),
        ("no and no or yes", True),
    ],
)
def test_precedence(source, expected):
    assert value(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0 < money < 1000", True),
        ("0 < money < 100", False),
        ("0 < 1 < 2 < 3", True),
        ("3 > 2 > 1 > 0", True),
        ("0 < 2 < 1 < 3", False),
        ("1 == 1 == 1", True),
        ("1 == 1 != 2", True),
        ("'a' < 'b' <= 'b'", True),
        ("'an' in 'anime' in purchases", True),
        ("'an' in 'anime' not in purchases", False),
    ],
)
def test_comparison_chains(source, expected):
    assert value(source) is expected


def test_chain_is_pairwise_typed():
    # `1 < 2 == true` is `1 < 2 and 2 == true` in a chain: the second link compares int and bool.
    err = error(compile_value, "1 < 2 == true")
    assert (err.code, err.col) == ("E401", 7)
    assert value("(1 < 2) == true") is True


def test_chain_reads_middle_once_and_short_circuits():
    c = ctx()
    assert compile_condition("0 < money < 1000", ENV).evaluate(c) is True
    assert c.gets == ["money"]
    c = ctx()
    assert compile_condition("1 > 2 < money < turn", ENV).evaluate(c) is False
    assert c.gets == []
    c = ctx()
    assert compile_condition("no and yes", ENV).evaluate(c) is False
    assert c.gets == ["no"]
    c = ctx()
    assert compile_condition("yes or no or no", ENV).evaluate(c) is True
    assert c.gets == ["yes"]


def test_not_in_vs_not():
    assert value("not 'anime' in purchases") is False
    assert value("not 'anime' not in purchases") is True
    err = error(compile_value, "yes not no")
    assert (err.code, err.col) == ("E400", 5)


# -- integer semantics -------------------------------------------------------------------------------


def test_saturation():
    assert value("1000000000000 * 1000000000000") == INT_LIMIT
    assert value("-1000000000000 * 1000000000000") == -INT_LIMIT
    assert value("big + 1") == INT_LIMIT
    assert value("-big - 1") == -INT_LIMIT
    assert value("big * big * big") == INT_LIMIT
    assert value("money * big") == INT_LIMIT
    assert value("-big // -1") == INT_LIMIT
    assert value("abs(-big - 5)") == INT_LIMIT
    assert value("-neg", neg=-INT_LIMIT) == INT_LIMIT
    # repeated effects cannot grow without bound either
    effect = compile_effect("money *= 1000000", ENV)
    money = 120
    for _ in range(10):
        money = effect.evaluate(ctx(money=money))
    assert money == INT_LIMIT


def test_string_results_are_capped():
    effect = compile_effect("name += name", ENV)
    name = "ab"
    for _ in range(20):
        name = effect.evaluate(ctx(name=name))
    assert len(name) == MAX_TEXT


# -- functions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("min(3, 1)", 1),
        ("min(3, money, -2, 8)", -2),
        ("max(3, 1)", 3),
        ("max(money, 500, 7)", 500),
        ("max(money, score)", 700),
        ("clamp(5, 0, 10)", 5),
        ("clamp(-5, 0, 10)", 0),
        ("clamp(50, 0, 10)", 10),
        ("clamp(50, 10, 0)", 10),
        ("clamp(-5, 10, 0)", 0),
        ("clamp(money, 0, 100)", 100),
        ("abs(-4)", 4),
        ("abs(neg)", 7),
        ("abs(3)", 3),
        ("len(name)", 3),
        ("len(purchases)", 2),
        ("len({})", 0),
        ("len('')", 0),
        ("min(max(1, 2), 3) + len('ab')", 4),
        ("grouped(2695)", "2,695"),
        ("grouped(-1234567)", "-1,234,567"),
        ("grouped(money * 10) + ' yuan'", "1,200 yuan"),
    ],
)
def test_functions(source, expected):
    assert value(source) == expected


@pytest.mark.parametrize(
    ("source", "code", "col", "fragment"),
    [
        ("min(1)", "E400", 1, "min() needs at least 2 values, got 1"),
        ("max()", "E400", 1, "max() needs at least 2 values, got 0"),
        ("clamp(1, 2)", "E400", 1, "clamp() needs 3 values"),
        ("abs(1, 2)", "E400", 1, "abs() needs 1 value, got 2"),
        ("len()", "E400", 1, "len() needs 1 value, got 0"),
        ("1 + random(1)", "E400", 5, "random() needs 2 values"),
        ("min(1, 'a')", "E401", 8, "min() needs int values, got str"),
        ("max(yes, 1)", "E401", 5, "got bool"),
        ("clamp(1, 2, purchases)", "E401", 13, "got set"),
        ("abs(name)", "E401", 5, "got str"),
        ("len(money)", "E401", 5, "len() needs a set or str, got int"),
        ("grouped(name)", "E401", 9, "grouped() needs int values, got str"),
        ("random(1, 'x')", "E401", 11, "got str"),
        ("open('x')", "E404", 1, "unknown function 'open'"),
        ("getattr(money, 'x')", "E404", 1, "unknown function 'getattr'"),
        ("print(1)", "E404", 1, "unknown function 'print'"),
        ("eval('1')", "E404", 1, "unknown function 'eval'"),
        ("money.bit_length()", "E404", 1, "unknown function 'money.bit_length'"),
        ("name.upper()", "E404", 1, "unknown function 'name.upper'"),
        ("(min)(1, 2)", "E404", 6, "only the functions"),
        ("min(1, 2)(3)", "E404", 10, "only the functions"),
        ("'x'(1)", "E404", 4, "only the functions"),
        ("min(1, 2,)", "E400", 10, "expected a value"),
        ("min(1 2)", "E400", 7, "expected ')'"),
        ("min(a=1, b=2)", "E400", 6, "'=' sets a variable"),
    ],
)
def test_function_errors(source, code, col, fragment):
    err = error(compile_value, source)
    assert (err.code, err.col) == (code, col), err.message
    assert fragment in err.message


def test_random_is_refused_in_conditions():
    err = error(compile_condition, "money > 0 and random(1, 6) > 3")
    assert (err.code, err.col) == ("E404", 15)
    assert err.message == "random() can only be used in effects"


def test_random_draws_go_through_the_context():
    compiled = compile_value("random(1, 6) + random(10, 20)", ENV)
    assert compiled.uses_random
    c = DictContext(dict(VALUES), draws=[4, 17])
    assert compiled.evaluate(c) == 21
    assert c.randint_calls == [(1, 6), (10, 20)]
    # every evaluation draws again: nothing is cached or folded
    c = DictContext(dict(VALUES), draws=[2, 11, 5, 12])
    assert [compiled.evaluate(c), compiled.evaluate(c)] == [13, 17]
    assert len(c.randint_calls) == 4


def test_random_swaps_reversed_bounds():
    c = DictContext(dict(VALUES), draws=[3])
    assert compile_value("random(money // 10, 2)", ENV).evaluate(c) == 3
    assert c.randint_calls == [(2, 12)]


def test_random_in_effects():
    effect = compile_effect("money += random(-5, 5)", ENV)
    assert effect.uses_random and effect.target == "money"
    c = DictContext(dict(VALUES), draws=[-3])
    assert effect.evaluate(c) == 117
    assert c.randint_calls == [(-5, 5)]
    assert not compile_effect("money += 5", ENV).uses_random


# -- effects -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "expected", "reads"),
    [
        ("money = 5", "money", 5, set()),
        ("money = money + turn", "money", 123, {"money", "turn"}),
        ("money += 10", "money", 130, {"money"}),
        ("money -= 20", "money", 100, {"money"}),
        ("money *= 2", "money", 240, {"money"}),
        ("money //= 7", "money", 17, {"money"}),
        ("money //= 0", "money", 0, {"money"}),
        ("money += score // 100", "money", 127, {"money", "score"}),
        ("name = 'Bo'", "name", "Bo", set()),
        ("name += '!'", "name", "Mei!", {"name"}),
        ("flags.met_mei = not flags.met_mei", "flags.met_mei", False, {"flags.met_mei"}),
        ("flags.posted_photo = true", "flags.posted_photo", True, set()),
        ("purchases += 'book'", "purchases", frozenset({"anime", "phone", "book"}), {"purchases"}),
        ("purchases -= 'anime'", "purchases", frozenset({"phone"}), {"purchases"}),
        ("purchases += tags + {'x'}", "purchases", frozenset({"anime", "phone", "x"}), {"purchases", "tags"}),
        ("purchases -= tags", "purchases", frozenset({"anime"}), {"purchases", "tags"}),
        ("purchases = {}", "purchases", frozenset(), set()),
        ("contacts.mei.score = clamp(contacts.mei.score + 80, 0, 100)", "contacts.mei.score", 100, None),
    ],
)
def test_effects(source, target, expected, reads):
    compiled = compile_effect(source, ENV)
    assert compiled.kind == "effect"
    assert compiled.target == target
    assert compiled.type == TYPES[target]
    if reads is not None:
        assert compiled.reads == frozenset(reads)
    c = ctx()
    assert compiled.evaluate(c) == expected
    assert c.values == {**VALUES}  # nothing is changed by evaluating


def test_effect_does_not_mutate_a_mutable_set():
    original = {"anime"}
    c = ctx(purchases=original)
    assert compile_effect("purchases += 'book'", ENV).evaluate(c) == frozenset({"anime", "book"})
    assert compile_effect("purchases -= 'anime'", ENV).evaluate(c) == frozenset()
    assert original == {"anime"}


@pytest.mark.parametrize(
    ("source", "code", "col", "fragment"),
    [
        ("score = 5", "E402", 1, "'score' is read-only"),
        ("visits.market += 1", "E402", 1, "read-only"),
        ("monye += 5", "E301", 1, "unknown variable 'monye'"),
        ("  contacts.bob.score = 1", "E301", 3, "unknown variable"),
        ("money = 'rich'", "E401", 7, "cannot set 'money' (int) to a value of type str"),
        ("name = 5", "E401", 6, "cannot set 'name' (str) to a value of type int"),
        ("money += 'x'", "E401", 7, "cannot add int and str"),
        ("name -= 'e'", "E401", 6, "cannot subtract str from str"),
        ("purchases *= 2", "E401", 11, "cannot multiply set by int"),
        ("yes += true", "E401", 5, "cannot add bool and bool"),
        ("name //= 2", "E401", 6, "cannot divide str by int"),
        ("money = 1 = 2", "E400", 11, "exactly one assignment"),
        ("money += 1; money += 2", "E400", 11, "';'"),
        ("money", "E400", 6, "expected '=', '+=', '-=', '*=' or '//='"),
        ("money == 5", "E400", 7, "'==' compares"),
        ("money %= 5", "E404", 7, "'%='"),
        ("money /= 5", "E404", 7, "'//='"),
        ("money **= 5", "E404", 7, "'**='"),
        ("5 = money", "E400", 1, "must start with the name of a variable"),
        ("(money) = 5", "E400", 1, "must start with the name"),
        ("", "E400", 1, "empty"),
        ("money =", "E400", 8, "expected a value after '='"),
        ("money = random(1, 2) + ", "E400", 24, "ends too early"),
        ("print(money)", "E400", 6, "expected '='"),
        ("money := 5", "E404", 7, "':='"),
        ("money += 1 if yes else 2", "E404", 12, "'if'"),
    ],
)
def test_effect_errors(source, code, col, fragment):
    err = error(compile_effect, source)
    assert (err.code, err.col) == (code, col), err.message
    assert fragment in err.message


@pytest.mark.parametrize(
    ("source", "col"),
    [("money = 5", 7), ("money += 5", 7), ("yes and money -= 1", 15)],
)
def test_assignment_in_conditions_is_refused(source, col):
    err = error(compile_condition, source)
    assert (err.code, err.col) == ("E400", col)


# -- caps ------------------------------------------------------------------------------------------------


def test_source_length_cap():
    ok = "money + " + " " * (500 - 9) + "1"
    assert len(ok) == 500
    assert value(ok) == 121
    err = error(compile_value, ok + " ")
    assert (err.code, err.col) == ("E403", 501)


@pytest.mark.parametrize(
    ("opener", "closer", "inner"),
    [("(", ")", "1"), ("abs(", ")", "1"), ("-", "", "1"), ("not ", "", "true"), ("min(1, ", ")", "1")],
)
def test_nesting_cap(opener, closer, inner):
    def nested(levels: int) -> str:
        return opener * levels + inner + closer * levels

    compile_value(nested(32), ENV)
    err = error(compile_value, nested(33))
    assert err.code == "E403"
    assert "nested too deeply" in err.message


def test_nesting_cap_sets():
    assert value("len({'a', 'b' + 'c'} - 'a')") == 1
    err = error(compile_value, "{" * 40)
    assert (err.code, err.col) == ("E403", 33)


def test_nesting_cap_columns():
    err = error(compile_value, "(" * 33 + "1" + ")" * 33)
    assert err.col == 33
    err = error(compile_value, "-" * 33 + "1")
    assert err.col == 33
    err = error(compile_value, "not " * 33 + "true")
    assert err.col == 129


def test_operator_depth_counts_each_precedence_level():
    # Each repetition is one call (one parenthesis level) holding one '+' node: two levels of
    # the expression tree, so 16 repetitions make 32 levels and 17 make 34.
    def sums(levels: int) -> str:
        return "abs(1 + " * levels + "1" + ")" * levels

    assert value(sums(16)) == 17
    err = error(compile_value, sums(17))
    assert (err.code, err.col) == ("E403", 7)  # the outermost '+', the 33rd level
    # A long run at one precedence level is one level, not one per operator.
    flat = " + ".join(["1"] * 120)
    assert len(flat) < 500
    assert value(flat) == 120
    flat_and = " and ".join(["yes"] * 60)
    assert len(flat_and) < 500
    assert compile_condition(flat_and, ENV).evaluate(ctx()) is True
    assert compile_condition(" < ".join(str(i) for i in range(100)), ENV).evaluate(ctx()) is True


def test_int_literal_cap():
    assert value("1000000000000") == 10**12
    assert value("-1000000000000") == -(10**12)
    for source, col in (("1000000000001", 1), ("money + 99999999999999999999", 9)):
        err = error(compile_value, source)
        assert (err.code, err.col) == ("E403", col)


def test_string_literal_cap():
    assert value("'" + "a" * 200 + "'") == "a" * 200
    assert value("'" + "\\n" * 200 + "'") == "\n" * 200
    err = error(compile_value, "name + '" + "a" * 201 + "'")
    assert (err.code, err.col) == ("E403", 8)


# -- hostile input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "col"),
    [
        ("__import__('os')", "E404", 1),
        ("().__class__", "E404", 3),
        ("x.__class__", "E404", 3),
        ("money.__class__", "E404", 7),
        ("'{0.__class__}'.format(1)", "E404", 16),
        ("'abc'.upper()", "E404", 6),
        ("lambda: 1", "E404", 1),
        ("2 ** 10000", "E404", 3),
        ("9" * 5000, "E403", 501),
        ("(" * 100000, "E403", 501),
        ("-" * 10000 + "1", "E403", 501),
        ("not " * 5000 + "true", "E403", 501),
        ("(" * 499, "E403", 33),
        ("-" * 499 + "1", "E403", 33),
        ("not " * 124 + "true", "E403", 129),
        ("{" * 400, "E403", 33),
        ("abs(" * 120, "E403", 129),
        ("[1][0]", "E404", 1),
        ("money[0]", "E404", 6),
        ("name[1:2]", "E404", 5),
        ("a if b else c", "E404", 3),
        ("f'{x}'", "E404", 1),
        ('F"{money}"', "E404", 1),
        ("rb'x'", "E404", 1),
        ("'\\x41'", "E400", 2),
        ("'\\u0041'", "E400", 2),
        ("money\x00", "E400", 6),
        ("'\x00'", "E400", 2),
        ("\x00", "E400", 1),
        ("café > 1", "E400", 4),
        ("ñame", "E400", 1),
        ("\uff58 == 1", "E400", 1),  # fullwidth x
        ("\u0430 == 1", "E400", 1),  # Cyrillic a
        ("money\u200b", "E400", 6),  # zero-width space
        ("money\u00a0> 1", "E400", 6),  # no-break space
        ("money ≥ 1", "E400", 7),
        ("1 / 2", "E404", 3),
        ("yes & no", "E404", 5),
        ("yes | no", "E404", 5),
        ("yes && no", "E404", 5),
        ("yes || no", "E404", 5),
        ("1 ^ 2", "E404", 3),
        ("~1", "E404", 1),
        ("1 << 2", "E404", 3),
        ("1 >> 2", "E404", 3),
        ("money @ money", "E404", 7),
        ("(x := 1)", "E404", 4),
        ("!yes", "E404", 1),
        ("yes is true", "E404", 5),
        ("None", "E404", 1),
        ("import os", "E404", 1),
        ("[x for x in tags]", "E404", 1),
        ("{'a': 1}", "E404", 5),
        ("money # comment", "E400", 7),
        ("money; money", "E400", 6),
        ("`money`", "E400", 1),
        ("$money", "E400", 1),
        ("money \\\n + 1", "E400", 7),
        ("1 +", "E400", 4),
        ("(1", "E400", 3),
        ("1)", "E400", 2),
        ("1}", "E400", 2),
        ("()", "E400", 2),
        ("money money", "E400", 7),
        ("+1", "E400", 1),
        ("", "E400", 1),
        ("   ", "E400", 1),
        ("yes and", "E400", 8),
        ("'x' 'y'", "E400", 5),
        ("abc'x'", "E400", 4),
        ("1 < < 2", "E400", 5),
        ("getattr(money, '__class__')", "E404", 1),
        ("globals()", "E404", 1),
        ("exec('x')", "E404", 1),
    ],
)
def test_hostile_inputs(source, code, col):
    err = error(compile_value, source)
    assert (err.code, err.col) == (code, col), err.message


def test_forbidden_messages_name_the_token():
    assert error(compile_value, "2 ** 3").message == "'**' is not allowed; use '*'"
    assert "'//'" in error(compile_value, "1 / 2").message
    assert "'lambda'" in error(compile_value, "lambda: 1").message
    assert "'['" in error(compile_value, "[1]").message
    assert "names may not start with '_'" in error(compile_value, "__import__('os')").message
    assert "f-strings" in error(compile_value, "f'{x}'").message
    assert "'if'" in error(compile_value, "1 if yes else 2").message


@pytest.mark.parametrize("source", [None, 5, b"money > 1", ["money"], object()])
def test_non_text_source(source):
    for fn in (compile_condition, compile_value, compile_effect):
        err = error(fn, source)
        assert (err.code, err.col) == ("E400", 1)


def test_expr_error_is_plain_data():
    err = error(compile_value, "money +  'x'")
    assert str(err) == "E401 cannot add int and str (column 7)"
    again = pickle.loads(pickle.dumps(err))
    assert (again.code, again.message, again.col) == (err.code, err.message, err.col)


def test_columns_count_characters_including_newlines_and_tabs():
    err = error(compile_value, "money\n\t+ 'x'")
    assert err.col == 8
    err = error(compile_value, "'naïve' + 1")
    assert err.col == 9


def test_module_uses_no_dynamic_code():
    text = EXPR_SOURCE.read_text(encoding="utf-8")
    for pattern in (r"\beval\s*\(", r"\bexec\s*\(", r"\bcompile\s*\(", r"literal_eval", r"\bpickle\b"):
        assert not re.search(pattern, text), pattern
    assert not re.search(r"^\s*(import|from)\s+ast\b", text, re.MULTILINE)
    assert not re.search(r"\bprint\(|\binput\(", text)


# -- the Compiled record and format_value -------------------------------------------------------------------


def test_compiled_record():
    compiled = compile_condition("score >= 650 and not flags.posted_photo", ENV)
    assert isinstance(compiled, Compiled)
    assert compiled.source == "score >= 650 and not flags.posted_photo"
    assert compiled.kind == "condition"
    assert compiled.type == BOOL
    assert compiled.reads == frozenset({"score", "flags.posted_photo"})
    assert compiled.target is None
    assert compiled.uses_random is False
    assert compiled.evaluate(ctx()) is True
    assert compiled.evaluate(ctx(score=600)) is False
    assert compiled.evaluate(ctx(**{"flags.posted_photo": True})) is False
    with pytest.raises(AttributeError):
        compiled.source = "x"  # type: ignore[misc]
    value_ = compile_value("name + '!'", ENV)
    assert (value_.kind, value_.type, value_.target) == ("value", STR, None)


def test_constant_expressions_read_nothing():
    compiled = compile_condition("1 + 2 * 3 == 7 and 'a' in {'a'}", ENV)
    assert compiled.reads == frozenset()
    assert compiled.evaluate(None) is True


@pytest.mark.parametrize(
    ("value_", "text"),
    [
        (0, "0"),
        (-42, "-42"),
        (True, "true"),
        (False, "false"),
        ("Mei", "Mei"),
        ("", ""),
        (frozenset({"b", "a", "c"}), "a, b, c"),
        ({"phone"}, "phone"),
        (frozenset(), ""),
    ],
)
def test_format_value(value_, text):
    assert format_value(value_) == text


# -- properties --------------------------------------------------------------------------------

FUZZ_ENV = DictEnv(
    {"a": INT, "b": BOOL, "s": STR, "t": SET, "flags.x": BOOL, "score": INT}, frozenset({"score"})
)
FUZZ_VALUES = {"a": 5, "b": True, "s": "hey", "t": frozenset({"hey", "x"}), "flags.x": False, "score": -3}
PY_TYPES = {INT: int, BOOL: bool, STR: str, SET: frozenset}

FUZZ_TOKENS = [
    "a", "b", "s", "t", "flags.x", "score", "unknown", "0", "1", "7", "1000000000000", "-", "+", "*",
    "//", "%", "==", "!=", "<", "<=", ">", ">=", "in", "not", "and", "or", "true", "false", "(", ")",
    "{", "}", ",", "'x'", "'hey'", '""', "min", "max", "clamp", "abs", "len", "random", "=", "+=",
    "-=", "*=", "//=", "**", "/", ".", "_", "__class__", "[", "]", "lambda", "if", "else", ":", "\\",
    "'", '"', "\x00", "é", "f'", "0x", "1.5",
]  # fmt: skip
FUZZ_CHARS = "ab st.xyz_019()[]{}<>=!+-*/%&|^~@:;,'\"\\ \t\n#$é\x00\u200b"


def check_compiles_or_errors(source: str) -> None:
    """Each compiler either raises ExprError or returns something that evaluates to its type."""
    for fn in (compile_condition, compile_value, compile_effect):
        try:
            compiled = fn(source, FUZZ_ENV)
        except ExprError as err:
            assert err.code in CODES
            assert isinstance(err.col, int) and 1 <= err.col <= max(len(source), 500) + 1
            continue
        c = DictContext(dict(FUZZ_VALUES), draws=[])
        result = compiled.evaluate(c)
        assert isinstance(result, PY_TYPES[compiled.type])
        if compiled.type == INT:
            assert -INT_LIMIT <= result <= INT_LIMIT and not isinstance(result, bool)
        if fn is compile_condition:
            assert result is True or result is False
            assert not compiled.uses_random


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_fuzz_any_text_raises_only_expr_error(source):
    check_compiles_or_errors(source)


@settings(max_examples=400)
@given(st.text(alphabet=FUZZ_CHARS, max_size=60))
def test_fuzz_expression_characters(source):
    check_compiles_or_errors(source)


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(FUZZ_TOKENS), max_size=14).map(" ".join))
def test_fuzz_token_soup(source):
    check_compiles_or_errors(source)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=2000), st.sampled_from("(-{[\"'\\ab0.+"))
def test_fuzz_long_repetitions(count, char):
    check_compiles_or_errors(char * count)


# Mixed-type expressions from the grammar (fully parenthesised, types chosen at random): many are
# well typed, so this exercises evaluation of every operator and function on every type.
MIXED_LEAVES = [
    "a", "b", "s", "t", "flags.x", "score", "0", "1", "7", "'x'", "'hey'", "''", "{}", "{'x', 'y'}",
    "true", "false", "random(1, 3)", "random(5, -5)", "1000000000000",
]  # fmt: skip
BINARY_OPS = ["+", "-", "*", "//", "%", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or"]
mixed_trees = st.recursive(
    st.sampled_from(MIXED_LEAVES),
    lambda children: st.one_of(
        st.builds(lambda op, x, y: f"({x} {op} {y})", st.sampled_from(BINARY_OPS), children, children),
        st.builds(lambda op, x: f"{op}({x})", st.sampled_from(["not ", "-"]), children),
        st.builds(
            lambda name, args: f"{name}({', '.join(args)})",
            st.sampled_from(["min", "max", "clamp", "abs", "len", "random"]),
            st.lists(children, min_size=1, max_size=3),
        ),
        st.builds(lambda items: "{" + ", ".join(items) + "}", st.lists(children, max_size=3)),
    ),
    max_leaves=8,
)
EFFECT_PREFIXES = [
    "",
    "a = ",
    "a += ",
    "a -= ",
    "a *= ",
    "a //= ",
    "s += ",
    "t += ",
    "t -= ",
    "b = ",
    "score = ",
]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(EFFECT_PREFIXES), mixed_trees)
def test_fuzz_mixed_grammar(prefix, expression):
    check_compiles_or_errors(prefix + expression)


# Well-typed expressions, generated type by type: each must compile (unless it hits a cap) and
# evaluate, without raising, to a value of its type.
TYPED_LEAVES = {
    INT: ["a", "score", "0", "3", "-2", "1000000000000", "random(1, 3)", "random(4, -4)"],
    BOOL: ["b", "flags.x", "true", "false"],
    STR: ["s", "'x'", "''", "'hey'", "'it\\'s'"],
    SET: ["t", "{}", "{'x', 'y'}", "{s}"],
}
_typed_cache: dict[tuple[str, int], st.SearchStrategy[str]] = {}


def typed(t: str, depth: int) -> st.SearchStrategy[str]:
    key = (t, depth)
    if key in _typed_cache:
        return _typed_cache[key]
    leaves = st.sampled_from(TYPED_LEAVES[t])
    if depth == 0:
        return leaves
    i, b, s, z = (typed(u, depth - 1) for u in (INT, BOOL, STR, SET))

    def binop(ops, left, right):
        return st.builds(lambda op, x, y: f"({x} {op} {y})", st.sampled_from(ops), left, right)

    if t == INT:
        compound = st.one_of(
            binop(["+", "-", "*", "//", "%"], i, i),
            i.map(lambda x: f"-{x}"),
            st.builds(
                lambda f, xs: f"{f}({', '.join(xs)})",
                st.sampled_from(["min", "max"]),
                st.lists(i, min_size=2, max_size=3),
            ),
            st.builds(lambda x, y, z_: f"clamp({x}, {y}, {z_})", i, i, i),
            i.map(lambda x: f"abs({x})"),
            st.one_of(s, z).map(lambda x: f"len({x})"),
            st.builds(lambda x, y: f"random({x}, {y})", i, i),
        )
    elif t == BOOL:
        compound = st.one_of(
            binop(["and", "or"], b, b),
            b.map(lambda x: f"(not {x})"),
            binop(["==", "!=", "<", "<=", ">", ">="], i, i),
            st.builds(
                lambda x, op, y, op2, w: f"({x} {op} {y} {op2} {w})",
                i,
                st.sampled_from(["<", "<=", "=="]),
                i,
                st.sampled_from(["<", ">=", "!="]),
                i,
            ),  # fmt: skip
            binop(["==", "!=", "<", ">="], s, s),
            binop(["==", "!="], b, b),
            binop(["==", "!="], z, z),
            binop(["in", "not in"], s, st.one_of(s, z)),
        )
    elif t == STR:
        compound = binop(["+"], s, s)
    else:
        compound = st.one_of(
            binop(["+", "-"], z, st.one_of(z, s)),
            st.lists(s, max_size=3).map(lambda xs: "{" + ", ".join(xs) + "}"),
        )
    strategy = st.one_of(leaves, compound)
    _typed_cache[key] = strategy
    return strategy


@settings(max_examples=800, deadline=None)
@given(st.sampled_from([INT, BOOL, STR, SET]).flatmap(lambda t: st.tuples(st.just(t), typed(t, 3))))
def test_well_typed_expressions_compile_and_evaluate(pair):
    t, source = pair
    for fn, prefix in (
        (compile_value, ""),
        (compile_effect, {INT: "a += ", BOOL: "b = ", STR: "s += ", SET: "t -= "}[t]),
    ):
        try:
            compiled = fn(prefix + source, FUZZ_ENV)
        except ExprError as err:
            assert err.code == "E403", (source, err)
            continue
        assert compiled.type == t
        c = DictContext(dict(FUZZ_VALUES), draws=[])
        assert isinstance(compiled.evaluate(c), PY_TYPES[t])
        assert compiled.uses_random == ("random(" in source)
    if t == BOOL and "random(" not in source:
        try:
            result = compile_condition(source, FUZZ_ENV).evaluate(DictContext(dict(FUZZ_VALUES)))
        except ExprError as err:
            assert err.code == "E403"
        else:
            assert result is True or result is False


# Random int expressions: a tree, its source with only the parentheses precedence needs (plus
# some extra), and a reference value computed by walking the tree.

PREC = {"+": 1, "-": 1, "*": 2, "//": 2, "%": 2}
INT_VARS = {"a": INT, "b": INT, "c.d": INT}


def _sat(v: int) -> int:
    return max(-INT_LIMIT, min(INT_LIMIT, v))


def reference(tree, env: dict[str, int]) -> int:
    kind = tree[0]
    if kind == "lit":
        return tree[1]
    if kind == "var":
        return env[tree[1]]
    if kind == "paren":
        return reference(tree[1], env)
    if kind == "neg":
        return _sat(-reference(tree[1], env))
    if kind == "call":
        args = [reference(arg, env) for arg in tree[2]]
        if tree[1] == "min":
            return min(args)
        if tree[1] == "max":
            return max(args)
        if tree[1] == "abs":
            return _sat(abs(args[0]))
        x, lo, hi = args
        lo, hi = min(lo, hi), max(lo, hi)
        return max(lo, min(hi, x))
    op, left, right = tree[1], reference(tree[2], env), reference(tree[3], env)
    if op == "+":
        return _sat(left + right)
    if op == "-":
        return _sat(left - right)
    if op == "*":
        return _sat(left * right)
    if right == 0:
        return 0
    return _sat(left // right) if op == "//" else _sat(left % right)


def render(tree) -> tuple[str, int]:
    """Source text and precedence (1 sum, 2 product, 3 unary, 4 atom)."""
    kind = tree[0]
    if kind == "lit":
        return str(tree[1]), 4
    if kind == "var":
        return tree[1], 4
    if kind == "paren":
        return "(" + render(tree[1])[0] + ")", 4
    if kind == "neg":
        text, prec = render(tree[1])
        return "-" + (text if prec >= 3 else f"({text})"), 3
    if kind == "call":
        return tree[1] + "(" + ", ".join(render(arg)[0] for arg in tree[2]) + ")", 4
    op = tree[1]
    p = PREC[op]
    (lt, lp), (rt, rp) = render(tree[2]), render(tree[3])
    lt = lt if lp >= p else f"({lt})"
    rt = rt if rp > p else f"({rt})"  # left-associative: a right operand at the same level needs ()
    return f"{lt} {op} {rt}", p


int_leaves = st.one_of(
    st.tuples(st.just("lit"), st.integers(min_value=0, max_value=20)),
    st.tuples(st.just("lit"), st.integers(min_value=0, max_value=10**12)),
    st.tuples(st.just("var"), st.sampled_from(sorted(INT_VARS))),
)


def int_branches(children):
    return st.one_of(
        st.tuples(st.just("bin"), st.sampled_from(sorted(PREC)), children, children),
        st.tuples(st.just("neg"), children),
        st.tuples(st.just("paren"), children),
        st.tuples(
            st.just("call"), st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=3)
        ),
        st.tuples(st.just("call"), st.just("abs"), st.lists(children, min_size=1, max_size=1)),
        st.tuples(st.just("call"), st.just("clamp"), st.lists(children, min_size=3, max_size=3)),
    )


int_trees = st.recursive(int_leaves, int_branches, max_leaves=10)
var_values = st.fixed_dictionaries(
    {name: st.integers(min_value=-INT_LIMIT, max_value=INT_LIMIT) | st.integers(-30, 30) for name in INT_VARS}
)


@settings(max_examples=1000, deadline=None)
@given(int_trees, var_values)
def test_int_expressions_match_reference(tree, values):
    source = render(tree)[0]
    try:
        compiled = compile_value(source, DictEnv(INT_VARS))
    except ExprError as err:  # only the caps may refuse a generated expression
        assert err.code == "E403", (source, err)
        return
    assert compiled.type == INT
    assert compiled.evaluate(DictContext(values)) == reference(tree, values), source


CMP = {
    "==": int.__eq__,
    "!=": int.__ne__,
    "<": int.__lt__,
    "<=": int.__le__,
    ">": int.__gt__,
    ">=": int.__ge__,
}
BOOL_PREC = {"or": 1, "and": 2}


def bool_reference(tree, env: dict[str, int]) -> bool:
    kind = tree[0]
    if kind == "const":
        return tree[1]
    if kind == "not":
        return not bool_reference(tree[1], env)
    if kind == "chain":
        values = [reference(operand, env) for operand in tree[2]]
        return all(CMP[op](x, y) for op, x, y in zip(tree[1], values[:-1], values[1:], strict=True))
    left, right = bool_reference(tree[2], env), bool_reference(tree[3], env)
    return (left and right) if tree[1] == "and" else (left or right)


def bool_render(tree) -> tuple[str, int]:
    """Source text and precedence (1 or, 2 and, 3 not, 4 comparison, 5 atom)."""
    kind = tree[0]
    if kind == "const":
        return ("true" if tree[1] else "false"), 5
    if kind == "not":
        text, prec = bool_render(tree[1])
        return "not " + (text if prec >= 3 else f"({text})"), 3
    if kind == "chain":
        parts = [render(tree[2][0])[0]]
        for op, operand in zip(tree[1], tree[2][1:], strict=True):
            parts += [op, render(operand)[0]]
        return " ".join(parts), 4
    p = BOOL_PREC[tree[1]]
    (lt, lp), (rt, rp) = bool_render(tree[2]), bool_render(tree[3])
    lt = lt if lp >= p else f"({lt})"
    rt = rt if rp > p else f"({rt})"
    return f"{lt} {tree[1]} {rt}", p


small_int_trees = st.recursive(int_leaves, int_branches, max_leaves=3)
bool_leaves = st.one_of(
    st.tuples(st.just("const"), st.booleans()),
    st.integers(min_value=1, max_value=3).flatmap(
        lambda n: st.tuples(
            st.just("chain"),
            st.lists(st.sampled_from(sorted(CMP)), min_size=n, max_size=n),
            st.lists(small_int_trees, min_size=n + 1, max_size=n + 1),
        )
    ),
)
bool_trees = st.recursive(
    bool_leaves,
    lambda children: st.one_of(
        st.tuples(st.just("not"), children),
        st.tuples(st.just("bool"), st.sampled_from(["and", "or"]), children, children),
    ),
    max_leaves=5,
)


@settings(max_examples=600, deadline=None)
@given(bool_trees, var_values)
def test_bool_expressions_match_reference(tree, values):
    source = bool_render(tree)[0]
    try:
        compiled = compile_condition(source, DictEnv(INT_VARS))
    except ExprError as err:
        assert err.code == "E403", (source, err)
        return
    assert compiled.evaluate(DictContext(values)) is bool_reference(tree, values), source
