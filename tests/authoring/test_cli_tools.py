"""The authoring commands on the command line: output, exit codes, one-line errors."""

import json

from ..helpers import SAMPLE, write_story
from ..helpers import run_cli as run
from . import stories


def test_playtest_text_report():
    result = run("playtest", str(SAMPLE), "--runs", "60", "--seed", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Playtest of 'Social Score: Market Day': 60 runs from seed 3" in out
    assert "Endings:" in out and "Final scores" in out and "Problems: none" in out
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_playtest_reports_a_stuck_run_with_its_reproduction(tmp_path):
    path = write_story(tmp_path, stories.STUCK)
    result = run("playtest", str(path), "--runs", "20", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    stuck = [p for p in data["problems"] if p["kind"] == "stuck"]
    assert stuck and stuck[0]["path"] == ["a.door"] and stuck[0]["scene"] == "hall"
    text = run("playtest", str(path), "--runs", "20").stdout
    assert f"reproduce: socialscore transcript {path} --seed" in text


def test_playtest_turn_cap(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: loop, title: Loop, start: a}
        scenes:
          a:
            choices: [{id: again, text: Again}]
        """,
    )
    result = run("playtest", str(path), "--runs", "2", "--max-turns", "50", "--json")
    data = json.loads(result.stdout)
    assert [p["kind"] for p in data["problems"]] == ["turn-cap", "turn-cap"]
    assert len(data["problems"][0]["path"]) == 50


def test_playtest_bad_runs_is_one_line():
    result = run("playtest", str(SAMPLE), "--runs", "0")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_tools_on_a_story_with_errors_exit_2_with_diagnostics(tmp_path):
    path = write_story(tmp_path, "story: {id: x, title: X, start: nowhere}\n")
    for command in (["explore"], ["playtest", "--runs", "1"], ["graph", "-o", str(tmp_path / "g.dot")]):
        result = run(command[0], str(path), *command[1:])
        assert result.returncode == 2
        assert "E" in result.stderr and str(path) in result.stderr
