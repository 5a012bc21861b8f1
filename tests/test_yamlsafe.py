"""Tests of the safe YAML reader: what it refuses (code, line, column), how it types scalars,
and that no input makes it raise."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import yamlsafe
from game.engine.controls import CONTROL_RE
from game.engine.diagnostics import CODES, Diagnostic
from game.engine.yamlsafe import MAX_BYTES, MAX_DEPTH, MAX_DIAGNOSTICS, Node, load_file, load_text

# Most tests run against both parsers: the C one used when PyYAML has libyaml, and the pure
# Python fallback (also used for one error path), which must agree on values and positions.
PARSERS = {"c": getattr(yaml, "CSafeLoader", None), "python": yaml.SafeLoader}


@pytest.fixture(params=list(PARSERS))
def parser(request, monkeypatch):
    loader = PARSERS[request.param]
    if loader is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlsafe, "_Loader", loader)
    return request.param


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def where(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in diags]


def load_ok(text):
    node, diags = load_text(text)
    assert diags == []
    assert node is not None
    return node


# --- the tree ---------------------------------------------------------------------------------------


def test_tree_values_positions_and_styles(parser):
    text = (
        "title: Social Score\n"  # 1
        "count: 3\n"  # 2
        "quoted: 'single'\n"  # 3
        'double: "two"\n'  # 4
        "block: |\n"  # 5
        "  line one\n"  # 6
        "folded: >-\n"  # 7
        "  a\n"  # 8
        "items:\n"  # 9
        "  - x\n"  # 10
        "  - {k: 1.5}\n"  # 11
        "empty:\n"  # 12
    )
    root = load_ok(text)
    assert root.plain() == {
        "title": "Social Score",
        "count": 3,
        "quoted": "single",
        "double": "two",
        "block": "line one\n",
        "folded": "a",
        "items": ["x", {"k": 1.5}],
        "empty": None,
    }
    assert (root.kind, root.line, root.col, root.style, root.path) == ("map", 1, 1, None, "<string>")
    v = root.value
    assert (v["title"].line, v["title"].col, v["title"].style) == (1, 8, None)
    assert (v["quoted"].line, v["quoted"].col, v["quoted"].style) == (3, 9, "'")
    assert (v["double"].col, v["double"].style) == (9, '"')
    assert (v["block"].line, v["block"].style) == (5, "|")
    assert v["folded"].style == ">"
    items = v["items"]
    assert (items.kind, items.line, items.col, items.style, items.keys) == ("seq", 10, 3, None, None)
    assert (items.value[0].line, items.value[0].col) == (10, 5)
    inner = items.value[1]
    assert (inner.kind, inner.line, inner.col) == ("map", 11, 5)
    assert (inner.value["k"].line, inner.value["k"].col) == (11, 9)
    assert (inner.keys["k"].line, inner.keys["k"].col) == (11, 6)
    # keys: the node of each key itself, for messages about the key.
    assert list(root.keys) == list(root.value)
    assert (root.keys["items"].line, root.keys["items"].col, root.keys["items"].kind) == (9, 1, "str")
    assert v["empty"].kind == "null"


def test_kinds():
    root = load_ok("[{}, [], text, 1, 1.5, true, null]")
    assert [n.kind for n in root.value] == ["map", "seq", "str", "int", "float", "bool", "null"]


def test_node_is_a_slots_dataclass_without_value_equality():
    root = load_ok("a: 1")
    assert not hasattr(root, "__dict__")
    assert Node(1, "p", 1, 1) != Node(1, "p", 1, 1)


def test_positions_are_in_characters_and_crlf_is_one_line_break(parser):
    root = load_ok("é: ü\r\nb: [x, 😀, y]\r\n")
    assert (root.value["é"].line, root.value["é"].col) == (1, 4)
    seq = root.value["b"].value
    assert [(n.line, n.col) for n in seq] == [(2, 5), (2, 8), (2, 11)]


def test_empty_and_comment_only_files_are_a_null_node(parser):
    for text in ("", "# nothing here\n", "\n\n", b"", b"\xef\xbb\xbf"):
        node, diags = load_text(text)
        assert diags == []
        assert (node.value, node.kind, node.line, node.col, node.style) == (None, "null", 1, 1, None)
    for text, line, col in (("---\n", 2, 1), ("--- ~\n", 1, 5)):  # an empty document: its empty node
        node, diags = load_text(text)
        assert diags == []
        assert (node.value, node.kind, node.line, node.col) == (None, "null", line, col)


def test_bom_and_crlf_are_fine():
    assert load_ok(b"\xef\xbb\xbfa: 1\r\nb: two\r\n").plain() == {"a": 1, "b": "two"}
    assert load_ok("\ufeffa: 1").plain() == {"a": 1}
    node = load_ok(b"\xef\xbb\xbfa: 1")
    assert (node.value["a"].line, node.value["a"].col) == (1, 4)


def test_load_file_path_as_given(tmp_path):
    f = tmp_path / "story.yaml"
    f.write_text("a: [1, 2]\nb: *x\n", encoding="utf-8")
    node, diags = load_file(f)
    assert node.path == str(f) and node.value["a"].value[0].path == str(f)
    assert diags[0].path == str(f)
    node, _ = load_file(str(f))
    assert node.path == str(f)


# --- scalar typing ------------------------------------------------------------------------------------

# YAML 1.1 reads every one of these as something other than the text written.
YAML11_SURPRISES = [
    "no",
    "No",
    "NO",
    "yes",
    "Yes",
    "on",
    "On",
    "off",
    "OFF",
    "y",
    "Y",
    "n",
    "N",
    "1:30",
    "190:20:30",
    "2015-01-28",
    "2001-12-14t21:59:43.10-05:00",
    "0o17",
    "0x1f",
    "0b101",
    "010",
    "007",
    "1_000",
    "1_000.5",
    ".inf",
    "-.inf",
    ".Inf",
    ".nan",
    ".NaN",
    "=",
    "1e999",
]


@pytest.mark.parametrize("word", YAML11_SURPRISES)
def test_yaml11_surprises_stay_strings(word, parser):
    root = load_ok(f"v: {word}\n{word}: k\nl: [{word}]\n")
    assert root.value["v"].value == word and root.value["v"].kind == "str"
    assert root.value["l"].value[0].value == word
    assert word in root.value  # keys are typed the same way


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("~", None),
        ("", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0", 0),
        ("-0", 0),
        ("+5", 5),
        ("42", 42),
        ("-17", -17),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        (".5", 0.5),
        ("-.5", -0.5),
        ("2.", 2.0),
        ("6.02e+23", 6.02e23),
    ],
)
def test_plain_scalar_typing(text, value, parser):
    node = load_ok(f"v: {text}").value["v"]
    assert node.value == value and type(node.value) is type(value)
    assert node.style is None


@pytest.mark.parametrize(
    "text", ["nULL", "tRUE", "truE", "1 2", "+", "-1-", ".", "1.2.3", "1e", "e3", "٣", "1__0"]
)
def test_other_plain_scalars_stay_text(text, parser):
    assert load_ok(f"v: {text}").value["v"].value == text


def test_huge_digit_strings_stay_text_rather_than_raise():
    digits = "9" * 5000  # beyond Python's int/str conversion limit
    assert load_ok(f"v: {digits}").value["v"].value == digits


@pytest.mark.parametrize("text", ["'true'", '"1"', "'null'", '"~"', "''", "'1.5'", "|\n  3\n", ">\n  true\n"])
def test_quoted_and_block_scalars_are_always_text(text, parser):
    node = load_ok(f"v: {text}").value["v"]
    assert node.kind == "str"


def test_keys_are_typed_like_values(parser):
    root = load_ok("1: a\nfalse: b\nnull: c\n'2': d\nno: e\n-1.5: f\n")
    assert root.plain() == {1: "a", False: "b", None: "c", "2": "d", "no": "e", -1.5: "f"}
    assert [type(k) for k in root.keys] == [int, bool, type(None), str, str, float]


# --- E100 unreadable ---------------------------------------------------------------------------------


def test_e100_missing_file(tmp_path):
    node, diags = load_file(tmp_path / "nope.yaml")
    assert node is None
    assert where(diags) == [("E100", 0, 0)]
    assert diags[0].path == str(tmp_path / "nope.yaml")


def test_e100_directory(tmp_path):
    node, diags = load_file(tmp_path)
    assert node is None and where(diags) == [("E100", 0, 0)]
    assert "folder" in diags[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_e100_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    node, diags = load_file(fifo)
    assert node is None and where(diags) == [("E100", 0, 0)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_e100_unreadable(tmp_path):
    f = tmp_path / "secret.yaml"
    f.write_text("a: 1")
    f.chmod(0)
    try:
        node, diags = load_file(f)
    finally:
        f.chmod(0o600)
    assert node is None and where(diags) == [("E100", 0, 0)]


def test_e100_nul_in_path():
    node, diags = load_file("bad\0name.yaml")
    assert node is None and codes(diags) == ["E100"]


# --- E101 too large ----------------------------------------------------------------------------------


def test_e101_too_large(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_bytes(b"a: 1\nb: 2\nc: 3\n")  # 15 bytes
    assert load_file(f, max_bytes=15)[0].plain() == {"a": 1, "b": 2, "c": 3}
    node, diags = load_file(f, max_bytes=14)
    assert node is None
    assert where(diags) == [("E101", 0, 0)]
    assert "15" in diags[0].message and "14" in diags[0].message


def test_e101_default_cap_is_one_megabyte(tmp_path):
    assert MAX_BYTES == 1_000_000
    f = tmp_path / "big.yaml"
    f.write_bytes(b"#" * MAX_BYTES)
    node, diags = load_file(f)
    assert diags == [] and node.value is None
    f.write_bytes(b"#" * (MAX_BYTES + 1))
    node, diags = load_file(f)
    assert node is None and codes(diags) == ["E101"]


# --- E102 not UTF-8 ----------------------------------------------------------------------------------


def test_e102_bad_byte_line_and_column():
    node, diags = load_text(b"a: 1\nb: 2\nc: caf\xe9\n")
    assert node is None
    assert where(diags) == [("E102", 3, 7)]


def test_e102_column_counts_characters_not_bytes():
    _, diags = load_text("é€: ".encode() + b"\xff")
    assert where(diags) == [("E102", 1, 5)]


def test_e102_files(tmp_path):
    f = tmp_path / "latin1.yaml"
    f.write_bytes("title: Café\n".encode("latin-1"))
    node, diags = load_file(f)
    assert node is None and where(diags) == [("E102", 1, 11)]
    assert diags[0].path == str(f)
    f.write_bytes("a: 1\n".encode("utf-16"))
    assert codes(load_file(f)[1]) == ["E102"]


def test_e102_encoded_surrogates_and_lone_surrogates_in_str():
    assert where(load_text(b"a: \xed\xa0\x80")[1]) == [("E102", 1, 4)]
    node, diags = load_text("a: 1\nb: \ud800")
    assert node is None and where(diags) == [("E102", 2, 4)]


# --- E103 syntax -------------------------------------------------------------------------------------


def test_e103_tab_indentation(parser):
    node, diags = load_text("a:\n\tb: 1\n")
    assert node is None
    assert where(diags) == [("E103", 2, 1)]
    assert diags[0].message == "found character '\\t' that cannot start any token"


def test_e103_tab_indentation_with_crlf(parser):
    _, diags = load_text(b"a: 1\r\nb:\r\n\tc: 1\r\n")
    assert where(diags) == [("E103", 3, 1)]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: 'x", 1, 6),
        ("a: [1, 2\n", 2, 1),
        ("- a\nb: 1\n", 2, 1),
        ("key: value: x\n", 1, 11),
        ("a: b\n c: d\n", 2, 3),
        ("a: 1\x00\n", 1, 5),  # control characters are not YAML text
        ("é: \x07\n", 1, 4),
    ],
)
def test_e103_syntax_errors(text, line, col, parser):
    node, diags = load_text(text)
    assert node is None
    assert where(diags) == [("E103", line, col)]
    assert diags[0].message


def test_e103_keeps_earlier_diagnostics(parser):
    node, diags = load_text("a: *x\nb: [\n")
    assert node is None
    assert codes(diags) == ["E104", "E103"]


# --- E104 anchors and aliases ------------------------------------------------------------------------


def test_e104_anchor_and_alias(parser):
    node, diags = load_text("base: &b {x: 1}\nother: *b\nlist:\n  - &s text\n  - *s\n")
    assert where(diags) == [("E104", 1, 7), ("E104", 2, 8), ("E104", 4, 5), ("E104", 5, 5)]
    assert "&b" in diags[0].message and "*b" in diags[1].message
    # Aliases are never expanded.
    assert node.plain() == {"base": {"x": 1}, "other": None, "list": ["text", None]}


def test_e104_alias_as_key_drops_the_pair(parser):
    node, diags = load_text("{*a : 1, b: 2}")
    assert where(diags) == [("E104", 1, 2)]
    assert node.plain() == {"b": 2}


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_without_expanding(parser):
    node, diags = load_text(BILLION_LAUGHS)
    assert set(codes(diags)) == {"E104"}
    assert ("E104", 1, 4) in where(diags) and ("E104", 2, 8) in where(diags)
    assert len(diags) == 9 + 8 * 9  # every anchor and every alias
    assert len(repr(node.plain())) < 1000  # nothing was expanded


# --- E105 merge keys ---------------------------------------------------------------------------------


def test_e105_merge_key(parser):
    node, diags = load_text("a:\n  <<: {x: 1}\n  y: 2\n")
    assert where(diags) == [("E105", 2, 3)]
    assert node.plain() == {"a": {"y": 2}}


def test_e105_merge_with_alias(parser):
    _, diags = load_text("base: &b {x: 1}\nc:\n  <<: *b\n")
    assert where(diags) == [("E104", 1, 7), ("E105", 3, 3), ("E104", 3, 7)]


def test_quoted_merge_key_is_an_ordinary_key(parser):
    assert load_ok("'<<': 1\n").plain() == {"<<": 1}
    assert load_ok('x: {"<<": 1}').plain() == {"x": {"<<": 1}}


# --- E106 duplicate keys -----------------------------------------------------------------------------


def test_e106_duplicate_keys_report_both_lines(parser):
    node, diags = load_text("title: A\ncount: 1\ntitle: B\n")
    assert where(diags) == [("E106", 3, 1)]
    assert "'title'" in diags[0].message and "line 1" in diags[0].message
    assert node.plain() == {"title": "A", "count": 1}  # the first one is kept


def test_e106_every_duplicate_is_reported(parser):
    text = "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n  x: 3\nb: 4\n"
    _, diags = load_text(text)
    assert where(diags) == [("E106", 3, 1), ("E106", 6, 3), ("E106", 7, 3), ("E106", 8, 1)]
    assert [d.message.split("line ")[1] for d in diags] == ["1)", "5)", "5)", "2)"]


def test_e106_keys_equal_once_typed(parser):
    # 1 and true are different YAML keys but the same Python dict key.
    _, diags = load_text("1: a\ntrue: b\n")
    assert where(diags) == [("E106", 2, 1)]
    assert "true" in diags[0].message and "line 1" in diags[0].message


def test_same_text_with_different_types_is_not_a_duplicate(parser):
    assert load_ok("1: a\n'1': b\n").plain() == {1: "a", "1": "b"}


# --- E107 tags ---------------------------------------------------------------------------------------


def test_e107_python_object_apply_is_refused_and_never_run(parser, tmp_path):
    marker = tmp_path / "pwned"
    preexisting = os.path.exists("/tmp/pwned")
    for target in (str(marker), "/tmp/pwned"):
        text = f"!!python/object/apply:os.system ['touch {target}']"
        node, diags = load_text(text)
        assert where(diags) == [("E107", 1, 1)]
        assert "!!python/object/apply:os.system" in diags[0].message
        assert node.plain() == [f"touch {target}"]  # plain data, never constructed
    assert not marker.exists()
    assert os.path.exists("/tmp/pwned") == preexisting


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("v: !!binary aGVsbG8=", 4),
        ("v: !foo bar", 4),
        ("v: !!str 3", 4),
        ("v: ! text", 4),
        ("v: !!int '3'", 4),
        ("v: !!set {a, b}", 4),
        ("v: !!omap [a: 1]", 4),
        ("v: !!python/name:os.system", 4),
        ("v: !<tag:yaml.org,2002:str> x", 4),
    ],
)
def test_e107_any_explicit_tag(text, col, parser):
    node, diags = load_text(text)
    assert where(diags) == [("E107", 1, col)]
    assert node is not None


def test_e107_tagged_scalar_is_left_as_written(parser):
    node, _ = load_text("v: !!int 3")
    assert node.value["v"].value == "3"


def test_e107_tag_with_anchor(parser):
    _, diags = load_text("v: &a !!str x")
    assert where(diags) == [("E104", 1, 4), ("E107", 1, 4)]


# --- E108 depth --------------------------------------------------------------------------------------


def test_e108_depth_limit(parser):
    assert MAX_DEPTH == 64
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_text(ok)[1] == []
    node, diags = load_text("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert node is None
    assert where(diags) == [("E108", 1, MAX_DEPTH + 1)]


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_e108_hundred_thousand_levels_without_recursion_error(opener, parser):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive reader would fail even at modest depth
    try:
        node, diags = load_text(opener * 100_000)
    finally:
        sys.setrecursionlimit(old)
    assert node is None
    assert where(diags) == [("E108", 1, len(opener) * MAX_DEPTH + 1)]


def test_e108_block_nesting_and_custom_cap(parser):
    text = "".join(" " * i + f"k{i}:\n" for i in range(10)) + " " * 10 + "v\n"
    assert load_text(text)[1] == []
    node, diags = load_text(text, max_depth=5)
    assert node is None
    assert where(diags) == [("E108", 6, 6)]


def test_e108_from_file(tmp_path):
    f = tmp_path / "deep.yaml"
    f.write_text("[" * 100_000)
    node, diags = load_file(f, max_depth=3)
    assert node is None and where(diags) == [("E108", 1, 4)]


# --- E109 more than one document ---------------------------------------------------------------------


def test_e109_two_documents(parser):
    node, diags = load_text("a: 1\n---\nb: 2\n")
    assert where(diags) == [("E109", 2, 1)]
    assert node.plain() == {"a": 1}


def test_e109_after_document_end_marker(parser):
    _, diags = load_text("--- a\n...\n--- b\n")
    assert where(diags) == [("E109", 3, 1)]


def test_one_explicit_document_is_fine(parser):
    assert load_ok("---\na: 1\n...\n").plain() == {"a": 1}


# --- E110 non-scalar keys ----------------------------------------------------------------------------


def test_e110_sequence_key(parser):
    node, diags = load_text("? [a, b]\n: 1\nc: 2\n")
    assert where(diags) == [("E110", 1, 3)]
    assert node.plain() == {"c": 2}


def test_e110_mapping_key_in_flow(parser):
    node, diags = load_text("x: {{a: 1}: [2, 3], b: 4}")
    assert where(diags) == [("E110", 1, 5)]
    assert node.plain() == {"x": {"b": 4}}


def test_e110_flow_pair_with_collection_key(parser):
    node, diags = load_text("[[1]: 2]")
    assert where(diags) == [("E110", 1, 2)]
    assert node.plain() == [{}]


# --- several problems, one file ----------------------------------------------------------------------


def test_all_problems_of_a_file_are_collected(parser):
    text = "a: &x 1\nb: *x\na: 2\nc: !!str 3\nd:\n  <<: {}\n  ? [k]\n  : v\n"
    node, diags = load_text(text)
    assert where(diags) == [
        ("E104", 1, 4),
        ("E104", 2, 4),
        ("E106", 3, 1),
        ("E107", 4, 4),
        ("E105", 6, 3),
        ("E110", 7, 5),
    ]
    assert node.plain() == {"a": 1, "b": None, "c": "3", "d": {}}


def test_diagnostics_are_capped_per_file(parser):
    node, diags = load_text("- *a\n" * (MAX_DIAGNOSTICS * 3))
    assert len(diags) == MAX_DIAGNOSTICS
    assert node is not None and len(node.value) == MAX_DIAGNOSTICS * 3


@pytest.mark.parametrize(
    ("tail", "code"), [("- a: b: c\n", "E103"), ("---\n", "E109"), ("- " + "[" * 70, "E108")]
)
def test_the_problem_that_stops_a_file_is_never_capped_away(tail, code, parser):
    _, diags = load_text("- *a\n" * (MAX_DIAGNOSTICS * 3) + tail)
    assert len(diags) == MAX_DIAGNOSTICS
    assert diags[-1].code == code and diags[-1].line == MAX_DIAGNOSTICS * 3 + 1


def test_every_code_is_a_known_error():
    for code in ("E100", "E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110"):
        assert CODES[code].severity == "error"


# --- the two parsers agree ---------------------------------------------------------------------------


def _walk(node):
    out = [(node.kind, node.line, node.col, node.style)]
    if node.kind == "map":
        for k, child in node.value.items():
            key = node.keys[k]
            out += [(repr(k), key.line, key.col, key.style)] + _walk(child)
    elif node.kind == "seq":
        for child in node.value:
            out += _walk(child)
    return out


@pytest.mark.skipif(PARSERS["c"] is None, reason="PyYAML was built without libyaml")
def test_c_and_python_parsers_give_the_same_tree():
    text = (
        "story:\n  id: s\n  title: 'T'\n  n: [1, 2.5, -3, true, ~, no]\n"
        "scenes:\n  - id: a\n    text: |\n      Hello\n    next: >\n      b\n"
        '  - {id: b, text: "x\\ty", tags: []}\n'
    )
    trees = {}
    for name in ("c", "python"):
        root, diags = yamlsafe._parse(text, "p", MAX_DEPTH, PARSERS[name])
        assert diags == []
        trees[name] = (root.plain(), _walk(root))
    assert trees["c"] == trees["python"]


# --- safety guards -----------------------------------------------------------------------------------


def test_module_never_uses_constructing_loaders():
    source = Path(yamlsafe.__file__).read_text(encoding="utf-8")
    for forbidden in ("yaml.load(", "unsafe_load", "FullLoader", "UnsafeLoader", "yaml.Loader", "compose("):
        assert forbidden not in source


# --- properties --------------------------------------------------------------------------------------

YAMLISH = st.text(alphabet=list("ab1.-+~ :,[]{}?&*!|>'\"#%@`\n\t\r\\<=") + ["\ufeff", "é"], max_size=80)


def _check_result(result, path="<string>"):
    node, diags = result
    assert node is None or isinstance(node, Node)
    assert isinstance(diags, list) and len(diags) <= MAX_DIAGNOSTICS
    for d in diags:
        assert isinstance(d, Diagnostic) and d.code in CODES and d.path == path
        assert d.line >= 0 and d.col >= 0 and d.message
    if node is None:
        assert any(d.is_error for d in diags)
    else:
        node.plain()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), YAMLISH))
def test_arbitrary_text_never_raises(text):
    _check_result(load_text(text))


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_raise(data):
    _check_result(load_text(data, "f.yaml"), "f.yaml")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_arbitrary_files_never_raise(tmp_path, data):
    f = tmp_path / "x.yaml"
    f.write_bytes(data)
    _check_result(load_file(f, max_bytes=150), str(f))


_RESOLVER = yaml.resolver.Resolver()


def _misread_after_safe_dump(s: str) -> bool:
    """True for text that safe_dump writes unquoted but that we read as a number.

    safe_dump quotes text that YAML 1.1 would read as something else; YAML 1.1 floats need a
    dot and a signed exponent, so "1e3", "1.5e3" and "-.5" go out plain, and our 1.2-style
    typing reads them back as floats. (Story files written by a program must quote such text.)
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, s, (True, False))
    return tag == "tag:yaml.org,2002:str" and yamlsafe._FLOAT_RE.fullmatch(s) is not None


def _has_misread(data) -> bool:
    if isinstance(data, str):
        return _misread_after_safe_dump(data)
    if isinstance(data, dict):
        return any(_has_misread(k) or _has_misread(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_misread(v) for v in data)
    return False


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.sampled_from(YAML11_SURPRISES + ["1e3", "true", "null", "", "<<", "- x", "a: b", "#c"]),
)
DATA = st.dictionaries(
    st.text(),
    st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_safe_dump_round_trip(data):
    if _has_misread(data):
        return
    dumped = yaml.safe_dump(data)
    node, diags = load_text(dumped)
    if _has_controls(data):
        # Control characters (safe_dump writes them as escapes) are refused: terminals obey them (#12).
        assert diags and {d.code for d in diags} == {"E111"}
        return
    assert diags == []
    assert node.plain() == data


def _has_controls(data) -> bool:
    if isinstance(data, str):
        return CONTROL_RE.search(data) is not None
    if isinstance(data, dict):
        return any(_has_controls(k) or _has_controls(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_controls(v) for v in data)
    return False


def test_misread_filter_is_narrow():
    assert _misread_after_safe_dump("1e3") and _misread_after_safe_dump("-.5")
    assert not _misread_after_safe_dump("1.5") and not _misread_after_safe_dump("no")
    assert not _misread_after_safe_dump("hello")
    assert math.isclose(load_ok(yaml.safe_dump({"a": "1e3"})).value["a"].value, 1000.0)
