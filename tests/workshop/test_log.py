"""Session logs: format, crash safety (valid up to the last complete line after every step), no overwrite."""

from __future__ import annotations

import json
import os
import random

import pytest

from game.engine import Session
from game.workshop import log as logmod
from game.workshop.log import SCHEMA, SessionLog, clean_pseudonym, slug
from game.workshop.simulate import play_once, policy_named


def lines_of(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "every line is written whole"
    return [json.loads(line) for line in text.splitlines()]


def test_header_choices_and_end(tmp_path, sample):
    session = Session(sample, 3, {"seed": 3, "transparency": "partial"})
    with SessionLog.create(tmp_path, session, pseudonym="Kite", session_code="tue-3b") as log:
        log.record_reflection("before", {"visa_trade": 2, "friends_count": 4})
        for uid in ("opening.activate", "market.buy_anime", "street.post_photo", "evening.drop_mei"):
            log.record_choice(session, session.choose(uid))
        log.record_reflection("after", {"visa_trade": 1})
    header, before, *choices, end, after = lines_of(log.path)
    assert header["type"] == "header" and header["schema"] == SCHEMA
    assert header["story"] == "social_score_sample" and header["story_version"] == "0.1"
    assert header["rules"] == {"id": "sample_rules", "title": "Sample rules"}
    assert (header["seed"], header["transparency"], header["pseudonym"]) == (3, "partial", "Kite")
    assert header["session_code"] == "tue-3b" and header["started"].endswith("+00:00")
    assert [q["id"] for q in header["questions"]] == ["visa_trade", "friends_count"]
    assert (before["type"], before["phase"]) == ("reflection", "before")
    assert before["answers"] == {"visa_trade": 2, "friends_count": 4}
    assert [c["choice"] for c in choices] == [
        "opening.activate",
        "market.buy_anime",
        "street.post_photo",
        "evening.drop_mei",
    ]
    assert [c["turn"] for c in choices] == [1, 2, 3, 4]
    assert [c["key"] for c in choices] == [False, True, True, True]
    assert "offered" not in choices[0]
    assert {"choice": "evening.keep_mei", "text": "Keep your friends", "key": True} in choices[3]["offered"]
    kinds = {e["kind"] for c in choices for e in c["events"]}
    assert {"score", "contact"} <= kinds and "variable" not in kinds and "scene" not in kinds
    assert choices[-1]["score"] == session.state.ext["score"].score
    assert (
        end["type"] == "end" and end["ending"] == "uneasy" and end["ending_title"] == "Something is counting"
    )
    assert end["score"] == choices[-1]["score"] and end["ledger"][-1]["score"] == end["score"]
    assert after["phase"] == "after"
    assert log.path.name.startswith("tue-3b-kite-") and log.path.suffix == ".jsonl"


def test_every_step_leaves_a_valid_file_and_is_fsynced(tmp_path, sample, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(logmod.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    final = play_once(sample, policy_named("random"), 7)
    session = Session(sample, 7)
    log = SessionLog.create(tmp_path, session, pseudonym="x")
    for n, uid in enumerate(final.path, 1):
        log.record_choice(session, session.choose(uid))
        # As if the game crashed now: the file holds every step so far, each line complete.
        lines = lines_of(log.path)
        assert [line["type"] for line in lines if line["type"] == "choice"] == ["choice"] * n
    log.close()
    assert len(synced) >= len(final.path) + 1
    assert lines_of(log.path)[-1]["type"] == "end"


def test_a_crash_mid_write_loses_only_the_last_line(tmp_path, sample):
    from game.workshop.logs_read import read_log

    session = Session(sample, 1)
    log = SessionLog.create(tmp_path, session)
    log.record_choice(session, session.choose("opening.activate"))
    log.close()
    with open(log.path, "a", encoding="utf-8") as f:
        f.write('{"type":"choice","turn":2,"sce')  # the power went out here
    player, problems = read_log(log.path)
    assert player is not None and len(player.steps) == 1 and not player.finished
    assert any(p.line == 3 and "incomplete last line" in p.message for p in problems)


def test_undo_and_load_are_logged(tmp_path, sample):
    from game.workshop.logs_read import read_log

    session = Session(sample, 1)
    log = SessionLog.create(tmp_path, session)
    log.record_choice(session, session.choose("opening.activate"))
    log.record_choice(session, session.choose("market.buy_anime"))
    assert session.undo()
    log.record_undo(session)
    log.record_choice(session, session.choose("market.buy_boots"))
    save = tmp_path / "save.json"
    session.save(save)
    session = Session.load(sample, save)
    log.record_load(session)
    log.close()
    kinds = [line["type"] for line in lines_of(log.path)]
    assert kinds == ["header", "choice", "choice", "undo", "choice", "load"]
    assert lines_of(log.path)[3]["turn"] == 1
    player, _ = read_log(log.path)
    assert [s.choice for s in player.steps] == ["opening.activate", "market.buy_boots"]
    assert player.undos == 1 and player.loads == 1


def test_never_overwrites_another_players_log(tmp_path, sample):
    session = Session(sample, 0)
    tokens = iter(["aaaa", "aaaa", "aaaa", "bbbb"])
    first = SessionLog.create(
        tmp_path, session, pseudonym="Same", session_code="s", token=lambda: next(tokens)
    )
    first.record_reflection("before", {"visa_trade": 5})
    first.close()
    before = first.path.read_bytes()
    second = SessionLog.create(
        tmp_path, session, pseudonym="Same", session_code="s", token=lambda: next(tokens)
    )
    second.close()
    assert first.path != second.path and second.path.name == "s-same-bbbb.jsonl"
    assert first.path.read_bytes() == before
    with pytest.raises(FileExistsError):
        SessionLog.create(tmp_path, session, pseudonym="Same", session_code="s", token=lambda: "aaaa")
    assert first.path.read_bytes() == before


def test_default_names_are_random_and_distinct(tmp_path, sample):
    session = Session(sample, 0)
    paths = set()
    for _ in range(30):
        with SessionLog.create(tmp_path, session, pseudonym="Kite", session_code="x") as log:
            paths.add(log.path)
    assert len(paths) == 30 and len(list(tmp_path.iterdir())) == 30


@pytest.mark.parametrize(
    "typed, kept, file_part",
    [
        ("  Kite  ", "Kite", "kite"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>", "script-alert-1-script"),
        ("مريم", "مريم", "anon"),
        ("🐼 Panda", "🐼 Panda", "panda"),
        ("a\x00b\x1b[31mc\n", "ab[31mc", "ab-31mc"),
        ("../../etc/passwd", "../../etc/passwd", "etc-passwd"),
        ("x" * 100, "x" * 40, "x" * 24),
    ],
)
def test_pseudonyms_are_free_text_but_file_names_are_safe(typed, kept, file_part):
    assert clean_pseudonym(typed) == kept
    assert slug(clean_pseudonym(typed)) == file_part


def test_a_write_error_does_not_stop_the_game(tmp_path, sample):
    session = Session(sample, 0)
    log = SessionLog.create(tmp_path, session)
    log._stream.close()  # as if the USB stick was pulled
    log.record_choice(session, session.choose("opening.activate"))
    assert log.error and "could not write" in log.error
    log.record_reflection("after", {"visa_trade": 1})  # dropped quietly, no exception
    assert session.state.turn == 1
    log.close()


def test_many_random_games_log_consistently(tmp_path, sample):
    from game.workshop.logs_read import read_log

    rng = random.Random(5)
    for seed in range(15):
        final = play_once(sample, policy_named(rng.choice(["random", "loyal", "conformist"])), seed)
        session = Session(sample, seed)
        with SessionLog.create(tmp_path, session, pseudonym=f"p{seed}") as log:
            for uid in final.path:
                log.record_choice(session, session.choose(uid))
        player, problems = read_log(log.path)
        assert not problems
        assert [s.choice for s in player.steps] == list(final.path)
        assert player.final_score == final.ext["score"].score and player.end["ending"] == final.ending


def test_the_header_names_the_cut_played(tmp_path, sample):
    from game.engine import load_story

    from ..helpers import ROOT

    assert "cut" not in sample.variables
    with SessionLog.create(tmp_path, Session(sample, 1)) as log:
        assert lines_of(log.path)[0]["cut"] is None
    pearl, _ = load_story(ROOT / "story" / "pearl")
    for cut in ("classroom", "full"):
        folder = tmp_path / cut
        folder.mkdir()
        with SessionLog.create(folder, Session(pearl, 1, sets={"cut": cut})) as log:
            assert lines_of(log.path)[0]["cut"] == cut


def test_a_log_that_is_not_durable_reports_a_failed_last_write(tmp_path, sample):
    """A demo player's log (durable=False) is not flushed line by line: close writes the last lines,
    and if that fails ``error`` says so rather than leave a short log unnoticed."""
    import io

    class FullDisk(io.StringIO):
        def flush(self):
            raise OSError(28, "No space left on device")

    session = Session(sample, 0)
    log = SessionLog(tmp_path / "x.jsonl", FullDisk(), durable=False)
    log.record_choice(session, session.choose("opening.activate"))
    assert log.error is None and log.lines == 1
    log.close()
    assert log.error == f"could not write {tmp_path / 'x.jsonl'}: No space left on device"
