"""Claims and techniques in the browser: the claims on the questions page before and after play,
stored with the reflection step (so a restart keeps them) and exported as the file route's claims
lines; a technique named as an aside under the scene; the debrief's levers and claims card. Then
the same in a real Chromium at phone width."""

from __future__ import annotations

import io
import json
import zipfile

from .conftest import first_choice, join, open_room
from .test_web_browser import _join, _no_csp_violations, _shot, _wait, browsers  # noqa: F401 - a fixture

BEFORE = {"visa_score": "true", "mandatory_2020": "true", "one_score": "unsure", "protest_posts": "bogus"}
AFTER = {"visa_score": "true", "mandatory_2020": "false", "one_score": "false"}


def answer(client, page: str, phase: str, rated: dict[str, str]) -> None:
    data = {"phase": phase, **{f"c-{cid}": value for cid, value in rated.items()}}
    r = client.post(f"{page}/reflect", data=data, follow_redirects=False)
    assert r.status_code == 303


def test_claims_asked_stored_replayed_exported_and_shown_in_the_debrief(story, db, client, room):
    page = join(client, "Di")
    r = client.get(page)
    assert "True or false?" in r.text and 'name="c-mandatory_2020" value="unsure"' in r.text
    answer(client, page, "before", BEFORE)
    player = next(iter(room.players.values()))
    # what is not one of the three answers is dropped, as a bad scale answer is
    assert player.rated["before"] == {"visa_score": "true", "mandatory_2020": "true", "one_score": "unsure"}
    room.set_phase("started")
    r = client.get(page)
    assert '<aside class="technique"><p>Technique: Optional by design — ' in r.text
    for _ in range(3):
        turn, choice = first_choice(client.get(page).text)
        client.post(f"{page}/choose", data={"turn": turn, "choice": choice})
    room.set_phase("timeup")
    assert "The same statements again" in client.get(page).text
    answer(client, page, "after", AFTER)
    again = open_room(story, db)
    try:
        assert again.player(page.rsplit("/", 1)[1]).rated == player.rated  # a restart keeps them
    finally:
        again.store.close()
    r = client.get(page)
    assert "The levers the app pulled on you" in r.text and "Optional by design" in r.text
    assert "Not in your game:" in r.text
    assert "Right before play: 1 of 6; after play: 3 of 6." in r.text
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/f/{room.facilitator_token}/logs.zip").content))
    lines = [json.loads(x) for x in z.read(z.namelist()[0]).decode().splitlines()]
    rated = [x for x in lines if x["type"] == "claims"]
    assert [x["phase"] for x in rated] == ["before", "after"] and rated[1]["answers"] == AFTER


def test_a_phone_player_rates_the_claims_and_meets_a_technique_in_chromium(browsers, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    from bench.server_load import Server

    with Server(tmp_path / "room.sqlite3") as server:
        phone = browsers(360, 740)
        phone.get(server.url + "/")
        from selenium.webdriver.common.keys import Keys

        phone.find_element(By.ID, "code").send_keys("load-test")
        field = phone.find_element(By.ID, "pseudonym")
        field.send_keys("Eli")
        field.send_keys(Keys.ENTER)
        _wait(lambda: "True or false?" in phone.page_source)
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 360
        phone.find_element(By.CSS_SELECTOR, "input[name=c-mandatory_2020][value=false]").click()
        _shot(phone, "claims-before-360", tmp_path)
        phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        _wait(lambda: "The game starts when the facilitator says so" in phone.page_source)
        facilitator = browsers(1280, 900)
        facilitator.get(server.url + server.facilitator)
        facilitator.find_element(By.CSS_SELECTOR, "button[value=started]").click()
        _wait(lambda: phone.find_elements(By.ID, "scene-title"))
        aside = phone.find_element(By.CSS_SELECTOR, "aside.technique")
        assert aside.text.startswith("Technique: Optional by design")
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 360
        phone.execute_script("arguments[0].scrollIntoView()", aside)
        _shot(phone, "technique-360", tmp_path)
        _no_csp_violations(phone)
