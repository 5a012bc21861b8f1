"""Hand-made session logs with known answers: the report's figures are checked against these, not
against the code that wrote them."""

from __future__ import annotations

import json
from pathlib import Path

from game.workshop.log import SCHEMA

TIERS = [
    {"id": "poor", "title": "Poor", "min": 350},
    {"id": "good", "title": "Good", "min": 600},
    {"id": "outstanding", "title": "Outstanding", "min": 750},
]


def header(**fields) -> dict:
    base = {
        "type": "header",
        "schema": SCHEMA,
        "story": "crafted",
        "story_title": "Crafted",
        "story_version": "1",
        "rules": {"id": "shipped", "title": "Shipped rules"},
        "seed": 1,
        "transparency": "transparent",
        "pseudonym": "",
        "session_code": "mon",
        "started": "2026-12-01T10:00:00+00:00",
        "start_scene": "opt_in",
        "start_score": 650,
        "start_tier": "good",
        "range": {"min": 350, "max": 950, "start": 650},
        "tiers": TIERS,
        "questions": [],
    }
    return base | fields


def choice(turn: int, uid: str, score: int = 650, key: bool = True, text: str = "", **fields) -> dict:
    scene = uid.partition(".")[0]
    return {
        "type": "choice",
        "turn": turn,
        "scene": scene,
        "scene_title": scene.replace("_", " ").title(),
        "choice": uid,
        "text": text or uid.partition(".")[2].replace("_", " "),
        "key": key,
        "offered": [],
        "score": score,
        "tier": "good",
        "events": [],
    } | fields


def end(turn: int, score: int = 650, tier: str = "good", ending: str = "uneasy") -> dict:
    return {"type": "end", "ending": ending, "ending_title": ending.title(), "turn": turn, "score": score,
            "tier": tier}  # fmt: skip


def write(folder: Path, name: str, lines: list[dict]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def player(folder: Path, name: str, uids: list[str], finish: bool = True, **head) -> Path:
    """A log of one player who chose ``uids`` in order (scores unchanged)."""
    head.setdefault("pseudonym", name)  # one player per file unless a test makes copies on purpose
    lines = [header(**head)] + [choice(i, uid) for i, uid in enumerate(uids, 1)]
    if finish:
        lines.append(end(len(uids)))
    return write(folder, name, lines)
