"""A player joins with the session code and a pseudonym, answers the questions, plays, and reaches
the debrief; every confirmed step survives a restart (the room replays the SQLite file)."""

from __future__ import annotations

import html as htmllib
import time

from game.web.room import Room

from .conftest import CODE, first_choice, join, open_room, skip_questions


def test_join_needs_the_session_code(client):
    r = client.post("/join", data={"code": "nope", "pseudonym": "x"})
    assert "not this room" in r.text
    assert client.get("/").status_code == 200


def test_a_player_answers_waits_plays_and_sees_notices(client, room):
    page = join(client)
    r = client.get(page)
    assert "Before you play" in r.text and 'type="radio"' in r.text
    q = room.questions(next(iter(room.players.values())))[0]
    client.post(f"{page}/reflect", data={"phase": "before", f"q-{q.id}": "2"})
    assert "The game starts when the facilitator says so" in client.get(page).text
    room.set_phase("started")
    r = client.get(page)
    assert r.status_code == 200 and 'aria-live="polite"' in r.text
    turn, choice = first_choice(r.text)
    r = client.post(f"{page}/choose", data={"turn": turn, "choice": choice}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == page
    player = next(iter(room.players.values()))
    assert player.session.state.turn == 1 and player.before == {q.id: 2}
    # A second submit of the same page (a double click, a reload) changes nothing.
    r = client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    assert "out of date" in r.text
    assert player.session.state.turn == 1


def test_every_page_has_a_strict_content_security_policy(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "<script>" not in r.text and "style=" not in r.text


def test_time_up_sends_everyone_to_the_questions_after_and_the_debrief(client, room):
    page = join(client, "Bo")
    skip_questions(client, page)
    room.set_phase("started")
    turn, choice = first_choice(client.get(page).text)
    client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    room.set_phase("timeup")
    assert "Now that you have played" in client.get(page).text
    skip_questions(client, page, "after")
    r = client.get(page)
    assert "Debrief" in r.text and "How did it feel?" in r.text


def test_a_restart_replays_every_confirmed_step(story, db, client, room):
    page = join(client, "Cy")
    skip_questions(client, page)
    room.set_phase("started")
    for _ in range(5):
        turn, choice = first_choice(client.get(page).text)
        client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    before = next(iter(room.players.values())).session.state
    again = open_room(story, db, transparency="opaque")  # stored settings win over new ones
    try:
        player = again.player(page.rsplit("/", 1)[1])
        assert player.session.state.to_json() == before.to_json()
        assert again.settings.transparency == "partial" and again.phase == "started"
        assert again.facilitator_token == room.facilitator_token
    finally:
        again.store.close()


def test_hostile_pseudonyms_are_text_everywhere(client, room):
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    page = join(client, evil)
    assert "<script>alert" not in client.get(page).text
    r = client.get(f"/f/{room.facilitator_token}")
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert htmllib.escape(evil[:40], quote=True)[:20] in r.text


def test_return_code_and_cookie_bring_a_player_back(client):
    page = join(client, "Di")
    token = page.rsplit("/", 1)[1]
    typed = f" {token[:5].upper()}-{token[5:]} "
    fresh = client.__class__(client.app, base_url="http://testserver")
    r = fresh.post("/return", data={"token": typed}, follow_redirects=False)
    assert r.headers["location"] == page
    assert client.get("/", follow_redirects=False).headers["location"] == page


def test_the_facilitator_page_needs_its_token(client, room):
    assert client.get("/f/guess").status_code == 404
    r = client.get(f"/f/{room.facilitator_token}")
    assert r.status_code == 200 and CODE in r.text and "<svg" in r.text


def test_facilitator_phases_and_live_figures(client, room):
    join(client, "Ed")
    f = f"/f/{room.facilitator_token}"
    client.post(f"{f}/phase", data={"phase": "started"})
    assert room.phase == "started"
    r = client.get(f"{f}/live?once=1")
    assert '"joined": 1' in r.text and '"phase": "started"' in r.text
    client.post(f"{f}/phase", data={"phase": "reveal"})
    assert room.revealed and "The rules:" in client.get(f).text


def test_export_gives_the_file_routes_logs_and_report(client, room):
    import io
    import json
    import zipfile

    page = join(client, "Fa")
    skip_questions(client, page)
    room.set_phase("started")
    turn, choice = first_choice(client.get(page).text)
    client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    f = f"/f/{room.facilitator_token}"
    z = zipfile.ZipFile(io.BytesIO(client.get(f"{f}/logs.zip").content))
    (name,) = z.namelist()
    lines = [json.loads(x) for x in z.read(name).decode().splitlines()]
    assert [x["type"] for x in lines] == ["header", "reflection", "claims", "choice"]
    assert lines[0]["pseudonym"] == "Fa" and lines[0]["session_code"] == CODE
    r = client.get(f"{f}/report.html")
    assert r.status_code == 200 and "<html" in r.text


def test_oversized_bodies_and_floods_are_refused(client, room):
    page = join(client, "Gu")
    r = client.post(f"{page}/reflect", content=b"x" * 20000, headers={"content-type": "text/plain"})
    assert r.status_code == 413
    frozen = time.monotonic()
    client.app.limiter.clock = lambda: frozen  # no time passes: the burst decides, however slow the machine
    codes = {client.get(page).status_code for _ in range(60)}
    assert 429 in codes


def test_room_type_is_importable_without_a_browser():
    assert Room.open


def test_serve_says_in_one_line_what_is_wrong(tmp_path, capsys):
    import socket

    from game.cli import main

    assert main(["serve", "--code", "bad code!", "--data", str(tmp_path / "x.db")]) == 2
    assert "bad session code" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        rc = main(["serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(tmp_path / "x.db")])
    err = capsys.readouterr().err
    assert rc == 2 and "cannot listen on" in err and "Traceback" not in err


def test_the_phone_shows_what_the_mode_allows(story):
    """docs/scoring-format.md, "What each mode shows": figures of each contact's pull only when
    transparent; reasons in the ledger never when opaque."""
    from game.engine import Session
    from game.web import views
    from game.web.app import templates

    phone = templates().get_template("phone.html")
    shown = {}
    for mode in ("opaque", "partial", "transparent"):
        session = Session(story, 7, {"seed": 7, "transparency": mode})
        for _ in range(25):
            enabled = [c for c in session.frame().choices if c.enabled]
            if not enabled or session.ended:
                break
            session.choose(enabled[0].id)
        app = views.phone(session)
        assert app is not None
        shown[mode] = (app, phone.render(app=app))
    assert all(app["line"] is None for app, _ in shown.values()), "the app should be on by turn 25"
    assert "pull" not in shown["opaque"][1] and "pull " not in shown["partial"][1]
    assert all(why == "" for *_x, why in shown["opaque"][0]["ledger"])
    assert any(why for *_x, why in shown["partial"][0]["ledger"])
    if shown["transparent"][0]["friends"]:
        assert "pull " in shown["transparent"][1]
