"""socialscore explore: exhaustive exploration agrees with answers worked out by hand."""

import json

from game.authoring.explore import Canon, explore, live_reads, report, run_explore, score_of
from game.authoring.explore import limits as limits_module
from game.authoring.explore import search as search_module
from game.authoring.playtest import playtest
from game.engine import choose as take
from game.engine import start
from game.launch.tools import ExploreOptions

from ..helpers import ROOT, SAMPLE, load_ok, write_story
from . import stories
from .test_cli_tools import run


def explored(tmp_path, text, **kw):
    return explore(load_ok(write_story(tmp_path, text)), **kw)


def replays(story, result) -> None:
    replays_with(story, result, None)


def replays_with(story, result, sets) -> None:
    """Every example path of ``result`` really leads where the result says, from a start with
    ``sets`` (the stories replayed here draw nothing at random, so seed 0 replays them)."""
    options = {"transparency": "transparent"}

    def play(path):
        state = start(story, 0, options, sets=sets)[0]
        for uid in path:
            state = take(story, state, uid)[0]
        return state

    for e in result.endings.values():
        assert play(e.shortest).ending == e.id
        if e.score_min is not None:
            low, high = play(e.lowest), play(e.highest)
            assert (low.ending, score_of(low)) == (e.id, e.score_min)
            assert (high.ending, score_of(high)) == (e.id, e.score_max)
    if result.longest:
        assert play(result.longest).ending in result.endings
    for item in result.dead_ends:
        assert play(item["path"]).scene == item["scene"]


def test_diamond_has_two_paths_to_its_one_ending(tmp_path):
    r = explored(tmp_path, stories.DIAMOND)
    assert r.mode == "exact" and r.exact_attempt is None
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
    story = load_ok(write_story(tmp_path, stories.SCORED))
    r = explore(story)
    assert r.mode == "exact"
    replays(story, r)
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
    assert "stopped after 2 states (the state budget: raise --max-states to go on)" in result.stderr


def test_live_reads_drop_what_is_only_shown(tmp_path):
    story = load_ok(write_story(tmp_path, stories.COUNTER))
    live = live_reads(story)
    assert live["room"] == {"n"}
    assert Canon(story).per_scene["room"][0] == ("n",)


def test_explore_agrees_with_playtest_on_the_sample():
    story = load_ok(SAMPLE)
    r = explore(story)
    p = playtest(story, 400, 0, prefer_unused=True)
    assert r.mode == "exact" and r.complete and not r.errors and not p.problems
    replays(story, r)
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
    assert data["complete"] and data["mode"] == "exact"
    assert data["scenes"]["reached"] == data["scenes"]["total"]
    assert {e["id"] for e in data["endings"]} == {"uneasy", "quiet"}
    assert data["dead_ends"] == [] and data["errors"] == []


def test_generated_hundred_scene_story_is_explored_exactly(tmp_path):
    # the exact budget is in states, not seconds: the same answer on any machine
    root = stories.write_folder(tmp_path / "big", stories.generated(100))
    story = load_ok(root)
    r = explore(story)
    assert r.mode == "exact"  # well within the exact budget
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


class _TickingClock:
    """A clock that moves a fixed step each time it is read, so a time budget runs out after a known
    amount of work whatever the machine's speed (tests never measure wall-clock time)."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def perf_counter(self) -> float:
        self.now += self.step
        return self.now


def test_max_seconds_bounds_the_whole_run(tmp_path, monkeypatch):
    story = load_ok(write_story(tmp_path, stories.chain(24)))
    clock = _TickingClock(0.001)
    monkeypatch.setattr(limits_module, "time", clock)
    r = explore(story, mode="exact", max_seconds=0.5)
    assert not r.complete and r.stopped_by == "time"
    assert clock.now < 0.6  # the budget is checked as the search goes, not only at its end


# -- merged by extremes -----------------------------------------------------------------------------


def test_chain_is_too_big_for_exact_exploration(tmp_path):
    story = load_ok(write_story(tmp_path, stories.chain(20)))
    r = explore(story, mode="exact", max_states=5000)
    assert not r.complete and r.stopped_by == "states"  # 2**20 states at the last scene alone


def test_auto_falls_back_to_extremes_and_finds_the_true_extremes(tmp_path, monkeypatch):
    monkeypatch.setattr(search_module, "EXACT_BUDGET_STATES", 2000)
    n = 20
    story = load_ok(write_story(tmp_path, stories.chain(n)))
    r = explore(story)
    assert r.mode == "extremes" and r.complete and not r.errors and not r.dead_ends
    # 2**k states in the k-th scene: the budget per scene stops the exact attempt first
    assert (
        r.exact_attempt["stopped_by"] == "states"
        and r.exact_attempt["states"] > search_module.EXACT_BUDGET_PER_SCENE
    )
    assert r.unreached_scenes == [] and r.never_enabled == []
    # worked out by hand (see stories.chain): the gate is reached by the all-up path only
    top, rest = r.endings["top"], r.endings["rest"]
    assert (top.score_min, top.score_max) == (500 + n, 500 + n)
    assert top.shortest == [f"c{i}.up" for i in range(n)] + ["gate.top"]
    assert (rest.score_min, rest.score_max) == (500 - n, 500 + n)
    assert rest.lowest == [f"c{i}.down" for i in range(n)] + ["gate.leave"]
    assert top.paths is None and rest.paths is None  # not counted when merged by extremes
    assert r.states < 10 * (n + 1)  # a few states per scene, not 2**n
    replays(story, r)
    text = report(r)
    assert "merged by extremes" in text and "too many states to explore exactly" in text
    data = r.to_json()
    assert data["mode"] == "extremes" and data["endings"][0]["paths"] is None


def agreeing_with_exact(story, mode: str):
    """(exact, merged) explorations of ``story``; asserts the merged one is complete and reached the same
    scenes, choices and endings' score ranges as the exact one."""
    exact, merged = explore(story, mode="exact"), explore(story, mode=mode)
    assert merged.mode == mode and merged.complete
    assert merged.scenes == exact.scenes and merged.taken == exact.taken
    assert {e: (x.score_min, x.score_max) for e, x in merged.endings.items()} == {
        e: (x.score_min, x.score_max) for e, x in exact.endings.items()
    }
    return exact, merged


def test_extremes_mode_agrees_with_exact_mode_on_small_stories(tmp_path):
    small = [stories.SCORED, stories.GATED, stories.STUCK, stories.COUNTER, stories.READING]
    for i, text in enumerate(small):
        story = load_ok(write_story(tmp_path, text, f"s{i}.yaml"))
        exact, merged = agreeing_with_exact(story, "extremes")
        assert [d["scene"] for d in merged.dead_ends] == [d["scene"] for d in exact.dead_ends]
        replays(story, merged)


def test_extremes_mode_keeps_a_state_whose_network_differs(tmp_path):
    # The pull depends on who is in the network: a state with a middling score but without a
    # low-scoring contact must not be merged away with the extremes of those who kept him.
    story = load_ok(write_story(tmp_path, stories.DROPPED))
    exact, merged = explore(story, mode="exact"), explore(story, mode="extremes")
    assert exact.endings["end"].highest == ["a.drop", "b.on", "c.on"]
    assert (merged.endings["end"].score_min, merged.endings["end"].score_max) == (
        exact.endings["end"].score_min,
        exact.endings["end"].score_max,
    )
    replays(story, merged)


def test_intervals_mode_agrees_with_exact_mode_on_small_stories(tmp_path):
    small = [stories.SCORED, stories.GATED, stories.STUCK, stories.COUNTER, stories.READING, stories.DIAMOND]
    for i, text in enumerate(small + [stories.RANDOM]):
        story = load_ok(write_story(tmp_path, text, f"s{i}.yaml"))
        _exact, merged = agreeing_with_exact(story, "intervals")
        if text in small:  # RANDOM's paths replay only with the outcomes drawn
            replays(story, merged)
    assert "merged by intervals: scenes and flags exact" in report(merged)


def test_intervals_mode_reports_only_what_was_reached(tmp_path):
    # DROPPED: the pull moves the score by who is in the network, which intervals do not key, so the
    # true range (374-590) is wider than the one reached; what is reported was reached all the same.
    story = load_ok(write_story(tmp_path, stories.DROPPED))
    exact, merged = explore(story, mode="exact"), explore(story, mode="intervals")
    low, high = merged.endings["end"].score_min, merged.endings["end"].score_max
    assert exact.endings["end"].score_min <= low <= high <= exact.endings["end"].score_max
    replays(story, merged)


def test_once_readings_that_change_nothing_are_not_explored_further(tmp_path):
    story = load_ok(write_story(tmp_path, stories.READING))
    r = explore(story, mode="extremes")
    # desk and shop; the desk after a reading only loses options (the exact search has 16 desks)
    assert r.states == 2 and r.complete
    assert {"desk.a", "desk.b", "desk.c", "desk.d", "shop.out"} <= r.taken
    assert explore(story, mode="exact").states == 18


def test_exact_mode_is_available_on_the_command_line(tmp_path):
    path = write_story(tmp_path, stories.DIAMOND)
    assert run_explore(ExploreOptions(path=str(path), json=True, max_states=100, exact=True)) == 0


def test_shipped_story_is_explored_by_intervals_and_every_ending_replays():
    # Both cuts: every ending reached, each with paths that replay to it and to its lowest and highest
    # score (the intervals' ends were really reached); every ending random play finds is among them.
    story = load_ok(ROOT / "story" / "pearl")
    assert len([s for s in story.scenes.values() if not s.is_ending]) == 58
    found = {}
    for cut in ("full", "classroom"):
        r = found[cut] = explore(story, sets={"cut": cut})
        assert r.mode == "intervals" and r.complete, cut
        # the full cut is too big to try exactly; the classroom cut's exact attempt stops at its budget
        assert r.exact_skipped if cut == "full" else r.exact_attempt["stopped_by"] == "states"
        assert not r.errors and not r.dead_ends and not r.sampled
        assert set(r.endings) == {e.id for e in story.endings} and len(r.endings) == 7
        replays_with(story, r, {"cut": cut})
    assert found["full"].unreached_scenes == []
    p = playtest(story, 100, 0)
    assert not p.problems and set(p.endings) <= set(found["full"].endings)


def test_shipped_story_partial_within_a_short_time_limit():
    story = load_ok(ROOT / "story" / "pearl")
    r = explore(story, max_seconds=3)
    assert not r.errors and not r.dead_ends
    assert r.states > 100 and r.stopped_by == "time" and not r.complete


# -- limits: the state budget decides; time and memory are safety stops ------------------------------


def test_a_scene_with_many_choices_honours_max_seconds_inside_one_state(tmp_path, monkeypatch):
    story = load_ok(write_story(tmp_path, stories.many_choices(400)))
    clock = _TickingClock(0.001)
    monkeypatch.setattr(limits_module, "time", clock)
    r = explore(story, mode="exact", max_seconds=0.1)
    # the deadline is checked between the choices of a state, not only between states
    assert not r.complete and r.stopped_by == "time" and clock.now < 0.2
    assert "safety stop: --max-seconds ran out" in report(r)


def test_memory_is_a_safety_stop_reported_as_such(tmp_path, monkeypatch):
    monkeypatch.setattr(limits_module, "_resident_mb", lambda: 1e9)
    story = load_ok(write_story(tmp_path, stories.ENDLESS))
    r = explore(story, max_memory_mb=100)
    assert not r.complete and r.stopped_by == "memory"
    assert "safety stop: memory passed --max-memory" in report(r)


def test_an_endless_counter_answers_within_the_state_budget(tmp_path):
    story = load_ok(write_story(tmp_path, stories.ENDLESS))
    for mode in ("auto", "exact", "extremes"):
        r = explore(story, max_states=500, mode=mode)
        assert not r.complete and r.stopped_by == "states", mode
        assert "out" in r.endings and r.endings["out"].shortest == ["room.wait"] * 5 + ["room.leave"]


def test_random_draws_come_through_the_engine_api_not_a_patch(tmp_path):
    from game.engine.runtime import Context

    before = Context.randint
    story = load_ok(write_story(tmp_path, stories.RANDOM))
    r = explore(story)
    assert Context.randint is before and r.complete
    assert set(r.endings) == {"heads", "tails", "six"}
    # a draw source passed to choose is asked for every draw, counted like the generator's
    state, asked = start(story, 7)[0], []
    high = take(story, state, "roll", draw=lambda lo, hi: asked.append((lo, hi)) or hi)[0]
    assert asked == [(1, 6)] and high.ending == "six" and high.draws == 1
    assert take(story, state, "roll", draw=lambda lo, hi: lo)[0].ending == "tails"
    # and the seeded generator is untouched: the same seed draws the same, with or without explore
    assert take(story, state, "roll")[0] == take(story, state, "roll")[0]
