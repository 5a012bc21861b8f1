"""Logs hold each score change's explanation as an id and parameters; logs written before that hold
finished texts. A log reader reads both the same (game.engine.scoring.explain.said)."""

from __future__ import annotations

import json

import pytest

from game.engine import Mode
from game.engine.scoring.explain import said, worded
from game.workshop.demo import write_demo_logs
from game.workshop.logs_read import read_log


def _as_before(line: str) -> str:
    """A log line as the game wrote it before explanations were references."""
    return json.dumps(worded(json.loads(line)), ensure_ascii=False)


@pytest.mark.parametrize("mode", list(Mode))
def test_an_old_log_with_finished_texts_reads_as_the_new_one(tmp_path, sample, mode):
    (new,) = write_demo_logs(sample, tmp_path, players=1, seed=3, transparency=mode)
    lines = new.read_text(encoding="utf-8").splitlines()
    assert any('"id": "explain.' in line or '"id":"explain.' in line for line in lines)
    old = tmp_path / "old.jsonl"
    old.write_text("".join(_as_before(line) + "\n" for line in lines), encoding="utf-8")
    assert '"explain.' not in old.read_text(encoding="utf-8")
    a, problems_a = read_log(new)
    b, problems_b = read_log(old)
    assert problems_a == problems_b == []
    assert a.steps == b.steps and a.end == b.end and a.header == b.header


def test_said_reads_either_form_and_nothing_else():
    new = {"id": "explain.contact", "change": "dropped", "name": "Mei"}
    old = {"opaque": "Mei is no longer in your network.", "partial": "You dropped Mei.", "transparent": "x"}
    assert said(new, "opaque") == said(old, "opaque") == "Mei is no longer in your network."
    assert said(new, "partial") == said(old, "partial") == "You dropped Mei."
    for bad in (
        None,
        "text",
        [],
        {"id": "explain.nope"},
        {"id": "explain.contact", "name": "Mei"},
        {"id": "explain.contact", "change": "hugged", "name": "Mei"},
        {"opaque": "a"},
        {"partial": 3},
        {"id": "explain.drift", "factor": "x", "delta": True, "percent": 1, "toward": 2},
    ):
        assert said(bad, "partial") is None
    assert said({"opaque": "a"}, "opaque") == "a"  # an old log's one mode, read as readers always did
