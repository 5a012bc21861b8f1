"""Fuzzing the readers (#12 item 6): whatever bytes arrive, the YAML reader, the story loader, the
save reader and the log reader answer with their own input errors, never another exception."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import InputError, Session, load_story
from game.engine.diagnostics import CODES, Diagnostic
from game.engine.saves import read_save
from game.engine.yamlsafe import load_text
from game.workshop.logs_read import read_log

from .helpers import MINI, load_ok, play, write_story

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Pieces of YAML and JSON syntax, so random text reaches past the first character more often.
TOKENS = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ":",
        ", ",
        "- ",
        "\n",
        "  ",
        '"',
        "'",
        "&a",
        "*a",
        "!!python/object",
        "<<",
        "#",
        "---",
        "? ",
        "|",
        ">",
        "\\e",
        "\\x1b",
        "1e400",
        "9" * 30,
        "null",
        "true",
        "scenes",
        "story",
        "id",
        "next",
        "choices",
        "text",
        "{score}",
        "\t",
        "\x00",
        "\ufeff",
        "\ud800",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(TOKENS, st.text(max_size=5)), max_size=80).map("".join)
)
BYTES = st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))


def _own(diagnostics) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic) and d.code in CODES, d


@FUZZ
@given(BYTES)
def test_the_yaml_reader_never_raises(data):
    node, diagnostics = load_text(data)
    _own(diagnostics)
    assert node is not None or diagnostics


SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.sampled_from(["a", "end", "go"])
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "text",
                    "next",
                    "choices",
                    "title",
                    "a",
                    "end",
                    "effects",
                    "enable_if",
                    "initial",
                    "type",
                    "date",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
STORY_DATA = st.fixed_dictionaries(
    {},
    optional={
        "story": st.fixed_dictionaries({"id": SCALAR, "title": SCALAR, "start": SCALAR}),
        "variables": st.dictionaries(st.sampled_from(["n", "s", "b", "x.y"]), VALUE, max_size=3),
        "scenes": st.dictionaries(st.sampled_from(["a", "b", "end"]), VALUE, max_size=3),
        "endings": st.dictionaries(st.sampled_from(["end", "a"]), VALUE, max_size=2),
        "scoring": VALUE,
        "contacts": VALUE,
    },
)


@FUZZ
@given(st.one_of(STORY_DATA.map(json.dumps), TEXT))
def test_the_story_loader_never_raises(tmp_path, text):
    path = tmp_path / "story.yaml"
    path.write_text(
        text, encoding="utf-8", errors="surrogatepass"
    ) if "\ud800" not in text else path.write_bytes(text.encode("utf-8", "surrogatepass"))
    story, diagnostics = load_story(path)
    _own(diagnostics)
    assert story is not None or any(d.is_error for d in diagnostics)


@FUZZ
@given(BYTES)
def test_the_save_reader_never_raises(tmp_path, data):
    path = tmp_path / "save.json"
    path.write_bytes(data)
    try:
        read_save(path)
    except InputError as exc:
        _own(exc.diagnostics)


def _paths(data, prefix=()):
    """Every place in JSON data, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.text(max_size=10),
        st.floats(allow_nan=False),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def mini_save(tmp_path_factory):
    story = load_ok(write_story(tmp_path_factory.mktemp("mini"), MINI))
    return story, play(story, ["spend", "again"], seed=3).save_data()


@settings(FUZZ, max_examples=60)
@given(st.data())
def test_edited_saves_load_or_are_refused_in_one_line(mini_save, data):
    story, original = mini_save
    save = copy.deepcopy(original)
    places = sorted(_paths(save), key=repr)
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(places))
        if not place:
            continue
        parent = save
        try:
            for key in place[:-1]:
                parent = parent[key]
            parent[place[-1]] = data.draw(JSON)
        except (KeyError, IndexError, TypeError):
            continue
    try:
        session = Session.from_save_data(story, json.loads(json.dumps(save)), "edited.json")
    except InputError as exc:
        _own(exc.diagnostics)
        assert all("\n" not in d.message for d in exc.diagnostics)
        return
    session.frame()  # whatever loaded can be shown and played on
    for choice in session.frame().choices:
        if choice.enabled:
            session.choose(choice.uid)
            break


@FUZZ
@given(st.lists(st.one_of(BYTES, JSON.map(lambda v: json.dumps(v).encode())), max_size=6))
def test_the_log_reader_never_raises(tmp_path, lines):
    path = tmp_path / "x.jsonl"
    header = json.dumps({"type": "header", "schema": 1, "story": "t", "seed": 1}).encode()
    path.write_bytes(b"\n".join([header, *lines]))
    log, problems = read_log(path)
    assert log is not None or problems
