"""Every limit the game holds files and stories to, in one place (the contract of issue #12).

Each limit is a :class:`Limit`: its value, what it bounds, and the code a file that goes past it
gets. The modules that enforce them import the values from here; ``docs/story-format.md``'s
"Limits" table is generated from :data:`LIMITS` (a test checks it is current), so the
documentation and the code cannot drift apart.
"""

from __future__ import annotations

from msgspec import Struct


class Limit(Struct, frozen=True):
    """One bound: ``value`` of ``unit``; going past it is ``code`` (or ``enforced`` says what happens)."""

    key: str
    value: int
    unit: str
    what: str
    code: str
    enforced: str = "refused at load"


_TABLE: list[Limit] = []


def _limit(key: str, value: int, unit: str, what: str, code: str, enforced: str = "refused at load") -> int:
    _TABLE.append(Limit(key, value, unit, what, code, enforced))
    return value


# --- files ------------------------------------------------------------------------------------------
FILE_BYTES = _limit("file_bytes", 1_000_000, "bytes", "one story, rules or preset file", "E101")
YAML_DEPTH = _limit("yaml_depth", 64, "levels", "nesting of mappings and lists in one YAML file", "E108")
STORY_FILES = _limit("story_files", 500, "files", "YAML files in one story folder", "E100")
STORY_BYTES = _limit("story_bytes", 4_000_000, "bytes", "all the files of one story together", "E101")
FOLDER_ENTRIES = _limit(
    "folder_entries", 20_000, "entries", "files and folders looked at in one story folder", "E100"
)
SAVE_BYTES = _limit("save_bytes", 20_000_000, "bytes", "one save file", "E600")
JSON_DEPTH = _limit("json_depth", 32, "levels", "nesting in a save, settings file or log line", "E600")

# --- numbers and text ---------------------------------------------------------------------------------
INT_MAGNITUDE = _limit(
    "int_magnitude",
    10**15,
    "absolute value",
    "any whole number a story computes (results saturate here) or a save holds",
    "E600",
    "saturated in play; a save beyond it is refused",
)
TEXT_CHARS = _limit(
    "text_chars",
    10_000,
    "characters",
    "text a story computes with '+' (cut here) or a save holds in a variable",
    "E600",
    "cut in play; a save beyond it is refused",
)
SET_ITEMS = _limit("set_items", 10_000, "items", "one set variable in a save", "E600")

# --- story size (chosen so that any lint-clean story plays a choice well under 50 ms: bench_limits) ---
CHOICES_PER_SCENE = _limit("choices_per_scene", 1_000, "choices", "choices of one scene", "E210")
ACTIONS_PER_CHOICE = _limit("actions_per_choice", 10, "actions", "actions of one choice", "E210")
TIERS = _limit("tiers", 50, "tiers", "tiers of the scoring rules", "E210")
PERKS = _limit("perks", 100, "perks", "perks and penalties of the scoring rules", "E210")
RULES = _limit("rules", 100, "rules", "rules of the scoring rules", "E210")
CONTACTS = _limit("contacts", 50, "contacts", "contacts of a story", "E210")
CALENDAR_MONTHS = _limit(
    "calendar_months", 1_200, "months", "from the calendar's start to the latest scene date", "E210"
)
STEP_MONTH_WORK = _limit(
    "step_month_work",
    240,
    "contact-months",
    "the months one choice can move the calendar, times (contacts + 1): each month costs a pass over them",
    "E210",
)

# --- saves --------------------------------------------------------------------------------------------
SAVE_TURNS = _limit("save_turns", 1_000_000, "turns", "the turn (and path length) of a save", "E600")
DRAWS_PER_TURN = _limit(
    "draws_per_turn", 100_000, "draws", "random draws a save may hold per turn played", "E600"
)

LIMITS: tuple[Limit, ...] = tuple(_TABLE)


def markdown_table() -> str:
    """The table of every limit, for the docs (generated; see the module doc)."""
    rows = ["| limit | value | bounds | beyond it |", "| --- | --- | --- | --- |"]
    for limit in LIMITS:
        value = f"{limit.value:,}" if limit.value < 10**9 else f"10^{len(str(limit.value)) - 1}"
        rows.append(
            f"| `{limit.key}` | {value} {limit.unit} | {limit.what} | {limit.enforced} ({limit.code}) |"
        )
    return "\n".join(rows) + "\n"
