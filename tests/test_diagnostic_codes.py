"""Every diagnostic code in the table is emitted by some input: one small fixture per code.

A code nothing can emit misleads authors who look it up; this test fails when a code is added
without a fixture here, or when a fixture stops producing its code.
"""

from __future__ import annotations

import json

import pytest

from game.authoring.lint import lint
from game.engine import InputError
from game.engine.diagnostics import CODES, RETIRED
from game.engine.saves import SAVE_FORMAT, read_save, state_from_json

from .helpers import MINI, load_ok

STORY = "story: {id: t, title: T, start: a}\n"
ENDS = "endings:\n  end: {title: End}\n"
GO = "scenes:\n  a: {choices: [{id: go, text: Go, next: end}]}\n"

#: code -> the text of one story file that makes lint report it (None: see the other tests)
STORY_FIXTURES = {
    "E103": STORY + "scenes: [\n",
    "E104": STORY + "x: &a 1\n",
    "E105": STORY + "scenes:\n  a: {<<: {next: end}}\n" + ENDS,
    "E106": STORY + GO + ENDS + ENDS,
    "E107": STORY + "scenes:\n  a: {text: !!str hi, next: end}\n" + ENDS,
    "E108": STORY + "x: " + "[" * 70 + "]" * 70 + "\n",
    "E109": STORY + GO + ENDS + "---\n" + STORY,
    "E110": STORY + "? [a, b]\n: 1\n",
    "E111": STORY + 'scenes:\n  a: {text: "hi\\e]0;owned\\a", next: end}\n' + ENDS,
    "E200": STORY + "scenes:\n  a: {title: [x], next: end}\n" + ENDS,
    "E201": STORY + "scenes:\n  a: {nxt: end}\n" + ENDS,
    "E202": STORY + "scenes:\n  a: {next: end}\nendings:\n  end: {text: x}\n",
    "E203": STORY + "scenes:\n  a: {choices: [{id: go-on, text: Go, next: end}]}\n" + ENDS,
    "E204": STORY + "scenes:\n  a: {choices: [{id: go, text: Go, next: end}, {id: go, text: G}]}\n" + ENDS,
    "E205": "story: {id: t, title: T, start: nowhere}\n" + GO + ENDS,
    "E206": "scenes:\n  a: {next: end}\n" + ENDS,
    "E207": STORY + "scenes:\n  a: {mechanics: [no-such], next: end}\n" + ENDS,
    "E208": STORY + "scenes:\n  a: {text: 'a { b', next: end}\n" + ENDS,
    "E209": "story: {id: t, title: T, start: a, format: 99}\n" + GO + ENDS,
    "E210": STORY + "variables: {big: {type: int, initial: 10000000000000000}}\n" + GO + ENDS,
    "E300": STORY + "scenes:\n  a: {next: nowhere}\n",
    "E301": STORY + "scenes:\n  a: {text: '{nope}', next: end}\n" + ENDS,
    "E302": STORY + "scenes:\n  a: {next: [{if: turn > 1, to: end}]}\n" + ENDS,
    "E303": STORY + "chapter: {id: c}\nscenes:\n  a: {chapter: nope, next: end}\n" + ENDS,
    "E400": STORY + "scenes:\n  a: {text: '{1 +}', next: end}\n" + ENDS,
    "E401": STORY + "scenes:\n  a: {choices: [{id: go, text: Go, if: '1', next: end}]}\n" + ENDS,
    "E402": STORY + "scenes:\n  a: {choices: [{id: go, text: Go, effects: [turn = 1], next: end}]}\n" + ENDS,
    "E403": STORY + "scenes:\n  a: {text: '{" + "1 + " * 200 + "1}', next: end}\n" + ENDS,
    "E404": STORY + "scenes:\n  a: {text: '{2 ** 3}', next: end}\n" + ENDS,
    "W500": STORY + GO + "  lost: {next: end}\n" + ENDS,
    "W501": STORY
    + "scenes:\n  a: {choices: [{id: go, text: Go, next: b}, {id: e, text: E, next: end}]}\n  b: {}\n"
    + ENDS,
    "W502": STORY
    + "variables: {x: 0}\nscenes:\n  a: {choices: [{id: go, text: Go, effects: [x = 1], next: end}]}\n"
    + ENDS,
    "W503": STORY + "variables: {x: 0}\nscenes:\n  a: {text: '{x}', next: end}\n" + ENDS,
    "W504": STORY + "variables: {x: false}\nscenes:\n  a: {choices: [{id: go, text: Go, if: x, next: end}, "
    "{id: e, text: E, next: end}]}\n" + ENDS,
    "W506": STORY
    + GO
    + ENDS
    + "scoring: {id: r, title: R, range: {min: 0, max: 10, start: 5}, tiers: [{id: t, title: T, min: 0}]}\n"
    + "facts:\n  f: {label: documented, claim: C, source: S}\n",
    "W507": STORY + "scenes:\n  a: {choices: [{id: go, text: Go}]}\n",
    "W509": STORY + GO + ENDS + "techniques:\n  nudge: {name: Nudge, text: A gentle push.}\n",
    "W508": STORY + "scenes:\n  a: {choices: [{id: e, text: E, next: end}, {id: go, text: Go, next: b}]}\n"
    "  b: {choices: [{id: back, text: Back}]}\n" + ENDS,
}


def lint_codes(path) -> set[str]:
    return {d.code for d in lint(str(path)).diagnostics}


@pytest.mark.parametrize("code", sorted(STORY_FIXTURES))
def test_story_fixture_emits_its_code(tmp_path, code):
    path = tmp_path / "story.yaml"
    path.write_text(STORY_FIXTURES[code], encoding="utf-8")
    assert code in lint_codes(path), [str(d) for d in lint(str(path)).diagnostics]


def test_file_level_codes(tmp_path):
    assert "E100" in lint_codes(tmp_path / "missing")
    big = tmp_path / "big.yaml"
    big.write_text(STORY + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    assert "E101" in lint_codes(big)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(STORY.encode() + "scenes: {a: {text: caf\xe9}}\n".encode("latin-1"))
    assert "E102" in lint_codes(latin)


def save_codes(tmp_path, data) -> set[str]:
    path = tmp_path / "save.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_save(path)
    return {d.code for d in caught.value.diagnostics}


def test_save_codes(tmp_path):
    assert "E600" in save_codes(tmp_path, "{not json")
    assert "E601" in save_codes(tmp_path, {"format": SAVE_FORMAT, "version": 999})
    story_path = tmp_path / "mini.yaml"
    story_path.write_text(MINI, encoding="utf-8")
    story = load_ok(story_path)
    with pytest.raises(InputError) as caught:
        state_from_json(story, {"story": "mini", "scene": "gone", "vars": {}, "seed": 0})
    assert "E602" in {d.code for d in caught.value.diagnostics}


def test_every_code_has_a_fixture_and_retired_codes_stay_retired():
    covered = set(STORY_FIXTURES) | {"E100", "E101", "E102", "E600", "E601", "E602"}
    assert covered == set(CODES)
    assert not set(RETIRED) & set(CODES)
