"""The message catalogue: the runtime's own sentences by id, ready for a second language."""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest

from game.engine.messages import ENGLISH, parameters, say

from .helpers import ROOT


@cache
def _calls() -> list[tuple[str, str, frozenset[str] | None]]:
    """Every say(...) call in game/ whose id is a literal or an f-string: (id; file:line; its keyword
    parameters, or None when some come from a ``**mapping``). An f-string's hole is each value of a
    name the function sets to literals (``way = "up" if up else "down"``), or * if it is not known."""
    calls = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            known = _literal_names(scope)
            for node in _own_nodes(scope):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args:
                    names = [k.arg for k in node.keywords]
                    params = None if None in names else frozenset(names)
                    for message_id in _ids_of(node.args[0], known):
                        calls.append((message_id, f"{path.name}:{node.lineno}", params))
    return calls


def _literals(node: ast.AST) -> list[str] | None:
    """The strings an expression can be, if it is a literal or a choice between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        a, b = _literals(node.body), _literals(node.orelse)
        return a + b if a is not None and b is not None else None
    return None


def _own_nodes(scope: ast.AST):
    """The nodes of a module or function, not those of the functions inside it (their own scopes)."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, ast.FunctionDef):
            todo.extend(ast.iter_child_nodes(node))


def _literal_names(scope: ast.AST) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    unknown = set()
    for node in sorted(
        (n for n in _own_nodes(scope) if isinstance(n, ast.Assign)), key=lambda n: (n.lineno, n.col_offset)
    ):
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values = _literals(node.value)
            if values is None and isinstance(node.value, ast.JoinedStr):  # key = f"notice.{kind}"
                values = _ids_of(node.value, out)
            if values is not None:
                out.setdefault(node.targets[0].id, []).extend(values)
            else:
                unknown.add(node.targets[0].id)
    return {name: values for name, values in out.items() if name not in unknown}


def _ids_of(arg: ast.AST, known: dict[str, list[str]]) -> list[str]:
    if (values := _literals(arg)) is not None:
        return values
    if isinstance(arg, ast.Name) and arg.id in known:  # line = "a" if key else "b"; say(line)
        return known[arg.id]
    if not isinstance(arg, ast.JoinedStr):
        return []
    ids = [""]
    for part in arg.values:
        if isinstance(part, ast.Constant):
            options = [part.value]
        elif isinstance(part.value, ast.Name) and part.value.id in known:
            options = known[part.value.id]
        else:
            options = ["*"]
        ids = [i + o for i in ids for o in options]
    return ids


def _ids_used() -> dict[str, str]:
    """Every id the code asks for (f-string holes as *) → where."""
    return {message_id: where for message_id, where, _ in _calls()}


def _matching(pattern: str) -> list[str]:
    """The catalogue's ids an id with f-string holes (*) can be: a hole is one part of an id, no dot."""
    rx = re.compile("[^.]*".join(re.escape(part) for part in pattern.split("*")))
    return [i for i in ENGLISH if rx.fullmatch(i)]


def test_every_id_in_the_catalogue_is_used():
    used = {i for pattern in _ids_used() for i in _matching(pattern)}
    assert [i for i in ENGLISH if i not in used] == []


def test_each_call_gives_the_parameters_its_template_uses():
    wrong = []
    for pattern, where, params in _calls():
        for message_id in _matching(pattern):
            if params is None:  # from a mapping: the explanation's, checked below
                continue
            if params != parameters(message_id):
                wrong.append(
                    f"{where}: {message_id} given {sorted(params)}, uses {sorted(parameters(message_id))}"
                )
    assert wrong == []


def test_every_explanation_words_in_every_mode_from_its_parameters():
    # explain.py passes an explanation's parameters on as a mapping: each id, with only its
    # required parameters and with every optional one, words in every mode without a missing one.
    from game.engine.kinds import Mode
    from game.engine.scoring.explain import CONTACT_CHANGES, PARAMS, Explain, from_json

    sample = {int: 7, str: "Mei"}
    for eid, (required, optional) in PARAMS.items():
        changes = CONTACT_CHANGES if eid == "explain.contact" else (None,)
        for change in changes:
            base = {name: sample[types[0]] for name, types in required.items()}
            if change:
                base["change"] = change
            for params in (base, {**base, **{n: sample[t[0]] for n, t in optional.items()}}):
                explain = Explain.of(eid, **params)
                assert all(explain[mode] for mode in Mode), eid
                assert from_json(explain.to_json()) == explain  # read back, the same explanation
                assert Explain.of(eid, **dict(reversed(params.items()))) == explain  # in any order


def test_every_id_the_code_asks_for_is_in_the_catalogue():
    used = _ids_used()
    assert used, "nothing speaks through the catalogue"
    missing = [i for i in used if not _matching(i)]
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
