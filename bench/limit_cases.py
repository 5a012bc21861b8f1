"""Stories at the limits (#12 item 2): the worst cases a lint-clean story may hold, for the bench.

Each function writes one story file and returns its path; ``bench_limits`` plays them and times
each choice. The tests only check that every case lints clean (no timing in tests).
"""

from __future__ import annotations

from pathlib import Path

from game.engine import limits


def _contacts(n: int) -> list[str]:
    lines = ["contacts:"]
    for i in range(n):
        lines += [
            f"  c{i}:",
            f"    name: Contact {i}",
            f"    score: {400 + (i * 37) % 500}",
            "    closeness: 3",
            f"    trajectory: {(i % 5) - 2}",
            "    friend: true",
            f"    tags: [t{i % 7}]",
            "    drops_below: 420",
            "    reactions:",
            "      - {on: {post: [protest]}, closeness: -1}",
        ]
    return lines


def _rules(tiers: int, perks: int, rules: int, eras: int = 1) -> list[str]:
    lines = [
        "scoring:",
        "  id: worst",
        "  title: Worst case",
        "  range: {min: 0, max: 100000, start: 50000}",
        "  tiers:",
    ]
    lines += [
        f"    - {{id: t{i}, title: Tier {i}, min: {i * (100000 // max(tiers, 1))}}}" for i in range(tiers)
    ]
    lines += ["  perks:"]
    lines += [f"    p{i}: {{title: Perk {i}, min: {(i * 97) % 100000}}}" for i in range(perks)]
    lines += ["  eras:"]
    lines += [f"    - {{id: e{i}, title: Era {i}, from: {1900 + i}-01}}" for i in range(eras)]
    lines += ["  rules:"]
    for i in range(rules):
        lines += [
            f"    - id: r{i}",
            f'      "on": {{buy: [k{i % 10}], post: [protest]}}',
            "      factor: behaviour",
            f"      change: {(i % 11) - 5}",
            "      limit: {times: 3, per: month}",
        ]
    lines += ["  drift: {toward: 60000, percent: 2}", "  pull: {percent: 10}"]
    return lines


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _dated_pair(folder: Path, name: str, head: list[str], months: int, actions: str = "") -> Path:
    """Two scenes, the second ``months`` after the calendar's start (2015-01): one choice moves
    the calendar that far."""
    acts = f"actions: [{actions}], " if actions else ""
    lines = [f"story: {{id: {name}, title: {name}, start: a}}", "calendar: {start: 2015-01}", *head]
    lines += [
        "scenes:",
        f"  a: {{text: Start., choices: [{{id: go, text: Go, {acts}next: b}}]}}",
        f"  b: {{date: {_month(2015 * 12 + months)}, text: Later.,",
        "      choices: [{id: go, text: Go, next: end}]}",
        "endings:",
        "  end: {title: End}",
    ]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def calendar_refused(folder: Path) -> Path:
    """The issue's case: 1900-01 to 2099-12 in one choice with 50 contacts (E210 at load)."""
    lines = ["story: {id: cal, title: Calendar, start: a}", "calendar: {start: 1900-01}"]
    lines += _rules(tiers=10, perks=10, rules=10, eras=4) + _contacts(50)
    lines += [
        "scenes:",
        "  a: {text: Start., choices: [{id: go, text: Go, actions: [{post: protest}], next: b}]}",
        "  b: {date: 2099-12, text: Later., choices: [{id: go, text: Go, next: end}]}",
        "endings:",
        "  end: {title: End}",
    ]
    path = folder / "calendar-refused.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def calendar_contacts(folder: Path) -> Path:
    """The most contacts, and the longest calendar move one choice may make with them."""
    months = limits.STEP_MONTH_WORK // (limits.CONTACTS + 1)
    head = _rules(tiers=10, perks=10, rules=10) + _contacts(limits.CONTACTS)
    return _dated_pair(folder, "calendar_contacts", head, months, "{post: protest}")


def calendar_long(folder: Path) -> Path:
    """No contacts, and the longest calendar move one choice may make (drift every month)."""
    head = _rules(tiers=10, perks=10, rules=10, eras=4)
    return _dated_pair(folder, "calendar_long", head, limits.STEP_MONTH_WORK - 1)


def rules_case(folder: Path) -> Path:
    """Tiers, perks, rules, contacts and actions on one choice all at their maxima, with the
    longest calendar move allowed with that many contacts."""
    months = limits.STEP_MONTH_WORK // (limits.CONTACTS + 1)
    head = _rules(limits.TIERS, limits.PERKS, limits.RULES, eras=4) + _contacts(limits.CONTACTS)
    actions = ", ".join(f"{{buy: k{i % 10}}}" for i in range(limits.ACTIONS_PER_CHOICE))
    return _dated_pair(folder, "rules", head, months, actions)


def choices_case(folder: Path) -> Path:
    """One scene with the most choices allowed, each with an enable_if and effects."""
    lines = [
        "story: {id: wide, title: Wide, start: a}",
        "variables:",
        "  n: {type: int, initial: 0}",
        "scenes:",
    ]
    lines += ["  a:", "    text: Many roads.", "    choices:"]
    lines += [
        f"      - {{id: c{i}, text: Road {i}, enable_if: n < {i + 1}, effects: [n += 1], next: end}}"
        for i in range(limits.CHOICES_PER_SCENE)
    ]
    lines += ["endings:", "  end: {title: End}"]
    path = folder / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: The cases that must lint clean and play each choice well under 50 ms.
CASES = {
    "calendar_contacts": calendar_contacts,
    "calendar_long": calendar_long,
    "rules": rules_case,
    "choices": choices_case,
}
#: Cases past the limits: refused at load with E210.
REFUSED = {"calendar_1900_2099": calendar_refused}
