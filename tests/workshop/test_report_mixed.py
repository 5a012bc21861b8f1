"""A mixed class (#18 item 5): half played Pearl, half Many Numbers; the report sets them side by side.
Every figure is checked against our own count from the logs' lines."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from html import unescape

import pytest

from game.engine import load_story
from game.workshop.demo import write_demo_logs
from game.workshop.report_compare import comparison, points

from ..helpers import ROOT, run_cli


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    stories = [load_story(ROOT / "story" / name)[0] for name in ("pearl", "many-numbers")]
    write_demo_logs(stories, folder, players=12, seed=5, transparency="partial")
    return folder


def own_count(folder) -> dict:
    """Story id -> (players, finished scores, endings), straight from the logs' lines."""
    out: dict = {}
    for path in folder.glob("*.jsonl"):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        story = out.setdefault(
            lines[0]["story"], {"title": lines[0]["story_title"], "n": 0, "scores": [], "endings": Counter()}
        )
        story["n"] += 1
        for line in lines:
            if line["type"] == "end":
                story["scores"].append(line["score"])
                story["endings"][line["ending_title"]] += 1
    return out


def text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_the_two_stories_side_by_side(mixed, tmp_path):
    out, table = tmp_path / "r.html", tmp_path / "class.csv"
    result = run_cli("report", mixed, "-o", out, "--csv", table)
    assert result.returncode == 0, result.stderr
    assert "Stories found: " in result.stdout and "side by side" in result.stdout
    page = out.read_text(encoding="utf-8")
    side = text(page.split('<section id="s1-prompts">')[0])
    counts = own_count(mixed)
    assert sorted(counts) == ["many_numbers", "social_score"] and {c["n"] for c in counts.values()} == {6}
    titles = [c["title"] for c in sorted(counts.values(), key=lambda c: c["title"])]
    assert f"What this class did: {titles[0]} and {titles[1]}" in side
    row = {name: side.split(name, 1)[1].split("Finished")[0] for name in ("Players",)}
    assert row["Players"].split()[-2:] == ["6", "6"]
    for c in counts.values():
        median = f"{statistics.median(c['scores']):.0f}"
        assert median in side.split("Median final score", 1)[1].split("Lowest")[0]
        k = max(c["endings"].values())  # a tie shows one of the tied endings
        assert any(f"{e} ({k} of 6)" in side for e, n in c["endings"].items() if n == k)
    # each story's own sections follow, under its own ids; one CSV per story
    assert page.count('id="s1-decisions"') == page.count('id="s2-decisions"') == 1
    assert sorted(p.name for p in tmp_path.glob("class-*.csv")) == [
        "class-many_numbers.csv",
        "class-social_score.csv",
    ]


def test_the_comparison_card_is_the_debriefs_own_text(mixed, tmp_path):
    out = tmp_path / "r.html"
    assert run_cli("report", mixed, "-o", out).returncode == 0
    card = text(out.read_text(encoding="utf-8").split("id=side-compare>")[1].split("</section>")[0])
    source = " ".join(
        (ROOT / "story" / "many-numbers" / "05-debrief.yaml").read_text(encoding="utf-8").split()
    )
    found = comparison(load_story(ROOT / "story" / "many-numbers")[0])
    assert [q for q, _ in found.points] == [
        "Who scores you",
        "Who sees the score",
        "Can you appeal",
        "What can you opt out of",
    ]
    for question, answer in found.points:
        assert f"{question}? {answer}" in card and answer in source


def test_story_id_still_reports_on_one_story(mixed, tmp_path):
    out = tmp_path / "r.html"
    result = run_cli("report", mixed, "-o", out, "--story-id", "many_numbers")
    assert result.returncode == 0 and "6 players" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "side-compare" not in page and "What this group did: Many Numbers" in page


def test_points_of_a_comparison_paragraph():
    paragraph = "Set them side by side. Who scores you: one app; here, many. Can you appeal: no. That is all."
    assert points(paragraph) == (
        ("Who scores you", "one app; here, many."),
        ("Can you appeal", "no. That is all."),
    )
