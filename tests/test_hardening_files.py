"""Hostile files (#12): reads only of regular files, bounded in bytes and depth; writes only where
the user points, never through a link, never replacing anything but our own regular file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game.cli import main
from game.engine import InputError, Session
from game.engine.files import FileRefused, loads_json, read_regular, sweep_temp_files, write_text
from game.engine.saves import read_save
from game.engine.yamlsafe import load_file
from game.workshop.logs_read import read_log

from .helpers import MINI, load_ok, play, write_story

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def mini(tmp_path):
    return load_ok(write_story(tmp_path, MINI))


def nested_save(depth: int) -> str:
    return '{"format": "socialscore-save", "version": 1, "state": ' + "[" * depth + "]" * depth + "}"


# --- reads --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 100_000])
def test_a_deeply_nested_save_is_a_clear_error(mini, tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text(nested_save(depth), encoding="utf-8")
    with pytest.raises(InputError) as err:
        Session.load(mini, path)
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.code == "E600" and "nested" in diagnostic.message


@needs_fifo
def test_a_fifo_is_refused_at_once_as_save_story_and_log(mini, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        Session.load(mini, fifo)
    node, diagnostics = load_file(fifo)
    assert node is None and [d.code for d in diagnostics] == ["E100"]
    log, problems = read_log(fifo)
    assert log is None and "not a regular file" in problems[0].message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_endless_device_is_never_read(mini):
    with pytest.raises(InputError, match="not a regular file"):
        Session.load(mini, "/dev/zero")
    assert [d.code for d in load_file("/dev/zero")[1]] == ["E100"]


def test_reads_stop_at_the_byte_cap(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    assert read_regular(path, 101) == b"x" * 101
    with pytest.raises(FileRefused) as err:
        read_regular(path, 100)
    assert err.value.kind == "large"


def test_json_nesting_is_bounded():
    assert loads_json("[[[]]]", max_depth=3) == [[[]]]
    for text in ("[[[[]]]]", "[" * 50_000 + "]" * 50_000):
        with pytest.raises(ValueError, match="nested"):
            loads_json(text, max_depth=3)


def test_a_log_line_nested_deeply_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    log, problems = read_log(path)
    assert log is None and problems[0].line == 1


# --- writes -------------------------------------------------------------------------------------------


def test_a_save_never_goes_through_a_symlink(mini, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "save.json"
    link.symlink_to(victim)
    with pytest.raises(OSError, match="symbolic link"):
        play(mini, ["spend"]).save(link)
    assert victim.read_text(encoding="utf-8") == "precious\n" and link.is_symlink()


def test_a_save_replaces_only_a_save(mini, tmp_path):
    session = play(mini, ["spend"])
    other = tmp_path / "notes.txt"
    other.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OSError, match="did not write"):
        session.save(other)
    assert other.read_text(encoding="utf-8") == "my notes\n"
    ours = tmp_path / "slot.json"
    session.save(ours)
    session.choose("again")
    session.save(ours)  # an older save of ours is replaced
    assert read_save(ours)["state"]["turn"] == 2


def test_a_save_makes_no_folders(mini, tmp_path):
    with pytest.raises(OSError, match="does not exist"):
        play(mini, []).save(tmp_path / "a" / "b" / "save.json")
    assert not (tmp_path / "a").exists()


@needs_fifo
def test_a_save_never_replaces_a_fifo_or_folder(mini, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "dir").mkdir()
    for target in (fifo, tmp_path / "dir"):
        with pytest.raises(OSError):
            play(mini, []).save(target)
    assert fifo.is_fifo() and (tmp_path / "dir").is_dir()


def test_the_terminal_save_command_says_why_in_one_line(tmp_path):
    story = write_story(tmp_path, MINI)
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere")
    result = subprocess.run(
        [sys.executable, "-m", "game", "text", "--story", str(story), "--seed", "1"],
        input=f"save {tmp_path / 'link.json'}\nsave {tmp_path / 'no' / 'x.json'}\nquit\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert "symbolic link" in result.stdout and "does not exist" in result.stdout
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "no").exists()


def test_schema_into_a_missing_folder_is_one_line(tmp_path, capsys):
    code = main(["schema", "-o", str(tmp_path / "missing" / "schema.json")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "does not exist" in err
    assert "cannot use the folder" not in err  # said once, plainly
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", ["schema", "graph", "transcript"])
def test_tool_outputs_never_go_through_a_symlink(tmp_path, capsys, command):
    story = write_story(tmp_path, MINI)
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / ("out.dot" if command == "graph" else "out.txt")
    out.symlink_to(victim)
    args = {"schema": ["schema"], "graph": ["graph", str(story)], "transcript": ["transcript", str(story)]}
    code = main([*args[command], "-o", str(out)])
    assert code == 2 and "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_tool_outputs_replace_a_regular_file(tmp_path, capsys):
    out = tmp_path / "schema.json"
    out.write_text("old", encoding="utf-8")
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"]


def test_stale_temp_files_of_killed_writers_are_swept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"save.json.{dead.pid}.abc123.tmp"
    stale.write_text("half a save", encoding="utf-8")
    live = tmp_path / f"save.json.{os.getppid()}.abc123.tmp"  # a writer still running: kept
    live.write_text("being written", encoding="utf-8")
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    write_text(tmp_path / "save.json", "{}")
    assert not stale.exists() and live.exists() and unrelated.exists()
    assert sweep_temp_files(tmp_path) == 0
