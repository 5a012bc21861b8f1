"""The class report's claims section: accuracy before → after per claim and overall, split by group
as the rest of the report; logs without claims give no section; answers are escaped."""

from __future__ import annotations

import random

import pytest

from game.engine import Session, load_story_or_raise
from game.paths import story_dir
from game.workshop import report
from game.workshop.log import SessionLog
from game.workshop.logs_read import read_dir
from game.workshop.report_claims import analyse_claims


@pytest.fixture(scope="module")
def pearl():
    return load_story_or_raise(story_dir())


def log_game(folder, story, seed, before, after, mode="partial", claims=True):
    """One finished game of Pearl (random choices) with these answers to the claims."""
    session = Session(story, seed, {"seed": seed, "transparency": mode}, sets={"cut": "classroom"})
    rng = random.Random(seed)
    with SessionLog.create(folder, session, pseudonym=f"p{seed}", session_code="c1") as log:
        if claims:
            log.record_claims("before", before)
        while not session.ended:
            choice = rng.choice([c for c in session.frame().choices if c.enabled])
            log.record_choice(session, session.choose(choice.id))
        log.record_end(session)
        if claims:
            log.record_claims("after", after)


def test_accuracy_before_and_after_per_claim_and_overall(tmp_path, pearl):
    # the key: visa_score true, mandatory_2020 false, one_score false
    log_game(
        tmp_path, pearl, 1, {"visa_score": "true", "mandatory_2020": "true"}, {"mandatory_2020": "false"}
    )
    log_game(
        tmp_path, pearl, 2, {"mandatory_2020": "unsure", "one_score": "false"}, {"mandatory_2020": "false"}
    )
    log_game(tmp_path, pearl, 3, {}, {}, claims=False)  # an older log: no claims lines
    a = report.analyse(read_dir(tmp_path))
    c = analyse_claims(a)
    rows = {r.id: r for r in c.rows}
    assert len(rows) == 6 and rows["mandatory_2020"].key == "false"
    m = rows["mandatory_2020"].tallies
    assert (m["before"].right, m["before"].answered, m["before"].unsure) == (0, 2, 1)
    assert (m["after"].right, m["after"].answered) == (2, 2)
    assert c.overall.tallies["before"].said() == "50 % (2 of 4)"
    assert c.overall.tallies["after"].said() == "100 % (2 of 2)"
    assert (c.overall.improved, c.overall.same, c.overall.worse) == (0, 2, 0)  # 1 right, then 1 right
    assert c.groups == []  # one rules file, one mode: not split
    page = report.render(a)
    assert "True or false? Accuracy before → after" in page
    assert "0 % (0 of 2)<br>→ 100 % (2 of 2)" in page


def test_split_classes_get_accuracy_per_group(tmp_path, pearl):
    log_game(tmp_path, pearl, 1, {"one_score": "false"}, {"one_score": "false"}, mode="opaque")
    log_game(tmp_path, pearl, 2, {"one_score": "true"}, {"one_score": "false"}, mode="transparent")
    c = analyse_claims(report.analyse(read_dir(tmp_path)))
    assert [
        (g.label.split(" · ")[1], g.tallies["before"].right, g.tallies["after"].right) for g in c.groups
    ] == [
        ("opaque", 1, 1),
        ("transparent", 0, 1),
    ]


def test_logs_without_claims_give_no_section(tmp_path, pearl):
    log_game(tmp_path, pearl, 1, {}, {}, claims=False)
    a = report.analyse(read_dir(tmp_path))
    page = report.render(a)
    assert "True or false?" not in page or "nobody answered them" in page
