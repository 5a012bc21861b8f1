"""The report's presenter view in a real Chromium (#14 item 4): at 1280×720 every screen fits the projector
and the type is large; the page snaps from screen to screen (so arrow keys and Page Down move one screen);
at 390 px the page does not overflow sideways and its text stays readable. No script: CSS only.

Skipped without Chromium or chromedriver, except under CI (CI set), where they must be there."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from game.engine import load_story
from game.workshop.demo import write_demo_logs

from ..helpers import ROOT, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

MEASURE = """return {
  width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth,
  snap: getComputedStyle(document.documentElement).scrollSnapType,
  scripts: document.scripts.length,
  small: [...document.querySelectorAll("svg text")]
    .map(x => [x.getBoundingClientRect().height, x.textContent, x.closest("section").id])
    .filter(x => x[0] > 0 && x[0] < 14).slice(0, 5),
  body: parseFloat(getComputedStyle(document.body).fontSize),
  prompt: parseFloat(getComputedStyle(document.querySelector('ol.prompts li')).fontSize),
  h2: parseFloat(getComputedStyle(document.querySelector('section.screen h2')).fontSize),
  bar: parseFloat(getComputedStyle(document.querySelector('table.bars td')).fontSize),
  svgText: Math.min(...[...document.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height)
                       .filter(h => h > 0)),
  links: [...document.querySelectorAll('nav.contents a')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  screens: [...document.querySelectorAll('section.screen')].map(s => {
    const top = s.getBoundingClientRect().top;
    let bottom = top;
    for (const c of s.querySelectorAll('*')) bottom = Math.max(bottom, c.getBoundingClientRect().bottom);
    return [s.id, Math.ceil(bottom - top), Math.round(s.getBoundingClientRect().height)];
  }),
};"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """A class of one story (60 players, two modes: split groups) and a mixed class, as report pages."""
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("Chromium and chromedriver are required under CI")
        pytest.skip("Chromium or chromedriver is not installed")
    pytest.importorskip("selenium")
    tmp = tmp_path_factory.mktemp("presenter")
    pearl, numbers = (load_story(ROOT / "story" / name)[0] for name in ("pearl", "many-numbers"))
    one, mixed = tmp / "one", tmp / "mixed"
    for folder in (one, mixed):
        folder.mkdir()
    write_demo_logs(pearl, one, players=40, seed=1, transparency="partial")
    write_demo_logs(pearl, one, players=20, seed=100, transparency="opaque")
    write_demo_logs([pearl, numbers], mixed, players=16, seed=7)
    for folder in (one, mixed):
        answer_claims(folder)
    out = []
    for folder in (one, mixed):
        page = tmp / f"{folder.name}.html"
        assert run_cli("report", folder, "-o", page).returncode == 0
        out.append(page)
    return out


def answer_claims(folder) -> None:
    """Every log in ``folder`` gets answers to its story's claims, before and after (demo players
    answer none), so the claims section has its rows and groups."""
    for i, path in enumerate(sorted(folder.rglob("*.jsonl"))):
        with path.open(encoding="utf-8") as f:
            ids = [c["id"] for c in json.loads(f.readline())["claims"]]
        said = ("true", "false", "unsure")
        with path.open("a", encoding="utf-8") as f:
            for phase, shift in (("before", 0), ("after", 1)):
                answers = {cid: said[(i + k + shift) % 3] for k, cid in enumerate(ids)}
                f.write(json.dumps({"type": "claims", "phase": phase, "answers": answers}) + "\n")


def measure(page, width: int, height: int) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    try:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(page.as_uri())
        return driver.execute_script(MEASURE)
    finally:
        driver.quit()


@pytest.mark.parametrize("which", [0, 1], ids=["one story", "mixed class"])
def test_every_screen_fits_a_projector_and_the_type_is_large(pages, which):
    m = measure(pages[which], 1280, 720)
    assert (m["width"], m["height"], m["scripts"]) == (1280, 720, 0)
    assert m["snap"].startswith("y mandatory")
    too_tall = [(name, content, box) for name, content, box in m["screens"] if content > 720 or box > 720]
    assert too_tall == [] and len(m["screens"]) >= 12
    assert m["body"] >= 22 and m["prompt"] >= 26 and m["h2"] >= 34 and m["bar"] >= 22
    assert m["svgText"] >= 14, m["small"]  # chart labels on the projector
    assert m["links"] and all(link[1:] in m["ids"] for link in m["links"])
    assert len(m["ids"]) == len(set(m["ids"]))  # one section of each story, each id once
    claims = [name for name, _, _ in m["screens"] if "claims" in name]
    assert claims and all(f"#{name}" in m["links"] for name in claims if name.endswith("claims"))


@pytest.mark.parametrize("which", [0, 1], ids=["one story", "mixed class"])
def test_readable_at_phone_width(pages, which):
    m = measure(pages[which], 390, 844)
    assert m["width"] == 390 and m["scrollWidth"] <= 390  # charts scroll inside their own box
    assert m["body"] >= 18 and m["prompt"] >= 20 and m["bar"] >= 18
    assert m["svgText"] >= 10
