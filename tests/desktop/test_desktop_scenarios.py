"""The title screen offers both shipped scenarios (#18): a Story row switches New game, Continue, Load and
the endings gallery to the other story, and the title page names it."""

from __future__ import annotations

from game.desktop.app import _offered_scenarios
from game.desktop.inputs import Input
from game.desktop.title import TitleScreen
from game.engine import load_story_or_raise
from game.launch import PlayOptions
from game.paths import scenarios, story_dir


def open_title(make_app):
    app = make_app(story=load_story_or_raise(story_dir()))
    app.scenarios, app.scenario = scenarios(), "pearl"
    title = TitleScreen(app)
    app.push(title)
    app.step(1 / 60, [])
    return app, title


def test_story_row_switches_to_the_other_scenario_and_back(make_app):
    app, title = open_title(make_app)
    row = next(b for b in title.list.buttons if b.data == "story")
    assert row.value == "Social Score"
    title.handle(Input("click", row.rect.center))
    app.step(1 / 60, [])
    assert app.story.id == "many_numbers" and app.slots.folder.name == "many_numbers"
    row = next(b for b in title.list.buttons if b.data == "story")
    assert row.value == "Many Numbers"
    title.pick("new")
    assert app.session is not None and app.session.story.id == "many_numbers"
    app.to_title()
    title = app.top
    title.pick("story")
    assert app.story.id == "social_score"


def test_title_page_names_the_story_and_its_years(make_app, tmp_path):
    from game.engine.scoring.queries import story_years

    app, title = open_title(make_app)
    assert story_years(app.story) == (2015, 2020)
    title.pick("story")
    assert story_years(app.story) == (2023, 2025)
    app.draw()
    import pygame

    pygame.image.save(app.surface, str(tmp_path / "title.png"))


def test_a_story_chosen_for_the_player_is_the_only_one():
    options = PlayOptions()
    assert list(_offered_scenarios(options)) == ["pearl", "many-numbers"]
    for name, value in (("story", "many-numbers"), ("rules", "no-friends"), ("preset", object())):
        assert _offered_scenarios(options.evolve(**{name: value})) == {}
    assert _offered_scenarios(options.evolve(hot_reload=True)) == {}


def test_the_phone_speaks_in_the_story_s_voice_and_tells_the_truth_about_the_network(make_app):
    """Pearl's tagline is Pearl's; a score without pull does not claim the network shapes it."""
    from game.desktop import scoreview

    for name, tagline, pulls in (
        ("pearl", "Trust makes life easier", True),
        ("many-numbers", "Your free credit score, updated monthly", False),
    ):
        app = make_app(story=load_story_or_raise(story_dir(name)))
        app.new_game()
        data = scoreview.read(app.story, app.session.state)
        assert (data.app_tagline, data.network_pulls) == (tagline, pulls)
