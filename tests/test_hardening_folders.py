"""Story folders (#12): links are not followed out of the folder (and nothing of their target is
shown), dot-folders are skipped as documented, and a folder's size is bounded."""

from __future__ import annotations

import os

from game.engine import limits, load_story
from game.engine.loader import story_files

from .helpers import MINI, write_story


def folder_story(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    write_story(folder, MINI)
    return folder


def test_a_link_out_of_the_folder_is_refused_and_its_target_not_shown(tmp_path):
    folder = folder_story(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (folder / "extra.yaml").symlink_to(secret)
    story, diagnostics = load_story(folder)
    assert story is None
    (d,) = diagnostics
    assert d.code == "E100" and "outside the story folder" in d.message
    assert "hunter2" not in str(d) and "password" not in str(d)


def test_a_link_inside_the_folder_is_read(tmp_path):
    folder = folder_story(tmp_path)
    (folder / "parts").mkdir()
    (folder / "story.yaml").rename(folder / "parts" / "real.yaml")
    (folder / "story.yaml").symlink_to(folder / "parts" / "real.yaml")
    files, problems = story_files(folder)
    assert (
        problems == [] and len(files) == 2
    )  # the file and the link to it: a duplicate-id error, not a read outside


def test_linked_folders_are_not_followed(tmp_path):
    folder = folder_story(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "evil.yaml").write_text("not: [valid", encoding="utf-8")
    (folder / "more").symlink_to(outside, target_is_directory=True)
    files, problems = story_files(folder)
    assert problems == [] and [f.name for f in files] == ["story.yaml"]


def test_dot_folders_and_dot_files_are_skipped(tmp_path):
    folder = folder_story(tmp_path)
    for hidden in (folder / ".git" / "x.yaml", folder / ".drafts" / "deep" / "y.yaml", folder / ".z.yaml"):
        hidden.parent.mkdir(parents=True, exist_ok=True)
        hidden.write_text("broken: [", encoding="utf-8")
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]


def test_a_fifo_in_the_folder_is_refused_without_blocking(tmp_path):
    folder = folder_story(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    story, diagnostics = load_story(folder)
    assert story is None and [d.code for d in diagnostics] == ["E100"]


def test_the_folder_size_is_bounded(tmp_path, monkeypatch):
    folder = folder_story(tmp_path)
    monkeypatch.setattr(limits, "STORY_BYTES", 100)
    story, diagnostics = load_story(folder)
    assert story is None and [d.code for d in diagnostics] == ["E101"]
    monkeypatch.setattr(limits, "FOLDER_ENTRIES", 3)
    for i in range(5):
        (folder / f"note{i}.txt").write_text("x", encoding="utf-8")
    assert [d.code for d in story_files(folder)[1]] == ["E100"]
