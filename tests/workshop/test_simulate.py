"""simulate's policies: a script stops on a disabled choice; the conformist always finishes."""

from __future__ import annotations

import pytest

from game.workshop.simulate import ScriptError, play_once, policy_named, simulate

from ..helpers import load_ok, run_cli, write_story

# A repeatable choice that raises the score and stays in the scene, beside a way out.
GRIND = """
story: {id: grind, title: Grind, start: desk}
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 500}
  tiers: [{id: low, title: Low, min: 0}]
  rules:
    - {id: praise, on: {share: [praise]}, factor: behaviour, change: 5}
variables:
  ready: false
scenes:
  desk:
    text: The feed waits.
    choices:
      - id: share
        text: Share praise again
        actions: [{share: praise}]
      - id: wait
        text: Get ready
        enable_if: not ready
        reason: Already ready.
        effects: [ready = true]
      - id: leave
        text: Leave
        next: done
endings:
  done: {title: Done, text: You left.}
"""


@pytest.fixture
def grind(tmp_path):
    path = write_story(tmp_path, GRIND)
    return path, load_ok(path)


def test_conformist_leaves_a_repeatable_score_raising_choice(grind):
    _, story = grind
    summary = simulate(story, "conformist", 3, 0)
    assert dict(summary.endings) == {"done": 3}
    # It took the score-raising choice (once) before it left.
    assert all(score == 505 for score in summary.scores)


def test_script_naming_a_disabled_choice_stops_with_an_error(grind):
    _, story = grind
    with pytest.raises(ScriptError, match="'desk.wait' is disabled.*Already ready"):
        play_once(story, policy_named("script:wait,wait"), 0)


def test_script_taking_enabled_choices_plays_them(grind):
    _, story = grind
    state = play_once(story, policy_named("script:share,wait,leave"), 0)
    assert state.path == ("desk.share", "desk.wait", "desk.leave")
    assert state.ending == "done"


def test_cli_simulate_script_with_a_disabled_choice_is_one_line_and_exit_2(grind):
    path, _ = grind
    result = run_cli("simulate", "--story", path, "--policy", "script:wait,wait", "--runs", "1")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "disabled" in result.stderr


def test_every_ending_of_the_shipped_story_has_a_policy_that_reaches_it():
    """docs/scenario.md's claim: each of Pearl's seven endings is reached by a built-in policy (20 seeds
    each); the gamer, who farms points and never reports or leaves, is the one who ends 'gamed it'."""
    from game.launch import load_for_play

    story = load_for_play("pearl")
    reached = {}
    for name in ("conformist", "loyal", "gamer", "random"):
        for seed in range(20):
            state = play_once(story, policy_named(name), seed)
            reached.setdefault(state.ending, name)
    assert reached.get("gamed_it") == "gamer"
    assert reached.get("gold_empty_chair") == "conformist"
    assert set(reached) == {ending.id for ending in story.endings}


def test_cli_simulate_set_starts_every_game_with_the_variable(grind):
    """``simulate --set`` (the rules lab and docs/scenario.md try a variable this way): the games are
    the ones play_once plays with the variable set, and the first line says so."""
    import json

    path, story = grind
    result = run_cli(
        "simulate", "--story", path, "--policy", "conformist", "--runs", "2", "--set", "ready=true"
    )
    assert result.returncode == 0, result.stderr
    assert "with ready=true" in result.stdout.splitlines()[0]
    # ready already true: 'Get ready' is disabled, so the conformist shares and leaves as before
    data = json.loads(
        run_cli(
            "simulate", "--story", path, "--policy", "random", "--runs", "4", "--set", "ready=true", "--json"
        ).stdout
    )
    assert data["sets"] == ["ready=true"]
    expected = [
        play_once(story, policy_named("random"), seed, {"transparency": "transparent"}, {"ready": True})
        for seed in range(4)
    ]
    assert data["endings"].get("done", 0) == sum(s.ending == "done" for s in expected)


def test_cli_simulate_set_of_an_unknown_variable_is_one_line_and_exit_2(grind):
    path, _ = grind
    result = run_cli("simulate", "--story", path, "--policy", "random", "--runs", "1", "--set", "nope=1")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no variable 'nope'" in result.stderr


def test_gamer_reads_a_flag_effect_by_its_value_not_its_text(tmp_path):
    """The gamer never leaves: a choice whose effect sets a leaving flag true (however written) is
    avoided; one that sets it false (however spaced or written) is not."""
    story = load_ok(
        write_story(
            tmp_path,
            """
story: {id: leave, title: Leave, start: offer}
variables:
  flags.left_app: false
  gaming: 0
scenes:
  offer:
    text: An offer.
    choices:
      - {id: go, text: Go, effects: ["flags.left_app = not false"], next: done}
      - {id: stay, text: Stay, effects: ["flags.left_app = (false)"], next: done}
endings:
  done: {title: Done, text: Done.}
""",
        )
    )
    for seed in range(10):
        assert play_once(story, policy_named("gamer"), seed).path == ("offer.stay",)


def test_leaving_abroad_ends_by_the_pattern_of_the_years():
    """#15: taking the job abroad no longer overrides the five years. A climber still ends gold (flown
    home), a points farmer ends 'gamed it' abroad, and 'Elsewhere, too' closes on the hand Pearl
    trained, the faith kept, or the thumb still hovering, by integrity, gaming and Mei."""
    from game.engine import frame
    from game.engine.scoring import queries
    from game.launch import load_for_play

    story = load_for_play("pearl")
    closes = {
        "trained": "Your thumb is on the fifth star",
        "kept": "You give him five, and in the box",
        "open": "your thumb hangs over the fifth",
    }
    seen, endings = set(), set()
    for seed in range(150):
        state = play_once(story, policy_named("random"), seed, None, {"cut": "classroom"})
        if not state.vars["abroad.took_job"]:
            continue
        endings.add(state.ending)
        integrity, gaming = state.vars["integrity"], state.vars["gaming"]
        dropped = queries.part(state).contact("mei").dropped
        if gaming >= 5 and gaming > integrity and state.ending != "gold_empty_chair":
            assert state.ending == "gamed_it"
        if state.ending != "elsewhere_too":
            continue
        years = (
            "trained"
            if gaming > integrity or (dropped and integrity < 8)
            else "kept"
            if not dropped and integrity >= 8
            else "open"
        )
        text = " ".join(frame(story, state).paragraphs)
        assert [name for name, line in closes.items() if line in text] == [years], seed
        seen.add(years)
    assert seen == set(closes)
    assert {"elsewhere_too", "gamed_it"} <= endings
