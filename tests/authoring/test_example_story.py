"""The commented example story in docs/examples (findings 10 and 12).

It must stay clean, stay the same story as the engine tests' sample (only comments and the
quoted "on" keys differ), and validate against the schema when read by a YAML 1.1 parser.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from game.authoring.lint import lint
from game.authoring.schema import story_schema
from game.engine.yamlsafe import load_file
from game.paths import story_dir

from ..helpers import ROOT, SAMPLE

EXAMPLE = ROOT / "docs" / "examples" / "market-day"


def test_the_example_lints_clean():
    result = lint(str(EXAMPLE))
    assert (result.errors, result.warnings) == (0, 0), [str(d) for d in result.diagnostics]
    assert result.stats["endings"] == 2


def test_the_example_is_the_sample_story_with_comments():
    example, _ = load_file(EXAMPLE / "story.yaml")
    sample, _ = load_file(SAMPLE / "story.yaml")
    assert example.plain() == sample.plain()
    assert (EXAMPLE / "story.yaml").read_text(encoding="utf-8").count("\n#") > 10


def test_the_example_is_not_the_shipped_story():
    assert story_dir().resolve() != EXAMPLE.resolve()
    assert EXAMPLE.resolve() not in story_dir().resolve().parents


def test_a_yaml_1_1_validator_accepts_the_example_with_quoted_on_keys():
    # PyYAML reads a bare `on:` as True; the example writes "on": as the docs advise.
    data = yaml.safe_load((EXAMPLE / "story.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, story_schema())
    bare = yaml.safe_load((SAMPLE / "story.yaml").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="True was unexpected"):
        jsonschema.validate(bare, story_schema())  # why the docs ask for "on": with YAML 1.1 tools
