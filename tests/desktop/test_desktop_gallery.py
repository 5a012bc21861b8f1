"""The endings gallery at every 16:9 size: Back never on a card, every card reachable, cards open."""

from __future__ import annotations

import pytest

from game.desktop.inputs import Input


@pytest.fixture(scope="module")
def scenario():
    from game.engine import load_story_or_raise
    from game.paths import story_dir

    return load_story_or_raise(story_dir())


@pytest.mark.parametrize("size", [(1024, 576), (1280, 720), (1920, 1080), (2560, 1440)])
def test_the_gallery_fits_scrolls_and_opens(make_app, scenario, size):
    from game.desktop.gallery import GalleryScreen

    app = make_app(size=size, story=scenario, text_size="huge")
    for scene in scenario.endings:
        app.gallery.add(scene.id)
    gallery = GalleryScreen(app)
    app.push(gallery)
    app.step(1 / 60, [])
    window = app.surface.get_rect()
    back = gallery.back.buttons[0].rect
    assert window.contains(back)
    assert not back.colliderect(gallery.view)  # Back sits below the scrolling cards
    # keyboard: every card comes into view in turn as focus moves
    seen = set()
    for _ in range(len(gallery.cards) * 2):
        gallery.handle(Input("right"))
        focus = gallery.grid.focus
        card = gallery.cards[focus][0].move(0, gallery.view.y - round(gallery.scroll))
        assert gallery.view.contains(card) or card.h > gallery.view.h
        seen.add(focus)
    assert seen == set(range(len(gallery.cards)))
    gallery.handle(Input("confirm"))
    assert gallery.opened is not None
    gallery.handle(Input("back"))
    assert gallery.opened is None and app.top is gallery
    # the mouse: a click on a card in view opens it
    gallery.handle(Input("home"))
    gallery.scroll = 0.0
    first = gallery.cards[0][0].move(0, gallery.view.y)
    gallery.handle(Input("click", first.center))
    assert gallery.opened is gallery.cards[0][1]
