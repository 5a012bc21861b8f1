"""The score app's feedback keeps the number in sight and stays scarce; what looks clickable on the
phone works (#13 items 6 and 9)."""

from __future__ import annotations

from desktop_helpers import click, step
from screens import SAMPLE_PATH

from game.desktop.phone.notices import QUIET_POINTS, worth_a_popup
from game.desktop.scoreview import Notice


def _to_evening(app):
    app.new_game()
    story = app.top
    for choice in SAMPLE_PATH[:2]:
        story._pick("choose", choice)
    story.panel.clear_notices()
    story._pick("choose", SAMPLE_PATH[2])
    step(app)
    return story


def test_notices_never_cover_the_dial(make_app, sample_story):
    for size in ((1024, 600), (1280, 720), (2560, 1440)):
        app = make_app(size=size, story=sample_story)
        story = _to_evening(app)
        panel = story.panel
        assert panel.live, "the −40 and the restriction pop up"
        center, radius, _band, _bottom = panel.dial_geometry()
        number_bottom = center[1] + radius * 0.3
        cards = [box for _panel, box, what in panel.boxes if what == "notice"]
        assert cards
        assert all(box.top > number_bottom for box in cards), f"{size}: a notice covers the score"


def test_small_monthly_movements_do_not_pop_up(make_app, sample_story):
    app = make_app(story=sample_story)
    story = _to_evening(app)
    titles = [live.notice.title for live in story.panel.live]
    assert "−40 points" in titles  # what the player did shows
    # the month's pull and drift do not
    assert not any(t in ("−2 points", "+1 point") for t in titles), titles
    assert worth_a_popup(Notice("score", "−12 points", "", -QUIET_POINTS - 2, source="pull"))
    assert not worth_a_popup(Notice("score", "−3 points", "", -3, source="drift"))
    assert worth_a_popup(Notice("score", "−3 points", "", -3, source="rule"))
    assert worth_a_popup(Notice("tier", "Your tier is now Fair", ""))


def test_all_in_activity_and_the_chevron_work(make_app, sample_story):
    app = make_app(size=(1024, 600), story=sample_story, text_size="large")
    story = _to_evening(app)
    panel = story.panel
    panel.clear_notices()
    step(app)
    link = next((r for r, (what, _arg) in panel.links if what == "tab"), None)
    assert link is not None, "the Score tab shows 'All in Activity' with more than three changes"
    turn = app.session.state.turn
    click(app, link.center)
    assert panel.tab == "activity" and app.session.state.turn == turn
    chevron = next((r for r, (what, arg) in panel.links if what == "scroll" and arg > 0), None)
    assert chevron is not None, "the Activity list runs below the phone's screen"
    click(app, chevron.center)
    assert panel.first["activity"] > 0
    up = next(r for r, (what, arg) in panel.links if what == "scroll" and arg < 0)
    click(app, up.center)
    assert panel.first["activity"] == 0
