"""Undo, history, save and load: nothing the player saved is ever lost."""

import json
import os
from pathlib import Path

import pytest

from game.engine import InputError, Mode, Session, UndoLocked
from game.engine.saves import SAVE_VERSION, read_save
from game.engine.scoring.engine import part_of

from .helpers import MINI, SAMPLE, load_ok, play, write_story


@pytest.fixture
def mini(tmp_path):
    return load_ok(write_story(tmp_path, MINI))


def test_undo_returns_to_the_exact_previous_state(mini):
    session = Session(mini, 5)
    first = session.state
    session.choose("spend")
    assert session.undo() is True
    assert session.state is first
    assert session.undo() is False
    locked = Session(mini, 5, undo_locked=True)
    locked.choose("spend")
    with pytest.raises(UndoLocked):
        locked.undo()


def test_history_lists_every_screen_and_the_choice_taken(mini):
    session = play(mini, ["spend", "again"])
    history = session.history()
    assert [h.frame.scene for h in history] == ["a", "b", "b"]
    assert [h.choice_text for h in history] == ["Spend 5", "Again", None]


def test_save_and_load_round_trip_keeps_undo(mini, tmp_path):
    session = play(mini, ["spend", "again"], seed=9)
    path = tmp_path / "slot1.json"
    session.save(path, label="before finish")
    loaded = Session.load(mini, path)
    assert loaded.state == session.state
    assert len(loaded.states) == 3
    loaded.undo()
    assert loaded.state.scene == "b" and loaded.state.turn == 1


def test_save_is_atomic_and_leaves_no_temp_files(mini, tmp_path):
    session = play(mini, ["spend"])
    path = tmp_path / "saves" / "auto.json"
    path.parent.mkdir()
    session.save(path)
    session.choose("again")
    session.save(path)
    assert sorted(os.listdir(path.parent)) == ["auto.json"]
    assert read_save(path)["state"]["turn"] == 2


@pytest.mark.parametrize(
    "content, code, text",
    [
        (b"{not json", "E600", "corrupt"),
        (b"\xff\xfe\x00", "E600", "not UTF-8"),
        (b'{"format": "something-else"}', "E600", "not a Social Score save"),
        (
            json.dumps({"format": "socialscore-save", "version": SAVE_VERSION + 1, "state": {}}).encode(),
            "E601",
            "newer",
        ),
        (
            json.dumps({"format": "socialscore-save", "version": 1, "state": {"story": "mini"}}).encode(),
            "E600",
            "",
        ),
    ],
)
def test_bad_saves_are_clear_errors(mini, tmp_path, content, code, text):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        Session.load(mini, path)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.code == code and diagnostic.path == str(path)
    assert text in diagnostic.message


def test_a_save_from_an_older_story_resumes_from_its_snapshot(mini, tmp_path):
    session = play(mini, ["spend"])
    data = session.save_data()
    data["state"]["path"] = ["a.removed_choice"]
    loaded = Session.from_save_data(mini, data)
    assert loaded.state.scene == "b" and loaded.state.vars["money"] == 5
    data["state"]["scene"] = "gone"
    with pytest.raises(InputError, match="E602"):
        Session.from_save_data(mini, data)


def _keys(value, name: str) -> int:
    """How many times ``name`` is a key anywhere in the JSON ``value``."""
    if isinstance(value, dict):
        return sum((k == name) + _keys(v, name) for k, v in value.items())
    if isinstance(value, list):
        return sum(_keys(v, name) for v in value)
    return 0


def test_a_save_keeps_the_seed_once_in_the_state(mini, tmp_path):
    session = Session(mini, 9, {"transparency": "opaque", "seed": 9})
    session.choose("spend")
    session.save(tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["version"] == SAVE_VERSION == 3
    assert _keys(data, "seed") == 1 and data["state"]["seed"] == 9 == session.seed
    assert session.options == {"transparency": "opaque"}


def test_a_version_1_save_with_the_seed_three_times_still_loads_and_replays(mini, tmp_path):
    session = Session(mini, 9, {"transparency": "opaque"})
    session.choose("spend")
    session.choose("again")
    old = session.save_data("v1")
    # what version 1 wrote: the seed beside the state and in the options too
    old.update(version=1, seed=9, options={"seed": 9, "transparency": "opaque"})
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert _keys(read_save(path), "seed") == 1
    loaded = Session.load(mini, path)
    assert loaded.state == session.state and len(loaded.states) == 3  # replayed: undo comes back
    assert loaded.seed == 9 and loaded.options == {"transparency": "opaque"}
    loaded.save(path)
    assert read_save(path)["version"] == SAVE_VERSION


V2_SAVE = Path(__file__).parent / "saves" / "sample-v2.json"


def test_a_version_2_save_with_finished_explanations_still_loads_and_replays(tmp_path):
    # tests/saves/sample-v2.json was written by the game before explanations were references
    # (version 2): each ledger entry holds its three finished texts.
    story = load_ok(SAMPLE)
    old = json.loads(V2_SAVE.read_text(encoding="utf-8"))
    assert old["version"] == 2
    old_ledger = old["state"]["ext"]["score"]["ledger"]
    assert {"opaque", "partial", "transparent"} == set(old_ledger[0]["explain"])
    loaded = Session.load(story, V2_SAVE)
    assert len(loaded.states) == len(old["state"]["path"]) + 1  # replayed: undo comes back
    ledger = part_of(loaded.state).ledger
    assert all(e.explain.id != "worded" for e in ledger)  # worded anew, by reference
    for entry, saved in zip(ledger, old_ledger, strict=True):
        assert {m.value: entry.explain[m] for m in Mode} == saved["explain"]  # the same words
    loaded.save(tmp_path / "new.json")
    assert read_save(tmp_path / "new.json")["version"] == SAVE_VERSION


def test_a_version_2_save_that_no_longer_replays_keeps_its_finished_explanations(tmp_path):
    story = load_ok(SAMPLE)
    old = json.loads(V2_SAVE.read_text(encoding="utf-8"))
    old["state"]["path"] = old["state"]["path"][:-1] + ["opening.gone"]  # the story changed
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    loaded = Session.load(story, path)
    assert len(loaded.states) == 1  # resumed from the saved state
    ledger = part_of(loaded.state).ledger
    for entry, saved in zip(ledger, old["state"]["ext"]["score"]["ledger"], strict=True):
        assert entry.explain.id == "worded"
        assert {m.value: entry.explain[m] for m in Mode} == saved["explain"]
    loaded.save(path)  # and saved again, as it was read
    again = read_save(path)["state"]["ext"]["score"]["ledger"]
    assert [e["explain"] for e in again] == [e["explain"] for e in old["state"]["ext"]["score"]["ledger"]]
