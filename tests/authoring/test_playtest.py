"""socialscore playtest: seeded, reproducible random runs and what they count."""

from game.authoring.playtest import _bins, playtest, report

from ..helpers import SAMPLE, break_choice, load_ok, play, write_story
from . import stories


def test_same_seed_same_results():
    story = load_ok(SAMPLE)
    a, b = playtest(story, 30, 5), playtest(story, 30, 5)
    assert a.to_json() | {"seconds": 0} == b.to_json() | {"seconds": 0}
    assert sum(a.endings.values()) == 30 and len(a.scores) == 30


def test_counts_add_up():
    story = load_ok(SAMPLE)
    r = playtest(story, 50, 0)
    assert r.scene_runs["opening"] == 50 and r.scene_hits["opening"] >= 50
    assert sum(r.choice_hits[c.uid] for c in story.scenes["opening"].choices) >= 50
    assert all(r.scene_runs[s] <= r.scene_hits[s] for s in story.scenes)


def test_prefer_unused_covers_every_enabled_choice():
    story = load_ok(SAMPLE)
    r = playtest(story, 60, 0, prefer_unused=True)
    assert set(r.untaken) == {"market.buy_luxury", "market.secret_stall", "street.bike"}
    assert r.unvisited == []


def test_stuck_run_is_reproducible_from_its_report(tmp_path):
    story = load_ok(write_story(tmp_path, stories.STUCK))
    r = playtest(story, 10, 0)
    problem = next(p for p in r.problems if p.kind == "stuck")
    session = play(story, problem.path, seed=problem.seed)
    assert session.frame().status == "stuck"
    assert "reproduce:" in report(r, "s.yaml")


def test_engine_error_is_caught_with_seed_and_path(tmp_path, monkeypatch):
    story = load_ok(write_story(tmp_path, stories.DIAMOND))
    break_choice(monkeypatch, "left.on")
    r = playtest(story, 10, 0)
    errors = [p for p in r.problems if p.kind == "error"]
    assert errors and errors[0].path == ["top.left", "left.on"] and "boom" in errors[0].message


def test_score_bins_are_nice():
    assert _bins([525, 593]) == [(520, 529, 1)] + [(530 + 10 * i, 539 + 10 * i, 0) for i in range(6)] + [
        (590, 599, 1)
    ]
    assert _bins([7]) == [(7, 7, 1)]
