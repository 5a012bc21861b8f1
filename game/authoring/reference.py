"""The generated parts of ``docs/story-format.md``: field tables, diagnostic codes, mechanics.

They are generated from the same registries the loader uses (:mod:`game.engine.format`,
:mod:`game.engine.diagnostics`), between marker comments in the document. A test fails
when the document is out of date; ``python -m game.authoring.reference`` rewrites it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..engine import format as fmt
from ..engine.diagnostics import CODES
from ..engine.schema import Record
from ..engine.scoring import format as scoring_fmt

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "story-format.md"
SCORING_DOC = DOCS / "scoring-format.md"
_BLOCK = re.compile(r"(<!-- generated:([\w-]+) -->\n)(.*?)(<!-- /generated:\2 -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(value) -> str:
    if value is None:
        return "—"
    if value is False:
        return "`false`"
    if value == [] or value == {}:
        return "empty"
    if value == "":
        return "empty text"
    return f"`{value}`"


def _type(spec) -> str:
    """The spec's type, with its allowed range when it has one (the loader enforces the same)."""
    lo, hi = getattr(spec, "lo", None), getattr(spec, "hi", None)
    if lo is None and hi is None:
        return spec.type_name
    if hi is None:
        return f"{spec.type_name}, at least {lo:,}"
    if lo is None:
        return f"{spec.type_name}, at most {hi:,}"
    return f"{spec.type_name}, {lo:,} to {hi:,}"


def record_table(record: Record) -> str:
    rows = [
        f"**{record.name}**: {record.doc}",
        "",
        "| field | type | required | default | meaning | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in record.fields:
        rows.append(
            f"| `{f.name}` | {_cell(_type(f.spec))} | {'yes' if f.required else 'no'} "
            f"| {_default(f.default)} | {_cell(f.doc)} | `{_cell(f.example)}` |"
        )
    if record.shorthand:
        rows.append("")
        rows.append(f"Shorthand: a plain value instead of the mapping stands for `{record.shorthand}`.")
    return "\n".join(rows)


def fields_section() -> str:
    return "\n\n".join(record_table(r) for r in fmt.RECORDS)


def codes_section() -> str:
    rows = ["| code | name | severity | meaning |", "| --- | --- | --- | --- |"]
    for code in CODES.values():
        rows.append(f"| `{code.id}` | {code.name} | {code.severity} | {_cell(code.summary)} |")
    return "\n".join(rows)


def mechanics_section() -> str:
    rows = ["| mechanic | what the scene shows |", "| --- | --- |"]
    rows.extend(f"| `{name}` | {_cell(doc)} |" for name, doc in fmt.MECHANICS.items())
    return "\n".join(rows)


def scoring_fields_section() -> str:
    return "\n\n".join(record_table(r) for r in scoring_fmt.RECORDS)


def limits_section() -> str:
    from ..engine.limits import markdown_table

    return markdown_table().rstrip("\n")


SECTIONS = {
    "fields": fields_section,
    "scoring-fields": scoring_fields_section,
    "codes": codes_section,
    "mechanics": mechanics_section,
    "limits": limits_section,
}


def render(text: str) -> str:
    """``text`` with every generated block replaced by its current content."""

    def fill(match: re.Match) -> str:
        make = SECTIONS.get(match.group(2))
        if make is None:
            return match.group(0)
        return f"{match.group(1)}{make()}\n{match.group(4)}"

    return _BLOCK.sub(fill, text)


def main(argv: list[str] | None = None) -> int:
    for doc in (DOC, SCORING_DOC):
        text = doc.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"updated {doc}")
        else:
            print(f"{doc} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
