"""The score app and the debrief read the real scoring model (tests/stories/sample)."""

from __future__ import annotations

import pytest
from desktop_helpers import click, step
from screens import SAMPLE_PATH

from game.desktop import scoreview as sv
from game.engine import Session, load_story_or_raise
from game.engine.scoring.engine import model_of


def _play(story, mode: str, path=SAMPLE_PATH[:3]):
    session = Session(story, 1, {"seed": 1, "transparency": mode})
    events = []
    for choice in path:
        events.append(session.choose(choice))
    return session, events


def test_a_story_without_a_score_is_inactive(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text("story: {id: plain, title: P, start: a}\nscenes:\n  a: {next: a}\n", encoding="utf-8")
    story = load_story_or_raise(path)
    assert model_of(story) is None or model_of(story).rules is None
    session = Session(story, 1, {"seed": 1})
    assert sv.read(story, session.state) == sv.INACTIVE


def test_reads_score_tier_date_contacts_and_ledger(sample_story):
    session, _ = _play(sample_story, "partial")
    data = sv.read(sample_story, session.state)
    assert data.active and data.score == 525 and data.view.tier_title == "Fair"
    assert sv.date_text(data.view.date) == "Jul 2015"
    assert [c.name for c in data.network] == ["Mei"]
    assert data.pulling_down[0].name == "Mei" and data.pulling_down[0].pull_now < 0
    assert data.suggestions[0].name == "Zhang" and data.suggestions[0].gain > 0
    assert ("slow_internet", "Slower internet", True) in data.view.perks
    assert sum(e.delta for e in data.ledger) == data.score - 600
    assert 0 < data.fraction() < 1


@pytest.mark.parametrize("mode", ["opaque", "partial", "transparent"])
def test_a_score_event_gives_a_notice_in_the_sessions_mode(sample_story, mode):
    session, events = _play(sample_story, mode)
    last = events[-1]  # posting the photo: -40 by the protest rule, and a penalty
    score_events = [e for e in last if e.kind == "score"]
    notes = sv.visible_notices(last, sample_story, session.state, session.states[-2])
    score_notes = [n for n in notes if n.kind == "score"]
    assert len(score_notes) == len(score_events)
    assert score_notes[0].title == "−40 points" and score_notes[0].delta == -40
    expected = {
        "opaque": "Your score changed.",
        "partial": "Some of your online activity was flagged.",
        "transparent": score_events[0].data["explain"]["transparent"],
    }[mode]
    assert score_notes[0].body == expected
    assert any(n.kind == "penalty" and n.title == "Restricted: Slower internet" for n in notes)


def test_era_and_contact_events_give_notices(sample_story):
    session, events = _play(sample_story, "transparent", SAMPLE_PATH)
    states = session.states
    kinds = [
        n.kind
        for i, step_events in enumerate(events)
        for n in sv.visible_notices(step_events, sample_story, states[i + 1], states[i])
    ]
    assert "era" in kinds and "contact" in kinds


def test_choosing_shows_the_notice_and_animates_the_dial(make_app, sample_story):
    app = make_app(story=sample_story, options={"transparency": "opaque"}, reduced_motion=False)
    app.new_game()
    story = app.top
    story._pick("choose", "activate")
    story._pick("choose", "buy_anime")
    story.panel.clear_notices()
    before = story.panel.shown
    story._pick("choose", "post_photo")
    live = [n.notice for n in story.panel.live]
    assert live and live[0].body == "Your score changed." and live[0].title == "−40 points"
    assert "notify" in app.sounds.played
    step(app)
    assert story.panel.shown != before and story.panel.shown > story.panel.data.score  # on its way down
    step(app, 240)
    assert story.panel.shown == story.panel.data.score


def test_phone_tabs_by_mouse_and_arrows(make_app, sample_story):
    import pygame
    from desktop_helpers import key

    app = make_app(story=sample_story)
    app.new_game()
    step(app)
    panel = app.top.panel
    click(app, panel.tab_rects["friends"].center)
    assert panel.tab == "friends" and app.session.state.turn == 0
    key(app, pygame.K_RIGHT)
    assert panel.tab == "activity"
    key(app, pygame.K_RIGHT)
    assert panel.tab == "score"


def test_debrief_shows_facts_with_labels_and_roads_not_taken(make_app, sample_story):
    from game.desktop.debrief import DebriefScreen

    app = make_app(story=sample_story)
    app.new_game()
    for choice in SAMPLE_PATH:
        app.top._pick("choose", choice)
    assert app.session.ended
    app.push(DebriefScreen(app))
    screen = app.top
    d = screen.debrief
    assert [s for s, _, _ in d.steps] == ["feel", "happened", "mechanism", "real", "question"]
    screen.go(3)  # what is real
    texts = [what for _, what in screen.current.boxes]
    assert d.facts and all(f"{f.label.upper()}" in texts for f in d.facts)
    assert any(f.claim in texts for f in d.facts)
    screen.go(2)  # the mechanism: the roads not taken
    texts = [what for _, what in screen.current.boxes]
    assert d.whatifs
    w = d.whatifs[0]
    assert f"Had you chosen “{w.alternative_text}” instead of “{w.taken_text}”:" in texts
    assert any(t.startswith(f"Score {w.outcome.score} ") for t in texts)
    # the keyboard turns pages; Esc goes back to the story
    import pygame
    from desktop_helpers import key

    screen.go(0)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_PAGEDOWN)
    assert screen.page >= 1
    key(app, pygame.K_RETURN)
    assert screen.page >= 2
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"


def test_transparency_option_reaches_the_session_and_its_saves(make_app, sample_story):
    app = make_app(story=sample_story, options={"transparency": "partial"})
    app.new_game()
    assert app.session.options["transparency"] == "partial"
    assert sv.mode_of(app.session.state) == "partial"
    assert app.session.save_data()["options"]["transparency"] == "partial"


def test_play_options_reach_the_session(monkeypatch, home, tmp_path, sample_story):
    """``play --rules FILE --transparency MODE``: the rules replace the story's, the mode
    goes into the session's options."""
    from pathlib import Path

    from game.cli import build_parser, play_options
    from game.desktop import app as app_module

    sample = Path(__file__).resolve().parents[1] / "stories" / "sample"
    text = (sample / "story.yaml").read_text(encoding="utf-8")
    block = text[text.index("\nscoring:") : text.index("\ncontacts:")]  # the story's own rules, as text
    block = block.replace("id: sample_rules", "id: other_rules").replace(
        "title: Sample rules", "title: Other rules"
    )
    path = tmp_path / "other.rules.yaml"
    path.write_text(block, encoding="utf-8")
    seen = {}

    def fake_run(self):
        seen["app"] = self
        return 0

    monkeypatch.setattr(app_module.App, "run", fake_run)
    args = build_parser().parse_args(
        ["play", "--story", str(sample), "--rules", str(path), "--transparency", "opaque", "--from", "market"]
    )
    assert app_module.run_desktop(play_options(args)) == 0
    session = seen["app"].session
    assert session.options["transparency"] == "opaque"
    data = sv.read(session.story, session.state)
    assert data.view.rules_title == "Other rules" and data.mode == "opaque"
