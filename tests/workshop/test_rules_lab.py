"""The rules lab's alternative rules files: they load with the main scenario (whichever folder holds it
while it is being written), use only the scenario's tags, and do what their names promise."""

from __future__ import annotations

import re
import statistics

import pytest

from game.engine import load_story
from game.engine.yamlsafe import load_file
from game.paths import story_dir
from game.workshop.simulate import simulate

from .conftest import main_story

LAB = story_dir() / "rules-lab"
FILES = ["rewards-dissent", "no-friends", "appealable"]
STORY_PATH, STORY = main_story()
needs_story = pytest.mark.skipif(STORY is None, reason="the main scenario does not load yet")


def rules_of(name: str) -> dict:
    node, diagnostics = load_file(LAB / f"{name}.rules.yaml")
    assert not diagnostics, [str(d) for d in diagnostics]
    return node.plain()["scoring"]


def shipped() -> dict:
    node, _ = load_file(STORY_PATH / "rules.yaml")
    return node.plain()["scoring"]


def action_tags(path) -> set[str]:
    """Every tag the scenario's choices perform (and contact ids/tags, perk ids)."""
    tags: set[str] = set()
    for file in sorted(path.rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        for _kind, value in re.findall(
            r"\b(buy|post|share|pay|behave|befriend|drop|apply): *([\w\-\[\], ]+)", text
        ):
            tags.update(t.strip() for t in value.strip("[] ").split(",") if t.strip())
        for block in re.findall(r"(?m)^    tags: \[([^\]]*)\]", text):
            tags.update(t.strip() for t in block.split(","))
    return tags


def mean_score(story, policy: str, runs: int = 12) -> float:
    return statistics.fmean(simulate(story, policy, runs, 0, {"transparency": "transparent"}).scores)


@needs_story
@pytest.mark.parametrize("name", FILES)
def test_rules_file_loads_with_the_scenario(name):
    story, diagnostics = load_story(STORY_PATH, LAB / f"{name}.rules.yaml")
    assert story is not None, [str(d) for d in diagnostics]
    assert story.extra["score"].rules.id == name.replace("-", "_")


@needs_story
@pytest.mark.parametrize("name", FILES)
def test_rules_use_only_the_scenarios_tags(name):
    known = action_tags(STORY_PATH)
    for rule in rules_of(name).get("rules", []):
        for tags in rule["on"].values():
            assert set(tags) <= known, (rule["id"], set(tags) - known)


@needs_story
def test_rewards_dissent_puts_loyal_players_above_conformists():
    story, _ = load_story(STORY_PATH, LAB / "rewards-dissent.rules.yaml")
    loyal, conformist = mean_score(story, "loyal"), mean_score(story, "conformist")
    assert loyal > conformist, (loyal, conformist)
    base, _ = load_story(STORY_PATH)
    assert mean_score(base, "loyal") < mean_score(
        base, "conformist"
    )  # the shipped rules: the other way round


def test_rewards_dissent_rewards_dissent_and_punishes_conformity():
    changes = {}
    for rule in rules_of("rewards-dissent")["rules"]:
        for kind, tags in rule["on"].items():
            for tag in tags:
                changes[(kind, tag)] = rule["change"]
    for key in [
        ("post", "protest"),
        ("post", "friend-support"),
        ("behave", "dispute-won"),
        ("pay", "loan-to-friend"),
    ]:
        assert changes[key] > 0, key
    for key in [("share", "official-news"), ("drop", "low-score")]:
        assert changes[key] < 0, key


def test_no_friends_has_no_pull_and_no_relationship_rules():
    rules = rules_of("no-friends")
    assert "pull" not in rules
    assert all(r["factor"] != "relationships" for r in rules["rules"])
    assert not any("befriend" in r["on"] or "drop" in r["on"] for r in rules["rules"])


@needs_story
def test_appealable_is_the_shipped_rules_softened():
    base = {r["id"]: r for r in shipped()["rules"]}
    lab = {r["id"]: r for r in rules_of("appealable")["rules"]}
    assert set(lab) == set(base)
    for rid, rule in base.items():
        if rule["change"] < 0:
            assert rule["change"] < lab[rid]["change"] <= 0, rid
        elif rid != "disputed":
            assert lab[rid]["change"] == rule["change"], rid
    assert lab["disputed"]["change"] > base["disputed"]["change"]
    assert lab["disputed"]["limit"]["times"] > base["disputed"].get("limit", {}).get("times", 1)


#: What each lab file may change, as docs/rules-lab.md and its own description say; the rest must be
#: the shipped rules, key for key (start score, drift, pull, tiers, perks, eras, factors).
DOCUMENTED = {
    "rewards-dissent": {"rules", "drift", "pull"},
    "no-friends": {"rules", "pull"},
    "appealable": {"rules"},
}


@needs_story
@pytest.mark.parametrize("name", FILES)
def test_lab_file_differs_from_the_shipped_rules_only_where_documented(name):
    base, lab = shipped(), rules_of(name)
    differs = {k for k in set(base) | set(lab) if base.get(k) != lab.get(k)}
    assert differs - {"id", "title", "description"} <= DOCUMENTED[name], differs


@needs_story
def test_no_friends_only_removes_the_friends_rules():
    base = {r["id"]: r for r in shipped()["rules"]}
    lab = {r["id"]: r for r in rules_of("no-friends")["rules"]}
    assert set(lab) <= set(base)
    for rid, rule in lab.items():
        assert rule == base[rid], rid
    for rid in set(base) - set(lab):
        rule = base[rid]
        assert rule["factor"] == "relationships" or {"befriend", "drop"} & set(rule["on"]), rid


@needs_story
def test_appealable_only_halves_penalties_and_raises_disputes():
    base = {r["id"]: r for r in shipped()["rules"]}
    lab = {r["id"]: r for r in rules_of("appealable")["rules"]}
    for rid, rule in base.items():
        same = {k: v for k, v in rule.items() if k not in ("change", "explain", "limit")}
        assert same == {k: v for k, v in lab[rid].items() if k not in ("change", "explain", "limit")}, rid
        if rid == "disputed":
            assert lab[rid]["change"] == 40 and lab[rid]["limit"] == {"times": 3, "per": "game"}
        else:
            assert lab[rid].get("limit") == rule.get("limit"), rid
            expected = int(rule["change"] / 2) if rule["change"] < 0 else rule["change"]
            assert lab[rid]["change"] == expected, rid


@needs_story
def test_a_misspelt_tag_is_an_error_with_the_close_match(tmp_path):
    text = (STORY_PATH / "rules.yaml").read_text(encoding="utf-8")
    assert "on: {post: [protest]}" in text
    typo = tmp_path / "typo.rules.yaml"
    typo.write_text(text.replace("on: {post: [protest]}", "on: {post: [protset]}"), encoding="utf-8")
    story, diagnostics = load_story(STORY_PATH, typo)
    errors = [str(d) for d in diagnostics if d.is_error]
    assert story is None and len(errors) == 1, errors
    assert re.fullmatch(
        re.escape(str(typo)) + r":\d+:\d+: E303 rule 'protest' reacts to post tag 'protset', which no "
        r"choice's action in the story has; did you mean 'protest'\?",
        errors[0],
    )
    # A tag far from every known one is allowed (rules may describe actions a story does not offer).
    far = tmp_path / "far.rules.yaml"
    far.write_text(text.replace("on: {post: [protest]}", "on: {post: [sky-diving]}"), encoding="utf-8")
    assert load_story(STORY_PATH, far)[0] is not None


@needs_story
def test_simulate_compare_prints_rules_side_by_side_by_title():
    from ..helpers import run_cli

    result = run_cli("simulate", "--compare", "appealable", "--policy", "loyal", "--runs", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "A  Pearl Credit, as the 2015 reports described it  (the story's own rules)" in out
    assert "B  Pearl Credit with appeals  (appealable)" in out
    assert "Policy loyal (3 runs each)" in out and "Policy conformist" not in out
    rows = {
        line.split("  ")[1]: line.split()[-2:]
        for line in out.splitlines()
        if line.startswith("  ") and "%" in line
    }
    assert any(label.startswith("Tier: ") and label != "Tier: poor" for label in rows)  # titles, not ids
    assert all(len(v) == 2 for v in rows.values())
    median = next(line for line in out.splitlines() if "Final score, median" in line).split()[-2:]
    assert all(v.isdigit() for v in median)


def test_simulate_needs_a_policy_or_compare():
    from ..helpers import run_cli

    result = run_cli("simulate", "--runs", "1")
    assert result.returncode == 2 and "name a --policy" in result.stderr


def test_the_game_exports_its_rules_to_copy(tmp_path):
    from ..helpers import run_cli

    out = tmp_path / "mine.rules.yaml"
    result = run_cli("rules", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (story_dir() / "rules.yaml").read_bytes()
    result = run_cli("rules", "no-friends")
    assert result.returncode == 0 and result.stdout == (LAB / "no-friends.rules.yaml").read_text(
        encoding="utf-8"
    )
    result = run_cli("rules", "nope")
    assert (
        result.returncode == 2
        and "use one of shipped, appealable, no-friends, rewards-dissent" in result.stderr
    )


def test_simulate_compare_prints_the_same_table_whatever_the_hash_seed():
    # Perks are counted from sets; their rows once came in an order that changed with PYTHONHASHSEED.
    import os
    import subprocess
    import sys

    from ..helpers import ROOT

    def table(seed: str) -> str:
        args = ["simulate", "--compare", "no-friends", "--policy", "random", "--runs", "4"]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "game", *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120).stdout

    first = table("1")
    assert "Perk granted" in first and all(table(seed) == first for seed in ("2", "3", "4"))
