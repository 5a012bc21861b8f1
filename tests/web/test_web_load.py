"""60 simulated players on a real server (127.0.0.1), each choosing once a second for a bounded
number of rounds: no request fails, and every player's exported log holds every confirmed choice.
(Response times are measured by bench/bench_server.py, not asserted here.)"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

httpx = pytest.importorskip("httpx")

from bench.server_load import Server, simulate  # noqa: E402

PLAYERS = 60
ROUNDS = 6


def test_sixty_players_choosing_every_second_lose_nothing(tmp_path):
    with Server(tmp_path / "room.sqlite3") as server:
        result = simulate(server, PLAYERS, ROUNDS)
        assert result.errors == []
        assert len(result.confirmed) == PLAYERS
        assert all(n == ROUNDS for n in result.confirmed.values()), result.confirmed
        data = httpx.get(f"{server.url}{server.facilitator}/logs.zip", timeout=60).content
    logs = zipfile.ZipFile(io.BytesIO(data))
    assert len(logs.namelist()) == PLAYERS
    for name in logs.namelist():
        lines = [json.loads(x) for x in logs.read(name).decode().splitlines()]
        kinds = [x["type"] for x in lines]
        # the questions page answers the reflection questions and the claims (one line each)
        assert kinds == ["header", "reflection", "claims"] + ["choice"] * ROUNDS, (name, kinds)
        assert [x["turn"] for x in lines[3:]] == list(range(1, ROUNDS + 1))
