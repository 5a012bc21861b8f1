"""``socialscore schema``: a JSON Schema of story files, generated from the loader's own records.

The schema checks the shape of a file (fields, types, ids) so that editors can complete
and validate while an author types; ``socialscore lint`` checks everything else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..engine import format as fmt
from ..engine.schema import Record
from ..launch import UsageError

SCHEMA_ID = "https://socialscore.example/story.schema.json"
DOC_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "story.schema.json"


def story_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one story file."""
    schema = fmt.FILE.json_schema()
    assert isinstance(fmt.FILE, Record)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Social Score story file (format {fmt.FORMAT_VERSION})",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(output: str | None = None) -> int:
    from ..engine.files import write_text

    text = schema_text()
    if output:
        try:
            write_text(output, text)
        except OSError as exc:
            raise UsageError(f"socialscore schema: cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    return 0
