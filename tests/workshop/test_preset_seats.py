"""A workshop preset can give each seat its own story (#18 item 5) and plays the classroom cut unless it
says otherwise (#15 item 4): ``stories: [pearl, many-numbers]`` with ``--seat N`` on each laptop, and
``cut: classroom | full`` applied where the story has a ``cut``."""

from __future__ import annotations

import json

import pytest

from game.engine import Session, load_story_or_raise
from game.launch import PlayOptions, UsageError, play_sets
from game.paths import story_dir
from game.workshop.preset import DEFAULT_CUT, PresetError, apply, load_preset, seat_note

from ..helpers import run_cli as run


def write_preset(tmp_path, body: str):
    path = tmp_path / "preset.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pearl():
    return load_story_or_raise(story_dir("pearl"))


def test_stories_are_handed_out_by_seat_in_turn(tmp_path):
    preset = load_preset(write_preset(tmp_path, "workshop:\n  stories: [pearl, many-numbers]\n"))
    assert preset.stories == ("pearl", "many-numbers") and preset.cut == DEFAULT_CUT == "classroom"
    assert [preset.story_for_seat(n) for n in (1, 2, 3, 4, None)] == [
        "pearl",
        "many-numbers",
        "pearl",
        "many-numbers",
        "pearl",
    ]
    options = apply(PlayOptions(seat=2), preset)
    assert options.story == "many-numbers" and options.cut == "classroom"
    assert seat_note(options) == "Seat 2: playing many-numbers"
    assert "--seat N" in seat_note(apply(PlayOptions(), preset))
    # the command line still wins
    assert apply(PlayOptions(seat=2, story="pearl"), preset).story == "pearl"


def test_a_story_folder_next_to_the_preset_can_be_one_of_the_stories(tmp_path):
    import shutil

    shutil.copytree(story_dir("many-numbers"), tmp_path / "ours")
    preset = load_preset(write_preset(tmp_path, "workshop:\n  stories: [pearl, ours]\n"))
    assert preset.stories == ("pearl", str(tmp_path / "ours"))


@pytest.mark.parametrize(
    "body, message",
    [
        ("workshop:\n  cut: short\n", "preset.yaml:2:8: cut: must be one of classroom, full, not 'short'"),
        ("workshop:\n  stories: pearl\n", "preset.yaml:2:12: stories: must be a list of 1 to 8 stories"),
        ("workshop:\n  stories: []\n", "preset.yaml:2:12: stories: must be a list of 1 to 8 stories"),
        ("workshop:\n  stories: [pearl, 3]\n", "preset.yaml:2:12: stories: each story must be"),
        (
            "workshop:\n  stories: [pearl, many-numbrs]\n",
            "preset.yaml:2:20: stories: no shipped scenario (pearl, many-numbers)",
        ),
        (
            "workshop:\n  story: pearl\n  stories: [pearl, many-numbers]\n",
            "preset.yaml:3:3: give story: (everyone) or stories: (per seat), not both",
        ),
        (
            "workshop:\n  rules: no-friends\n  stories: [pearl, many-numbers]\n",
            "preset.yaml:2:3: rules: replaces the story's own rules",
        ),
    ],
)
def test_seat_and_cut_errors_are_one_line_each(tmp_path, body, message):
    path = write_preset(tmp_path, body)
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert str(info.value).startswith(str(tmp_path / message)), str(info.value)
    assert "\n" not in str(info.value)


def test_the_cut_applies_where_the_story_has_one_and_the_command_line_wins(pearl):
    assert play_sets(pearl, (), "classroom") == {"cut": "classroom"}
    assert play_sets(pearl, ("cut=full",), "classroom") == {"cut": "full"}
    assert play_sets(pearl, (), None) == {}
    many = load_story_or_raise(story_dir("many-numbers"))
    assert "cut" not in many.variables and play_sets(many, (), "classroom") == {}
    with pytest.raises(UsageError):
        play_sets(many, ("cut=classroom",), None)  # typed by hand: the story has no cut, so say so


def test_the_classroom_cut_is_shorter(pearl):
    """What the default buys: a random game of the classroom cut visits fewer scenes than the full one
    (the same seed, the same policy)."""
    import random

    def scenes(cut: str) -> int:
        session = Session(pearl, 5, {"seed": 5}, sets={"cut": cut})
        rng, seen = random.Random(1), set()
        while not session.ended:
            seen.add(session.state.scene)
            session.choose(rng.choice([c for c in session.frame().choices if c.enabled]).id)
        return len(seen)

    assert scenes("classroom") < scenes("full")


def test_text_seats_play_their_story_and_log_it(tmp_path):
    preset = write_preset(
        tmp_path,
        "workshop:\n  session_code: mixed\n  seed: 4\n  log_dir: logs\n  stories: [pearl, many-numbers]\n",
    )
    for seat in (1, 2):
        result = run("text", "--workshop", preset, "--seat", seat, stdin=f"seat{seat}\n")
        assert f"Seat {seat}: playing" in result.stderr, result.stderr
    heads = {}
    for path in (tmp_path / "logs").glob("*.jsonl"):
        head = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        heads[head["pseudonym"]] = head
    assert heads["seat1"]["story"] == "social_score" and heads["seat2"]["story"] == "many_numbers"
    bad = run("text", "--workshop", preset, "--seat", "0")
    assert bad.returncode == 2 and "seat must be a number from 1" in bad.stderr


def test_a_seat_without_stories_per_seat_is_one_line_and_exit_2(tmp_path):
    """``--seat N`` used to be ignored without a preset that hands out stories per seat: a laptop
    started with the wrong preset played everyone's story and nobody was told."""
    one = write_preset(tmp_path, "workshop:\n  session_code: one\n  story: pearl\n")
    for command in ("text", "play"):
        for args in (("--seat", "2"), ("--workshop", one, "--seat", "2")):
            result = run(command, *args)
            assert result.returncode == 2, (command, args, result.stderr)
            assert result.stderr.strip().count("\n") == 0 and "--seat 2" in result.stderr
    assert "add --workshop FILE" in run("text", "--seat", "2").stderr
    assert "no stories: list" in run("text", "--workshop", one, "--seat", "2").stderr
