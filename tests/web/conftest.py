"""Fixtures for the classroom server: the shipped story (loaded once), a room in a temporary SQLite
file, and an HTTP client on it (Starlette's TestClient: the real app, no network)."""

from __future__ import annotations

import re
import warnings

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():  # starlette suggests httpx2, httpx still does the job
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from game.engine import load_story_or_raise  # noqa: E402
from game.paths import story_dir  # noqa: E402
from game.web.app import create_app  # noqa: E402
from game.web.room import Room, Settings  # noqa: E402
from game.web.store import Store  # noqa: E402

CODE = "tue-3b"


@pytest.fixture(scope="session")
def story():
    return load_story_or_raise(story_dir())


@pytest.fixture
def db(tmp_path):
    return tmp_path / "room.sqlite3"


def open_room(story, db, **settings) -> Room:
    return Room.open(story, Store(db), Settings(session_code=CODE, seed=7, **settings))


@pytest.fixture
def room(story, db):
    r = open_room(story, db, transparency="partial")
    yield r
    r.store.close()


@pytest.fixture
def client(room):
    with TestClient(create_app(room, join_url="http://192.0.2.1:8000/"), base_url="http://testserver") as c:
        yield c


def join(client, pseudonym: str = "Ada") -> str:
    """Join as ``pseudonym``; returns the player's page path /p/<token>."""
    r = client.post("/join", data={"code": CODE, "pseudonym": pseudonym}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def first_choice(html: str) -> tuple[str, str]:
    """(turn, choice id) of the first enabled choice on a play page."""
    turn = re.search(r'name="turn" value="(\d+)"', html).group(1)
    choice = re.search(r'<button type="submit" name="choice" value="([^"]+)"', html).group(1)
    return turn, choice


def skip_questions(client, page: str, phase: str = "before") -> None:
    r = client.post(f"{page}/reflect", data={"phase": phase}, follow_redirects=False)
    assert r.status_code == 303
