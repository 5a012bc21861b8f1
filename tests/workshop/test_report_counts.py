"""The report's counts against crafted logs whose answers we know by hand."""

from __future__ import annotations

import csv
import re

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


def scored(folder, name, score, rules, mode, tier="good"):
    """A finished player with a final score, under a rules file and a transparency mode."""
    return write(
        folder,
        name,
        [
            header(pseudonym=name, rules={"id": rules, "title": rules}, transparency=mode),
            choice(1, "opt_in.activate", score=score),
            end(1, score=score, tier=tier),
        ],
    )


def test_groups_of_rules_and_mode_are_never_pooled(tmp_path):
    # The case: the "partial" players were exactly the rewards-dissent players.
    for i, s in enumerate([640, 650, 660]):
        scored(tmp_path, f"o{i}.jsonl", s, "Shipped", "opaque")
    for i, s in enumerate([730, 740, 750]):
        scored(tmp_path, f"p{i}.jsonl", s, "rewards-dissent", "partial", "outstanding")
    for i, s in enumerate([650, 659, 668]):
        scored(tmp_path, f"t{i}.jsonl", s, "Shipped", "transparent")
    a = analyse(read_dir(tmp_path))
    assert a.split
    assert [(g.rules, g.mode, g.median) for g in a.groups] == [
        ("Shipped", "opaque", 650),
        ("Shipped", "transparent", 659),
        ("rewards-dissent", "partial", 740),
    ]
    found = prompts(a)
    by_mode = [p for p in found if "how much the app explained" in p]
    assert by_mode == [
        "Under the same rules (Shipped), median final score by how much the app explained "
        "(opaque: 650, transparent: 659). Did knowing the rules help you, or the system?"
    ]
    assert not any("740" in p and "650" in p for p in found)  # different rules and mode: not compared
    assert not any("by rules file" in p for p in found)
    html = render(a)
    assert html.count("<h3 class=group>") == 3 * 3  # scores, tiers, curves: one heading per group
    assert "</b>median final score" not in html  # no pooled median
    assert "<td><bdi>rewards-dissent</bdi></td><td>partial</td><td>3</td><td>3</td><td>740</td>" in html


def test_rules_files_are_compared_in_one_mode_only(tmp_path):
    for i, s in enumerate([600, 610]):
        scored(tmp_path, f"a{i}.jsonl", s, "Shipped", "transparent")
    for i, s in enumerate([700, 720]):
        scored(tmp_path, f"b{i}.jsonl", s, "no-friends", "transparent")
    scored(tmp_path, "c.jsonl", 900, "no-friends", "opaque")  # alone in its group: compared with nobody
    found = prompts(analyse(read_dir(tmp_path)))
    assert (
        "With the same explanations (transparent), median final score by rules file "
        "(no-friends: 710, Shipped: 605). What did each set of rules reward?"
    ) in found
    assert not any("900" in p for p in found)


def test_one_group_reads_as_before(tmp_path):
    for i, s in enumerate([600, 700]):
        scored(tmp_path, f"a{i}.jsonl", s, "Shipped", "transparent")
    a = analyse(read_dir(tmp_path))
    assert not a.split
    html = render(a)
    assert "median final score" in html and "<h3 class=group>" not in html
    assert any(p.startswith("Final scores ran from 600 (Good) to 700 (Good).") for p in prompts(a))


def test_histogram_bins_are_aligned_to_tiers(tmp_path):
    from game.workshop.report_charts import score_bins

    tiers = [{"min": 350}, {"min": 550}, {"min": 600}, {"min": 650}, {"min": 700}, {"min": 750}]
    bins = score_bins([520, 612, 760], tiers)
    assert all((t["min"] - bins.lo) % bins.width == 0 for t in tiers)
    assert bins.lo <= 520 and bins.hi > 760 and bins.count <= 16
    odd = score_bins([500, 530], [{"min": 512}, {"min": 517}])  # no step fits: still covers every score
    assert odd.lo <= 500 and odd.hi > 530


def test_a_restart_counts_once_and_keeps_the_answers_given_before(tmp_path):
    # Ann's laptop crashed after two choices; she started again and finished.
    write(
        tmp_path,
        "ann-1.jsonl",
        [
            header(pseudonym="Ann", started="2026-12-01T10:00:00+00:00", seed=1),
            {"type": "reflection", "phase": "before", "answers": {"q": 2}},
            choice(1, "opt_in.read_terms"),
            choice(2, "opt_in.activate"),
        ],
    )
    write(
        tmp_path,
        "ann-2.jsonl",
        [
            header(pseudonym="Ann", started="2026-12-01T10:20:00+00:00", seed=2),
            choice(1, "opt_in.decline"),
            end(1),
        ],
    )
    # Bo played twice to the end: two games, both count.
    for i in range(2):
        player(
            tmp_path, f"bo-{i}.jsonl", ["opt_in.activate"], pseudonym="Bo", started=f"2026-12-01T1{i}:00:00"
        )
    # Cy in another session with the same pseudonym as Ann: another person.
    player(tmp_path, "ann-tue.jsonl", ["opt_in.activate"], pseudonym="Ann", session_code="tue", finish=False)
    logs = read_dir(tmp_path)
    assert sorted((p.pseudonym, p.session_code, p.finished) for p in logs.players) == [
        ("Ann", "mon", True),
        ("Ann", "tue", False),
        ("Bo", "mon", True),
        ("Bo", "mon", True),
    ]
    ann = next(p for p in logs.players if p.pseudonym == "Ann" and p.session_code == "mon")
    assert ann.reflections["before"] == {"q": 2}
    assert (
        f"{tmp_path / 'ann-1.jsonl'}: a restart: the same player went on in "
        f"{tmp_path / 'ann-2.jsonl'}; counted once" in [str(p) for p in logs.problems]
    )
    assert decision(analyse(logs), "opt_in").counts == {"opt_in.decline": 1, "opt_in.activate": 3}


def test_session_filter_and_the_sessions_found(tmp_path):
    from ..helpers import run_cli

    for i in range(3):
        player(tmp_path, f"m{i}.jsonl", ["opt_in.activate"], session_code="mon")
    for i in range(2):
        player(tmp_path, f"t{i}.jsonl", ["opt_in.decline"], session_code="tue")
    logs = read_dir(tmp_path)
    assert logs.sessions == {"mon": 3, "tue": 2} and len(logs.players) == 5
    tue = read_dir(tmp_path, session="tue")
    assert tue.sessions == {"mon": 3, "tue": 2} and {p.name for p in tue.players} == {
        str(tmp_path / "t0.jsonl"),
        str(tmp_path / "t1.jsonl"),
    }
    out = tmp_path / "r.html"
    result = run_cli("report", tmp_path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Sessions found: mon (3), tue (2)" in result.stdout and "--session CODE" in result.stdout
    assert "Sessions mon (3), tue (2)" in out.read_text(encoding="utf-8")
    result = run_cli("report", tmp_path, "-o", out, "--session", "tue")
    assert result.returncode == 0 and "2 players" in result.stdout and "reporting on tue" in result.stdout
    result = run_cli("report", tmp_path, "-o", out, "--session", "wed")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "socialscore report: no logs of session 'wed'; sessions found: mon (3), tue (2)"
    )


def test_a_log_of_another_story_version_is_flagged_with_what_differs(tmp_path):
    for i in range(3):
        player(tmp_path, f"v1-{i}.jsonl", ["opt_in.activate", "market.buy"])
    old = write(
        tmp_path,
        "v0.jsonl",
        [
            header(pseudonym="old", story_version="0.9"),
            choice(1, "opt_in.agree"),  # renamed to activate in version 1
            choice(2, "market.buy", scene_title="The old market"),
            end(2),
        ],
    )
    logs = read_dir(tmp_path)
    assert logs.version == "1" and logs.other_versions == {"0.9": 1} and len(logs.players) == 4
    assert [str(p) for p in logs.problems if "version" in p.message] == [
        f"{old}: story version '0.9', not '1' like most logs; counted, but check it: "
        "choices not in 1's logs: opt_in.agree; "
        "scenes titled differently: market: 'The old market', not 'Market'"
    ]


def test_a_large_valid_log_is_streamed_not_dropped(tmp_path):
    from game.workshop.logs_read import MAX_FILE_BYTES

    text = "x" * 100_000
    lines = [header(pseudonym="long")] + [
        choice(i, "opt_in.activate", key=False, text=text) for i in range(1, 220)
    ]
    path = write(tmp_path, "long.jsonl", lines + [end(219)])
    assert 21_000_000 < path.stat().st_size < MAX_FILE_BYTES == 200_000_000
    logs = read_dir(tmp_path)
    assert [p.finished for p in logs.players] == [True] and len(logs.players[0].steps) == 219
    assert logs.problems == []


def dated_player(folder, name, months, finish=True, era_at=None):
    """A player whose choice i happens in story month ``months[i]`` (\"2015-03\"), score 650 + i."""
    lines = [header(pseudonym=name)]
    for i, month in enumerate(months, 1):
        events = [{"kind": "score", "delta": 1, "date": month}]
        if era_at == i:
            events.append({"kind": "era", "title": "Mandatory", "new": "mandatory"})
        lines.append(choice(i, f"s{i}.go", score=650 + i, key=False, events=events))
    if finish:
        lines.append(end(len(months), score=650 + len(months)))
    return write(folder, name, lines)


def test_curves_run_over_story_months_and_stop_where_players_stopped(tmp_path):
    from game.workshop.report_charts import curves

    dated_player(tmp_path, "a.jsonl", ["2015-03", "2015-12", "2016-02", "2017-01"], era_at=3)
    dated_player(tmp_path, "b.jsonl", ["2015-03", "2015-06"], finish=False)
    logs = read_dir(tmp_path)
    a = next(p for p in logs.players if p.pseudonym == "a.jsonl")
    assert a.month_curve() == [(2015 * 12 + 2, 650), (2015 * 12 + 2, 651), (2015 * 12 + 11, 652),
                               (2016 * 12 + 1, 653), (2017 * 12, 654)]  # fmt: skip
    chart = curves(logs.players, [])
    texts = [s.text for s in chart.shapes if s.tag == "text"]
    assert {"2016", "2017", "Mandatory", "story time (years)"} <= set(texts)
    lines = [s for s in chart.shapes if s.tag == "polyline"]
    ends = sorted(len(dict(s.attrs)["points"].split()) for s in lines[:2])
    assert ends == [3, 5]  # b's line stops at its last choice; it is not drawn on to 2017


def test_past_fifty_players_the_curves_are_bands(tmp_path):
    from game.workshop.report_charts import curves

    for i in range(51):
        dated_player(tmp_path, f"p{i}.jsonl", ["2015-03", "2015-04"])
    chart = curves(read_dir(tmp_path).players, [])
    assert "bands" in chart.label
    assert sum(1 for s in chart.shapes if s.tag == "polygon") == 2
    assert sum(1 for s in chart.shapes if s.tag == "polyline") == 1  # the median only


def split_class(tmp_path) -> None:
    """Four opaque players of the shipped rules who activate; four transparent rewards-dissent players,
    three of whom decline (the fourth reads the terms, then activates)."""
    for i in range(4):
        player(tmp_path, f"o{i}.jsonl", ["opt_in.activate"], transparency="opaque")
    dissent = {"id": "d", "title": "rewards-dissent"}
    for i in range(3):
        player(tmp_path, f"t{i}.jsonl", ["opt_in.decline"], rules=dissent)
    player(tmp_path, "t3.jsonl", ["opt_in.read_terms", "opt_in.activate"], rules=dissent)


def test_key_decisions_are_counted_group_by_group_when_the_games_differ(tmp_path):
    split_class(tmp_path)
    a = analyse(read_dir(tmp_path))
    assert {g.label: {d.scene: dict(d.counts) for d in g.decisions} for g in a.groups} == {
        "Shipped rules · opaque": {"opt_in": {"opt_in.activate": 4}},
        "rewards-dissent · transparent": {
            "opt_in": {"opt_in.decline": 3, "opt_in.read_terms": 1, "opt_in.activate": 1}
        },
    }
    section = render(a).split('id="decisions"')[1].split("</section>")[0]
    assert "Shipped rules · opaque</bdi>: 4 of 4 got here" in section
    assert "rewards-dissent · transparent</bdi>: 4 of 4 got here" in section
    # in each group's table, the counts are that group's: 4 of 4 activated; 3 of 4 declined, 1 of 4 activated
    shipped, dissent_rows = section.split("got here")[2:4]  # [1]: the whole class's heading
    row = re.compile(r"(\w[\w ]*)</bdi></td>.*?(\d+) of (\d+)</td>")
    assert sorted(row.findall(shipped)) == [
        ("activate", "4", "4"),
        ("decline", "0", "4"),
        ("read terms", "0", "4"),
    ]
    assert sorted(row.findall(dissent_rows)) == [
        ("activate", "1", "4"), ("decline", "3", "4"), ("read terms", "1", "4")
    ]  # fmt: skip


def test_the_report_says_who_answered_after_without_finishing(tmp_path):
    q = [{"id": "q", "text": "Fair?", "scale": 5, "low": "no", "high": "yes"}]
    answers = [{"type": "reflection", "phase": "before", "answers": {"q": 2}}]
    after = [{"type": "reflection", "phase": "after", "answers": {"q": 4}}]
    write(
        tmp_path,
        "done.jsonl",
        [header(pseudonym="A", questions=q), *answers, choice(1, "opt_in.x"), end(1), *after],
    )
    write(
        tmp_path, "quit.jsonl", [header(pseudonym="B", questions=q), *answers, choice(1, "opt_in.x"), *after]
    )
    write(tmp_path, "gone.jsonl", [header(pseudonym="C", questions=q), *answers, choice(1, "opt_in.x")])
    a = analyse(read_dir(tmp_path))
    (question,) = a.questions
    assert (question.before, question.after, question.after_unfinished) == ([2, 2, 2], [4, 4], 1)
    assert (len(a.stopped), a.stopped_answered) == (2, 1)
    section = render(a).split('id="reflection"')[1]
    assert "2 player(s) stopped before an ending; 1 of them answered the questions after playing" in section
    assert "3 answered before, 2 after (1 without finishing); 2 both" in section


def test_key_decision_prompts_count_within_one_group(tmp_path):
    # The same four opaque players of the shipped rules who activate, and four transparent
    # rewards-dissent players, three of whom decline: pooled, "5 of 8 of you chose activate" would
    # mix two games; the prompt asks about the group where the scene divided players, counted there.
    split_class(tmp_path)
    found = [p for p in prompts(analyse(read_dir(tmp_path))) if p.startswith("At “")]
    assert found == [
        "At “Opt In”, with rewards-dissent (transparent), 3 of 4 of you chose “decline”. "
        "1 chose “activate”. What made the difference?"
    ]


def test_key_decision_prompts_of_one_group_read_as_before(tmp_path):
    for i in range(3):
        player(tmp_path, f"a{i}.jsonl", ["opt_in.activate"])
    player(tmp_path, "d.jsonl", ["opt_in.decline"])
    found = [p for p in prompts(analyse(read_dir(tmp_path))) if p.startswith("At “")]
    assert found == [
        "At “Opt In”, 3 of 4 of you chose “activate”. 1 chose “decline”. What made the difference?"
    ]


def test_csv_has_each_claims_answer_before_and_after_and_whether_it_was_right(tmp_path):
    claims = [
        {"id": "visa", "text": "Visas got easier.", "answer": True, "label": "documented"},
        {"id": "one_score", "text": "One national score.", "answer": False, "label": "myth"},
    ]
    rated = [
        {"type": "claims", "phase": "before", "answers": {"visa": "false", "one_score": "unsure"}},
        {"type": "claims", "phase": "after", "answers": {"visa": "true"}},
    ]
    write(
        tmp_path, "a.jsonl", [header(pseudonym="Ann", claims=claims), *rated, choice(1, "opt_in.x"), end(1)]
    )
    write(tmp_path, "b.jsonl", [header(pseudonym="Bo", claims=claims), choice(1, "opt_in.x"), end(1)])
    write_csv(analyse(read_dir(tmp_path)), tmp_path / "t.csv")
    head, *rows = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8")))
    wanted = [
        f"{w}_{ph}:{c}"
        for ph in ("before", "after")
        for c in ("visa", "one_score")
        for w in ("claim", "right")
    ]
    assert [h for h in head if h.startswith(("claim_", "right_"))] == wanted
    by_name = {row[0]: dict(zip(head, row, strict=True)) for row in rows}
    assert [by_name["Ann"][h] for h in wanted] == ["false", "no", "unsure", "no", "true", "yes", "", ""]
    assert [by_name["Bo"][h] for h in wanted] == [""] * 8


def test_the_cut_splits_players_like_a_rules_file(tmp_path):
    for i, s in enumerate([600, 610]):
        write(
            tmp_path,
            f"c{i}.jsonl",
            [header(pseudonym=f"c{i}", cut="classroom"), choice(1, "opt_in.x", score=s), end(1, score=s)],
        )
    for i, s in enumerate([700, 720]):
        write(
            tmp_path,
            f"f{i}.jsonl",
            [header(pseudonym=f"f{i}", cut="full"), choice(1, "opt_in.x", score=s), end(1, score=s)],
        )
    a = analyse(read_dir(tmp_path))
    assert a.split
    assert [(g.rules, g.mode, g.median) for g in a.groups] == [
        ("Shipped rules · classroom cut", "transparent", 605),
        ("Shipped rules · full cut", "transparent", 710),
    ]
    found = prompts(a)
    assert not any("600" in p and "720" in p for p in found)  # two games: never one range
    assert "Cut: classroom (2), full (2)" in render(a)
    write_csv(a, tmp_path / "t.csv")
    head, *rows = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert sorted(row[head.index("cut")] for row in rows) == ["classroom", "classroom", "full", "full"]


def test_one_cut_is_named_but_splits_nothing(tmp_path):
    for i, s in enumerate([600, 700]):
        write(
            tmp_path,
            f"c{i}.jsonl",
            [header(pseudonym=f"c{i}", cut="classroom"), choice(1, "opt_in.x", score=s), end(1, score=s)],
        )
    a = analyse(read_dir(tmp_path))
    assert not a.split and [g.rules for g in a.groups] == ["Shipped rules"]
    assert "Cut: classroom" in render(a)


def test_dropped_contact_and_refusal_prompts_count_within_one_group(tmp_path):
    # Four opaque players of the shipped rules, one of whom drops Mei and is refused the visa;
    # two transparent rewards-dissent players who both drop Mei. Pooled, "3 of 6 of you dropped Mei"
    # would mix two games: each prompt counts in the group where it was most common, and names it.
    dropped = {"kind": "contact", "change": "dropped", "name": "Mei", "cause": {"choice": "friends.drop"}}
    refused = {"kind": "perk", "perk": "visa", "title": "Visa", "granted": False}
    dissent = {"id": "d", "title": "rewards-dissent"}
    for i in range(4):
        events = [dropped, refused] if i == 0 else []
        write(
            tmp_path,
            f"o{i}.jsonl",
            [
                header(pseudonym=f"o{i}", transparency="opaque"),
                choice(1, "friends.drop", events=events),
                end(1),
            ],
        )
    for i in range(2):
        write(
            tmp_path,
            f"d{i}.jsonl",
            [header(pseudonym=f"d{i}", rules=dissent), choice(1, "friends.drop", events=[dropped]), end(1)],
        )
    found = prompts(analyse(read_dir(tmp_path)))
    assert [p for p in found if "dropped Mei" in p] == [
        "With rewards-dissent (transparent), 2 of 2 of you dropped Mei. "
        "What did the app say, or show, to make that feel reasonable?"
    ]
    assert [p for p in found if "refused" in p] == [
        "1 of you (with Shipped rules, opaque) were refused “Visa”. "
        "What did the refusal say, and did you believe the reason?"
    ]


def test_dropped_contact_prompt_of_one_group_reads_as_before(tmp_path):
    dropped = {"kind": "contact", "change": "dropped", "name": "Mei", "cause": {"choice": "friends.drop"}}
    for i in range(3):
        events = [dropped] if i else []
        write(
            tmp_path,
            f"p{i}.jsonl",
            [header(pseudonym=f"p{i}"), choice(1, "friends.drop", events=events), end(1)],
        )
    assert [p for p in prompts(analyse(read_dir(tmp_path))) if "dropped Mei" in p] == [
        "2 of 3 of you dropped Mei. What did the app say, or show, to make that feel reasonable?"
    ]
