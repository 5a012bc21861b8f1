"""The command line: one clear line per problem, the right exit code, never a traceback."""

import json

import pytest

from .helpers import SAMPLE, write_story
from .helpers import run_cli as run


@pytest.mark.parametrize("scenario", ["pearl", "many-numbers"])
def test_lint_shipped_scenario_is_clean(scenario):
    result = run("lint", scenario)  # a shipped scenario's name works where a path does
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings")


def test_lint_without_a_path_checks_every_shipped_scenario():
    result = run("lint")
    summaries = [line for line in result.stdout.splitlines() if line.endswith("0 errors, 0 warnings")]
    assert result.returncode == 0 and len(summaries) == 2, result.stdout
    assert "pearl" in summaries[0] and "many-numbers" in summaries[1]


def test_lint_sample_is_clean_and_summarises():
    result = run("lint", str(SAMPLE), "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["ok"] and data["warnings"] == 0
    assert data["stats"]["endings"] >= 2 and data["stats"]["words"] > 100


def test_lint_reports_errors_and_warnings_with_exit_1(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        variables: {unused: 0}
        scenes:
          a: {next: nowhere}
          lost: {next: a}
          stuck: {}
        """,
    )
    result = run("lint", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}:5:3: E300 unknown scene or ending 'nowhere'" in lines
    assert lines[-1].endswith("1 error, 0 warnings")


def test_lint_warnings(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        variables: {unused: 0, never: false}
        scenes:
          a:
            choices:
              - {id: go, text: Go, next: b}
              - {id: magic, text: Magic, if: never, next: b}
          b: {}
          lost: {next: a}
        """,
    )
    result = run("lint", str(path))
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines()[:-1] if "words per playthrough" not in line]
    found = {line.split(": ")[1].split(" ")[0] for line in lines}
    assert found == {"W500", "W501", "W502", "W503", "W504", "W507"}


@pytest.mark.parametrize(
    "args, needle",
    [
        (["text", "--seed", "abc"], "the seed must be a whole number"),
        (["frobnicate"], "invalid choice"),
        (["text", "--story", "/no/such"], "E100"),
        (["text", "--from", "nowhere"], "unknown scene 'nowhere'"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(args, needle):
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert needle in result.stderr


def test_lint_of_a_missing_path_is_exit_2():
    result = run("lint", "/no/such/story")
    assert result.returncode == 2
    assert result.stdout.splitlines()[0] == "/no/such/story: E100 no such file or folder"


def test_text_plays_to_an_ending_from_piped_input():
    result = run("text", "--story", str(SAMPLE), "--seed", "1", stdin="2\n1\n4\n")
    assert result.returncode == 0, result.stdout
    assert "*** THE END:" in result.stdout


def test_text_says_when_input_ends_early_and_when_a_line_is_invalid():
    result = run("text", "--story", str(SAMPLE), "--seed", "1", stdin="banana\n9\n")
    assert result.returncode == 1
    assert "Line 1: 'banana' is not a choice or a command" in result.stdout
    assert "Line 2: there is no choice 9" in result.stdout
    assert result.stdout.rstrip().endswith("Input ended before the story did.")
