"""``socialscore graph``: the story as a Graphviz diagram.

Scenes are boxes grouped by chapter (one cluster per chapter, titled); choices are edges labelled
with a short form of their text, their conditions (``[if money >= 180]``, ``[shown if ...]``,
``[needs perk ...]``) and, for conditional or random ``next:``, the branch (``if ...``,
``otherwise``, ``3/4``). Key choices are bold. The start has an arrow from a dot; endings are
blue double octagons; scenes no path reaches are red and dashed; dead ends (no choices, no next)
are orange. With a playtest, scenes are filled by the share of runs that visited them (a heat map).

We write the DOT text ourselves (every label escaped); ``.svg``, ``.png`` and ``.pdf`` outputs are
made by running Graphviz's ``dot``, which must be installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from ..engine import Story
from ..engine.controls import strip_controls
from ..engine.model import Choice, Scene
from ..engine.scoring import queries
from ..launch import UsageError, rules_path
from ..launch.tools import GraphOptions
from .lint import reachable

ENDING_FILL = "#cfe3ff"
ENDING_BORDER = "#1f5fa8"
UNREACHABLE = "#d62728"
DEAD_END_FILL = "#ffd8a8"
CHAPTER_FILL = "#f6f6f6"
#: ColorBrewer YlOrRd, light to dark: the share of playtest runs that visited a scene
HEAT = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
RENDERED = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


def quote(text: str) -> str:
    """A DOT double-quoted string; line breaks become centred line breaks. Control characters are
    left out (SVG is XML, which cannot hold them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text).replace("\t", " ")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width)) or text


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ident(text: str) -> str:
    return re.sub(r"\W", "_", text)


def choice_label(choice: Choice) -> str:
    parts = [_wrap(_short(choice.text.raw or choice.id, 40), 22)]
    tags = []
    if choice.condition is not None:
        tags.append(f"[shown if {_short(choice.condition.source, 40)}]")
    if choice.enable_if is not None:
        tags.append(f"[if {_short(choice.enable_if.source, 40)}]")
    extra = queries.extra(choice)
    requires = getattr(extra, "requires", None)
    if requires is not None:
        for what in ("perk", "tier", "score"):
            value = getattr(requires, what)
            if value is not None:
                tags.append(f"[needs {what} {value}]")
    if choice.once:
        tags.append("(once)")
    if choice.fallback:
        tags.append("(fallback)")
    return "\n".join(parts + tags)


def _edges(scene: Scene) -> list[tuple[Choice, str, str]]:
    """(choice, target, branch note) for every way a choice can lead."""
    out = []
    for choice in scene.choices:
        if choice.next is None:
            out.append((choice, scene.id, ""))
            continue
        branches = choice.next.branches
        for i, branch in enumerate(branches):
            if len(branches) == 1:
                cond = ""
            elif branch.condition is not None:
                cond = f"if {_short(branch.condition.source, 36)}"
            else:
                cond = "otherwise" if i else ""
            if branch.to:
                out.append((choice, branch.to, cond))
            else:
                total = sum(w for _, w in branch.random)
                for target, weight in branch.random:
                    note = f"{cond}: " if cond else ""
                    out.append((choice, target, f"{note}random {weight}/{total}"))
    return out


def heat_colour(share: float) -> tuple[str, str]:
    """(fill, font colour) for a scene visited by ``share`` (0-1) of the runs."""
    if share <= 0:
        return "#ffffff", "#000000"
    i = min(len(HEAT) - 1, int(share * len(HEAT)))
    return HEAT[i], "#ffffff" if i >= 6 else "#000000"


def rankdir_for(story: Story) -> str:
    """Left to right for small stories (they fit a screen); top to bottom for long ones (they scroll)."""
    return "LR" if len(story.scenes) <= 25 else "TB"


def to_dot(story: Story, heat: dict[str, float] | None = None, rankdir: str | None = None) -> str:
    """The DOT text of the story's graph; ``heat`` maps scene ids to the share of runs that saw them."""
    seen = reachable(story)
    lines = [
        f"digraph {quote(story.id)} {{",
        f"  graph [rankdir={rankdir or rankdir_for(story)}, concentrate=true, newrank=true, "
        'fontname="Helvetica", fontsize=12, nodesep=0.25, ranksep=0.45, '
        f"labelloc=t, label={quote(story.title + legend(heat is not None))}];",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8, color="#666666", arrowsize=0.7];',
        '  "__start" [shape=circle, label="", width=0.18, style=filled, fillcolor="#000000"];',
        f'  "__start" -> {quote(story.start)} [penwidth=2];',
    ]
    by_chapter: dict[str | None, list[Scene]] = {}
    for scene in story.scenes.values():
        by_chapter.setdefault(scene.chapter, []).append(scene)
    for chapter_id, scenes in by_chapter.items():
        indent = "  "
        if chapter_id is not None:
            chapter = story.chapters.get(chapter_id)
            title = chapter.title if chapter and chapter.title else chapter_id
            lines.append(f"  subgraph {quote('cluster_' + _ident(chapter_id))} {{")
            lines.append(
                f'    graph [label={quote(title)}, style="rounded,filled", fillcolor="{CHAPTER_FILL}", '
                'color="#bbbbbb", fontsize=14];'
            )
            indent = "    "
        for scene in scenes:
            lines.append(indent + _node(scene, scene.id in seen, heat))
        if chapter_id is not None:
            lines.append("  }")
    for scene in story.scenes.values():
        for choice, target, note in _edges(scene):
            label = choice_label(choice) + (f"\n({note})" if note else "")
            attrs = [f"label={quote(label)}"]
            if choice.key:
                attrs += ["penwidth=2.2", 'fontname="Helvetica-Bold"', 'color="#222222"']
            if scene.id not in seen:
                attrs += ["style=dashed", f'color="{UNREACHABLE}"']
            lines.append(f"  {quote(scene.id)} -> {quote(target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def legend(with_heat: bool) -> str:
    text = (
        "\n● start   double octagon: ending   red dashed: unreachable   orange: dead end   bold: key choice"
    )
    if with_heat:
        text += "   fill: share of playtest runs that visited"
    return text


def _node(scene: Scene, is_reachable: bool, heat: dict[str, float] | None) -> str:
    title = scene.title.raw
    label = _wrap(title, 22) + f"\n({scene.id})" if title and title != scene.id else scene.id
    attrs: dict[str, str] = {}
    if scene.is_ending:
        attrs.update(shape="doubleoctagon", fillcolor=f'"{ENDING_FILL}"', color=f'"{ENDING_BORDER}"')
    elif not scene.choices:
        attrs.update(fillcolor=f'"{DEAD_END_FILL}"', color='"#b35900"', penwidth="2")
        label += "\n(dead end)"
    if heat is not None:
        share = heat.get(scene.id, 0.0)
        fill, font = heat_colour(share)
        attrs.update(fillcolor=f'"{fill}"', fontcolor=f'"{font}"')
        label += f"\nvisited {round(100 * share)}%" if share else "\nnot visited"
    if not is_reachable:
        attrs.update(color=f'"{UNREACHABLE}"', style='"rounded,filled,dashed"', penwidth="2")
        label += "\n(unreachable)"
    attrs["label"] = quote(label)
    return f"{quote(scene.id)} [{', '.join(f'{k}={v}' for k, v in attrs.items())}];"


def render(dot_text: str, output: Path, max_seconds: float = 0) -> None:
    """Write ``dot_text`` to ``output``: as is for .dot/.gv, else through Graphviz. Raises RuntimeError."""
    from ..engine.files import check_target, write_text

    suffix = output.suffix.lower()
    if suffix in (".dot", ".gv"):
        write_text(output, dot_text)
        return
    fmt = RENDERED.get(suffix)
    if fmt is None:
        raise RuntimeError(f"cannot write {output.name}: use .dot, .gv, .svg, .png or .pdf")
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            f"Graphviz is not installed (no 'dot' command), so {output.name} cannot be drawn; "
            "install graphviz, or write a .dot file"
        )
    check_target(output)  # before the drawing's work: a missing folder or a link is refused at once
    # dot writes to its standard output, and we write the file: never through a link (see engine.files).
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=max_seconds or 300
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"Graphviz took longer than {max_seconds or 300:g} s to draw {output.name}; nothing written "
            "(write a .dot file, or raise --max-seconds)"
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"dot failed: {message[0] if message else 'exit ' + str(done.returncode)}")
    write_text(output, done.stdout)


def run_graph(options: GraphOptions) -> int:
    """``socialscore graph``: exit 0 with the map written; UsageError for a bad value or target."""
    from ..engine import load_story_or_raise

    story = load_story_or_raise(options.path, rules_path(options.rules))
    heat = None
    if options.playtest:
        if not 1 <= options.playtest <= 1_000_000:
            raise UsageError("socialscore graph: --playtest must be between 1 and 1000000")
        from .playtest import playtest

        if not 0 <= options.max_seconds < 10**7:
            raise UsageError("socialscore graph: --max-seconds must be 0 (no limit) or more")
        result = playtest(story, options.playtest, options.seed, max_seconds=options.max_seconds)
        if result.stopped_by:
            print(
                f"socialscore graph: --max-seconds stopped the playtest after {result.runs} of "
                f"{options.playtest} runs; the map shows those",
                file=sys.stderr,
            )
        heat = {sid: result.scene_runs[sid] / max(result.runs, 1) for sid in story.scenes}
    text = to_dot(story, heat, options.rankdir)
    try:
        render(text, Path(options.output), options.max_seconds)
    except OSError as exc:
        raise UsageError(f"socialscore graph: cannot write {options.output}: {exc.strerror or exc}") from None
    except RuntimeError as exc:
        raise UsageError(f"socialscore graph: {exc}") from None
    return 0
