"""Tampered saves (#12 item 3): an edited save either replays to what the story makes or is checked
against the story (range, types, known variables, ledger consistency, dates, random draws) and
refused with one clear line."""

from __future__ import annotations

import copy
import json

import pytest

from game.engine import InputError, Session, load_story
from game.paths import story_dir

from .helpers import MINI, load_ok, play, write_story


@pytest.fixture(scope="module")
def shipped():
    story, _ = load_story(story_dir())
    return story


@pytest.fixture(scope="module")
def shipped_save(shipped):
    """A save of the shipped story a few choices in, with ledger entries, whose path does not replay
    (so the snapshot itself is what gets checked)."""
    session = Session(shipped, 7)
    for _ in range(6):
        offered = [c for c in session.frame().choices if c.enabled]
        if not offered or session.ended:
            break
        session.choose(offered[0].uid)
    data = session.save_data()
    assert data["state"]["ext"]["score"]["ledger"], "the shipped story's first choices change the score"
    data["state"]["path"] = ["gone.choice"] * len(data["state"]["path"])
    return data


def load_data(story, data):
    return Session.from_save_data(story, data, "edited.json")


def refused(story, data) -> str:
    with pytest.raises(InputError) as err:
        load_data(story, data)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.code in ("E600", "E602") and diagnostic.path == "edited.json"
    assert "\n" not in diagnostic.message
    return diagnostic.message


def test_an_untouched_snapshot_still_loads(shipped, shipped_save):
    session = load_data(shipped, copy.deepcopy(shipped_save))
    assert session.state.ext["score"].score == shipped_save["state"]["ext"]["score"]["score"]


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda s: s.update(score=99_999_999), "outside the range"),
        (lambda s: s.update(score=s["score"] + 1), "ledger"),  # score != start + sum of changes
        (lambda s: s.update(ledger=[]), "ledger"),
        (lambda s: s["ledger"][0].update(delta=s["ledger"][0]["delta"] + 5), "ledger"),
        (lambda s: s.update(date="9999-99"), "date"),
        (lambda s: s["ledger"][0].update(date="2015-13"), "date"),
        (lambda s: s.update(tier="platinum-plus"), "tier"),
        (lambda s: s.update(perks=["free_money"]), "perks"),
        (lambda s: s["contacts"].update(stranger={"score": 1, "closeness": 1, "friend": True}), "contacts"),
    ],
)
def test_edited_scores_and_ledgers_are_refused(shipped, shipped_save, edit, words):
    data = copy.deepcopy(shipped_save)
    edit(data["state"]["ext"]["score"])
    assert words in refused(shipped, data)


def test_a_score_of_ten_to_the_400_is_refused(shipped, shipped_save, tmp_path):
    text = json.dumps(shipped_save).replace(
        f'"score": {shipped_save["state"]["ext"]["score"]["score"]}, "tier"',
        '"score": 1' + "0" * 400 + ', "tier"',
    )
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="E60"):
        Session.load(shipped, path)


@pytest.fixture
def mini(tmp_path):
    return load_ok(write_story(tmp_path, MINI))


@pytest.fixture
def mini_save(mini):
    data = play(mini, ["spend"]).save_data()
    data["state"]["path"] = ["a.removed"]  # the snapshot is used: check it
    return data


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda s: s["vars"].update(money=10**4000), "money"),
        (lambda s: s["vars"].update(money=10**16), "limit"),
        (lambda s: s["vars"].update(money=500), "range"),
        (lambda s: s["vars"].update(money="lots"), "not int"),
        (lambda s: s["vars"].update(invented=1), "does not declare"),
        (lambda s: s["vars"].pop("seen"), "lacks"),
        (lambda s: s["vars"].update(bag=["x"] * 20_000), "larger"),
        (lambda s: s.update(draws=10**12), "draws"),
        (lambda s: s.update(turn=10**9), "turn"),
        (lambda s: s.update(seed=2**70), "seed"),
        (lambda s: s["visits"].update(a=10**6), "visits"),
    ],
)
def test_edited_variables_and_counters_are_refused(mini, mini_save, edit, words):
    data = copy.deepcopy(mini_save)
    edit(data["state"])
    assert words in refused(mini, data)


def test_a_save_whose_path_replays_is_rebuilt_from_it(mini):
    """The replay, not the snapshot, is what loads when the path still plays."""
    data = play(mini, ["spend"]).save_data()
    loaded = load_data(mini, data)
    assert loaded.state.vars["money"] == 5 and len(loaded.states) == 2
