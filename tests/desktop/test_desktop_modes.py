"""The desktop game in all three transparency modes (#11 deliver 5): played through the story screen,
the phone shows no score before activation or after deletion, no rule's wording in opaque mode, and every
pop-up agrees with the state it follows."""

from __future__ import annotations

import random

import pytest

from game.engine import frame, load_story_or_raise
from game.engine.scoring import queries, shown
from game.paths import story_dir


@pytest.fixture(scope="module")
def pearl():
    return load_story_or_raise(story_dir())


def rule_wordings(story) -> set[str]:
    rules = queries.model(story).rules
    return {text for r in rules.rules for text in (r.partial, r.transparent) if text}


@pytest.mark.parametrize("mode", ["opaque", "partial", "transparent"])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_phone_obeys_the_mode_and_the_app_through_a_game(make_app, pearl, mode, seed):
    app = make_app(story=pearl, options={"transparency": mode})
    app.new_game()
    rng = random.Random(seed)
    wordings = rule_wordings(pearl)
    for _ in range(200):
        screen = app.top
        assert screen.name == "story"
        state = app.session.state
        shown_frame = frame(pearl, state)
        if shown_frame.status != "choosing":
            break
        choice = rng.choice([c for c in shown_frame.choices if c.enabled])
        pushed: list = []  # the pop-ups this step hands the phone (some wait in its queue)
        push = screen.panel.push

        def record(notices, pushed=pushed, push=push):
            pushed.extend(notices)
            push(notices)

        screen.panel.push = record
        screen._pick("choose", choice.id)
        screen.panel.push = push
        state = app.session.state
        data, live = screen.panel.data, pushed
        if shown.status(pearl, state) != "active":
            assert data.score is None, f"{mode}: a score shown while the app is {shown.status(pearl, state)}"
            assert not live, f"{mode}: pop-ups while the app is off: {[n.title for n in live]}"
            continue
        assert data.score == queries.score_view(pearl, state).score
        for notice in live:
            text = f"{notice.title} {notice.body}"
            if mode == "opaque":
                assert not any(w in text for w in wordings), f"rule wording in opaque mode: {text}"
            if notice.kind == "score":
                assert notice.delta != 0
    assert app.session.ended, "the game reached an ending"
