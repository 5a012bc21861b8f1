"""Claims and techniques in a terminal workshop game: asked before and after, logged, read back,
named in play and collected by the debrief (Pearl, the shipped story, played for real)."""

from __future__ import annotations

import io
import json
import random

from game.engine import EventKind, Session, load_story_or_raise
from game.engine.claims import claims
from game.engine.techniques import met
from game.paths import story_dir
from game.workshop import textplay
from game.workshop.log import SessionLog
from game.workshop.logs_read import read_log

BEFORE = "t\nf\nn\nt\nbogus\nf\nt\n"  # the fifth is asked again after a bad answer
AFTER = "t\nf\nf\nf\nt\n\n"  # the last is skipped


def pearl():
    return load_story_or_raise(story_dir())


def play_pearl(tmp_path, seed=3):
    """A logged classroom game of Pearl: pseudonym, reflection (skipped), claims, then the first
    choice on offer every turn; returns (the screen text, the log's lines)."""
    story = pearl()
    probe = Session(story, seed, {"seed": seed}, sets={"cut": "classroom"})
    while not probe.ended:  # how many times "1" (the first choice on offer) ends the game
        probe.choose(probe.frame().choices[0].id)
    session = Session(story, seed, {"seed": seed}, sets={"cut": "classroom"})
    turns = "1\n" * probe.state.turn
    stdin = io.StringIO("Kite\n" + "\n" * 4 + BEFORE + turns + "\n" * 4 + AFTER)
    out = io.StringIO()
    rc = textplay.play(session, stdin, out, log_dir=str(tmp_path), width=100)
    assert rc == 0
    (path,) = tmp_path.glob("*.jsonl")
    return out.getvalue(), [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_pearl_has_six_claims_mixing_documented_reported_and_myth_true_and_false():
    items = claims(pearl())
    assert len(items) == 6
    assert {c.label for c in items} == {"documented", "reported", "myth"}
    assert {c.answer for c in items} == {True, False}
    assert next(c for c in items if c.id == "mandatory_2020").key == "false"


def test_claims_are_asked_before_and_after_logged_and_shown_against_the_key(tmp_path):
    screen, lines = play_pearl(tmp_path)
    text = " ".join(screen.split())
    assert text.index("Six statements") < text.index("A pearl on the lock screen") < text.index("THE END")
    assert text.index("THE END") < text.index("The same statements again") < text.index("The debrief")
    assert text.count("Please type t, f or n") == 1
    rated = [line for line in lines if line["type"] == "claims"]
    assert [r["phase"] for r in rated] == ["before", "after"]
    assert rated[0]["answers"] == {
        "visa_score": "true",
        "mandatory_2020": "false",
        "one_score": "unsure",
        "protest_posts": "true",
        "debtor_call": "false",
        "employers_posts": "true",
    }
    assert "employers_posts" not in rated[1]["answers"]
    assert [c["id"] for c in lines[0]["claims"]][:2] == ["visa_score", "mandatory_2020"]
    # the debrief's card: before, 3 of 6 right (visa, mandatory, employers); after, 5 (all but the
    # skipped employers)
    assert "right before play 3 of 6, after play 5 of 6" in text
    assert (
        "“Sesame Credit became mandatory for all Chinese citizens in 2020.” You said: before, false;" in text
    )
    assert "after, no answer" in text


def test_the_log_reader_keeps_claims_and_reads_old_logs_without_them(tmp_path):
    _screen, _lines = play_pearl(tmp_path)
    (path,) = tmp_path.glob("*.jsonl")
    player, problems = read_log(path)
    assert problems == []
    assert player.claims["before"]["one_score"] == "unsure"
    assert player.claims["after"]["one_score"] == "false"
    old = tmp_path / "old.jsonl"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if '"type":"claims"' not in line]
    old.write_text("\n".join(kept) + "\n", encoding="utf-8")
    player, problems = read_log(old)
    assert problems == [] and player.claims == {"before": {}, "after": {}} and player.finished
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        kept[0] + '\n{"type":"claims","phase":"before","answers":{"one_score":"maybe"}}\n', encoding="utf-8"
    )
    player, problems = read_log(bad)
    assert player.claims["before"] == {}
    assert any("claim answer 'one_score' is not one of true, false, unsure" in str(p) for p in problems)


def test_techniques_are_named_in_play_once_logged_and_collected_in_order(tmp_path):
    screen, lines = play_pearl(tmp_path)
    text = " ".join(screen.split())
    assert text.count("[Technique: Optional by design — ") == 1  # the opening loops to itself: once
    assert text.index("[Technique: Rewards first") < text.index("[Technique: Opacity")
    logged = [
        e["id"]
        for line in lines
        if line["type"] == "choice"
        for e in line["events"]
        if e["kind"] == "technique"
    ]
    named = [i for i in ("rewards_first", "guilt_by_association", "opacity") if i in logged]
    assert named == ["rewards_first", "guilt_by_association", "opacity"]
    card = text[text.index("The levers the app pulled on you") :]
    assert card.index("Optional by design (turn 0") < card.index("Rewards first") < card.index("Opacity")
    assert "Not in your game:" in card


def test_random_games_name_every_technique_they_met_and_only_those():
    story = pearl()
    for seed in range(8):
        rng = random.Random(seed)
        session = Session(story, seed, {"seed": seed})
        while not session.ended:
            session.choose(rng.choice([c for c in session.frame().choices if c.enabled]).id)
        shown = [e["id"] for e in session.events if e.kind == EventKind.TECHNIQUE]
        assert [m.technique.id for m in met(story, session.state)] == list(dict.fromkeys(shown))


def test_record_claims_refuses_an_answer_outside_the_three(tmp_path):
    story = pearl()
    with SessionLog.create(tmp_path, Session(story, 1), pseudonym="x") as log:
        try:
            log.record_claims("before", {"one_score": "maybe"})
        except ValueError as exc:
            assert "true, false, unsure" in str(exc)
        else:
            raise AssertionError("accepted")
