"""The report's counts against crafted logs whose answers we know by hand."""

from __future__ import annotations

import csv

from game.workshop.logs_read import read_dir
from game.workshop.report import analyse, prompts, render, write_csv

from .crafted import choice, end, header, player, write


def decision(a, scene):
    return next(d for d in a.decisions if d.scene == scene)


def test_every_choice_at_a_scene_counts_not_only_the_last(tmp_path):
    # 23 players: 11 read the terms and then activated, 8 activated at once, 4 declined.
    for i in range(11):
        player(tmp_path, f"r{i}.jsonl", ["opt_in.read_terms", "opt_in.activate"])
    for i in range(8):
        player(tmp_path, f"a{i}.jsonl", ["opt_in.activate"])
    for i in range(4):
        player(tmp_path, f"d{i}.jsonl", ["opt_in.decline"])
    a = analyse(read_dir(tmp_path))
    d = decision(a, "opt_in")
    assert a.n == d.reached == 23
    assert d.counts == {"opt_in.read_terms": 11, "opt_in.activate": 19, "opt_in.decline": 4}
    html = render(a)
    assert "read terms" in html and "each choice counts" in html
    assert "At “Opt In”, 19 of 23 of you chose “activate”. 4 chose “decline”." in prompts(a)[0]


def test_a_choice_repeated_or_undone_counts_once_or_not_at_all(tmp_path):
    # One player comes back to the scene and chooses the same thing twice: counted once.
    player(tmp_path, "twice.jsonl", ["opt_in.read_terms", "market.buy", "opt_in.read_terms"])
    # One reads the terms, takes it back, and activates: the undone choice is not counted.
    write(
        tmp_path,
        "undo.jsonl",
        [
            header(),
            choice(1, "opt_in.read_terms"),
            {"type": "undo", "turn": 0},
            choice(1, "opt_in.activate"),
            end(1),
        ],  # fmt: skip
    )
    a = analyse(read_dir(tmp_path))
    d = decision(a, "opt_in")
    assert d.reached == 2
    assert d.counts == {"opt_in.read_terms": 1, "opt_in.activate": 1}
    assert decision(a, "market").reached == 1


def test_players_who_never_reached_a_scene_are_not_counted_there(tmp_path):
    player(tmp_path, "a.jsonl", ["opt_in.activate", "abroad.apply"])
    player(tmp_path, "b.jsonl", ["opt_in.activate", "abroad.stay"])
    player(tmp_path, "c.jsonl", ["opt_in.activate"], finish=False)
    a = analyse(read_dir(tmp_path))
    assert decision(a, "opt_in").reached == 3
    d = decision(a, "abroad")
    assert d.reached == 2 and d.counts == {"abroad.apply": 1, "abroad.stay": 1}
    assert "(2 of 3 got here)" in render(a)


def test_csv_lists_every_choice_at_a_key_scene(tmp_path):
    player(tmp_path, "a.jsonl", ["opt_in.read_terms", "opt_in.activate"], pseudonym="Ann")
    a = analyse(read_dir(tmp_path))
    write_csv(a, tmp_path / "t.csv")
    head, row = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert row[head.index("key:opt_in")] == "read terms; activate"


def test_logs_in_sub_folders_are_read_and_copies_count_once(tmp_path):
    player(tmp_path / "laptop-1", "a.jsonl", ["opt_in.activate"], pseudonym="Ann")
    player(tmp_path / "laptop-2" / "deep", "b.jsonl", ["opt_in.decline"], pseudonym="Bo")
    copy = player(tmp_path / "laptop-1", "a (1).jsonl", ["opt_in.activate"], pseudonym="Ann")
    player(tmp_path, "c.jsonl", ["opt_in.activate"], finish=False, pseudonym="Cy", started="x")
    player(tmp_path / "usb", "c.jsonl", ["opt_in.activate"], pseudonym="Cy", started="x")
    logs = read_dir(tmp_path)
    assert logs.files == 5
    assert sorted((p.pseudonym, p.finished) for p in logs.players) == [
        ("Ann", True),
        ("Bo", True),
        ("Cy", True),  # the finished copy is kept
    ]
    messages = [str(p) for p in logs.problems]
    first = tmp_path / "laptop-1" / "a.jsonl"
    assert {f"{copy}: a copy of {first}; counted once", f"{first}: a copy of {copy}; counted once"} & set(
        messages
    )
    assert decision(analyse(logs), "opt_in").counts == {"opt_in.activate": 2, "opt_in.decline": 1}


def test_an_empty_tree_says_where_it_looked(tmp_path):
    (tmp_path / "laptop-1").mkdir()
    logs = read_dir(tmp_path)
    assert [str(p) for p in logs.problems] == [
        f"{tmp_path}: no session logs (*.jsonl) in this folder or its sub-folders"
    ]
