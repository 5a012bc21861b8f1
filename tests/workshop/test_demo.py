"""``socialscore demo-logs``: simulated players, one pass a game, a folder made if missing, mixed classes."""

from __future__ import annotations

import json
import random

from game.engine import Session
from game.workshop.demo import DEMO_NAMES, replay_log, write_demo_logs
from game.workshop.log import SessionLog
from game.workshop.logs_read import read_dir
from game.workshop.simulate import play_once, policy_named

from ..helpers import load_ok, run_cli, write_story


def _lines(path):
    out = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in out:
        line.pop("t", None), line.pop("started", None)
    return out


def test_one_pass_logs_the_game_the_two_pass_replay_logged(tmp_path, sample):
    # The demo used to play each game with simulate.play_once and then replay its path with a log
    # attached; it now plays once with the log attached. Same players, same lines.
    (tmp_path / "one").mkdir()
    paths = write_demo_logs(sample, tmp_path / "one", players=6, seed=3, transparency="opaque")
    for i, path in enumerate(paths):
        seed, policy = 3 + i, ("conformist", "loyal", "random")[i % 3]
        options = {"transparency": "opaque"}
        final = play_once(sample, policy_named(policy), seed, {"transparency": "opaque"})
        (tmp_path / "two").mkdir(exist_ok=True)
        old = replay_log(sample, final.path, tmp_path / "two", seed=seed, options=options)
        ours, theirs = _lines(path), _lines(old)
        assert [line for line in ours if line["type"] not in ("reflection", "claims")][1:] == theirs[1:]
        assert ours[0] | {"pseudonym": ""} == theirs[0] | {"session_code": "demo"}


def test_demo_logs_makes_the_folder_and_mixes_stories(tmp_path):
    folder = tmp_path / "not" / "yet" / "there"
    result = run_cli("demo-logs", folder, "--players", "5", "--story", "pearl", "--story", "many-numbers")
    assert result.returncode == 0, result.stderr
    assert "of Social Score and Many Numbers" in result.stdout
    stories = sorted(
        json.loads(p.read_text(encoding="utf-8").split("\n", 1)[0])["story"] for p in folder.iterdir()
    )
    assert len(stories) == 5 and stories.count(stories[0]) in (2, 3) and len(set(stories)) == 2
    assert len(read_dir(folder).players) == 3  # the report of one story (the other one: --story-id)


def test_rules_go_with_one_story(tmp_path):
    result = run_cli(
        "demo-logs", tmp_path, "--story", "pearl", "--story", "many-numbers", "--rules", "no-friends"
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--rules goes with one --story" in result.stderr


def test_same_seed_same_logs_however_many_workers(tmp_path):
    """#16 item 4: demo-logs forks a worker per core for a large class. Player i's log depends only
    on the seed and i: one process, two workers, or a second run give the same lines (but for the
    clock), in player order."""
    from game.launch import load_for_play

    story = load_for_play("pearl")
    runs = {}
    for name, workers in (("one", 1), ("two", 2), ("again", 2)):
        folder = tmp_path / name
        folder.mkdir()
        paths = write_demo_logs(story, folder, players=6, seed=11, workers=workers)
        runs[name] = [_lines(p) for p in paths]
    assert runs["one"] == runs["two"] == runs["again"]
    assert [r[0]["pseudonym"] for r in runs["one"]] == [f"{n} {i}" for i, n in enumerate(DEMO_NAMES[:6], 1)]
    assert [r[0]["seed"] for r in runs["one"]] == list(range(11, 17))


def test_the_remembering_conformist_plays_the_conformist_games(tmp_path):
    """The conformist demo-logs and simulate hand out keeps its picks across games (a game that
    draws nothing is in the same state after the same path whatever its seed): its games are the
    ones the conformist that tries every choice at every step plays, in both cuts of Pearl and in
    a story whose scores come from random draws (where it keeps nothing)."""
    from game.launch import load_for_play
    from game.workshop.simulate import Conformist, conformist

    pearl = load_for_play("pearl")
    for sets in ({}, {"cut": "classroom"}):
        keeping = policy_named("conformist")
        assert isinstance(keeping, Conformist)
        for seed in range(3):
            ours = play_once(pearl, keeping, seed, None, sets)
            theirs = play_once(pearl, conformist, seed, None, sets)
            assert tuple(ours.path) == tuple(theirs.path) and ours.ending == theirs.ending
    story = load_ok(write_story(tmp_path, DICE))
    keeping = policy_named("conformist")
    for seed in range(8):
        assert tuple(play_once(story, keeping, seed).path) == tuple(play_once(story, conformist, seed).path)
    assert not keeping._memo  # every game drew: nothing kept


# Which choice pays depends on a draw made at the start: a remembered pick would be wrong.
DICE = """
story: {id: dice, title: Dice, start: roll}
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 500}
  tiers: [{id: low, title: Low, min: 0}]
  rules:
    - {id: up, on: {share: [up]}, factor: behaviour, change: 5}
variables:
  luck: 0
scenes:
  roll:
    on_enter: ["luck = random(0, 1)"]
    text: A coin.
    choices:
      - {id: heads, text: Heads, actions: [{share: up}], enable_if: luck == 0, next: done}
      - {id: tails, text: Tails, actions: [{share: up}], enable_if: luck == 1, next: done}
      - {id: pass, text: Pass, next: done}
endings:
  done: {title: Done, text: Done.}
"""


def test_demo_players_rate_the_claims_before_and_after(tmp_path):
    """#15 item 5: a demo class exercises the report's claims section. Each player rates every claim
    before play (after the reflection questions, as the terminal asks them) and again after the
    ending (before the reflection questions); answers come from the seed alone; the class is right
    more often after than before, and not always."""
    from game.engine.claims import ANSWERS, claims
    from game.launch import load_for_play

    story = load_for_play("pearl")
    ids = [c.id for c in claims(story)]
    assert len(ids) == 6
    paths = write_demo_logs(story, tmp_path, players=30, seed=2, workers=1)
    keys = {c["id"]: "true" if c["answer"] else "false" for c in _lines(paths[0])[0]["claims"]}
    right = {"before": 0, "after": 0}
    for path in paths:
        lines = _lines(path)
        kinds = [line["type"] for line in lines if line["type"] in ("reflection", "claims", "end")]
        assert kinds == ["reflection", "claims", "end", "claims", "reflection"], kinds
        for line in lines:
            if line["type"] == "claims":
                assert sorted(line["answers"]) == sorted(ids)
                assert set(line["answers"].values()) <= set(ANSWERS)
                right[line["phase"]] += sum(line["answers"][i] == keys[i] for i in ids)
    assert 0.2 * 30 * 6 < right["before"] < right["after"] < 30 * 6
    (tmp_path / "again").mkdir()
    again = write_demo_logs(story, tmp_path / "again", players=30, seed=2, workers=1)
    assert [_lines(p) for p in again] == [_lines(p) for p in paths]


def test_log_lines_are_the_bytes_json_dumps_wrote(tmp_path, sample):
    """#16 item 4: logs are written with msgspec's encoder instead of ``json.dumps``. Every line of a
    demo class (Pearl's two cuts, Many Numbers, the sample) and of hostile free text is the bytes
    ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` gave for the same data, so a log
    is byte-identical to one written before the change and reads the same to any reader."""
    from game.launch import load_for_play

    stories = [load_for_play("pearl"), load_for_play("many-numbers"), sample]
    paths = write_demo_logs(stories, tmp_path, players=9, seed=5, workers=1)
    paths += write_demo_logs(load_for_play("pearl"), tmp_path, players=3, seed=5, workers=1)
    hostile = 'q"\\\u2028\u202eé😀\x7f<b>&'
    log = SessionLog.create(tmp_path, Session(sample, 1), pseudonym=hostile, durable=False)
    with log:
        log.record_reflection("before", {hostile: 3, "tab\there": 1})
    lines = [line for p in [*paths, log.path] for line in p.read_bytes().splitlines(keepends=True)]
    assert len(lines) > 9 * 20
    for line in lines:
        old = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\n"
        assert line == old.encode("utf-8")
    assert json.loads(lines[-1])["answers"] == {hostile: 3, "tab\there": 1}


def test_the_logs_view_of_a_step_is_the_frames(sample):
    """The log records each step's title and choices through ``engine.offer`` (a frame without its
    paragraphs): for every state of random games, the same title and choices as ``frame``."""
    from game.engine import frame, offer
    from game.launch import load_for_play

    for story in (load_for_play("pearl"), load_for_play("many-numbers"), sample):
        for seed in range(4):
            session = Session(story, seed)
            rng = random.Random(seed)
            while True:
                shown = frame(story, session.state)
                assert offer(story, session.state) == (shown.title, shown.choices)
                enabled = [c for c in shown.choices if c.enabled]
                if session.ended or not enabled or session.state.turn > 400:
                    break
                session.choose(rng.choice(enabled).uid)
