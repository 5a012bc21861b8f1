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


def _playing(app, choices: int = 2) -> None:
    """A game under way in the title's current story, left for the title (which autosaves it)."""
    app.new_game()
    for _ in range(choices):
        app.choose(next(c.id for c in app.session.frame().choices if c.enabled))
    app.to_title()


def test_a_new_game_asks_only_about_the_chosen_story_s_game_under_way(make_app):
    """The Story row switches the autosave New game would replace: it asks about Pearl's game under way
    only while Pearl is chosen, names that game, and Cancel keeps it."""
    from game.desktop.storage import AUTOSAVE

    app, _title = open_title(make_app)
    _playing(app)
    pearl_save = app.slots.path(AUTOSAVE).read_bytes()
    app.top.pick("story")  # Many Numbers: no game under way there, so no question
    assert app.story.id == "many_numbers" and not app.slots.info(AUTOSAVE).exists
    app.top.pick("new")
    assert app.top.name == "story" and app.session.story.id == "many_numbers"
    _playing(app, choices=1)  # now a Many Numbers game is under way too
    app.top.pick("story")  # back to Pearl: its own game under way is the one asked about
    assert app.story.id == "social_score"
    app.top.pick("new")
    confirm = app.top
    assert confirm.name == "confirm" and "replaced" in confirm.subheading
    assert "turn 2" in confirm.subheading.lower()  # the Pearl game, not the Many Numbers one (turn 1)
    confirm.pick(confirm.list.buttons[1])  # Cancel
    assert app.top.name == "title" and app.session is None
    assert app.slots.path(AUTOSAVE).read_bytes() == pearl_save
    app.top.pick("story")  # Many Numbers again: asks about its own game, and Yes starts a Many Numbers game
    app.top.pick("new")
    confirm = app.top
    assert confirm.name == "confirm"
    confirm.pick(confirm.list.buttons[0])
    assert app.top.name == "story" and app.session.story.id == "many_numbers" and app.session.state.turn == 0


def test_the_title_dial_shows_the_chosen_story_s_own_score(make_app):
    """The dial is each story's: the score every game starts at, that score's tier, the app's tagline."""
    from game.desktop.title import title_emblem
    from game.engine.scoring.engine import model_of

    app, title = open_title(make_app)
    seen = []
    for _ in range(2):
        rules = model_of(app.story).rules
        score, fraction, tier, tagline = title_emblem(app.story)
        assert score == rules.start and tier == rules.tier_of(rules.start).title
        assert fraction == (rules.start - rules.min) / (rules.max - rules.min)
        assert tagline == model_of(app.story).app_tagline
        app.new_game()  # and a new game starts there, as the dial says
        assert scoreview_score(app) == score
        app.to_title()
        seen.append((score, tier, tagline))
        app.top.pick("story")
    assert seen[0] != seen[1]


def scoreview_score(app) -> int:
    from game.engine.scoring import queries

    return queries.score_view(app.story, app.session.state).score


def test_a_story_without_a_score_draws_an_empty_dial(make_app, tmp_path):
    from game.desktop.title import title_emblem

    story = tmp_path / "plain.yaml"
    story.write_text(
        "story: {id: plain, title: Plain, start: a}\nscenes:\n  a:\n    text: Nothing is counted here.\n"
        "    choices: [{id: go, text: Go, next: b}]\nendings:\n  b: {title: Done, text: The end.}\n",
        encoding="utf-8",
    )
    app = make_app(story=load_story_or_raise(story))
    assert title_emblem(app.story) is None
    app.reset(TitleScreen(app))
    app.draw()  # no number, no crash


def test_each_story_shows_its_description_on_the_title_page(make_app):
    """Both stories' descriptions fit on the title page (the description is the first thing to give
    way when the page is short, and Many Numbers' used to: its title page showed none)."""
    app, title = open_title(make_app)
    for story_id in ("social_score", "many_numbers"):
        if app.story.id != story_id:
            title.pick("story")
            app.step(1 / 60, [])
            title = app.top
        assert app.story.id == story_id and app.story.description
        assert title.show_desc, story_id
