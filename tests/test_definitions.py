"""One definition of each thing: modes, event kinds, frame status, variable types, reserved names.

A second spelling of a closed vocabulary is how front ends drift apart (one adds a mode, another
does not). These tests fail when one creeps back in.
"""

from __future__ import annotations

import json
import re

from game.engine import DEFAULT_MODE, EventKind, Mode, Session, Status, load_story, load_story_or_raise
from game.engine import format as fmt
from game.engine.extension import CORE_NAMES, EXTENSIONS, reserved_roots
from game.engine.vartypes import NAMES, TYPES, type_of
from game.paths import story_dir

from .helpers import ROOT, codes, write_story

GAME = ROOT / "game"
#: where the mode words may be written out: their definition, and the explain: record's YAML keys
MODE_WORD_HOMES = {"engine/kinds.py", "engine/scoring/format.py"}


def _python_files():
    for path in sorted(GAME.rglob("*.py")):
        yield path.relative_to(GAME).as_posix(), path.read_text(encoding="utf-8")


def test_transparency_modes_are_spelled_once():
    word = re.compile(r"""["'](opaque|partial|transparent)["']""")
    stray = [
        f"{name}:{text[: m.start()].count(chr(10)) + 1}"
        for name, text in _python_files()
        if name not in MODE_WORD_HOMES
        for m in word.finditer(text)
    ]
    assert stray == [], "write Mode.OPAQUE etc. (game.engine.kinds), not the bare word"


def test_frame_status_is_spelled_once():
    word = re.compile(r"""["'](ended|choosing)["']""")
    stray = [name for name, text in _python_files() if name != "engine/kinds.py" and word.search(text)]
    assert stray == []


def test_enums_serialise_as_their_bare_values():
    # saves, session logs and --json output must stay byte-identical to the strings they replace
    assert json.dumps({"mode": Mode.PARTIAL, "kind": EventKind.SCORE, "s": Status.ENDED}) == (
        '{"mode": "partial", "kind": "score", "s": "ended"}'
    )
    assert f"{Mode.OPAQUE}" == str(Mode.OPAQUE) == "opaque"
    assert {"partial": 1}[DEFAULT_MODE] == 1
    assert Mode.parse("nonsense", Mode.OPAQUE) is Mode.OPAQUE


def test_events_and_frames_use_the_enums():
    story = load_story_or_raise(story_dir())
    session = Session(story, 4, {"transparency": Mode.PARTIAL})
    kinds = set()
    while session.frame().status is Status.CHOOSING and session.state.turn < 40:
        session.choose(next(c.id for c in session.frame().choices if c.enabled))
        kinds.update(type(e.kind) for e in session.last_events)
    assert kinds == {EventKind}


def test_variable_types_are_one_table():
    assert fmt.VARIABLE_TYPES == NAMES
    for vtype in TYPES.values():
        assert vtype.fits(vtype.default) and type_of(vtype.default) == vtype.name


def test_reserved_names_are_the_builtins_roots():
    story = load_story_or_raise(story_dir())
    roots = {name.split(".")[0] for name in story.builtins}
    assert roots <= reserved_roots()
    score = next(ext for ext in EXTENSIONS if ext.name == "score")
    assert CORE_NAMES | {"score", "tier", "contacts", "transparency"} <= reserved_roots()
    assert roots - CORE_NAMES <= score.names


def test_a_story_cannot_declare_a_builtin_name(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: s, title: S, start: a}
        variables: {transparency: "x"}
        scenes:
          a: {text: Hi., choices: [{id: go, text: Go, next: end}]}
        endings:
          end: {title: End, text: Bye.}
        """,
    )
    _story, diagnostics = load_story(path)
    assert "E203" in codes(diagnostics)


def test_an_unknown_score_name_hints_at_the_scoring_block(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: s, title: S, start: a}
        scenes:
          a: {text: "Hi {tier_title}.", choices: [{id: go, text: Go, next: end}]}
        endings:
          end: {title: End, text: Bye.}
        """,
    )
    _story, diagnostics = load_story(path)
    assert any("only in a story with a scoring: block" in d.message for d in diagnostics)


def test_the_format_reference_lists_every_reserved_name():
    text = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    sentence = text[text.index("Names\nstarting with the engine's own roots") :].split("(E203)")[0]
    assert {f"`{root}`" for root in reserved_roots()} <= set(re.findall(r"`[a-z_]+`", sentence))
