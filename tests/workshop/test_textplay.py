"""The terminal game in a workshop: pseudonym, reflection before and after, the log, the preset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import Mode
from game.workshop.preset import Preset, PresetError, apply, load_preset

from ..helpers import ROOT, SAMPLE
from ..helpers import run_cli as run


def only_log(folder: Path) -> list[dict]:
    (path,) = folder.glob("*.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# opening: 1 activate; market: 2 buy_anime; street: 1 post_photo; evening: 1 drop_mei -> ending uneasy
CHOICES = "1\n2\n1\n1\n"


def test_logged_text_game_asks_reflection_before_and_after(tmp_path):
    logs = tmp_path / "logs"
    stdin = "<b>Kite</b> 🐼\n" + "2\n4\n" + CHOICES + "1\n\n"
    result = run("text", "--story", SAMPLE, "--seed", 5, "--log-dir", logs, stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Workshop session: " in out and "pseudonym" in out.lower()
    assert out.index("Before you play") < out.index("A new app") < out.index("THE END")
    assert out.index("THE END") < out.index("Now that you have played")
    assert "Before: 2, now: 1 (lower)" in " ".join(out.split())
    lines = only_log(logs)
    assert [line["type"] for line in lines] == ["header", "reflection"] + ["choice"] * 4 + [
        "end",
        "reflection",
    ]
    assert lines[0]["pseudonym"] == "<b>Kite</b> 🐼" and lines[0]["seed"] == 5
    assert lines[1]["answers"] == {"visa_trade": 2, "friends_count": 4}
    assert lines[-1]["answers"] == {"visa_trade": 1}  # the second was skipped
    assert lines[-2]["ending"] == "uneasy"


def test_a_player_who_quits_is_asked_after_too(tmp_path):
    # Two choices, then quit: the after-questions are asked and logged, with no end line (#14 item 5).
    logs = tmp_path / "logs"
    stdin = "Kite\n" + "2\n4\n" + "1\n2\nquit\n" + "3\n5\n"
    result = run("text", "--story", SAMPLE, "--seed", 5, "--log-dir", logs, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "You stopped before the end. Your answers still count." in result.stdout
    lines = only_log(logs)
    assert [line["type"] for line in lines] == ["header", "reflection", "choice", "choice", "reflection"]
    assert lines[-1] == lines[-1] | {"phase": "after", "answers": {"visa_trade": 3, "friends_count": 5}}
    # quitting at once (no choice made) asks nothing more; input ending early logs no empty answers
    result = run("text", "--story", SAMPLE, "--seed", 5, "--log-dir", tmp_path / "l2", stdin="\n\n\nquit\n")
    assert "Now that you have played" not in result.stdout
    result = run("text", "--story", SAMPLE, "--seed", 5, "--log-dir", tmp_path / "l3", stdin="\n\n\n1\n")
    assert [line["type"] for line in only_log(tmp_path / "l3")] == ["header", "reflection", "choice"]


def test_undo_is_logged_and_bad_answers_are_asked_again(tmp_path):
    logs = tmp_path / "logs"
    stdin = "\n" + "9\nseven\n3\n\n" + "1\nundo\n1\n2\n1\n1\n" + "5\n5\n"
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", logs, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Please type a number from 1 to 5") == 2
    lines = only_log(logs)
    assert lines[0]["pseudonym"] == "" and "anon" in next(logs.glob("*.jsonl")).name
    assert lines[1]["answers"] == {"visa_trade": 3}
    assert [line["type"] for line in lines[2:5]] == ["choice", "undo", "choice"]


def test_reflect_without_a_log(tmp_path):
    result = run("text", "--story", SAMPLE, "--seed", 1, "--reflect", stdin="1\n1\n" + CHOICES + "2\n2\n")
    assert result.returncode == 0
    assert "Before you play" in result.stdout and "pseudonym" not in result.stdout.lower()
    assert not list(tmp_path.iterdir())


def test_input_ending_early_keeps_a_valid_unfinished_log(tmp_path):
    logs = tmp_path / "logs"
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", logs, stdin="x\n1\n1\n1\n")
    assert result.returncode == 1
    lines = only_log(logs)
    assert lines[-1]["type"] == "choice" and not any(line["type"] == "end" for line in lines)


def write_preset(tmp_path, body: str) -> Path:
    path = tmp_path / "preset.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_preset_sets_seed_mode_logs_code_and_locks_undo(tmp_path):
    preset = write_preset(
        tmp_path,
        "workshop:\n  session_code: tue-3b\n  seed: 11\n  transparency: opaque\n  log_dir: logs\n"
        "  undo_locked: true\n",
    )
    result = run(
        "text", "--story", SAMPLE, "--workshop", preset, stdin="Wren\n3\n3\n1\nundo\n2\n1\n1\n4\n4\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Workshop session: tue-3b\n")
    assert "undo is turned off" in result.stdout
    lines = only_log(tmp_path / "logs")
    head = lines[0]
    assert (head["seed"], head["transparency"], head["undo_locked"], head["session_code"]) == (
        11,
        "opaque",
        True,
        "tue-3b",
    )
    assert not any(line["type"] == "undo" for line in lines)
    assert next((tmp_path / "logs").glob("*.jsonl")).name.startswith("tue-3b-wren-")


def test_preset_names_the_scenario_and_the_command_line_still_wins(tmp_path):
    """Half a room plays Pearl and half Many Numbers: one preset each, handed out by seat."""
    preset = write_preset(tmp_path, "workshop:\n  seed: 3\n  story: many-numbers\n")
    assert load_preset(preset).story == "many-numbers"
    result = run("text", "--workshop", preset, stdin="")  # input ends at the first choice (exit 1)
    assert "== Under the door ==" in result.stdout, result.stdout + result.stderr
    result = run("text", "--workshop", preset, "--story", SAMPLE, stdin="")
    assert "Under the door" not in result.stdout and "Input ended" in result.stdout


def test_example_preset_is_valid():
    preset = load_preset(ROOT / "docs" / "workshop-example.yaml")
    assert preset.session_code == "tue-3b" and preset.seed == 2015 and preset.undo_locked
    assert preset.log_dir == (ROOT / "docs" / "socialscore-logs").resolve()


@pytest.mark.parametrize(
    "body, message",
    [
        ("workshop:\n  seed: lots\n", "preset.yaml:2:9: seed: must be a whole number, not 'lots'"),
        (
            "workshop:\n  transparency: total\n",
            "preset.yaml:2:17: transparency: must be one of opaque, partial",
        ),
        (
            "workshop:\n  undo_locked: yes\n",
            "preset.yaml:2:16: undo_locked: must be true or false, not 'yes'",
        ),
        ("workshop:\n  sead: 1\n", "preset.yaml:2:3: unknown setting 'sead'; did you mean seed?"),
        ("workshop:\n  session_code: ../../x\n", "preset.yaml:2:17: session_code: must be 1-32 letters"),
        ("seed: 1\n", "preset.yaml:1:1: a preset is a mapping with one key, workshop:"),
        ("workshop: [1]\n", "preset.yaml:1:11: workshop: must be a mapping"),
        ("workshop: {seed: 1, seed: 2}\n", "preset.yaml:1:21: "),
        ("workshop: !!python/object:os.system {}\n", "preset.yaml:1:11: "),
        ("workshop:\n  seed: 1\n  log_dir: \n", "preset.yaml:3:11: log_dir: must be a path"),
        ("workshop:\n  log_dir: ../../x\n", "preset.yaml:2:12: log_dir: must name the folder itself"),
        (
            "workshop:\n  story: many-numbrs\n",
            "preset.yaml:2:10: story: no shipped scenario (pearl, many-numbers)",
        ),
    ],
)
def test_preset_errors_are_one_line_each_with_exit_2(tmp_path, body, message):
    preset = write_preset(tmp_path, body)
    with pytest.raises(PresetError) as info:
        load_preset(preset)
    assert str(info.value).startswith(str(tmp_path / message)), str(info.value)
    result = run("text", "--story", SAMPLE, "--workshop", preset)
    assert result.returncode == 2 and result.stderr.startswith(str(tmp_path / message))
    assert result.stdout == ""


def test_missing_preset(tmp_path):
    result = run("text", "--story", SAMPLE, "--workshop", tmp_path / "nope.yaml")
    assert result.returncode == 2 and "nope.yaml" in result.stderr


def test_apply_keeps_explicit_command_line_values(tmp_path):
    from game.launch import PlayOptions

    preset = Preset(
        path=tmp_path / "p.yaml", seed=3, transparency="opaque", log_dir=tmp_path, session_code="c"
    )
    args = apply(PlayOptions(seed=9, transparency=Mode.PARTIAL), preset)
    assert (args.seed, args.transparency, args.log_dir, args.session_code) == (
        9,
        "partial",
        str(tmp_path),
        "c",
    )
    args = apply(PlayOptions(), preset)
    assert (args.seed, args.transparency) == (3, "opaque") and args.preset is preset
