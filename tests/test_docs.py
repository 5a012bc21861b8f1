"""The format reference and the JSON Schema are generated from the loader's own definitions."""

import jsonschema
import pytest

from game.authoring import reference
from game.authoring.schema import DOC_SCHEMA, schema_text, story_schema
from game.engine.diagnostics import CODES
from game.engine.yamlsafe import load_file
from game.paths import story_dir

from .helpers import ROOT, SAMPLE

STORY_FILES = sorted(story_dir().rglob("*.yaml")) + sorted(SAMPLE.rglob("*.yaml"))


@pytest.mark.parametrize("doc", [reference.DOC, reference.SCORING_DOC], ids=lambda p: p.name)
def test_format_reference_is_up_to_date(doc):
    text = doc.read_text(encoding="utf-8")
    assert reference.render(text) == text, "run: python -m game.authoring.reference"


def test_every_code_is_documented():
    text = reference.DOC.read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in text


def test_shipped_schema_file_is_up_to_date():
    assert DOC_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "run: socialscore schema -o docs/story.schema.json"
    )


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_schema_accepts_every_shipped_story_file(path):
    node, diagnostics = load_file(path)
    assert not diagnostics
    jsonschema.validate(node.plain(), story_schema())


@pytest.mark.parametrize(
    "data",
    [
        {"story": {"id": "x", "title": "T"}},  # no start
        {"scenes": {"a": {"titel": "typo"}}},
        {"scenes": {"a": {"choices": [{"id": "c"}]}}},  # choice without text
        {"scenes": {"bad-id": {}}},
        {"variables": {"x": {"type": "float"}}},
        {"scenes": {"a": {"choices": [{"id": "c", "text": "t", "once": "yes"}]}}},
    ],
)
def test_schema_rejects_broken_files(data):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, story_schema())
