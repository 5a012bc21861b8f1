"""The message catalogue: the runtime's own sentences by id, ready for a second language."""

from __future__ import annotations

import ast

import pytest

from game.engine.messages import ENGLISH, parameters, say

from .helpers import ROOT


def _ids_used() -> dict[str, str]:
    """Every say(...) call in game/ whose id is a literal or an f-string: id (f-string holes as *) → file."""
    used = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    used[arg.value] = path.name
                elif isinstance(arg, ast.JoinedStr):
                    parts = [v.value if isinstance(v, ast.Constant) else "*" for v in arg.values]
                    used["".join(parts)] = path.name
    return used


def test_every_id_the_code_asks_for_is_in_the_catalogue():
    import fnmatch

    used = _ids_used()
    assert used, "nothing speaks through the catalogue"
    missing = [i for i in used if not fnmatch.filter(ENGLISH, i)]
    assert missing == []


def test_a_template_is_filled_from_named_parameters_only():
    assert say("notice.score.text", delta=-8, score=712, reason="Late payment.") == (
        "Score -8 → 712: Late payment."
    )
    assert parameters("notice.score.text") == {"delta", "score", "reason"}
    with pytest.raises(KeyError):
        say("notice.tier_up.title")  # its tier is missing
    for message_id in ENGLISH:  # no positional holes: a translation may reorder the parameters
        assert "{}" not in ENGLISH[message_id] and "{0" not in ENGLISH[message_id], message_id


def test_the_notices_write_no_sentence_of_their_own():
    source = (ROOT / "game" / "engine" / "scoring" / "notices.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    english = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value
    ]
    docstrings = {
        ast.get_docstring(n, clean=False)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
    }
    assert [s for s in english if s not in docstrings and s != ", "] == []
