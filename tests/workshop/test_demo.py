"""``socialscore demo-logs``: simulated players, one pass a game, a folder made if missing, mixed classes."""

from __future__ import annotations

import json

from game.workshop.demo import replay_log, write_demo_logs
from game.workshop.logs_read import read_dir
from game.workshop.simulate import play_once, policy_named

from ..helpers import run_cli


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
        assert [line for line in ours if line["type"] != "reflection"][1:] == theirs[1:]
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
