"""A crafted class and every figure the report draws from it, as plain JSON.

The streamed log reader (#14 item 7) must give the same figures as the reader it replaced: the
golden file ``class_figures.json`` was written by the previous reader (which kept every event of
every log) from the class built here, and ``test_report_stream`` compares. To rewrite it on
purpose: ``python -m tests.workshop.class_snapshot``.

The class, of the sample story (test-owned, so a change to the shipped scenarios never moves
these figures): players in all three modes (simulated, so with real events: dropped contacts and
what the app said, perks, eras, dated choices), one who undid choices, one who stopped early, one
restart, one copied log in a sub-folder, a hand-made log with control characters, a bad line and a
loaded save, a log of another story version and one of another story.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from game.engine import load_story
from game.workshop.demo import replay_log, simulated_answers
from game.workshop.log import SCHEMA
from game.workshop.logs_read import read_dir
from game.workshop.report import analyse, prompts, write_csv
from game.workshop.simulate import play_once, policy_named

from ..helpers import SAMPLE

GOLDEN = Path(__file__).with_name("class_figures.json")
MODES = ("opaque", "partial", "transparent")
POLICIES = ("conformist", "loyal", "random")


def _play(story, folder: Path, name: str, i: int, **kw) -> Path:
    """Player ``i``'s simulated game, logged to ``folder/name`` (a fixed name: file order matters)."""
    policy = POLICIES[i % 3]
    options = {"transparency": MODES[i % 3], "seed": i}
    final = play_once(story, policy_named(policy), i, options)
    before, after = simulated_answers(story, policy, random.Random(i))
    kw.setdefault("pseudonym", f"P{i}")
    path = replay_log(story, final.path, folder, seed=i, options=options, before=before, after=after, **kw)
    return path.rename(folder / name)


def build_class(folder: Path) -> Path:
    """Write the crafted class into ``folder`` (made if need be); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    story, _ = load_story(SAMPLE)
    for i in range(12):
        _play(story, folder, f"p{i:02}.jsonl", i)
    _play(story, folder, "undoer.jsonl", 12, undo_every=2)
    _play(story, folder, "stopped.jsonl", 13, finish=False)
    _play(story, folder, "r1-restart.jsonl", 14, pseudonym="Again", finish=False)
    _play(story, folder, "r2-restart.jsonl", 15, pseudonym="Again")
    (folder / "laptop").mkdir(exist_ok=True)
    shutil.copy(folder / "p01.jsonl", folder / "laptop" / "p01 (1).jsonl")
    _handmade(folder / "handmade.jsonl", story.id)
    _other_version(folder / "p04.jsonl", folder / "old-version.jsonl")
    other = json.dumps({"type": "header", "schema": SCHEMA, "story": "elsewhere", "pseudonym": "X"})
    (folder / "other-story.jsonl").write_text(other + "\n", encoding="utf-8")
    return folder


def _handmade(path: Path, story_id: str) -> None:
    head = {"type": "header", "schema": SCHEMA, "story": story_id, "story_title": "Sample",
            "story_version": "1.0", "rules": {"id": "x", "title": "Hand rules"}, "transparency": "opaque",
            "pseudonym": "Esc\x1b]0;x\x07ape", "session_code": "demo", "start_score": 650,
            "start_tier": "very_good", "tiers": [{"id": "poor", "title": "Poor", "min": 350}],
            "questions": [{"id": "visa_trade", "text": "Visa?", "scale": 5}]}  # fmt: skip
    lines = [
        json.dumps(head),
        json.dumps({"type": "reflection", "phase": "before", "answers": {"visa_trade": 2}}),
        '{"type": "choice", "turn": 1, "scene": "opening", "choice": "opening.activate", "key": true,'
        ' "score": 652, "events": [{"kind": "contact", "change": "dropped", "name": "M\\u0007ei",'
        ' "cause": {"choice": "activate"}}, {"kind": "score", "source": "rule", "cause": '
        '{"choice": "activate"}, "explain": {"opaque": "Said \\u001b[2Jso."}, "date": "2015-02"}]}',
        "{not json",
        json.dumps({"type": "load", "turn": 2, "path": ["opening.activate", "market.buy_boots"]}),
        json.dumps(
            {
                "type": "choice",
                "turn": 3,
                "scene": "market",
                "choice": "market.leave",
                "key": True,
                "offered": [{"choice": "market.leave", "text": "Leave"}, {"choice": "market.stay"}],
                "score": 640,
                "events": [
                    {"kind": "perk", "granted": False, "title": "Visa"},
                    {"kind": "era", "title": "Era\\u0007", "date": "2016-01"},
                ],
            }
        ),  # fmt: skip
        json.dumps(
            {
                "type": "end",
                "ending": "e",
                "ending_title": "Hand end",
                "turn": 3,
                "score": 640,
                "tier": "poor",
                "ledger": [{"kind": "score", "t": [1, 2]}],
                "t": "x",
            }
        ),  # fmt: skip
        json.dumps({"type": "reflection", "phase": "after", "answers": {"visa_trade": 4}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _other_version(source: Path, path: Path) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0]) | {"story_version": "0.9", "pseudonym": "Old"}
    text = "\n".join([json.dumps(head, ensure_ascii=False)] + lines[1:]) + "\n"
    path.write_text(text.replace('"scene_title":"', '"scene_title":"Old ', 1), encoding="utf-8")


def figures(folder: Path) -> dict:
    """Every figure the report shows, from the logs in ``folder``, as JSON-able data."""
    logs = read_dir(folder)
    a = analyse(logs)
    base = str(folder)

    def rel(name: str) -> str:
        return name.replace(base, "")

    out = {
        "n": a.n,
        "finished": len(a.finished),
        "story_title": a.story_title,
        "rules": sorted(a.rules.items()),
        "modes": sorted(a.modes.items()),
        "tier_counts": sorted((str(k), v) for k, v in a.tier_counts.items()),
        "endings": sorted(a.endings.items()),
        "decisions": [
            {
                "scene": d.scene,
                "title": d.title,
                "reached": d.reached,
                "turns": d.turns,
                "texts": d.texts,
                "counts": sorted(d.counts.items()),
            }  # fmt: skip
            for d in a.decisions
        ],
        "dropped": sorted(a.dropped.items()),
        "drop_reasons": {k: sorted(v.items()) for k, v in sorted(a.drop_reasons.items())},
        "dropped_you": sorted(a.dropped_you.items()),
        "refused": sorted(a.refused.items()),
        "granted": sorted(a.granted.items()),
        "questions": [[q.id, q.before, q.after, q.deltas] for q in a.questions],
        "undos": a.undos,
        "groups": [
            [
                g.label,
                len(g.players),
                g.scores,
                g.median,
                sorted((str(k), v) for k, v in g.tier_counts.items()),
                sorted(g.endings.items()),
            ]  # fmt: skip
            for g in a.groups
        ],
        "players": [
            {
                "name": rel(p.name),
                "pseudonym": p.pseudonym,
                "finished": p.finished,
                "score": p.final_score,
                "tier": p.final_tier,
                "steps": [s.choice for s in p.steps],
                "curve": p.curve(),
                "months": p.month_curve(),
                "eras": p.eras(),
                "loads": p.loads,
                "undos": p.undos,
                "reflections": p.reflections,
            }  # fmt: skip
            for p in a.players
        ],
        "problems": sorted(rel(str(p)) for p in logs.problems),
        "sessions": sorted(logs.sessions.items()),
        "version": logs.version,
        "other_versions": sorted(logs.other_versions.items()),
        "other_stories": sorted(logs.other_stories.items()),
        "prompts": prompts(a),
    }
    csv_path = folder.parent / f"{folder.name}.csv"
    write_csv(a, csv_path)
    out["csv"] = csv_path.read_text(encoding="utf-8").splitlines()
    csv_path.unlink()
    return json.loads(json.dumps(out))  # tuples as lists, as the golden file has them


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = figures(build_class(Path(tmp) / "class"))
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}: {data['n']} players, {len(data['problems'])} problems")
