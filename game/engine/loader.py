"""Loading a story: YAML files → checked records → a frozen :class:`~game.engine.model.Story`.

Two phases, as ink and Yarn Spinner do it: first every file is read safely and checked
against the format's records (:mod:`game.engine.format`); then references are resolved
and every expression is compiled against the declared variables. Every problem in
every file becomes a :class:`~game.engine.diagnostics.Diagnostic`; nothing raises for
bad input. A story that loads without errors cannot crash at run time.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from msgspec import Struct, field

from . import budget, limits
from . import format as fmt
from .diagnostics import Diagnostic, InputError
from .expr import Compiled, ExprError, compile_condition, compile_effect, compile_value
from .extension import EXTENSIONS, name_needs, reserved_roots
from .model import (
    EMPTY_TEMPLATE,
    Branch,
    Builtin,
    Chapter,
    Choice,
    Next,
    Passage,
    Scene,
    Story,
    Template,
    Variable,
    Where,
)
from .schema import Checker, Rec, Src
from .vartypes import INT, SET, TYPES, type_of
from .yamlsafe import load_file

YAML_SUFFIXES = (".yaml", ".yml")
#: Files with these endings in a story's folder are rules files for --rules, not part of the story.
RULES_SUFFIXES = (".rules.yaml", ".rules.yml")
MAX_FILES = limits.STORY_FILES
#: what a template's scan stops at: an escaped brace, or a hole's opening or closing brace
_BRACE_RE = re.compile(r"\{\{|\}\}|[{}]")


class _Env:
    """What expressions may name: declared variables (writable) and built-ins (read-only)."""

    def __init__(self, variables: dict[str, Variable], builtins: dict[str, Builtin]):
        self.variables = variables
        self.builtins = builtins

    def type_of(self, name: str) -> str | None:
        var = self.variables.get(name)
        if var is not None:
            return var.type
        builtin = self.builtins.get(name)
        return builtin.type if builtin else None

    def is_writable(self, name: str) -> bool:
        return name in self.variables


class Build(Struct):
    """State of one load: the checked files, the environment and the diagnostics so far."""

    files: list[tuple[str, Rec]]
    checker: Checker
    #: the path the story was loaded from, for problems of the story as a whole
    root: str = ""
    variables: dict[str, Variable] = field(default_factory=dict)
    builtins: dict[str, Builtin] = field(default_factory=dict)
    scene_recs: dict[str, tuple[Rec, bool, str | None]] = field(default_factory=dict)
    #: a rules file given with --rules: its scoring: record, used instead of the story's
    rules_override: Rec | None = None
    #: what extensions build, by extension name (for their later hooks)
    ext: dict[str, Any] = field(default_factory=dict)
    env: _Env | None = None
    #: every text a template was compiled from, in order (the story's words are counted from them)
    texts: list[str] = field(default_factory=list)
    #: variables declared but rejected (already reported): their uses are not reported again
    rejected: set[str] = field(default_factory=set)
    #: each expression compiled so far, by (compiler, source): a story repeats many (``score``,
    #: ``cut == 'classroom'``), and ``env`` is set once, before the first is compiled
    expressions: dict[tuple[Callable, str], Compiled] = field(default_factory=dict)

    # -- reporting -----------------------------------------------------------
    def error(self, where: Rec | Src | Where | None, code: str, message: str, offset: int = 0) -> None:
        cause = _UNKNOWN_NAME_RE.match(message) if code == "E301" else None
        if cause and cause[1] in self.rejected:
            return  # a use of a variable whose declaration was reported: not a second cause
        need = name_needs(cause[1]) if cause else ""
        if need and cause[1] not in self.builtins:
            message += f"; {cause[1]!r} exists only in a story with {need}"
        if where is None:
            self.checker.diagnostics.append(Diagnostic(self.root, 0, 0, code, message))
            return
        if isinstance(where, Src):
            line, col = where.at(offset)
        else:
            line, col = where.line, where.col
        self.checker.diagnostics.append(Diagnostic(where.path, line, col, code, message))

    # -- compiling -----------------------------------------------------------
    def condition(self, src: Src | None) -> Compiled | None:
        return self._compile(src, compile_condition)

    def value(self, src: Src | None) -> Compiled | None:
        return self._compile(src, compile_value)

    def effects(self, srcs: Iterable[Src]) -> tuple[Compiled, ...]:
        out = []
        srcs = list(srcs)
        i = 0
        while i < len(srcs):
            split = self._split_at_comma(srcs, i)
            if split:
                i += split
                continue
            compiled = self._compile(srcs[i], compile_effect)
            if compiled is not None:
                out.append(compiled)
            i += 1
        return tuple(out)

    def _split_at_comma(self, srcs: list[Src], i: int) -> int:
        """How many items of a flow list ``[a(1, 2)]`` are one effect the YAML split at its commas.

        Why: YAML reads ``effects: [roll = random(1, 6)]`` as two items; rather than two
        parse errors, report one that says how to write it. 0 when that is not the case.
        """
        first = srcs[i]
        if i + 1 == len(srcs) or srcs[i + 1].line != first.line:
            return 0
        try:
            compile_effect(first.text, self.env)
            return 0
        except ExprError:
            pass
        for j in range(i + 1, len(srcs)):
            if srcs[j].path != first.path or srcs[j].line != first.line:
                return 0
            joined = ", ".join(s.text for s in srcs[i : j + 1])
            try:
                compile_effect(joined, self.env)
            except ExprError:
                continue
            self.error(
                first,
                "E400",
                f"YAML split the effect {joined!r} at its comma: quote it "
                f'(["{joined}"]) or write the effects as a block list (- {joined})',
            )
            return j + 1 - i
        return 0

    def compiled(self, compiler: Callable[[str, _Env], Compiled], source: str) -> Compiled:
        """``compiler(source, self.env)``, compiled once per load (it raises ExprError each time)."""
        key = (compiler, source)
        done = self.expressions.get(key)
        if done is None:
            done = self.expressions[key] = compiler(source, self.env)
        return done

    def _compile(self, src: Src | None, compiler) -> Compiled | None:
        if src is None:
            return None
        try:
            return self.compiled(compiler, src.text)
        except ExprError as exc:
            self.error(src, exc.code, f"{exc.message} (in {_clip(src.text)!r})", max(exc.col - 1, 0))
            return None

    def template(self, src: Src | None) -> Template | None:
        """Compile text with ``{expression}`` holes; ``{{`` and ``}}`` stand for braces."""
        if src is None:
            return None
        text = src.text
        self.texts.append(text)
        if "{" not in text and "}" not in text:
            return Template((text,)) if text else EMPTY_TEMPLATE
        parts: list[str | Compiled] = []
        buf: list[str] = []  # the text since the last hole
        i = 0
        ok = True
        search = _BRACE_RE.search
        while (brace := search(text, i)) is not None:
            at = brace.start()
            buf.append(text[i:at])
            mark = brace.group()
            i = at + len(mark)
            if mark == "{{" or mark == "}}":
                buf.append(mark[0])
            elif mark == "}":
                self.error(src, "E208", "'}' without an opening '{' (write }} for a brace)", at)
                ok = False
            else:
                end = _closing_brace(text, at)
                if end < 0:
                    self.error(src, "E208", "'{' without a closing '}' (write {{ for a brace)", at)
                    ok = False
                    break
                source = text[at + 1 : end]
                try:
                    compiled = self.compiled(compile_value, source)
                except ExprError as exc:
                    self.error(src, exc.code, f"{exc.message} (in {{{_clip(source)}}})", at + exc.col)
                    ok = False
                else:
                    if compiled.uses_random:
                        self.error(
                            src, "E404", "random() cannot be used in text (text must read the same twice)", at
                        )
                        ok = False
                    _flush(buf, parts)
                    parts.append(compiled)
                i = end + 1
        buf.append(text[i:])
        _flush(buf, parts)
        return Template(tuple(parts)) if ok else EMPTY_TEMPLATE

    def where(self, rec: Rec) -> Where:
        return Where(rec.path, rec.line, rec.col)


def _flush(buf: list[str], parts: list[str | Compiled]) -> None:
    """Move the text gathered in ``buf`` to ``parts`` (as one piece, if it is not empty)."""
    text = "".join(buf)
    buf.clear()
    if text:
        parts.append(text)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def story_files(path: str | os.PathLike) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files of a story at ``path`` (a file or a folder, searched recursively).

    In a folder: files and folders whose names start with a dot are skipped, links to folders
    are not followed, and a link to a file is read only if it stays inside the folder (one
    that leads out is E100, and nothing of its target is read or shown). At most
    ``limits.STORY_FILES`` files of at most ``limits.STORY_BYTES`` bytes in all (E101),
    found among at most ``limits.FOLDER_ENTRIES`` entries.
    """
    p = Path(path)
    if p.is_file():
        return [p], []
    if not p.is_dir():
        return [], [Diagnostic(str(p), 0, 0, "E100", "no such file or folder")]
    root = p.resolve()
    files: list[Path] = []
    problems: list[Diagnostic] = []
    total = 0
    seen = 0
    for folder, dirs, names in os.walk(p, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        seen += len(dirs) + len(names)
        if seen > limits.FOLDER_ENTRIES:
            message = f"more than {limits.FOLDER_ENTRIES:,} files and folders in this folder; is it a story?"
            return [], [Diagnostic(str(p), 0, 0, "E100", message)]
        for name in names:
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES) or name.endswith(RULES_SUFFIXES):
                continue
            f = Path(folder) / name
            try:
                st = f.lstat()
                if stat.S_ISLNK(st.st_mode):
                    target = f.resolve()
                    if not target.is_relative_to(root):
                        problems.append(
                            Diagnostic(
                                str(f), 0, 0, "E100", "is a link to outside the story folder; not read"
                            )
                        )
                        continue
                    st = target.stat()
            except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links
                problems.append(Diagnostic(str(f), 0, 0, "E100", f"cannot read: {exc.__class__.__name__}"))
                continue
            if not stat.S_ISREG(st.st_mode):
                problems.append(Diagnostic(str(f), 0, 0, "E100", "is not a regular file"))
                continue
            files.append(f)
            total += st.st_size
    if problems:
        return [], problems
    files.sort()
    if not files:
        return [], [Diagnostic(str(p), 0, 0, "E100", "no .yaml or .yml files in this folder")]
    if len(files) > limits.STORY_FILES:
        message = f"more than {limits.STORY_FILES} story files in this folder"
        return [], [Diagnostic(str(p), 0, 0, "E100", message)]
    if total > limits.STORY_BYTES:
        message = f"the story's files hold {total:,} bytes in all; the cap is {limits.STORY_BYTES:,}"
        return [], [Diagnostic(str(p), 0, 0, "E101", message)]
    return files, []


def load_story(
    path: str | os.PathLike, rules: str | os.PathLike | None = None
) -> tuple[Story | None, list[Diagnostic]]:
    """Load and check the story at ``path``, with the rules file ``rules`` (if given) in place of
    the story's own scoring rules. Returns the story (None on any error) and all diagnostics
    found (errors, and no warnings: those are the linter's)."""
    with collector_paused():
        return _load_story(path, rules)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (as it was before, after), for work that allocates
    many objects and frees almost none. A load is such work: each full collection walked everything
    built so far, half of a load's time, and more the bigger the story. What a load leaves behind is
    collected after it; its size is bounded by the story limits. (The class report reads its logs
    under it too.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_story(
    path: str | os.PathLike, rules: str | os.PathLike | None
) -> tuple[Story | None, list[Diagnostic]]:
    files, diagnostics = story_files(path)
    if diagnostics:
        return None, diagnostics
    checker = Checker()
    recs: list[tuple[str, Rec]] = []
    for f in files:
        node, diags = load_file(f)
        checker.diagnostics.extend(diags)
        if node is None or node.value is None:
            continue
        rec = fmt.FILE.check(node, checker)
        if rec:
            recs.append((str(f), rec))
    build = Build(recs, checker, str(path))
    if rules is not None:
        build.rules_override = _rules_file(rules, checker)
        if build.rules_override is None and not checker.diagnostics:
            checker.diagnostics.append(
                Diagnostic(str(rules), 0, 0, "E202", "the rules file has no scoring: block")
            )
    story = _build(build) if recs else None
    if story is not None and not any(d.is_error for d in checker.diagnostics):
        # The limits that make every lint-clean story cheap to play (see game.engine.limits).
        checker.diagnostics.extend(budget.check(story))
    if not recs and not checker.diagnostics:
        checker.diagnostics.append(Diagnostic(str(path), 0, 0, "E206", "the story files are empty"))
    if any(d.is_error for d in checker.diagnostics):
        story = None
    return story, _sorted(checker.diagnostics)


def _rules_file(path: str | os.PathLike, checker: Checker) -> Rec | None:
    from .scoring.format import RULES_FILE

    p = Path(path)
    if not p.is_file():
        checker.diagnostics.append(Diagnostic(str(p), 0, 0, "E100", "no such rules file"))
        return None
    node, diags = load_file(p)
    checker.diagnostics.extend(diags)
    if node is None or node.value is None:
        return None
    rec = RULES_FILE.check(node, checker)
    return rec["scoring"] if rec else None


def check_rules_file(path: str | os.PathLike) -> list[Diagnostic]:
    """Every problem of a rules file on its own (what ``--rules`` would report), sorted."""
    from .scoring.build import build_rules

    checker = Checker()
    rec = _rules_file(path, checker)
    if rec is not None:
        build_rules(Build([], checker, str(path)), rec)
    return _sorted(checker.diagnostics)


def load_story_or_raise(path: str | os.PathLike, rules: str | os.PathLike | None = None) -> Story:
    """Load a story for playing: raises :class:`InputError` with every error if it has any."""
    story, diagnostics = load_story(path, rules)
    if story is None:
        raise InputError([d for d in diagnostics if d.is_error] or diagnostics)
    return story


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.path, d.line, d.col, d.code))


def _build(b: Build) -> Story | None:
    metas = [(path, rec["story"]) for path, rec in b.files if rec.has("story")]
    if not metas:
        # Why: when a file already has errors, its story: block may be what they hid.
        if not any(d.is_error for d in b.checker.diagnostics):
            b.error(None, "E206", "no file has a story: block (id, title, start)")
        return None
    if len(metas) > 1:
        for _path, extra in metas[1:]:
            b.error(extra.node, "E206", f"a second story: block; the first is in {metas[0][0]}")
    meta: Rec = metas[0][1]
    if meta["format"] > fmt.FORMAT_VERSION:
        b.error(
            meta.node,
            "E209",
            f"format {meta['format']} is newer than this engine reads ({fmt.FORMAT_VERSION})",
        )
        return None

    chapters = _collect_chapters(b)
    _collect_variables(b)
    _collect_scenes(b, chapters)
    b.builtins.update(_core_builtins(b))
    for ext in EXTENSIONS:
        if ext.builtins:
            b.builtins.update(ext.builtins(b))
    b.env = _Env(b.variables, b.builtins)

    extras = {}
    for ext in EXTENSIONS:
        if ext.build_story:
            extras[ext.name] = ext.build_story(b)

    scenes = {
        sid: _build_scene(b, sid, rec, is_ending, chapter)
        for sid, (rec, is_ending, chapter) in b.scene_recs.items()
    }
    start = meta["start"]
    if start not in scenes:
        b.error(meta.node, "E205", f"the start scene {start!r} does not exist")
    elif scenes[start].is_ending:
        b.error(meta.node, "E205", f"the start {start!r} is an ending")
    _check_targets(b, scenes)

    return Story(
        id=meta["id"],
        title=meta["title"],
        start=start,
        language=meta["language"],
        format=meta["format"],
        author=meta.get("author", ""),
        description=meta.get("description", ""),
        version=meta.get("version", ""),
        variables=MappingProxyType(dict(b.variables)),
        scenes=MappingProxyType(scenes),
        chapters=MappingProxyType(chapters),
        files=tuple(path for path, _ in b.files),
        builtins=MappingProxyType(dict(b.builtins)),
        texts=tuple(b.texts),
        extra=MappingProxyType(extras),
    )


def _collect_chapters(b: Build) -> dict[str, Chapter]:
    chapters: dict[str, Chapter] = {}
    for _path, rec in b.files:
        ch = rec.get("chapter")
        if ch is None:
            continue
        if ch["id"] in chapters:
            b.error(
                ch.node, "E204", f"chapter {ch['id']!r} is declared twice (also {chapters[ch['id']].where})"
            )
            continue
        chapters[ch["id"]] = Chapter(ch["id"], ch.get("title", ""), b.where(ch))
    return chapters


_UNKNOWN_NAME_RE = re.compile(r"unknown variable '([^']+)'")


def _collect_variables(b: Build) -> None:
    for _path, rec in b.files:
        for name, var in rec.get("variables", {}).items():
            if name in b.variables:
                b.error(var, "E204", f"variable {name!r} is declared twice (also {b.variables[name].where})")
                continue
            built = _build_variable(b, name, var)
            if built is not None:
                b.variables[name] = built
    for _path, rec in b.files:
        node = rec.node.value.get("variables") if isinstance(rec.node.value, dict) else None
        if node is not None and isinstance(node.value, dict):
            b.rejected.update(n for n in node.value if isinstance(n, str) and n not in b.variables)


def _build_variable(b: Build, name: str, rec: Rec) -> Variable | None:
    initial = rec.get("initial")
    vtype = rec.get("type")
    if vtype is None:
        if initial is None:
            b.error(rec, "E202", f"variable {name!r} needs a type or an initial value")
            return None
        vtype = type_of(initial)
        if vtype is None:
            b.error(rec, "E200", f"variable {name!r}: cannot tell the type of {initial!r}")
            return None
    if initial is None:
        initial = TYPES[vtype].default
    elif type_of(initial) != vtype:
        b.error(rec, "E200", f"variable {name!r} is {vtype} but its initial value {initial!r} is not")
        return None
    if vtype == SET:
        initial = frozenset(initial)
    lo, hi = rec.get("min"), rec.get("max")
    if (lo is not None or hi is not None) and vtype != INT:
        b.error(rec, "E207", f"variable {name!r}: min and max apply to int variables only")
        return None
    if lo is not None and hi is not None and lo > hi:
        b.error(rec, "E207", f"variable {name!r}: min {lo} is above max {hi}")
        return None
    if vtype == INT and ((lo is not None and initial < lo) or (hi is not None and initial > hi)):
        b.error(rec, "E207", f"variable {name!r}: initial value {initial} is outside {lo}..{hi}")
        return None
    if any(part.startswith("_") for part in name.split(".")) or name.split(".")[0] in reserved_roots():
        b.error(rec, "E203", f"variable name {name!r} is reserved")
        return None
    return Variable(name, vtype, initial, b.where(rec), lo, hi, rec.get("doc", ""))


def _collect_scenes(b: Build, chapters: dict[str, Chapter]) -> None:
    for _path, rec in b.files:
        file_chapter = rec["chapter"]["id"] if rec.has("chapter") else None
        for kind, is_ending in (("scenes", False), ("endings", True)):
            for sid, srec in rec.get(kind, {}).items():
                if sid in b.scene_recs:
                    other = b.scene_recs[sid][0]
                    b.error(srec, "E204", f"{sid!r} is declared twice (also {other.path}:{other.line})")
                    continue
                chapter = None if is_ending else (srec.get("chapter") or file_chapter)
                if chapter is not None and chapter not in chapters:
                    b.error(srec, "E303", f"scene {sid!r} names an unknown chapter {chapter!r}")
                    chapter = None
                b.scene_recs[sid] = (srec, is_ending, chapter)


def _closing_brace(text: str, start: int) -> int:
    """Index of the ``}`` that closes the ``{`` at ``start``, or -1.

    Braces inside the expression nest and quoted strings are skipped, so a hole may
    hold a set literal: ``{len({'a', 'b'})}``.
    """
    depth, quote = 0, ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _core_builtins(b: Build) -> dict[str, Builtin]:
    out = {"turn": Builtin("turn", "int", "Choices made so far.", lambda state: state.turn)}
    for sid, (srec, _is_ending, _chapter) in b.scene_recs.items():
        out[f"visits.{sid}"] = Builtin(
            f"visits.{sid}",
            "int",
            f"Times the scene {sid} was entered.",
            lambda state, k=sid: state.visits.get(k, 0),
        )
        ids = [crec["id"] for crec in srec.get("choices", [])]
        if not ids and not _is_ending and srec.has("next"):
            ids = ["continue"]  # the Continue choice of a scene without choices
        for cid in ids:
            uid = f"{sid}.{cid}"
            out[f"chosen.{uid}"] = Builtin(
                f"chosen.{uid}",
                "int",
                "Times the choice was taken.",
                lambda state, k=uid: state.chosen.get(k, 0),
            )
    return out


def _passages(b: Build, value: Any) -> tuple[Passage, ...]:
    if isinstance(value, Src):
        value = [value]
    out = []
    for item in value or []:
        if isinstance(item, Src):
            out.append(Passage(b.template(item) or EMPTY_TEMPLATE))
        else:
            out.append(
                Passage(
                    b.template(item["text"]) or EMPTY_TEMPLATE,
                    b.condition(item["if"]),
                    b.template(item.get("else")),
                )
            )
    return tuple(out)


def _build_next(b: Build, value: Any, owner: Rec) -> Next | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Next((Branch(None, value),))
    branches_in = [value] if isinstance(value, Rec) else value
    branches = []
    for i, br in enumerate(branches_in):
        to, rnd = br.get("to"), br.get("random")
        if (to is None) == (not rnd):
            b.error(br.node, "E200", "a branch needs exactly one of to: or random:")
            continue
        random = tuple((w["to"], w["weight"]) for w in rnd or [])
        cond = b.condition(br.get("if"))
        if br.get("if") is None and i < len(branches_in) - 1:
            b.error(
                br.node, "E207", "only the last branch may have no if: (the ones after it are never taken)"
            )
        branches.append(Branch(cond, to, random))
    if not branches:
        return None
    if branches_in[-1].get("if") is not None:
        b.error(
            branches_in[-1].node,
            "E302",
            "the last branch of a next: needs no if:, so that one always applies",
        )
    return Next(tuple(branches))


def _build_scene(b: Build, sid: str, rec: Rec, is_ending: bool, chapter: str | None) -> Scene:
    extras: dict[str, Any] = {}
    choices: list[Choice] = []
    if not is_ending:
        seen: dict[str, Rec] = {}
        for crec in rec.get("choices", []):
            cid = crec["id"]
            if cid in seen:
                b.error(
                    crec,
                    "E204",
                    f"choice {cid!r} appears twice in scene {sid!r} (also line {seen[cid].line})",
                )
                continue
            seen[cid] = crec
            choices.append(_build_choice(b, sid, crec))
        nxt = _build_next(b, rec.get("next"), rec)
        if nxt is not None:
            if choices:
                b.error(
                    rec.node, "E207", f"scene {sid!r} has both choices: and next: (put next: on the choices)"
                )
            else:
                label = b.template(rec.get("continue")) or Template(("Continue",))
                choices.append(Choice("continue", sid, label, b.where(rec), next=nxt, synthetic=True))
    for ext in EXTENSIONS:
        if ext.build_scene:
            extras[ext.name] = ext.build_scene(b, rec)
    return Scene(
        id=sid,
        title=b.template(rec.get("title")) or EMPTY_TEMPLATE,
        passages=_passages(b, rec.get("text")),
        where=b.where(rec),
        chapter=chapter,
        tags=tuple(rec.get("tags", ())),
        on_enter=b.effects(rec.get("on_enter", ())),
        choices=tuple(choices),
        is_ending=is_ending,
        mechanics=tuple(rec.get("mechanics", ())),
        extra=MappingProxyType(extras),
    )


def _build_choice(b: Build, sid: str, rec: Rec) -> Choice:
    extras = {}
    for ext in EXTENSIONS:
        if ext.build_choice:
            extras[ext.name] = ext.build_choice(b, rec, sid)
    if rec.get("reason") is not None and rec.get("enable_if") is None:
        b.error(rec.fields["reason"], "E207", "reason: explains a disabled choice; it needs enable_if:")
    return Choice(
        id=rec["id"],
        scene=sid,
        text=b.template(rec["text"]) or EMPTY_TEMPLATE,
        where=b.where(rec),
        condition=b.condition(rec.get("if")),
        enable_if=b.condition(rec.get("enable_if")),
        reason=b.template(rec.get("reason")),
        effects=b.effects(rec.get("effects", ())),
        next=_build_next(b, rec.get("next"), rec),
        after=b.template(rec.get("after")),
        once=rec.get("once", False),
        fallback=rec.get("fallback", False),
        key=rec.get("key", False),
        tags=tuple(rec.get("tags", ())),
        extra=MappingProxyType(extras),
    )


def _check_targets(b: Build, scenes: dict[str, Scene]) -> None:
    for srec, _e, _c in b.scene_recs.values():
        for where_rec, nxt in _next_fields(srec):
            for target in _targets_of(nxt):
                if target not in scenes:
                    b.error(
                        where_rec, "E300", f"unknown scene or ending {target!r}{_suggest(target, scenes)}"
                    )


def _next_fields(srec: Rec):
    if srec.get("next") is not None:
        yield srec, srec["next"]
    for crec in srec.get("choices", []):
        if crec.get("next") is not None:
            yield crec, crec["next"]


def _targets_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    branches = [value] if isinstance(value, Rec) else value
    out = []
    for br in branches:
        if br.get("to"):
            out.append(br["to"])
        out.extend(w["to"] for w in br.get("random", []) or [])
    return out


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f"; did you mean {match[0]!r}?" if match else ""
