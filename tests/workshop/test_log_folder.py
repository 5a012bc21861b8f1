"""A workshop's log folder (#12): never reached through '..', never a tree made silently, and one
that cannot be written stops the run before anyone plays."""

from __future__ import annotations

import os

import pytest

from game.workshop.log import LogFolderError, prepare_log_dir

from ..helpers import SAMPLE
from ..helpers import run_cli as run


def test_dot_dot_is_refused_and_nothing_is_written(tmp_path):
    inside = tmp_path / "a"
    inside.mkdir()
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", f"{inside}/../escaped", stdin="\n1\n")
    assert result.returncode == 2 and "'..' is not allowed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "escaped").exists()


def test_where_the_logs_go_is_said(tmp_path):
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", tmp_path / "logs", stdin="\n")
    assert f"Session logs go to {tmp_path / 'logs'} (folder made now)" in result.stderr


def test_only_one_missing_level_is_made_and_said(tmp_path):
    folder, made = prepare_log_dir(tmp_path / "logs")
    assert made and folder.is_dir()
    assert prepare_log_dir(tmp_path / "logs") == (folder, False)
    with pytest.raises(LogFolderError, match="neither it nor"):
        prepare_log_dir(tmp_path / "x" / "y" / "logs")
    assert not (tmp_path / "x").exists()
    assert sorted(os.listdir(folder)) == []  # the write test leaves nothing behind


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs a folder nobody can write in")
def test_an_unwritable_log_folder_stops_the_workshop():
    # /proc refuses new files even to root, like a read-only or full USB stick would.
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", "/proc/self", stdin="\n1\n")
    assert result.returncode == 2 and "cannot write there" in result.stderr
    assert "pseudonym" not in result.stdout.lower()


def test_a_log_folder_that_is_a_file_stops_the_workshop(tmp_path):
    logs = tmp_path / "logs"
    logs.write_text("not a folder", encoding="utf-8")
    result = run("text", "--story", SAMPLE, "--seed", 1, "--log-dir", logs, stdin="\n1\n")
    assert result.returncode == 2 and "is not a folder" in result.stderr
    assert "pseudonym" not in result.stdout.lower()
