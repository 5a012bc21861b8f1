"""One ``serve`` hosts players of both scenarios (#18 item 5, #17): a room whose preset says
``stories: [pearl, many-numbers]`` gives each player the next story as they join, asks each player their
own story's questions, keeps the two groups' figures apart for the facilitator, writes each player's
log under their story, replays both after a restart, and plays Pearl in the classroom cut."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from game.engine import load_story_or_raise
from game.paths import story_dir
from game.web.room import Settings

from .conftest import CODE, first_choice, join, open_room, skip_questions

pytest.importorskip("starlette")


@pytest.fixture(scope="module")
def stories():
    return {name: load_story_or_raise(story_dir(name)) for name in ("pearl", "many-numbers")}


@pytest.fixture
def mixed(stories, db):
    room = open_room(stories, db, stories=("pearl", "many-numbers"), cut="classroom")
    yield room
    room.store.close()


@pytest.fixture
def mixed_client(mixed):
    from starlette.testclient import TestClient

    from game.web.app import create_app

    with TestClient(create_app(mixed), base_url="http://testserver") as c:
        yield c


def test_players_get_the_stories_in_turn_and_pearl_in_the_classroom_cut(mixed_client, mixed):
    pages = [join(mixed_client, name) for name in ("A", "B", "C")]
    players = list(mixed.players.values())
    assert [p.session.story.id for p in players] == ["social_score", "many_numbers", "social_score"]
    assert players[0].session.state.vars["cut"] == "classroom"
    assert "cut" not in players[1].session.state.vars
    # each is asked their own story's questions
    for page, player in zip(pages, players, strict=True):
        html = mixed_client.get(page).text
        for q in mixed.questions(player):
            assert f'name="q-{q.id}"' in html
        skip_questions(mixed_client, page)
    mixed.set_phase("started")
    assert "Under the door" in mixed_client.get(pages[1]).text  # Many Numbers' first scene
    for page in pages:
        turn, choice = first_choice(mixed_client.get(page).text)
        mixed_client.post(f"{page}/choose", data={"turn": turn, "choice": choice})


def test_the_facilitator_sees_each_story_apart(mixed_client, mixed):
    for name in ("A", "B", "C"):
        join(mixed_client, name)
    figures = mixed.figures()
    groups = {g["story"]: g for g in figures["groups"]}
    assert set(groups) == {"Social Score", "Many Numbers"}
    assert groups["Social Score"]["joined"] == 2 and groups["Many Numbers"]["joined"] == 1
    assert groups["Social Score"]["mean_score"] == 650 and groups["Many Numbers"]["mean_score"] == 640
    assert figures["mean_score"] is None  # never one mean over two scales
    page = mixed_client.get(f"/f/{mixed.facilitator_token}").text
    assert "By story" in page and "“Social Score” and “Many Numbers”" in page
    assert page.count('data-live="mean_score"') == 0 and '<th scope="col">Story</th>' in page
    mixed_client.post(f"/f/{mixed.facilitator_token}/phase", data={"phase": "reveal"})
    page = mixed_client.get(f"/f/{mixed.facilitator_token}").text
    assert "The rules of “Social Score”" in page and "The rules of “Many Numbers”" in page


def test_logs_carry_each_player_s_story_and_a_restart_replays_both(mixed_client, mixed, stories, db):
    pages = [join(mixed_client, name) for name in ("A", "B")]
    for page in pages:
        skip_questions(mixed_client, page)
    mixed.set_phase("started")
    for page in pages:
        for _ in range(3):
            turn, choice = first_choice(mixed_client.get(page).text)
            mixed_client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    states = {p.token: p.session.state.to_json() for p in mixed.players.values()}
    data = mixed_client.get(f"/f/{mixed.facilitator_token}/logs.zip").content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        heads = [json.loads(archive.read(n).decode().splitlines()[0]) for n in archive.namelist()]
    assert sorted(h["story"] for h in heads) == ["many_numbers", "social_score"]
    again = open_room(stories, db)  # the stored settings (stories, cut) win
    try:
        assert again.settings.stories == ("pearl", "many-numbers") and again.settings.cut == "classroom"
        assert {p.token: p.session.state.to_json() for p in again.players.values()} == states
        assert not again.replay_problems
    finally:
        again.store.close()


def test_a_room_stored_before_stories_and_cut_existed_replays_as_it_was_played(story, db):
    """Old files have neither field: the story's own cut (full), one story for everyone."""
    settings = Settings.from_json({"session_code": CODE, "seed": 7, "transparency": "partial"})
    assert settings.stories == () and settings.cut is None and settings.story_names == (None,)
    room = open_room(story, db)
    try:
        assert room.new_session(1).state.vars["cut"] == "full"
    finally:
        room.store.close()
