"""The streamed log reader gives the figures the previous reader gave (#14 item 7)."""

from __future__ import annotations

import json

from .class_snapshot import GOLDEN, build_class, figures


def test_streamed_figures_equal_the_previous_readers(tmp_path):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = figures(build_class(tmp_path / "class"))
    for key in expected:  # key by key, so a failure names the figure that moved
        assert found[key] == expected[key], key
    assert found.keys() == expected.keys()


def test_an_end_line_is_read_without_its_ledger_in_any_key_order():
    from game.workshop.logs_read import _parse

    ledger = [{"kind": "score", "t": "]", "explain": {"x": '],"t":"'}}, [[{"t": 1}]]]
    written = {"type": "end", "ending": "e", "score": 612, "tier": "good", "ledger": ledger, "t": "now"}
    raw = json.dumps(written, ensure_ascii=False, separators=(",", ":")).encode()
    assert _parse(raw, header=False) == {
        "type": "end",
        "ending": "e",
        "score": 612,
        "tier": "good",
        "t": "now",
    }
    # Another writer's order (the ledger last, or "t" before it): the whole line is parsed.
    for other in ({**written, "t": "now", "ledger": ledger}, {"type": "end", "ledger": ledger, "score": 1}):
        text = json.dumps(dict(sorted(other.items())), separators=(",", ":"))
        assert _parse(text.encode(), header=False)["score"] == other["score"]
    nested = b'{"type":"end","score":1,"ledger":[{"a":[1],"t":2}],"z":0}'  # a "t" inside the ledger
    assert _parse(nested, header=False) == {"type": "end", "score": 1, "ledger": [{"a": [1], "t": 2}], "z": 0}


def test_control_characters_are_stripped_however_they_are_written():
    from game.workshop.logs_read import _parse

    for text in ('"a\\u001bb"', '"a\x85b"', '"a\x7fb"', '"a\\ud800b"', '"a\\u0085b"'):
        line = '{"type":"choice","text":' + text + "}"
        assert _parse(line.encode(), header=False)["text"] == "ab", text
    assert _parse('{"text":"¥ “x”"}'.encode(), header=False)["text"] == "¥ “x”"
