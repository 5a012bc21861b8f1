"""Undo, history, save and load: nothing the player saved is ever lost."""

import json
import os

import pytest

from game.engine import InputError, Session, UndoLocked
from game.engine.saves import SAVE_VERSION, read_save

from .helpers import MINI, load_ok, play, write_story


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
