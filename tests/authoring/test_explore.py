"""socialscore explore: exhaustive exploration agrees with answers worked out by hand."""

import json
import time

import pytest

from game.authoring.explore import Canon, explore, live_reads
from game.authoring.playtest import playtest

from ..helpers import SAMPLE, load_ok, write_story
from . import stories
from .test_cli_tools import run


def explored(tmp_path, text, **kw):
    return explore(load_ok(write_story(tmp_path, text)), **kw)


def test_diamond_has_two_paths_to_its_one_ending(tmp_path):
    r = explored(tmp_path, stories.DIAMOND)
    assert r.complete and not r.errors and not r.dead_ends
    assert list(r.endings) == ["fin"]
    assert r.endings["fin"].paths == 2 and not r.endings["fin"].loops
    assert r.endings["fin"].shortest == ["top.left", "left.on", "bottom.end"]
    # left and right merge at bottom: top, left, right, bottom, fin
    assert r.states == 5
    assert len(r.longest) == 3


def test_counter_loop_merges_and_is_reported_as_a_loop(tmp_path):
    r = explored(tmp_path, stories.COUNTER)
    assert r.complete
    # n = 0, 1, 2, 3 in the room (mood is only shown in text, so it does not split states), and the end
    assert r.states == 5
    out = r.endings["out"]
    assert out.paths == 1 and out.loops  # waiting at n = 3 changes nothing: a loop
    assert out.shortest == ["room.wait"] * 3 + ["room.leave"]
    assert r.never_enabled == []


def test_gated_choice_is_never_enabled_and_unreached_scene_is_listed(tmp_path):
    r = explored(tmp_path, stories.GATED)
    never = {item["choice"]: item["why"] for item in r.never_enabled}
    assert never["a.buy"].startswith("shown, always disabled (Too poor.)")
    assert never["a.secret"] == "never shown"
    assert r.unreached_scenes == ["rich"]
    assert list(r.endings) == ["poor"]


def test_random_branches_and_random_values_are_enumerated(tmp_path):
    r = explored(tmp_path, stories.RANDOM)
    assert set(r.endings) == {"heads", "tails", "six"}
    assert r.endings["heads"].paths == 1  # the coin
    assert r.endings["six"].paths == 1  # the die's 6
    # tails: the coin (three units of weight) and the die's 1-5 (roll is read on the way, but
    # not at the ending, so the five outcomes end in one state): one path each
    assert r.endings["tails"].paths == 2
    assert r.endings["tails"].states == 1
    assert not r.sampled


def test_dead_end_is_found_with_its_path(tmp_path):
    r = explored(tmp_path, stories.STUCK)
    assert r.dead_ends == [{"scene": "hall", "path": ["a.door"]}]
    assert list(r.endings) == ["out"]


def test_score_range_per_ending_and_score_gate(tmp_path):
    r = explored(tmp_path, stories.SCORED)
    end = r.endings["end"]
    assert (end.score_min, end.score_max) == (20, 80)
    assert end.lowest == ["a.bad", "b.bad"] and end.highest == ["a.good", "b.good"]
    assert end.paths == 4
    vip = r.endings["vip"]  # the gate needs 70: only after being good (60 + 10)
    assert (vip.paths, vip.score_min, vip.score_max) == (1, 70, 70)
    assert r.disabled_reasons["b.vip"].startswith("Needs a score of 70")


def test_max_states_cuts_the_search_with_a_clear_message(tmp_path):
    path = write_story(tmp_path, stories.COUNTER)
    r = explore(load_ok(path), max_states=2)
    assert not r.complete and r.states == 2
    result = run("explore", str(path), "--max-states", "2")
    assert result.returncode == 0
    assert "stopped after 2 states: results are partial" in result.stderr


def test_live_reads_drop_what_is_only_shown(tmp_path):
    story = load_ok(write_story(tmp_path, stories.COUNTER))
    live = live_reads(story)
    assert live["room"] == {"n"}
    assert Canon(story).per_scene["room"][0] == ("n",)


def test_explore_agrees_with_playtest_on_the_sample():
    story = load_ok(SAMPLE)
    r = explore(story)
    p = playtest(story, 400, 0, prefer_unused=True)
    assert r.complete and not r.errors and not p.problems
    assert set(r.endings) == set(p.endings)
    for ending, scores in p.ending_scores.items():
        e = r.endings[ending]
        assert e.score_min <= min(scores) and max(scores) <= e.score_max
    # with 400 runs preferring unused choices, playtest finds the extremes too
    assert {e: (min(s), max(s)) for e, s in p.ending_scores.items()} == {
        e.id: (e.score_min, e.score_max) for e in r.endings.values()
    }
    assert set(p.untaken) == {c["choice"] for c in r.never_enabled}


def test_explore_json_on_the_sample():
    result = run("explore", str(SAMPLE), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["complete"] and data["scenes"]["reached"] == data["scenes"]["total"]
    assert {e["id"] for e in data["endings"]} == {"uneasy", "quiet"}
    assert data["dead_ends"] == [] and data["errors"] == []


def test_generated_hundred_scene_story_is_explored_in_seconds(tmp_path):
    root = stories.write_folder(tmp_path / "big", stories.generated(100))
    story = load_ok(root)
    began = time.perf_counter()
    r = explore(story)
    assert time.perf_counter() - began < 20
    assert r.complete and set(r.endings) == {"end_a", "end_b", "end_c"}
    assert r.unreached_scenes == [] and r.never_enabled == []


def test_coarse_mode_reaches_only_real_states(tmp_path):
    story = load_ok(write_story(tmp_path, stories.SCORED))
    r = explore(story, coarse=True)
    assert set(r.endings) <= {"end", "vip"} and r.coarse


def test_bad_arguments(tmp_path):
    path = write_story(tmp_path, stories.DIAMOND)
    result = run("explore", str(path), "--max-states", "0")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    result = run("explore", str(path), "--from", "nowhere")
    assert result.returncode == 2 and "unknown scene 'nowhere'" in result.stderr


@pytest.mark.parametrize("story_dir", ["story"])
def test_shipped_story_explores_within_a_time_limit(story_dir):
    from ..helpers import ROOT

    story = load_ok(ROOT / story_dir)
    r = explore(story, max_seconds=3)
    assert not r.errors and not r.dead_ends
    assert r.states > 100 and (r.complete or r.stopped_by == "time")
