"""Control characters (#12 item 5): never in what a front end or tool writes (terminal, SVG, HTML,
CSV); story text holding them is refused with E111."""

from __future__ import annotations

import io
import json
import shutil
import xml.dom.minidom

import pytest

from game.cli import main
from game.engine import Session, load_story
from game.engine.controls import CleanStream, has_controls, show_controls, strip_controls
from game.engine.diagnostics import Diagnostic
from game.text.terminal import TextFrontEnd
from game.workshop.logs_read import read_log

from .helpers import MINI, load_ok, write_story

ESCAPES = "\x1b]0;owned\x07\x1b[2J\r\x9b\x00"
HOSTILE = """
story: {id: t, title: "Title\\e]0;owned\\a", start: a}
scenes:
  a:
    text: "Hello\\x1b[2J world\\r"
    choices:
      - {id: go, text: "Go\\u0007", next: end}
endings:
  end: {title: "End\\x9b"}
"""


def test_story_text_with_controls_is_refused_with_e111(tmp_path):
    story, diagnostics = load_story(write_story(tmp_path, HOSTILE))
    assert story is None
    e111 = [d for d in diagnostics if d.code == "E111"]
    assert len(e111) == 4 and all("U+00" in d.message for d in e111)


def test_tabs_and_newlines_are_text_not_controls(tmp_path):
    story = load_ok(
        write_story(tmp_path, MINI.replace("text: You have {money}.", 'text: "Tab\\there\\nline"'))
    )
    assert "Tab\there" in Session(story).frame().paragraphs[0]


def test_strip_and_show():
    assert strip_controls("a" + ESCAPES + "b\tc\n") == "a]0;owned[2Jb\tc\n"
    assert not has_controls(strip_controls(ESCAPES + "\ud800"))
    assert show_controls("x\x1by") == "x\\x1by"


def test_diagnostics_show_controls_never_send_them():
    line = str(Diagnostic("evil\x1b[2J.yaml", 1, 1, "E100", "no such file \x07"))
    assert not has_controls(line) and "\\x1b" in line


def test_the_terminal_writes_no_controls_even_from_computed_text(tmp_path):
    # A --set value is the one way text with controls gets into play; the terminal still strips it.
    story = load_ok(write_story(tmp_path, MINI.replace("text: You have {money}.", "text: '{bag}'")))
    session = Session(story, 1, sets={"bag": frozenset({"\x1b]0;owned\x07"})})
    out = io.StringIO()
    TextFrontEnd(session, io.StringIO("quit\n"), out).run()
    assert "owned" in out.getvalue() and not has_controls(out.getvalue())


def test_clean_stream_passes_everything_else_through():
    out = io.StringIO()
    stream = CleanStream(out)
    assert stream.write("a\x1bb\n") == 4
    stream.flush()
    assert stream.getvalue() == "ab\n"


def test_logs_read_back_without_controls(tmp_path):
    path = tmp_path / "x.jsonl"
    header = {"type": "header", "schema": 1, "story": "t", "pseudonym": "Kite" + ESCAPES, "seed": 1}
    path.write_text(json.dumps(header) + "\n", encoding="utf-8")
    log, problems = read_log(path)
    text = json.dumps(log.header if log else [str(p) for p in problems], ensure_ascii=False)
    assert not has_controls(text)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graph_svg_is_valid_xml_without_controls(tmp_path, capsys):
    # Story text cannot hold controls; a label built from a file name could. Both stay out of SVG.
    from game.authoring.graph import quote

    assert not has_controls(quote("a\x1bb\x07"))
    story = write_story(tmp_path, MINI)
    out = tmp_path / "map.svg"
    assert main(["graph", str(story), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    xml.dom.minidom.parseString(text.encode("utf-8"))
    assert not has_controls(text.replace("\n", "").replace("\t", ""))
