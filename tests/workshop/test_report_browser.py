"""The report in a real browser (headless Chromium): it renders, logs no console errors or CSP violations,
and makes no network request. Skipped without Chromium, except under CI (CI set), where it must run."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from game.workshop.report import build

#: Hosts Chromium itself calls (updates, accounts) whatever the page does; anything else is the page's.
BROWSER_HOSTS = re.compile(r"(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|chromium\.org)$")


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    found = chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def run_chromium(browser, tmp_path, url, *extra, name="run"):
    profile = tmp_path / f"profile-{name}"
    netlog = tmp_path / f"net-{name}.json"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
        f"--log-net-log={netlog}",
        *extra,
        url,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    requested = (
        set(re.findall(r'"url":"([^"]+)"', netlog.read_text(errors="replace"))) if netlog.exists() else set()
    )
    return result, requested


def page_requests(urls: set[str]) -> list[str]:
    out = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in ("file", "data", "about", "chrome", "blob"):
            continue
        if BROWSER_HOSTS.search(parsed.hostname or ""):
            continue
        out.append(url)
    return out


def console_problems(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Refused to" in line or "Content Security" in line
    ]


def test_the_check_catches_a_bad_page(browser, tmp_path):
    """The checks below are not vacuous: a page with a request and a console error fails them."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<html><body><img src='http://example.com/x.png'><script>console.error('boom')</script></body></html>"
    )
    result, urls = run_chromium(browser, tmp_path, bad.as_uri(), "--dump-dom", name="bad")
    assert "http://example.com/x.png" in page_requests(urls)
    assert any("boom" in line for line in console_problems(result.stderr))


def test_report_renders_offline_without_errors(browser, tmp_path, sample_logs):
    _, html = build(sample_logs)
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")

    result, urls = run_chromium(browser, tmp_path, page.as_uri(), "--dump-dom", name="dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not console_problems(result.stderr), console_problems(result.stderr)
    assert not page_requests(urls), page_requests(urls)
    dom = result.stdout
    assert "What this group did" in dom and "Questions for this group" in dom

    class Tags(HTMLParser):
        found: set = set()

        def handle_starttag(self, tag, attrs):
            self.found.add(tag)

    tags = Tags()
    tags.feed(dom)
    assert not tags.found & {"script", "img", "iframe", "object", "embed"}, tags.found
    assert "svg" in tags.found and "polyline" in tags.found  # the charts are there

    shot = tmp_path / "report.png"
    result, urls = run_chromium(
        browser, tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1280,900", name="shot"
    )
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)
    assert len(data) > 20_000  # not a blank page
    assert not page_requests(urls)
    keep = os.environ.get("SOCIALSCORE_REPORT_SHOT")
    if keep:  # to look at it: SOCIALSCORE_REPORT_SHOT=/tmp/report.png pytest tests/workshop -k browser
        shutil.copy(shot, keep)
    json.dumps(sorted(urls))  # urls are plain strings
