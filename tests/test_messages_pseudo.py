"""A second language, proved with a pseudo one: every template of the catalogue with its letters
swapped for accented ones and bracketed (⟦Ýóúŕ śćóŕé ćħáńǵéď.⟧), the same ids and parameters. Whole
games played in it word every notice, explanation, refusal and score view in it: no English is left
from the runtime, only the story's and the rules file's own text, passed through as parameters."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from string import Formatter

import pytest

from game.engine import Mode, Session
from game.engine.debrief import build_debrief
from game.engine.messages import ENGLISH, speaking
from game.engine.scoring import notices, shown
from game.engine.scoring.engine import part_of
from game.text import scoreviews
from game.text.debrief import debrief_lines
from game.web import views

from .helpers import ROOT, SAMPLE, load_ok

ACCENTED = str.maketrans("abcdeghiklmnorstuyzABCDEGHIKLMNORSTUYZ", "áƀćďéǵħíķĺḿńóŕśťúýźÁƁĆĎÉǴĦÍĶĹḾŃÓŔŚŤÚÝŹ")


def _pseudo(template: str) -> str:
    """``template`` in the pseudo language: literal text accented, the parameters as they were."""
    out = []
    for literal, name, spec, conversion in Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}").translate(ACCENTED))
        if name is not None:
            out.append(
                "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            )
    return "⟦" + "".join(out) + "⟧"


class Recording(Mapping[str, str]):
    """The pseudo table, remembering which ids were asked for."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table, self.asked = table, set()

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        return self.table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


def _english_fragments() -> set[str]:
    """Every run of English words a template writes itself (two words or more)."""
    out = set()
    for template in ENGLISH.values():
        for literal, _name, _spec, _conv in Formatter().parse(template):
            for piece in re.split(r"[.:;,()“”!?]", literal):
                piece = piece.strip()
                if " " in piece and len(piece) >= 6:
                    out.add(piece)
    return out


class Front:
    """What the terminal's score views need of the terminal: its session, and lines written."""

    def __init__(self, session: Session) -> None:
        self.session, self.lines = session, []

    def say(self, text: str = "") -> None:
        self.lines.append(text)

    def wrap(self, text: str, indent: str = "") -> None:
        self.lines.append(text)


def _said(story, seed: int, mode: Mode) -> list[str]:
    """Everything the runtime wrote for a player in one random game in ``mode``."""
    rng = random.Random(seed)
    session = Session(story, seed, {"transparency": mode.value})
    out = []
    while True:
        frame = session.frame()
        out += [c.reason or "" for c in frame.choices if not c.enabled]
        out.append(shown.status_line(story, session.state) or "")
        enabled = [c for c in frame.choices if c.enabled]
        if not enabled:
            break
        before = session.state
        events = session.choose(rng.choice(enabled).id)
        for n in notices.step_notices(story, before, session.state, events):
            out += [n.title, n.body, n.text]
        for e in events:
            if "explain" in e.data:
                out += [e["explain"][m] for m in Mode]
        front = Front(session)
        for _help, view in scoreviews.COMMANDS.values():
            view(front)
        out += front.lines
        app = views.phone(session)  # the browser's score app
        if app["line"] is None:
            out += [
                app["next_tier_line"],
                app["pulling_down_line"],
                app["suggested_line"],
                *app["friend_lines"],
            ]
            out += [
                line
                for line, (_id, _title, penalty) in zip(app["perk_lines"], app["view"].perks, strict=True)
                if penalty
            ]
        else:
            out.append(app["line"])
    if seed == 0:  # and the debrief's account of the score (it replays the roads not taken: once a mode)
        out += debrief_lines(build_debrief(story, session.states))
        web = views.debrief(session)  # and the browser's
        out += [web["score_line"], *web["change_lines"], *web["whatif_lines"]]
    part = part_of(session.state)
    out += [entry.explain[m] for entry in (part.ledger if part else ()) for m in Mode]
    return [s for s in out if s]


@pytest.mark.parametrize("where", ["story/pearl", "sample"])
def test_whole_games_speak_the_second_language(where):
    story = load_ok(SAMPLE if where == "sample" else ROOT / where)
    table = Recording({k: _pseudo(v) for k, v in ENGLISH.items()})
    folder = SAMPLE if where == "sample" else ROOT / where
    author = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml")))
    fragments = {f for f in _english_fragments() if f not in author}  # the story's words are its own
    said = []
    with speaking(table):
        for mode in Mode:
            for seed in range(4):
                said += _said(story, seed, mode)
    assert said and any("⟦" in s for s in said)
    english = sorted({f"{f!r} in {s!r}" for s in said for f in fragments if f in s})
    assert english == [], "\n".join(english)
    assert len(table.asked) >= 20  # notices, explanations and refusals of many kinds were worded
    assert not any("⟦" in s for s in _said(story, 0, Mode.TRANSPARENT))  # outside the block, English


def test_the_pseudo_language_keeps_every_parameter():
    for message_id, template in ENGLISH.items():
        names = {n for _, n, _, _ in Formatter().parse(template) if n}
        assert {n for _, n, _, _ in Formatter().parse(_pseudo(template)) if n} == names, message_id
