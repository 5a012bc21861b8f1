"""The scoring reference's "Limits and defaults" match the engine (finding 8)."""

from __future__ import annotations

from game.authoring.reference import SCORING_DOC
from game.engine.scoring.engine import DEFAULT_START_MONTH
from game.engine.scoring.format import DATE_RE, FACTOR_IDS
from game.engine.scoring.model import month_text

from ..helpers import load_ok, play, write_story

TEXT = SCORING_DOC.read_text(encoding="utf-8")


def test_documented_date_range_and_default_start():
    assert "from 1900-01 to 2099-12" in TEXT
    assert DATE_RE.match("1900-01") and DATE_RE.match("2099-12")
    assert not DATE_RE.match("1899-12") and not DATE_RE.match("2100-01")
    assert f"starts in {month_text(DEFAULT_START_MONTH)}" in TEXT


def test_documented_factor_ids():
    assert f"five built-in factor ids ({', '.join(FACTOR_IDS)})" in TEXT


def test_random_with_bounds_reversed_draws_between_them(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            """
            story: {id: t, title: T, start: a}
            variables: {r: 0}
            scenes:
              a:
                text: "{r}"
                choices: [{id: go, text: Go, effects: ["r = random(6, 1)"], next: end}]
            endings:
              end: {title: End, text: "{r}"}
            """,
        )
    )
    assert {play(story, ["go"], seed=s).state.vars["r"] for s in range(40)} == set(range(1, 7))


def test_the_start_date_without_a_calendar_is_as_documented(tmp_path):
    head = """
    story: {id: t, title: T, start: a}
    scoring:
      id: r
      title: R
      range: {min: 0, max: 1000, start: 5}
      tiers: [{id: low, title: Low, min: 100}]
    ERAS
    scenes:
      a: {text: "{year} {month} [{era}] {tier}", next: end}
    endings:
      end: {title: End}
    """
    plain = load_ok(write_story(tmp_path, head.replace("ERAS", ""), "a.yaml"))
    assert (
        play(plain, []).frame().paragraphs[0] == "2015 1 [] low"
    )  # and a score below every tier is in the lowest
    eras = head.replace("ERAS", "  eras: [{id: early, title: Early, from: 2010-03}]")
    with_eras = load_ok(write_story(tmp_path, eras, "b.yaml"))
    assert play(with_eras, []).frame().paragraphs[0] == "2010 3 [early] low"
