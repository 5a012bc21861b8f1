"""A server killed with SIGKILL while players are choosing restarts with every confirmed choice:
each game resumes by deterministic replay, at the same link, in the same state."""

from __future__ import annotations

import re
import threading

import pytest

httpx = pytest.importorskip("httpx")

from bench.server_load import CHOICE_RE, TURN_RE, Server  # noqa: E402

PLAYERS = 4


def _join(client, name):
    r = client.post("/join", data={"code": "load-test", "pseudonym": name})
    page = r.headers["location"]
    client.post(f"{page}/reflect", data={"phase": "before"})
    return page


def _choose(client, page) -> bool:
    html = client.get(page).text
    turn, choice = TURN_RE.search(html), CHOICE_RE.search(html)
    r = client.post(f"{page}/choose", data={"turn": turn.group(1), "choice": choice.group(1)})
    return r.status_code == 303 and "?m=" not in r.headers.get("location", "")


def _state(client, page) -> tuple[int, str]:
    html = client.get(page).text
    title = re.search(r'<h1 id="scene-title"[^>]*>(.*?)</h1>', html).group(1)
    return int(TURN_RE.search(html).group(1)), title


def test_sigkill_mid_game_then_restart_loses_no_confirmed_choice(tmp_path):
    db = tmp_path / "room.sqlite3"
    server = Server(db).start()
    confirmed: dict[str, int] = {}
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            pages = [_join(client, f"kid{i}") for i in range(PLAYERS)]
            client.post(f"{server.facilitator}/phase", data={"phase": "started"})
            for page in pages:
                confirmed[page] = sum(_choose(client, page) for _ in range(3))
            before = {page: _state(client, page) for page in pages}
        # Keep choosing from threads while the server is killed: a choice in flight may or may not
        # be kept, but one the page confirmed must be.
        stop = threading.Event()
        inflight: dict[str, int] = {page: 0 for page in pages}

        def hammer(page):
            with httpx.Client(base_url=server.url, timeout=5) as c:
                while not stop.is_set():
                    try:
                        if _choose(c, page):
                            inflight[page] += 1
                    except (httpx.HTTPError, AttributeError):
                        return

        threads = [threading.Thread(target=hammer, args=(p,)) for p in pages]
        for t in threads:
            t.start()
        while min(inflight.values()) < 2:
            threading.Event().wait(0.05)
        server.kill()
        stop.set()
        for t in threads:
            t.join(10)
    finally:
        server.stop()

    again = Server(db, port=server.port).start()
    try:
        with httpx.Client(base_url=again.url, timeout=10) as client:
            for page in pages:
                turn, _title = _state(client, page)
                kept = confirmed[page] + inflight[page]
                assert turn in (kept, kept + 1), (page, turn, kept)
                assert turn >= before[page][0]
            # The game goes on where it was: another choice is taken at the next turn.
            page = pages[0]
            turn, _ = _state(client, page)
            assert _choose(client, page)
            assert _state(client, page)[0] == turn + 1
    finally:
        again.stop()
