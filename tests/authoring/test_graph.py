"""socialscore graph: the DOT we write, and Graphviz's drawings of it."""

import shutil

import pytest

from game.authoring.graph import quote, to_dot

from ..helpers import SAMPLE, load_ok, write_story
from . import stories
from .test_cli_tools import run

TRICKY = r"""
story: {id: tricky, title: 'Quotes " and \ backslash', start: a}
variables:
  money: 200
scenes:
  a:
    title: 'The "quoted" scene \ here'
    choices:
      - id: buy
        text: 'Buy the "best" boots \n now'
        enable_if: money >= 180
        key: true
        next: b
      - id: maybe
        text: Maybe
        next: {random: [{to: b, weight: 1}, {to: c, weight: 3}]}
  b:
    choices:
      - id: go
        text: Go
        next:
          - {if: money > 100, to: c}
          - {to: lost_end}
  c: {}
  island:
    next: c
endings:
  lost_end: {title: Lost}
"""


def test_quote_escapes_quotes_backslashes_and_newlines():
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


def test_dot_marks_everything(tmp_path):
    dot = to_dot(load_ok(write_story(tmp_path, TRICKY)))
    assert '"__start" -> "a"' in dot
    assert 'The \\"quoted\\" scene \\\\' in dot  # escaped in the label
    assert "\\\\n now" in dot  # a backslash-n typed by the author stays text
    assert "[if money >= 180]" in dot
    assert "penwidth=2.2" in dot  # the key choice is bold
    assert "random 1/4" in dot and "random 3/4" in dot
    assert "if money > 100" in dot and "otherwise" in dot
    assert "shape=doubleoctagon" in dot
    assert "(unreachable)" in dot and "dashed" in dot  # island
    assert "(dead end)" in dot  # c


def test_sample_graph_has_chapter_cluster_and_heat():
    story = load_ok(SAMPLE)
    dot = to_dot(story, {"opening": 1.0, "rain": 0.1})
    assert 'subgraph "cluster_morning"' in dot and 'label="Market day"' in dot
    assert "visited 100%" in dot and "visited 10%" in dot and "not visited" in dot
    assert "rankdir=LR" in dot


def test_graph_cli_writes_dot(tmp_path):
    out = tmp_path / "sample.dot"
    result = run("graph", str(SAMPLE), "-o", str(out), "--playtest", "20")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith('digraph "social_score_sample"')


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_graph_cli_draws_with_graphviz(tmp_path, suffix):
    out = tmp_path / f"sample{suffix}"
    result = run("graph", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_tricky_labels_survive_graphviz(tmp_path):
    out = tmp_path / "tricky.svg"
    result = run("graph", str(write_story(tmp_path, TRICKY)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "quoted" in out.read_text(encoding="utf-8")


def test_missing_graphviz_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    from game import cli
    from game.authoring import graph

    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    code = cli.main(["graph", str(SAMPLE), "-o", str(tmp_path / "g.svg")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Graphviz is not installed" in err


def test_unknown_output_format_is_one_line(tmp_path):
    result = run("graph", str(SAMPLE), "-o", str(tmp_path / "g.jpeg"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_hundred_scenes_lay_out_top_to_bottom(tmp_path):
    story = load_ok(stories.write_folder(tmp_path / "big", stories.generated(100)))
    dot = to_dot(story)
    assert "rankdir=TB" in dot and dot.count("subgraph") == 10
