"""The class report: numbers from the logs, escaping of everything players typed, a strict CSP, bad logs
reported but not fatal, the CSV."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser

import pytest

from game.workshop.demo import replay_log
from game.workshop.logs_read import read_dir
from game.workshop.report import CSP, analyse, build, prompts, render
from game.workshop.simulate import play_once, policy_named

from ..helpers import ROOT
from ..helpers import run_cli as run
from .conftest import HOSTILE

ACTIVE = set(
    [
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "base",
        "form",
        "input",
        "video",
        "audio",
        "source",
        "frame",
        "applet",
        "foreignobject",
        "image",
        "use",
    ]
)


def links_in_page(page) -> list[str]:
    """Every link's target; the presenter view's contents link to the page's own sections only."""
    ids = {attrs.get("id") for _, attrs in page.tags}
    hrefs = [attrs.get("href", "") for tag, attrs in page.tags if tag == "a"]
    assert all(h.startswith("#") and h[1:] in ids for h in hrefs), hrefs
    return hrefs


class Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    p.close()
    return p


def test_report_escapes_every_player_text_and_is_locked_down(sample_logs):
    _, html = build(sample_logs)
    page = parse(html)
    names = {tag for tag, _ in page.tags}
    assert not names & ACTIVE, names & ACTIVE
    assert links_in_page(page)
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs and ("href" not in attrs or tag == "a"), (tag, attrs)
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CSP}]
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert not re.search(r"https?://", html.replace("http://evil.example", "")), "no external URL"
    assert "http://evil.example" not in html or "&#34;http://evil.example&#34;" in html
    text = "".join(page.text)
    for name in HOSTILE:
        assert name in text, name  # shown, as text
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;amp; &amp;lt;b&amp;gt; plain" in html  # escaped once more, shown as typed


def test_report_numbers_match_the_logs(sample_logs, sample):
    a = analyse(read_dir(sample_logs))
    assert a.n == 24 and len(a.finished) == 24
    evening = next(d for d in a.decisions if d.scene == "evening")
    dropped = sum(1 for p in a.players if any(s.choice == "evening.drop_mei" for s in p.steps))
    assert evening.counts["evening.drop_mei"] == dropped == a.dropped["Mei"]
    assert evening.texts["evening.drop_mei"] == "Unfriend Mei, as the app suggests"
    assert sum(a.endings.values()) == 24
    assert {q.id for q in a.questions} == {"visa_trade", "friends_count"}
    assert all(len(q.deltas) == 24 for q in a.questions)
    found = prompts(a)
    assert f"{dropped} of 24 of you dropped Mei." in found[0]
    assert "Your network looks healthier" not in found[0] or "The app told you" in found[0]
    html = render(a)
    assert "24</b>players" in html and "Key decisions" in html and "Questions for this group" in html


def test_prompts_come_from_what_the_group_did(tmp_path, sample):
    # Everyone keeps Mei and posts the photo: no prompt about dropping Mei, one about the photo.
    for seed in range(6):
        path = ["opening.activate", "market.buy_boots", "street.post_photo"]
        replay_log(sample, path, tmp_path, seed=seed, pseudonym=f"p{seed}")
    a = analyse(read_dir(tmp_path))
    found = prompts(a)
    assert not any("dropped Mei" in p for p in found)
    assert any("6 of 6 of you chose “Post a photo of the crowd”" in p for p in found), found


def test_cli_report_and_csv(tmp_path, sample_logs):
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    result = run("report", sample_logs, "-o", out, "--csv", table)
    assert result.returncode == 0, result.stderr
    assert "24 players (24 finished)" in result.stdout and result.stderr == ""
    rows = list(csv.reader(table.open(encoding="utf-8")))
    head, body = rows[0], rows[1:]
    assert len(body) == 24
    assert head[:9] == [
        "pseudonym",
        "session_code",
        "rules",
        "cut",
        "transparency",
        "finished",
        "ending",
        "final_score",
        "tier",
    ]
    assert "key:evening" in head and "before:visa_trade" in head and "after:friends_count" in head
    pseudonyms = {r[0] for r in body}
    assert '\'=HYPERLINK("http://evil.example")' in pseudonyms  # not a formula in a spreadsheet
    assert "<script>alert(1)</script>" in pseudonyms


def write_bad_logs(folder, sample):
    """A folder with two good logs and every kind of bad one."""
    final = play_once(sample, policy_named("random"), 3)
    good = replay_log(sample, final.path, folder, seed=3, pseudonym="good")
    replay_log(sample, final.path, folder, seed=3, pseudonym="unfinished", finish=False)
    lines = good.read_text(encoding="utf-8").splitlines()
    (folder / "a-badline.jsonl").write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n")
    header = json.loads(lines[0])
    (folder / "b-schema.jsonl").write_text(json.dumps({**header, "schema": 99}) + "\n" + "\n".join(lines[1:]))
    (folder / "c-truncated.jsonl").write_text("\n".join(lines[:3]) + "\n" + lines[3][:25])
    (folder / "d-binary.jsonl").write_bytes(bytes(range(256)) * 8)
    (folder / "e-empty.jsonl").write_bytes(b"")
    (folder / "f-other.jsonl").write_text(json.dumps({**header, "story": "another_story"}) + "\n")
    (folder / "g-notalog.jsonl").write_text('[1, 2, 3]\n{"type": "choice"}\n')
    (folder / "h-<img src=x onerror=alert(1)>.jsonl").write_text("garbage\n")
    (folder / "i-badfields.jsonl").write_text(
        "\n".join(
            [
                lines[0],
                '{"type":"choice","turn":"two"}',
                '{"type":"reflection","phase":"during"}',
                '{"type":"reflection","phase":"after","answers":{"visa_trade":99}}',
                '{"type":"zzz"}',
                *lines[1:],
            ]
        )
        + "\n"  # fmt: skip
    )
    (folder / "notes.txt").write_text("not a log, not read")
    return good


def test_bad_logs_are_reported_not_fatal(tmp_path, sample):
    folder = tmp_path / "logs"
    folder.mkdir()
    write_bad_logs(folder, sample)
    out = tmp_path / "r.html"
    result = run("report", folder, "-o", out)
    assert result.returncode == 0, result.stderr
    err = result.stderr.splitlines()
    p = str(folder)

    def has(name, pattern):
        return any(re.fullmatch(re.escape(f"{p}/{name}") + pattern, line) for line in err), (name, err)

    assert has("a-badline.jsonl", r":2: not valid JSON; skipped")
    assert has("b-schema.jsonl", r":1: unknown log schema 99 .*")
    assert has("c-truncated.jsonl", r":4: incomplete last line .*")
    assert has("c-truncated.jsonl", r": no end line: an unfinished game .*")
    assert has("d-binary.jsonl", r":1: not a session log: .*")
    assert has("e-empty.jsonl", r": empty file .*")
    assert has("f-other.jsonl", r": a log of another story \('another_story', not 'social_score_sample'\).*")
    assert has("g-notalog.jsonl", r":1: not a session log: .*")
    assert has("i-badfields.jsonl", r":2: a choice line needs .*")
    assert has("i-badfields.jsonl", r":3: a reflection line's phase .*")
    assert has(
        "i-badfields.jsonl", r":4: reflection answer 'visa_trade' is not a number from 1 to 5; skipped"
    )
    assert has("i-badfields.jsonl", r":5: unknown line type 'zzz'; skipped")
    assert not any("notes.txt" in line for line in err)
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    assert not {t for t, _ in page.tags} & ACTIVE and links_in_page(page)
    assert "Problems with the logs" in html and "h-&lt;img src=x onerror=alert(1)&gt;.jsonl" in html
    # good and unfinished; a-badline, c-truncated and i-badfields carry good's header: copies of its game
    assert "2</b>players" in html and "(not finished)" in html
    assert has("c-truncated.jsonl", r": a copy of .*; counted once")


@pytest.mark.parametrize("case", ["empty-folder", "missing-folder", "only-bad"])
def test_no_usable_logs_exits_2_and_writes_nothing(tmp_path, case):
    folder = tmp_path / "logs"
    if case != "missing-folder":
        folder.mkdir()
    if case == "only-bad":
        (folder / "x.jsonl").write_text("garbage")
        (folder / "y.jsonl").write_bytes(b"")
    out = tmp_path / "r.html"
    result = run("report", folder, "-o", out)
    assert result.returncode == 2
    assert "no usable session logs" in result.stderr and not out.exists()
    *problems, last = result.stderr.splitlines()
    assert last.startswith("socialscore report: no usable session logs in ")
    assert problems and all(re.match(r"\S+(:\d+)?: ", line) for line in problems)


def test_story_id_picks_the_story(tmp_path, sample):
    folder = tmp_path
    final = play_once(sample, policy_named("random"), 1)
    log = replay_log(sample, final.path, folder, seed=1)
    lines = log.read_text().splitlines()
    other = json.loads(lines[0]) | {"story": "other"}
    for i in range(3):
        player = json.dumps(other | {"pseudonym": f"o{i}"})  # three players, not three copies of one
        (folder / f"o{i}.jsonl").write_text("\n".join([player, *lines[1:]]) + "\n")
    assert read_dir(folder).story_id == "other" and len(read_dir(folder).players) == 3
    chosen = read_dir(folder, "social_score_sample")
    assert len(chosen.players) == 1 and len(chosen.problems) == 3


def test_report_handles_many_players(tmp_path, sample):
    from game.workshop.demo import write_demo_logs

    write_demo_logs(sample, tmp_path, players=150, seed=0)
    a, html = build(tmp_path)
    assert a.n == 150
    assert len(html) < 2_000_000


def _imports(name: str) -> set[str]:
    source = (ROOT / "game" / "workshop" / name).read_text(encoding="utf-8")
    return set(re.findall(r"^(?:from|import) ([\w.]+)", source, re.M))


def test_report_analysis_is_pure_and_the_page_uses_only_jinja2():
    """The figures need nothing but the stdlib and the log reader; only the page uses Jinja2."""
    stdlib = {
        "__future__",
        "csv",
        "statistics",
        "sys",
        "collections",
        "dataclasses",
        "pathlib",
        "re",
        "functools",
        "typing",
    }
    assert _imports("report_analysis.py") <= stdlib | {".logs_read"}
    assert _imports("report_charts.py") <= stdlib | {".logs_read", ".report_analysis"}
    assert _imports("report_html.py") <= stdlib | {"jinja2", ".", ".report_analysis"}
    assert _imports("report.py") <= stdlib | {
        ".logs_read",
        ".report_analysis",
        ".report_html",
        ".report_claims",  # pure figures too: the CSV's claim columns
        "datetime",
        "io",
        "..",
        "..engine.files",  # safe writes: never through a link, never replacing a device (#12)
        "..engine.controls",  # no control characters in the CSV (#12)
    }


def test_page_template_escapes_by_default():
    from game.workshop.report_html import environment

    env = environment()
    assert env.autoescape is True
    page = env.from_string("<p>{{ x }}</p>").render(x="<b onclick='x'>")
    assert page == "<p>&lt;b onclick=&#39;x&#39;&gt;</p>"
