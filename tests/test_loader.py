"""The loader checks a story completely: every problem is a diagnostic with file, line and column."""

import pytest

from game.engine import load_story

from .helpers import codes, load_ok, write_story

HEAD = "story: {id: t, title: T, start: a}\n"


def problems(tmp_path, text, name="story.yaml"):
    path = write_story(tmp_path, text, name)
    story, diagnostics = load_story(path)
    assert story is None, "expected errors"
    return [(d.line, d.col, d.code, d.message) for d in diagnostics]


def test_unknown_field_names_the_key_and_suggests(tmp_path):
    found = problems(tmp_path, HEAD + "scenes:\n  a:\n    titel: Hello\n    next: a\n")
    assert found == [(4, 5, "E201", "unknown field 'titel' in scene; did you mean 'title'?")]


def test_wrong_type_and_yaml_11_surprises_are_reported_not_converted(tmp_path):
    found = problems(
        tmp_path,
        HEAD + "scenes:\n  a:\n    choices:\n      - {id: c, text: Go, once: yes, next: a}\n",
    )
    assert found[0][:3] == (5, "      - {id: c, text: Go, once: yes, next: a}".index("yes") + 1, "E200")
    assert "yes/no/on/off are read as text" in found[0][3]


def test_missing_required_field(tmp_path):
    found = problems(tmp_path, HEAD + "scenes:\n  a:\n    choices:\n      - {text: Go}\n")
    assert found == [(5, 9, "E202", "choice needs the field 'id'")]


def test_unknown_scene_with_suggestion(tmp_path):
    found = problems(tmp_path, HEAD + "scenes:\n  a:\n    next: markett\n  market:\n    next: a\n")
    assert [(f[0], f[2]) for f in found] == [(3, "E300")]
    assert "did you mean 'market'" in found[0][3]


def test_no_start_scene(tmp_path):
    found = problems(tmp_path, "story: {id: t, title: T, start: nowhere}\nscenes:\n  a: {next: a}\n")
    assert [f[2] for f in found] == ["E205"]


def test_no_story_block(tmp_path):
    found = problems(tmp_path, "scenes:\n  a: {next: a}\n")
    assert [f[2] for f in found] == ["E206"]


def test_expression_errors_point_at_the_column(tmp_path):
    text = (
        HEAD
        + "variables: {money: 5}\nscenes:\n  a:\n    choices:\n      - {id: c, text: Go, if: monye > 3}\n"
    )
    found = problems(tmp_path, text)
    line, col, code, message = found[0]
    assert (line, code) == (6, "E301")
    assert col == text.splitlines()[5].index("monye") + 1
    assert "monye" in message


def test_type_mismatch_in_effect(tmp_path):
    found = problems(
        tmp_path,
        HEAD
        + "variables: {money: 5}\nscenes:\n  a:\n    choices:\n"
        + "      - {id: c, text: Go, effects: money = 'x'}\n",
    )
    assert [f[2] for f in found] == ["E401"]


def test_effect_cannot_touch_read_only_names(tmp_path):
    found = problems(
        tmp_path,
        HEAD + "scenes:\n  a:\n    choices:\n      - {id: c, text: Go, effects: visits.a = 3}\n",
    )
    assert [f[2] for f in found] == ["E402"]


def test_bad_interpolation_in_text(tmp_path):
    found = problems(tmp_path, HEAD + "scenes:\n  a:\n    text: Hello {name\n    next: a\n")
    assert [(f[0], f[1], f[2]) for f in found] == [(4, 17, "E208")]
    found = problems(tmp_path, HEAD + "scenes:\n  a:\n    text: Hello {nobody}\n    next: a\n")
    assert [(f[0], f[1], f[2]) for f in found] == [(4, 18, "E301")]


def test_duplicate_ids_across_files_and_in_a_scene(tmp_path):
    write_story(tmp_path, HEAD + "scenes:\n  a:\n    next: a\n", "one.yaml")
    write_story(
        tmp_path,
        "scenes:\n  a:\n    next: a\n  b:\n    choices:\n"
        "      - {id: x, text: X}\n      - {id: x, text: Y}\n",
        "two.yaml",
    )
    story, diagnostics = load_story(tmp_path)
    assert story is None
    found = sorted((d.path.rsplit("/", 1)[-1], d.line, d.code) for d in diagnostics)
    assert found == [("two.yaml", 2, "E204"), ("two.yaml", 7, "E204")]


def test_conditional_next_needs_a_default_branch(tmp_path):
    found = problems(
        tmp_path,
        HEAD + "variables: {x: 1}\nscenes:\n  a:\n    next: [{if: x > 0, to: a}]\n",
    )
    assert [f[2] for f in found] == ["E302"]


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path):
    write_story(tmp_path, HEAD + "scenes:\n  a:\n    next: nowhere\n    colour: red\n", "one.yaml")
    write_story(tmp_path, "scenes:\n  b:\n    text: [1, 2]\n  c: &x {next: a}\n", "two.yaml")
    _, diagnostics = load_story(tmp_path)
    assert sorted(codes(diagnostics)) == ["E104", "E200", "E200", "E201", "E300"]


def test_story_can_be_split_into_chapter_files(tmp_path):
    write_story(tmp_path, HEAD + "variables: {n: 0}\n", "00-story.yaml")
    write_story(tmp_path, "chapter: {id: one, title: One}\nscenes:\n  a: {next: b}\n", "01.yaml")
    write_story(
        tmp_path, "chapter: {id: two}\nscenes:\n  b: {next: end}\nendings:\n  end: {title: E}\n", "02.yaml"
    )
    story = load_ok(tmp_path)
    assert [s.chapter for s in story.scenes.values()] == ["one", "two", None]
    assert len(story.files) == 3


@pytest.mark.parametrize(
    "body, code",
    [
        ("!!python/object/apply:os.system ['touch /tmp/ss-pwned']\n", "E107"),
        ("a: &a [1]\nb: *a\n", "E104"),
        ("a: 1\na: 2\n", "E106"),
        ("<<: {a: 1}\n", "E105"),
        ("a: [" * 200 + "]" * 200 + "\n", "E108"),
        ("a: b: c\n", "E103"),
    ],
)
def test_hostile_yaml_is_refused(tmp_path, body, code):
    path = write_story(tmp_path, body)
    story, diagnostics = load_story(path)
    assert story is None
    assert code in codes(diagnostics)
    assert all(d.path == str(path) for d in diagnostics)


def test_not_utf8_and_missing_path(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(HEAD.encode() + "scenes: {a: {title: caf\xe9, next: a}}\n".encode("latin-1"))
    _, diagnostics = load_story(path)
    assert codes(diagnostics) == ["E102"]
    _, diagnostics = load_story(tmp_path / "nope")
    assert codes(diagnostics) == ["E100"]
