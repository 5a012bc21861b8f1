"""lint checks a rules file alone, and a story with --rules (finding 7)."""

from __future__ import annotations

from ..helpers import ROOT, run_cli, write_story

BAD_RULES = """\
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 500}
  tiers: [{id: low, title: Low, min: 0}]
  perks: {p: {title: P, tier: nope}}
"""


def test_a_broken_rules_file_alone_is_linted_with_its_line(tmp_path):
    path = write_story(tmp_path, BAD_RULES, "broken.rules.yaml")
    result = run_cli("lint", path)
    assert result.returncode == 1
    assert f"{path}:6:11: E303 perk 'p' names an unknown tier 'nope'" in result.stdout.splitlines()


def test_a_file_holding_only_scoring_is_a_rules_file(tmp_path):
    path = write_story(tmp_path, BAD_RULES, "mine.yaml")
    result = run_cli("lint", path)
    assert result.returncode == 1 and "E303" in result.stdout


def test_every_shipped_rules_file_lints_clean_alone():
    for path in sorted((ROOT / "story" / "pearl" / "rules-lab").glob("*.rules.yaml")):
        result = run_cli("lint", path)
        assert result.returncode == 0, result.stdout


def test_lint_rules_checks_the_story_with_that_rules_file(tmp_path):
    path = write_story(tmp_path, BAD_RULES, "broken.rules.yaml")
    result = run_cli("lint", "--rules", path, ROOT / "story" / "pearl")
    assert result.returncode == 1
    assert "E303 perk 'p' names an unknown tier 'nope'" in result.stdout
    assert run_cli("lint", "--rules", "no-friends", ROOT / "story" / "pearl").returncode == 0
