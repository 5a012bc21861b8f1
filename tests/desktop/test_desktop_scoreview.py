"""The score adapter: placeholder without the scoring model, real data when it is there."""

from __future__ import annotations

from types import MappingProxyType, SimpleNamespace

from game.desktop import scoreview as sv
from game.engine import Cause, Event


def test_no_score_part_is_inactive():
    assert sv.read(SimpleNamespace(ext=MappingProxyType({}))) == sv.INACTIVE


def test_reads_score_tier_ledger_and_contacts():
    ext = {
        "score": {
            "score": 640,
            "tier": "good",
            "ledger": [
                {"turn": 1, "delta": -8, "explain": {"opaque": "Score updated", "partial": "Bought games"}}
            ],
            "contacts": {"wei": {"name": "Wei", "score": 540, "tier": "fair"}, "mum": 700},
        }
    }
    view = sv.read(SimpleNamespace(ext=ext), "partial")
    assert view.active and view.score == 640 and view.tier_title == "Good"
    assert view.ledger[0].reason == "Bought games" and view.ledger[0].delta == -8
    assert [c.name for c in view.contacts] == ["Wei", "mum"]
    assert 0 < view.fraction < 1


def test_notices_and_curve_from_events():
    events = [
        Event(
            "score",
            Cause("market", "buy"),
            1,
            {
                "delta": -8,
                "score": 592,
                "factor": "x",
                "explain": {"opaque": "Updated", "transparent": "Anime: -8"},
            },
        ),
        Event("tier", Cause("market"), 1, {"old": "good", "new": "fair", "title": "Fair", "up": False}),
        Event("variable", Cause("market"), 1, {"name": "money"}),
    ]
    notes = sv.notices(events, "transparent")
    assert [n.kind for n in notes] == ["score", "tier"]
    assert notes[0].body == "Anime: -8" and notes[0].delta == -8
    assert notes[1].sound == "tier_down"
    assert sv.curve(events, 600) == [(0, 600), (1, 592)]


def test_malformed_data_never_raises():
    view = sv.read(SimpleNamespace(ext={"score": {"score": "high", "ledger": [3, None], "contacts": [1]}}))
    assert view.active and view.score is None and view.ledger == ()


def test_reads_a_state_object_with_to_json():
    class Part:
        def to_json(self):
            return {
                "score": 700,
                "tier": "good",
                "ledger": [],
                "contacts": {"wei_zhang": {"score": 560}, "old": {"score": 1, "dropped": True}},
            }

    view = sv.read(SimpleNamespace(ext={"score": Part()}))
    assert view.score == 700 and [c.name for c in view.contacts] == ["Wei Zhang"]
