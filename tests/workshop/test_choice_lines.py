"""The fast choice-line decoder gives the general reader's step, or leaves the line to it (#14 item 7)."""

from __future__ import annotations

import json

import pytest

from game.workshop.choice_lines import fast_step
from game.workshop.logs_read import _step, read_log

from .class_snapshot import MODES, build_class
from .crafted import choice, end, header, write


def _general(raw: bytes, mode: str):
    return _step(json.loads(raw), mode)[0]


def test_every_choice_line_of_a_class_reads_as_the_general_reader_reads_it(tmp_path):
    folder = build_class(tmp_path / "class")
    lines = [
        raw
        for path in sorted(folder.rglob("*.jsonl"))
        for raw in path.read_bytes().split(b"\n")
        if raw.startswith(b'{"type":"choice",')
    ]
    assert len(lines) > 100
    taken = 0
    saids = set()
    for raw in lines:
        for mode in MODES:
            fast = fast_step(raw, mode)
            if fast is None:  # a line the fast decoder leaves to the general one (control characters)
                continue
            taken += 1
            assert fast == _general(raw, mode), raw[:200]
            saids.update(e.get("said") for e in fast.events if e["kind"] == "contact")
    assert taken > 0.9 * 3 * len(lines)
    assert len(saids - {None}) >= 2  # what the app said on a dropped contact, in several modes


ODD_LINES = [
    # fields of unexpected types: the general reader accepts some and refuses others
    {"turn": 1, "scene": "s", "choice": "s.a", "score": "650"},
    {"turn": True, "scene": "s", "choice": "s.a"},
    {"turn": 1, "scene": "s", "choice": "s.a", "offered": {}},
    {"turn": 1, "scene": "s", "choice": "s.a", "offered": [{"choice": "s.a", "text": None}]},
    {"turn": 1, "scene": "s", "choice": "s.a", "offered": [{"choice": "s.a"}, "s.b"]},
    {"turn": 1, "scene": "s", "choice": "s.a", "events": [1]},
    {"turn": 1, "scene": "s", "choice": "s.a", "events": {}},
    {"turn": 1, "scene": "s", "choice": "s.a", "scene_title": 5, "text": ["x"], "key": "yes", "tier": 3},
    {"turn": 1, "scene": "s", "choice": "s.a", "events": [{"kind": "era", "date": 2015, "title": 7}]},
    {"turn": 1, "scene": "s", "choice": "s.a", "events": [{"kind": "perk", "granted": 1, "perk": "visa"}]},
    {"turn": 10**30, "scene": "s", "choice": "s.a"},
    # a dropped contact and the rule's reaction, its explanation in each form a log may hold
    *(
        {
            "turn": 2,
            "scene": "s",
            "choice": "s.drop",
            "events": [
                {"kind": "contact", "change": "dropped", "name": "Mei", "cause": {"choice": "s.drop"}},
                {"kind": "tier", "date": "2016-02"},
                {"kind": "score", "source": "rule", "cause": cause, "explain": explain, "date": "2016-13"},
            ],
        }
        for explain in (
            {"opaque": "Changed.", "partial": "", "transparent": "Dropping Mei cost 5."},
            "msg.rule.drop",
            {"id": "rule.drop", "args": {"name": "Mei"}},
            None,
        )
        for cause in ({"choice": "s.drop"}, {"choice": "s.other"}, None, "s.drop", [])
    ),
    {"turn": 1, "scene": "s", "choice": "s.a", "events": [{"kind": "contact", "change": "dropped_you"}]},
]


@pytest.mark.parametrize("fields", ODD_LINES, ids=range(len(ODD_LINES)))
def test_an_odd_line_reads_as_the_general_reader_reads_it_or_is_left_to_it(fields):
    raw = json.dumps({"type": "choice", **fields}, separators=(",", ":")).encode()
    for mode in MODES:
        fast = fast_step(raw, mode)
        assert fast is None or fast == _general(raw, mode)


def test_the_fast_decoder_leaves_what_it_cannot_be_sure_of():
    ok = b'{"type":"choice","turn":1,"scene":"s","choice":"s.a"}'
    assert fast_step(ok, "partial") is not None
    for raw in (
        b'{"type":"choice","turn":1,"scene":"s","choice":"s.a","events":[{"delta":NaN}]}',  # NaN: json only
        b'{"type":"choice","turn":1,"scene":"s","choice":"s.a"',  # cut short
        b'{"type":"undo","turn":1,"scene":"s","choice":"s.a"}',
        b'{"type":"choice","turn":1,"scene":"s","choice":"s.a","x":' + b"[" * 5000 + b"]" * 5000 + b"}",
    ):
        assert fast_step(raw, "partial") is None, raw[:80]


def test_a_log_with_control_characters_and_a_message_id_explanation_reads_cleanly(tmp_path):
    drop = choice(
        2,
        "s.drop",
        events=[
            {
                "kind": "contact",
                "change": "dropped",
                "name": "Mei\u001b]0;x\u0007",
                "cause": {"choice": "s.drop"},
            },
            {"kind": "score", "source": "rule", "cause": {"choice": "s.drop"}, "explain": "msg.rule.drop"},
        ],
    )
    path = write(tmp_path, "p.jsonl", [header(), choice(1, "s.a", text="Go\u0085 on"), drop, end(3)])
    log, problems = read_log(path)
    assert problems == []
    assert [s.text for s in log.steps] == ["Go on", "drop"]
    assert log.steps[1].events == [{"kind": "contact", "change": "dropped", "name": "Mei]0;x", "said": None}]
