"""Claims and techniques in the desktop game: the claims asked after the reflection questions,
before the first scene and again after the ending, logged; a technique named as an aside under the
scene's text (Pearl, the shipped story, played through the screens)."""

from __future__ import annotations

import json
import os

import pygame
from desktop_helpers import click, key, step

from game.engine import load_story_or_raise
from game.engine.scoring.format import DEBRIEF_STEPS
from game.paths import story_dir


def skip_reflection(app) -> None:
    while app.top.name == "reflection":
        key(app, pygame.K_ESCAPE)


def test_claims_before_and_after_play_and_a_technique_aside(make_app, tmp_path):
    logs = tmp_path / "logs"
    app = make_app(story=load_story_or_raise(story_dir()), workshop={"log_dir": logs, "session_code": "C1"})
    app.new_game()
    step(app)
    app.top.submit()
    skip_reflection(app)
    screen = app.top
    assert screen.name == "claims" and screen.phase == "before"
    assert [b.label for b in screen.points] == ["True", "False", "Not sure"]
    assert screen.question.id == "visa_score"
    key(app, pygame.K_1)  # True
    key(app, pygame.K_2)  # False
    key(app, pygame.K_3)  # Not sure
    click(app, app.top.points[0].rect.center)  # the mouse works too: True
    key(app, pygame.K_ESCAPE)  # skipped
    key(app, pygame.K_RIGHT)  # the keyboard: the middle button (False), then Enter
    key(app, pygame.K_RETURN)
    assert app.top.name == "story"
    asides = [" ".join(pc.block.lines) for pc in app.top.pieces if pc.bar]
    assert asides and asides[0].startswith("Technique: Optional by design — ")
    if os.environ.get("CLAIMS_SHOTS"):  # a screenshot to look at
        for _ in range(4):  # scrolled to the foot
            key(app, pygame.K_PAGEDOWN)
        pygame.image.save(app.surface, os.path.join(os.environ["CLAIMS_SHOTS"], "story-aside.png"))
    while not app.session.ended:
        choice = next(c for c in app.session.frame().choices if c.enabled)
        app.choose(choice.id)
    app.top.load_frame(reset=True)
    app.after_ending(lambda: None)
    skip_reflection(app)
    assert app.top.name == "claims" and app.top.phase == "after"
    if os.environ.get("CLAIMS_SHOTS"):
        step(app)
        pygame.image.save(app.surface, os.path.join(os.environ["CLAIMS_SHOTS"], "claims-after.png"))
    for _ in range(6):
        key(app, pygame.K_2)
    files = sorted(logs.glob("*.jsonl"))
    lines = [json.loads(line) for line in files[0].read_text(encoding="utf-8").splitlines()]
    rated = [line for line in lines if line["type"] == "claims"]
    assert [r["phase"] for r in rated] == ["before", "after"]
    assert rated[0]["answers"] == {
        "visa_score": "true",
        "mandatory_2020": "false",
        "one_score": "unsure",
        "protest_posts": "true",
        "employers_posts": "false",
    }
    assert set(rated[1]["answers"].values()) == {"false"} and len(rated[1]["answers"]) == 6
    assert app.claim_answers["before"] == rated[0]["answers"]
    # the debrief: the levers on the mechanism page, the claims card on the what-is-real page
    from game.desktop.debrief import DebriefScreen

    app.push(DebriefScreen(app))
    step(app)
    screen = app.top
    d = screen.debrief
    assert [m.technique.id for m in d.techniques][0] == "optional_by_design"
    assert len(d.claims) == 6 and d.claims[1].before == "false" and d.claims[1].right_before
    for page in ("mechanism", "real"):
        screen.go(DEBRIEF_STEPS.index(page))
        step(app)
        words = " ".join(str(b[-1]) for b in screen.text_boxes())
        heading = "THE LEVERS THE APP PULLED ON YOU" if page == "mechanism" else "TRUE OR FALSE?"
        assert heading in words
        if page == "mechanism":
            assert "Optional by design" in words
        if os.environ.get("CLAIMS_SHOTS"):  # scrolled to the card
            top = next(b[1].y for b in screen.text_boxes() if str(b[-1]).startswith(heading))
            screen.scroll = float(top - 40)
            screen._clamp()
            app.dirty = True
            step(app)
            pygame.image.save(app.surface, os.path.join(os.environ["CLAIMS_SHOTS"], f"debrief-{page}.png"))
