"""The server's durable state: one SQLite file (the standard library's, in WAL mode).

Tables: ``meta`` (the facilitator token, the room's settings and phase), ``players`` (token,
pseudonym, when they joined) and ``steps`` (every confirmed choice and reflection answer, numbered
per player). A step is committed before the page that confirms it is sent, so a server killed at any
moment restarts with every confirmed step; the room rebuilds each game by replaying its choices
(the engine is deterministic: same story, seed and choices, same states).

``synchronous=NORMAL`` (in WAL mode): a commit is in the database's write-ahead log when it returns, so a
killed or crashed server loses nothing it confirmed; only a power cut or an operating-system crash can
lose the last moments before the log's next checkpoint. ``FULL`` would add an fsync to every choice,
which on a busy laptop disk stalled the whole class (each commit blocks the server's one event loop
for 10-50 ms; measured in bench/bench_server.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS players (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    pseudonym TEXT NOT NULL,
    joined TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (
    player INTEGER NOT NULL REFERENCES players(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    t TEXT NOT NULL,
    PRIMARY KEY (player, seq)
);
"""


@dataclass(frozen=True)
class StoredStep:
    """One confirmed step: ``kind`` "choice" (data: {"choice": uid}) or "reflection"
    (data: {"phase": "before"|"after", "answers": {...}}); ``t`` the UTC time it was confirmed."""

    seq: int
    kind: str
    data: dict[str, Any]
    t: str


@dataclass(frozen=True)
class StoredPlayer:
    id: int
    token: str
    pseudonym: str
    joined: str
    steps: tuple[StoredStep, ...]


class Store:
    """The SQLite file at ``path`` (created with its tables if missing). One connection, used from
    the server's one event-loop thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- meta -------------------------------------------------------------------------------------
    def get(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    # -- players ----------------------------------------------------------------------------------
    def add_player(self, token: str, pseudonym: str, joined: str) -> int:
        cur = self.db.execute(
            "INSERT INTO players(token, pseudonym, joined) VALUES(?, ?, ?)", (token, pseudonym, joined)
        )
        return int(cur.lastrowid)

    def add_step(self, player: int, seq: int, kind: str, data: dict[str, Any], t: str) -> None:
        """Commit one step (autocommit: durable when this returns). A repeated ``seq`` raises
        sqlite3.IntegrityError: a step is never written twice."""
        self.db.execute(
            "INSERT INTO steps(player, seq, kind, data, t) VALUES(?, ?, ?, ?, ?)",
            (player, seq, kind, json.dumps(data, ensure_ascii=False), t),
        )

    def players(self) -> list[StoredPlayer]:
        """Every player with their steps in order, oldest player first."""
        steps: dict[int, list[StoredStep]] = {}
        for player, seq, kind, data, t in self.db.execute(
            "SELECT player, seq, kind, data, t FROM steps ORDER BY player, seq"
        ):
            steps.setdefault(player, []).append(StoredStep(seq, kind, json.loads(data), t))
        return [
            StoredPlayer(pid, token, pseudonym, joined, tuple(steps.get(pid, ())))
            for pid, token, pseudonym, joined in self.db.execute(
                "SELECT id, token, pseudonym, joined FROM players ORDER BY id"
            )
        ]

    def steps_of(self, player: int) -> list[StoredStep]:
        """One player's steps in order."""
        return [
            StoredStep(seq, kind, json.loads(data), t)
            for seq, kind, data, t in self.db.execute(
                "SELECT seq, kind, data, t FROM steps WHERE player = ? ORDER BY seq", (player,)
            )
        ]
