"""Hot reload: an edited story reloads in place; a broken one shows its errors, and play goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_helpers import step

from game.desktop.hotreload import HotReload
from game.engine import load_story_or_raise

SAMPLE = Path(__file__).resolve().parents[1] / "stories" / "sample" / "story.yaml"


def test_edit_reload_keeps_place_and_errors_show_on_screen(make_app, tmp_path):
    path = tmp_path / "story.yaml"
    shutil.copy(SAMPLE, path)
    app = make_app(story=load_story_or_raise(path))
    app.new_game()
    app.session.choose("ignore")
    app.play(app.session)
    reload = HotReload(app, path)
    assert app.session.state.scene == "market"

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The stalls are open", "The stalls are bright and open"), encoding="utf-8")
    reload.poll(now=1e9)
    step(app)
    assert app.session.state.scene == "market" and app.session.state.turn == 1
    assert "bright" in app.session.frame().paragraphs[0]
    assert app.top.name == "story"

    path.write_text(text.replace("next: street", "next: nowhere", 1), encoding="utf-8")
    reload.poll(now=2e9)
    step(app)
    assert app.top.name == "reload_errors"
    assert any("E300" in line and "nowhere" in line for line in app.top.lines)
    assert app.session.state.scene == "market"  # still playable underneath

    path.write_text(text, encoding="utf-8")
    reload.poll(now=3e9)
    step(app)
    assert app.top.name == "story" and app.session.state.turn == 1
