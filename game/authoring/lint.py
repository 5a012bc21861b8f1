"""``socialscore lint``: every problem of a story, one line each, and a summary.

Errors come from loading (:func:`game.engine.load_story`); warnings from the checks
here, which read the loaded model only. Like ``renpy lint``, it ends with statistics.
Exit 0 when there are no errors, 1 when there are, 2 when a path cannot be used.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Diagnostic, Story, load_story
from ..engine.claims import claims
from ..engine.expr import Compiled
from ..engine.format import MECHANICS
from ..engine.loader import check_rules_file
from ..engine.model import Choice, Passage, Scene, Template
from ..engine.runtime import Context
from ..engine.scoring import queries
from ..engine.state import State
from ..engine.techniques import table as technique_table
from ..engine.techniques import tagged as of_id
from ..engine.yamlsafe import load_file
from .reading import DEFAULT_SAMPLES, Reading, reading


@dataclass
class LintResult:
    path: str
    story: Story | None
    diagnostics: list[Diagnostic]
    stats: dict = field(default_factory=dict)
    reading: Reading | None = None

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(not d.is_error for d in self.diagnostics)

    @property
    def unusable(self) -> bool:
        return any(d.code == "E100" for d in self.diagnostics)


def is_rules_file(path: str) -> bool:
    """Whether ``path`` is a rules file (``*.rules.yaml``, or a file whose only key is ``scoring:``)."""
    p = Path(path)
    if not p.is_file():
        return False
    if p.name.endswith(".rules.yaml"):
        return True
    node, _ = load_file(p)
    return node is not None and isinstance(node.value, dict) and set(node.value) == {"scoring"}


def lint(
    path: str, rules: str | None = None, samples: int = DEFAULT_SAMPLES, sets: Sequence[str] = ()
) -> LintResult:
    """Load and check the story at ``path`` (with the rules file ``rules`` instead of its own
    scoring: block, if given): errors from loading, then warnings. A rules file alone is
    checked as ``--rules`` would check it. A story without errors is also read: words per
    playthrough over ``samples`` sampled games (0: not read), with the variables ``sets``
    (``NAME=VALUE``, as ``--set`` gives them) set at the start."""
    if rules is None and is_rules_file(path):
        return LintResult(path, None, check_rules_file(path))
    story, diagnostics = load_story(path, rules)
    result = LintResult(path, story, list(diagnostics))
    if story is not None:
        result.diagnostics.extend(warnings(story))
        result.diagnostics.sort(key=lambda d: (d.path, d.line, d.col, d.code))
        result.stats = stats(story)
        if samples and not result.errors:
            found = reading(story, samples, sets=_typed_sets(story, sets))
            if found is not None:
                result.stats["reading"] = found.to_json()
                result.reading = found
    return result


def _typed_sets(story: Story, sets: Sequence[str]) -> dict:
    """``NAME=VALUE`` pairs typed as play's --set types them; names this story does not declare are
    left out (``lint`` reads every shipped scenario, and an input may belong to one of them)."""
    from ..launch.stories import parse_sets

    return parse_sets(story, [p for p in sets if p.partition("=")[0].strip() in story.variables])


def stats(story: Story) -> dict:
    scenes = [s for s in story.scenes.values() if not s.is_ending]
    shown: dict[str, int] = {}
    for scene in story.scenes.values():
        for mechanic in scene.mechanics:
            shown[mechanic] = shown.get(mechanic, 0) + 1
    return {
        "mechanics": {m: shown.get(m, 0) for m in MECHANICS},
        "files": len(story.files),
        "scenes": len(scenes),
        "endings": len(story.endings),
        "choices": sum(len([c for c in s.choices if not c.synthetic]) for s in scenes),
        "variables": len(story.variables),
        "words": story.words,
    }


# -- what expressions read and write ---------------------------------------------


def compiled_in_template(template: Template | None) -> Iterator[Compiled]:
    if template is not None:
        yield from (p for p in template.parts if not isinstance(p, str))


def compiled_in_passage(passage: Passage) -> Iterator[Compiled]:
    yield from compiled_in_template(passage.text)
    yield from compiled_in_template(passage.otherwise)
    if passage.condition is not None:
        yield passage.condition


def compiled_in_choice(choice: Choice) -> Iterator[Compiled]:
    yield from compiled_in_template(choice.text)
    yield from compiled_in_template(choice.reason)
    yield from compiled_in_template(choice.after)
    for expr in (choice.condition, choice.enable_if):
        if expr is not None:
            yield expr
    yield from choice.effects
    if choice.next is not None:
        yield from (b.condition for b in choice.next.branches if b.condition is not None)


def compiled_in_scene(scene: Scene) -> Iterator[Compiled]:
    yield from compiled_in_template(scene.title)
    for passage in scene.passages:
        yield from compiled_in_passage(passage)
    yield from scene.on_enter
    for choice in scene.choices:
        yield from compiled_in_choice(choice)


def all_compiled(story: Story) -> Iterator[Compiled]:
    for scene in story.scenes.values():
        yield from compiled_in_scene(scene)
    for extra in story.extra.values():
        yield from getattr(extra, "compiled", lambda: ())()


def targets(scene: Scene) -> set[str]:
    """Scenes a scene's choices can lead to (a choice without next: leads back to it)."""
    out: set[str] = set()
    for choice in scene.choices:
        if choice.next is None:
            out.add(scene.id)
        else:
            out.update(choice.next.targets())
    return out


def reachable(story: Story) -> set[str]:
    seen = {story.start}
    queue = deque([story.start])
    while queue:
        for target in targets(story.scenes[queue.popleft()]):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_end(story: Story) -> set[str]:
    """Scenes from which some path of choices reaches an ending (conditions ignored)."""
    leads_here: dict[str, set[str]] = {}
    for scene in story.scenes.values():
        for target in targets(scene):
            leads_here.setdefault(target, set()).add(scene.id)
    done = {s.id for s in story.endings}
    queue = deque(done)
    while queue:
        for source in leads_here.get(queue.popleft(), ()):
            if source not in done:
                done.add(source)
                queue.append(source)
    return done


def traps(story: Story, seen: set[str]) -> list[list[str]]:
    """Groups of reachable scenes with a way on but no path to an ending (loops without exit).

    A group that leads into a dead end is left out: the dead end (W501) is its cause.
    """
    trapped = {i for i in seen if i not in can_end(story)}
    groups: list[list[str]] = []
    placed: set[str] = set()
    for first in (i for i in story.scenes if i in trapped):
        if first in placed:
            continue
        group, queue = [first], deque([first])
        placed.add(first)
        while queue:
            for target in targets(story.scenes[queue.popleft()]):
                if target in trapped and target not in placed:
                    placed.add(target)
                    group.append(target)
                    queue.append(target)
        if all(story.scenes[i].choices for i in group):
            groups.append(group)
    return groups


def unused_facts(story: Story) -> list[Diagnostic]:
    """W506 for each fact that no scene, choice, perk or claim cites (the debrief never shows it)."""
    model = queries.model(story)
    if model is None or not model.facts:
        return []
    cited: set[str] = set()
    for scene in story.scenes.values():
        for part in (scene, *scene.choices):
            extra = queries.extra(part)
            cited.update(extra.facts if extra else ())
    if model.rules is not None:
        cited.update(p.fact for p in model.rules.perks.values() if p.fact)
    cited.update(c.fact for c in claims(story))
    return [
        Diagnostic(f.where.path, f.where.line, f.where.col, "W506", f"fact {fid!r} is never cited")
        for fid, f in model.facts.items()
        if fid not in cited
    ]


def unnamed_techniques(story: Story) -> list[Diagnostic]:
    """W509 for each technique that no scene or choice names (no player can ever meet it)."""
    named_ids = {
        tid for scene in story.scenes.values() for part in (scene, *scene.choices) if (tid := of_id(part))
    }
    return [
        Diagnostic(t.where.path, t.where.line, t.where.col, "W509", f"technique {t.id!r} is never named")
        for t in technique_table(story).values()
        if t.id not in named_ids and t.where is not None
    ]


def warnings(story: Story) -> list[Diagnostic]:
    """The linter's warnings for a loaded story (see the codes W5xx in the reference)."""
    reads: set[str] = set()
    writes: set[str] = set()
    for expr in all_compiled(story):
        reads |= expr.reads
        if expr.target:
            writes.add(expr.target)
    return [
        *_reach_warnings(story),
        *unused_facts(story),
        *unnamed_techniques(story),
        *_variable_warnings(story, reads, writes),
        *_constant_conditions(story, writes),
    ]


def _warning(where, code: str, message: str) -> Diagnostic:
    return Diagnostic(where.path, where.line, where.col, code, message)


def _reach_warnings(story: Story) -> list[Diagnostic]:
    """Unreachable scenes, dead ends, no reachable ending, loops without exit (W500, W501, W507, W508)."""
    out = []
    seen = reachable(story)
    for scene in story.scenes.values():
        kind = "ending" if scene.is_ending else "scene"
        if scene.id not in seen:
            out.append(_warning(scene.where, "W500", f"{kind} {scene.id!r} cannot be reached from the start"))
        if not scene.is_ending and not scene.choices:
            message = f"scene {scene.id!r} has no choices and no next: (a dead end)"
            out.append(_warning(scene.where, "W501", message))
    start = story.scenes[story.start]
    if not any(s.id in seen for s in story.endings):
        if story.endings:
            message = f"no ending can be reached from the start scene {story.start!r}"
        else:
            message = "the story has no ending: add an endings: block and lead a next: to it"
        out.append(_warning(start.where, "W507", message))
    else:
        for group in traps(story, seen):
            scene = story.scenes[group[0]]
            names = ", ".join(repr(i) for i in group)
            message = f"no path from {names} reaches an ending (a loop without exit)"
            out.append(_warning(scene.where, "W508", message))
    return out


def _variable_warnings(story: Story, reads: set[str], writes: set[str]) -> list[Diagnostic]:
    """Variables never read (W502) or never changed (W503)."""
    out = []
    for name, var in story.variables.items():
        if name not in reads:
            out.append(_warning(var.where, "W502", f"variable {name!r} is never read"))
        if name not in writes and "--set" not in var.doc:  # an input: its doc says how to set it
            out.append(_warning(var.where, "W503", f"variable {name!r} is never changed"))
    return out


def _constant_conditions(story: Story, writes: set[str]) -> list[Diagnostic]:
    """W504: a condition that reads only variables nothing changes has one value all game long."""
    out = []
    constant = {name for name in story.variables if name not in writes}
    initial = State(story.id, story.start, {n: v.initial for n, v in story.variables.items()}, 0)
    ctx = Context(story, initial)
    for choice in story.all_choices():
        for label, expr in (("if", choice.condition), ("enable_if", choice.enable_if)):
            if (
                expr is not None
                and expr.reads <= constant
                and not expr.uses_random
                and not expr.evaluate(ctx)
            ):
                message = f"choice {choice.uid!r}: its {label}: is always false ({expr.source!r})"
                out.append(_warning(choice.where, "W504", message))
    return out


# -- the command -----------------------------------------------------------------


def run_lint(
    paths: list[str],
    as_json: bool = False,
    out=None,
    rules: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    sets: Sequence[str] = (),
) -> int:
    """Lint every path (with the rules file ``rules``, if given); print diagnostics, a summary and
    the words per playthrough over ``samples`` sampled games. Returns the exit code."""
    out = out or sys.stdout
    results = [lint(p, rules, samples, sets) for p in paths]
    if as_json:
        payload = [
            {
                "path": r.path,
                "ok": r.errors == 0,
                "errors": r.errors,
                "warnings": r.warnings,
                "stats": r.stats,
                "diagnostics": [d.to_json() for d in r.diagnostics],
            }
            for r in results
        ]
        out.write(
            json.dumps(payload if len(payload) > 1 else payload[0], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        for r in results:
            for d in r.diagnostics:
                out.write(f"{d}\n")
            coverage = _coverage(r)
            if coverage:
                out.write(coverage + "\n")
            if r.reading is not None:  # before the summary, which stays the last line: the verdict
                given = [p for p in sets if p.partition("=")[0].strip() in r.story.variables]
                out.write(f"{r.path}: {r.reading.summary()}{_with(given)}\n")
            out.write(_summary(r) + "\n")
    if any(r.unusable for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0


def _coverage(r: LintResult) -> str:
    """Which of the documented mechanics the story's scenes show (for stories that tag any)."""
    shown = r.stats.get("mechanics", {})
    if not any(shown.values()):
        return ""
    missing = [m for m, n in shown.items() if not n]
    line = f"{r.path}: mechanics shown: {len(shown) - len(missing)} of {len(shown)}"
    return line + (f" (not shown: {', '.join(missing)})" if missing else "")


def _summary(r: LintResult) -> str:
    verdict = f"{r.errors} error{'s' * (r.errors != 1)}, {r.warnings} warning{'s' * (r.warnings != 1)}"
    if not r.stats:
        return f"{r.path}: {verdict}"
    s = r.stats
    return (
        f"{r.path}: {s['files']} file{'s' * (s['files'] != 1)}, {s['scenes']} scenes, "
        f"{s['endings']} endings, {s['choices']} choices, {s['variables']} variables, "
        f"{s['words']} words: {verdict}"
    )


def _with(sets: Sequence[str]) -> str:
    return f", with {', '.join(sets)}" if sets else ""
