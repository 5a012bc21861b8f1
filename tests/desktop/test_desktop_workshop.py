"""Workshops in the desktop game: the pseudonym and reflection screens, the session log written as
play goes, undo locked by a preset, the session code on screen, and the "Save anonymous session
logs" setting."""

from __future__ import annotations

import json

import pygame
from desktop_helpers import click, key, step
from screens import HOSTILE, SAMPLE_PATH

from game.desktop import app as app_module

NUMBER_KEYS = {i: getattr(pygame, f"K_{i}") for i in range(1, 10)}


def type_text(app, text: str) -> None:
    """Type ``text`` as the keyboard does: one TEXTINPUT event (what SDL sends for typed text)."""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    step(app)


def pick(app, choice_id: str) -> None:
    """Take a choice of the story screen with its number key."""
    screen = app.top
    assert screen.name == "story", screen.name
    button = next(b for b in screen.choices.buttons if b.data == ("choose", choice_id))
    key(app, NUMBER_KEYS[button.number])


def read_log(folder) -> tuple[str, list[dict]]:
    files = sorted(folder.glob("*.jsonl"))
    assert len(files) == 1, files
    text = files[0].read_text(encoding="utf-8")
    assert text.endswith("\n")
    return files[0].name, [json.loads(line) for line in text.splitlines()]


def test_keyboard_playthrough_writes_the_session_log(make_app, tmp_path):
    from game.desktop.title import TitleScreen

    logs = tmp_path / "logs"
    app = make_app(workshop={"log_dir": logs, "session_code": "K7Q2"})
    app.reset(TitleScreen(app))
    step(app)
    key(app, pygame.K_RETURN)  # New game
    assert app.top.name == "pseudonym"
    assert not logs.exists() or not list(logs.iterdir())  # nothing is written before the name
    type_text(app, "<script>")
    key(app, pygame.K_h)  # a letter key is text here (its TEXTINPUT), not the history
    type_text(app, "h")
    key(app, pygame.K_BACKSPACE)  # ...and Backspace deletes, it does not undo
    assert app.top.name == "pseudonym"
    type_text(app, "x</script>")
    key(app, pygame.K_SPACE)  # Space types (as text); it does not submit
    type_text(app, " ")
    assert app.top.text == HOSTILE + " "
    key(app, pygame.K_RETURN)
    # the reflection questions before play, one a page
    assert app.top.name == "reflection" and app.top.phase == "before"
    assert app.top.question.id == "visa_trade"
    key(app, pygame.K_2)  # a number key answers and moves on
    assert app.top.question.id == "friends_count"
    key(app, pygame.K_RIGHT)  # the middle of the scale (3)
    key(app, pygame.K_RIGHT)  # 4
    key(app, pygame.K_RETURN)
    assert app.top.name == "story"
    pick(app, SAMPLE_PATH[0])
    pick(app, SAMPLE_PATH[1])
    key(app, pygame.K_BACKSPACE)  # undo the second choice
    assert app.session.state.turn == 1
    for choice in SAMPLE_PATH[1:]:
        pick(app, choice)
    assert app.session.ended
    key(app, pygame.K_1)  # "See how it went": first the questions again
    assert app.top.name == "reflection" and app.top.phase == "after"
    five = next(b for b in app.top.points if b.data == 5)
    click(app, five.rect.center)  # the mouse works too
    key(app, pygame.K_ESCAPE)  # skip the second question
    assert app.top.name == "debrief"

    name, lines = read_log(logs)
    assert name.startswith("k7q2-script-x-script-") and name.endswith(".jsonl")
    types = [line["type"] for line in lines]
    assert types == ["header", "reflection", "choice", "choice", "undo"] + ["choice"] * 3 + [
        "end",
        "reflection",
    ]
    header = lines[0]
    assert header["session_code"] == "K7Q2"
    assert header["pseudonym"] == HOSTILE  # kept as typed (readers escape it), trailing space cleaned
    assert header["seed"] == 1
    assert [q["id"] for q in header["questions"]] == ["visa_trade", "friends_count"]
    assert lines[1] == {**lines[1], "phase": "before", "answers": {"visa_trade": 2, "friends_count": 4}}
    choices = [line["choice"].split(".")[-1] for line in lines if line["type"] == "choice"]
    assert choices == [SAMPLE_PATH[0], SAMPLE_PATH[1], *SAMPLE_PATH[1:]]
    end = lines[-2]
    assert end["ending"] == app.session.state.ending and end["score"] is not None
    assert lines[-1]["phase"] == "after" and lines[-1]["answers"] == {"visa_trade": 5}
    # back to the title and again: the questions after are not asked twice for one game
    app.to_title()
    assert app.log is not None and app.log.error is None


def test_closing_the_window_mid_game_leaves_a_valid_log(make_app, tmp_path):
    logs = tmp_path / "logs"
    app = make_app(workshop={"log_dir": logs, "reflect": False})
    app.new_game()
    step(app)
    key(app, pygame.K_RETURN)  # an empty pseudonym
    assert app.top.name == "story"  # reflect off: straight into the story
    pick(app, SAMPLE_PATH[0])
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)
    assert not app.running
    name, lines = read_log(logs)
    assert "-anonymous-" in name
    assert [line["type"] for line in lines] == ["header", "choice"]
    assert lines[0]["pseudonym"] == "anonymous"
    assert lines[0]["session_code"]  # today's date when the workshop names none


def test_loading_a_save_is_logged(make_app, tmp_path):
    from game.desktop.saveload import SaveLoadScreen

    logs = tmp_path / "logs"
    app = make_app(workshop={"log_dir": logs, "reflect": False})
    app.new_game()
    app.top.submit()
    pick(app, SAMPLE_PATH[0])
    app.slots.save(app.session, "slot1", "saved")
    pick(app, SAMPLE_PATH[1])
    app.push(SaveLoadScreen(app, "load"))
    slot = next(b for b in app.top.list.buttons if b.data == "slot1")
    click(app, slot.rect.center)
    assert app.top.name == "story" and app.session.state.turn == 1
    _name, lines = read_log(logs)
    assert [line["type"] for line in lines] == ["header", "choice", "choice", "load"]
    assert lines[-1]["turn"] == 1


def test_pseudonym_screen_edits_and_goes_back(make_app, tmp_path):
    from game.desktop.title import TitleScreen
    from game.workshop.log import PSEUDONYM_MAX

    logs = tmp_path / "logs"
    app = make_app(workshop={"log_dir": logs})
    app.reset(TitleScreen(app))
    app.new_game()
    screen = app.top
    type_text(app, "Mei")
    key(app, pygame.K_HOME)
    type_text(app, "A")
    key(app, pygame.K_END)
    type_text(app, "\n\t!")  # control characters are dropped
    assert screen.text == "AMei!"
    type_text(app, "y" * 60)
    assert len(screen.text) == PSEUDONYM_MAX
    click(app, (screen.field.x + 2, screen.field.centery))  # the caret goes to the start
    assert screen.caret == 0
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    assert not logs.exists() or not list(logs.iterdir())
    # the mouse: New game, then the Start button with an empty field
    new = next(b for b in app.top.list.buttons if b.data == "new")
    click(app, new.rect.center)
    start = next(b for b in app.top.buttons.buttons if b.data == "start")
    click(app, start.rect.center)
    assert app.top.name == "reflection"
    _name, lines = read_log(logs)
    assert lines[0]["pseudonym"] == "anonymous"


def test_undo_is_locked_in_a_workshop(make_app):
    app = make_app(workshop={"session_code": "K7Q2", "undo_locked": True})
    app.new_game()
    step(app)
    assert app.top.name == "story"  # no log folder, no questions
    assert app.session.undo_locked
    pick(app, SAMPLE_PATH[0])
    key(app, pygame.K_BACKSPACE)
    assert app.session.state.turn == 1
    assert app.toasts and app.toasts[-1].text == app_module.UNDO_OFF
    undo = next(b for b in app.top.tools.buttons if b.data == "undo")
    assert not undo.enabled and undo.note == app_module.UNDO_OFF
    app.toasts = []
    click(app, undo.rect.center)
    assert app.session.state.turn == 1
    assert app.toasts and app.toasts[-1].text == app_module.UNDO_OFF
    # the session code sits in the story header
    assert app.top.tag is not None and app.top.tag[1] == "Session K7Q2"
    key(app, pygame.K_ESCAPE)
    menu_undo = next(b for b in app.top.list.buttons if b.data == "undo")
    assert not menu_undo.enabled and menu_undo.note == app_module.UNDO_OFF
    # a loaded save is locked too, whatever it says
    key(app, pygame.K_ESCAPE)
    app.slots.save(app.session, "slot1", "x")
    data = json.loads(app.slots.path("slot1").read_text())
    data["undo_locked"] = False
    app.slots.path("slot1").write_text(json.dumps(data))
    app.load_game(app.slots.load("slot1"))
    assert app.session.undo_locked


def test_title_shows_the_session_code(make_app):
    from game.desktop.title import TitleScreen

    app = make_app(workshop={"session_code": "K7Q2"})
    app.reset(TitleScreen(app))
    step(app)
    assert app.top.badge is not None and app.top.badge[1] == "Workshop session K7Q2"
    plain = make_app()
    plain.reset(TitleScreen(plain))
    assert plain.top.badge is None


def test_workshop_title_offers_only_the_sessions_game(make_app, tmp_path):
    """An autosave from another player (another seed and mode) is not offered: Continue and Load are
    gone, Enter starts a new game, which asks for the pseudonym (#13 item 8)."""
    from game.desktop.storage import AUTOSAVE
    from game.desktop.title import TitleScreen

    earlier = make_app()
    earlier.new_game()
    pick(earlier, SAMPLE_PATH[0])
    earlier.slots.save(earlier.session, AUTOSAVE, "someone else's game")
    app = make_app(workshop={"log_dir": tmp_path / "logs", "session_code": "K7Q2"})
    assert app.slots.has_autosave()
    app.reset(TitleScreen(app))
    step(app)
    assert [b.label for b in app.top.list.buttons] == ["New game", "Settings", "Quit"]
    key(app, pygame.K_RETURN)
    assert app.top.name == "pseudonym"


def test_settings_toggle_saves_logs_in_the_data_folder(make_app, home):
    from game.desktop.settings import load_settings
    from game.desktop.title import TitleScreen

    app = make_app()
    assert not app.settings.session_logs and app.log_dir is None  # off by default
    app.reset(TitleScreen(app))
    step(app)
    settings = next(b for b in app.top.list.buttons if b.data == "settings")
    click(app, settings.rect.center)
    row = next(b for b in app.top.list.buttons if b.data == "session_logs")
    assert row.value == "Off" and row.note.startswith("In ") and row.note.endswith("logs")
    click(app, row.rect.center)
    assert app.settings.session_logs
    assert json.loads((home / "config" / "settings.json").read_text())["session_logs"] is True
    assert load_settings().session_logs
    assert app.log_dir == home / "data" / "logs"
    key(app, pygame.K_ESCAPE)  # back to the title
    assert app.top.name == "title" and app.top.badge is not None
    new = next(b for b in app.top.list.buttons if b.data == "new")
    click(app, new.rect.center)  # New game: asks for a pseudonym, as logging is on
    assert app.top.name == "pseudonym"
    type_text(app, "Fox")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_ESCAPE)  # skip both questions
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"
    _name, lines = read_log(home / "data" / "logs")
    assert lines[0]["pseudonym"] == "Fox"
    assert lines[1] == {**lines[1], "phase": "before", "answers": {}}


def test_settings_row_is_fixed_when_the_workshop_names_a_folder(make_app, tmp_path):
    from game.desktop.settings_screen import SettingsScreen

    app = make_app(workshop={"log_dir": tmp_path / "logs"})
    app.push(SettingsScreen(app))
    row = next(b for b in app.top.list.buttons if b.data == "session_logs")
    assert not row.enabled and row.value == "On" and "logs" in row.note


def test_bad_log_folder_in_the_settings_file_falls_back(home):
    from game.desktop.settings import load_settings

    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"session_logs": "yes", "log_folder": 3}))
    s = load_settings()
    assert s.session_logs is False and s.log_folder == ""
    (home / "config" / "settings.json").write_text(
        json.dumps({"session_logs": True, "log_folder": str(home / "elsewhere")})
    )
    assert load_settings().log_path == home / "elsewhere"


def test_reflect_without_logging_asks_but_writes_nothing(make_app, home):
    app = make_app(workshop={"reflect": True})
    app.new_game()
    assert app.top.name == "reflection"
    key(app, pygame.K_3)
    key(app, pygame.K_3)
    assert app.top.name == "story" and app.log is None
    assert not (home / "data" / "logs").exists()


def test_play_with_a_workshop_preset(make_app, tmp_path, monkeypatch, capsys, home):
    from pathlib import Path

    from game.cli import main

    sample = Path(__file__).resolve().parents[1] / "stories" / "sample"
    preset = tmp_path / "workshop.yaml"
    preset.write_text(
        "workshop:\n  session_code: tue-3b\n  seed: 2015\n  transparency: opaque\n"
        "  log_dir: room-logs\n  undo_locked: true\n",
        encoding="utf-8",
    )
    seen = {}

    def fake_run(self):
        seen["app"] = self
        return 0

    monkeypatch.setattr(app_module.App, "run", fake_run)
    assert main(["play", "--story", str(sample), "--workshop", str(preset)]) == 0
    err = capsys.readouterr().err
    assert "does not write workshop logs" not in err
    assert "tue-3b" in err
    app = seen["app"]
    assert app.workshop.log_dir == tmp_path / "room-logs"
    assert app.workshop.session_code == "tue-3b" and app.workshop.undo_locked
    assert app.workshop.reflect is True
    assert app.seed == 2015 and app.options == {"transparency": "opaque"}
    # run_desktop reads the preset itself when the caller did not
    from game.cli import build_parser, play_options

    args = build_parser().parse_args(["play", "--story", str(sample), "--workshop", str(preset)])
    assert app_module.run_desktop(play_options(args)) == 0
    assert seen["app"].workshop.session_code == "tue-3b"


def test_a_seat_plays_its_story_in_the_classroom_cut(make_app, tmp_path, monkeypatch, capsys, home):
    """``stories: [pearl, many-numbers]`` and ``--seat N``: seat 2 plays Many Numbers, seat 3 Pearl; Pearl's
    games (the first and every new one) play the classroom cut the preset asks for by default."""
    from game.cli import main

    preset = tmp_path / "workshop.yaml"
    preset.write_text(
        "workshop:\n  session_code: mixed\n  seed: 5\n  log_dir: logs\n  stories: [pearl, many-numbers]\n",
        encoding="utf-8",
    )
    seen = {}

    def fake_run(self):
        seen["app"], seen["title"] = self, self.top.name
        self.workshop = app_module.Workshop()  # no pseudonym screen: straight into the game
        seen["cuts"] = []
        for _ in range(2):  # the first game and a new one after it
            self.new_game()
            seen["cuts"].append(self.session.state.vars.get("cut"))
        return 0

    monkeypatch.setattr(app_module.App, "run", fake_run)
    assert main(["play", "--workshop", str(preset), "--seat", "2"]) == 0
    assert "Seat 2: playing many-numbers" in capsys.readouterr().err
    assert seen["app"].story.id == "many_numbers" and seen["title"] == "title"
    assert seen["cuts"] == [None, None]  # Many Numbers has no cut: it plays as it is
    assert main(["play", "--workshop", str(preset), "--seat", "3"]) == 0
    assert seen["app"].story.id == "social_score" and seen["cuts"] == ["classroom", "classroom"]
    # a preset that says full plays the full cut; --set on the command line wins over the preset
    preset.write_text(preset.read_text() + "  cut: full\n", encoding="utf-8")
    assert main(["play", "--workshop", str(preset), "--seat", "1"]) == 0
    assert seen["cuts"] == ["full", "full"]
    assert main(["play", "--workshop", str(preset), "--seat", "1", "--set", "cut=classroom"]) == 0
    assert seen["cuts"] == ["classroom", "classroom"]


def test_leaving_a_workshop_game_mid_way_asks_the_questions_after(make_app, tmp_path):
    """In a workshop there is no Continue: a player who leaves before the ending (Esc, Main menu) is asked
    the questions after play, once, and the log has them (no end line: the report counts them apart)."""
    from game.desktop.menu import GameMenu

    logs = tmp_path / "logs"
    app = start_workshop_game(make_app, logs)
    pick(app, SAMPLE_PATH[0])
    key(app, pygame.K_ESCAPE)
    menu = app.top
    assert isinstance(menu, GameMenu)
    menu.pick(next(b for b in menu.list.buttons if b.data == "title"))
    assert app.top.name == "reflection" and app.top.phase == "after"
    for _ in range(2):
        key(app, pygame.K_4)
    assert app.top.name == "title"
    _name, lines = read_log(logs)
    assert [line["type"] for line in lines] == ["header", "reflection", "choice", "reflection"]
    assert lines[-1]["phase"] == "after" and lines[-1]["answers"] == {"visa_trade": 4, "friends_count": 4}


def test_leaving_a_game_outside_a_workshop_asks_nothing(make_app):
    from game.desktop.menu import GameMenu

    app = make_app()
    app.new_game()
    pick(app, SAMPLE_PATH[0])
    app.push(GameMenu(app))
    app.top.pick(next(b for b in app.top.list.buttons if b.data == "title"))
    assert app.top.name == "title"


def close_window(app) -> None:
    """What the window's close button (X) sends."""
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)


def start_workshop_game(make_app, logs):
    app = make_app(workshop={"log_dir": logs})
    app.new_game()
    step(app)
    key(app, pygame.K_RETURN)  # an empty pseudonym
    for _ in range(2):
        key(app, pygame.K_3)  # the two questions before play
    return app


def test_closing_the_window_mid_game_in_a_workshop_asks_the_questions_after(make_app, tmp_path):
    logs = tmp_path / "logs"
    app = start_workshop_game(make_app, logs)
    pick(app, SAMPLE_PATH[0])
    close_window(app)
    assert app.running and app.top.name == "reflection" and app.top.phase == "after"
    for _ in range(2):
        key(app, pygame.K_4)
    assert not app.running
    _name, lines = read_log(logs)
    assert [line["type"] for line in lines] == ["header", "reflection", "choice", "reflection"]
    assert lines[-1]["phase"] == "after" and lines[-1]["answers"] == {"visa_trade": 4, "friends_count": 4}


def test_closing_the_window_again_while_the_questions_show_quits(make_app, tmp_path):
    logs = tmp_path / "logs"
    app = start_workshop_game(make_app, logs)
    pick(app, SAMPLE_PATH[0])
    close_window(app)
    assert app.running and app.top.name == "reflection"
    close_window(app)
    assert not app.running
    _name, lines = read_log(logs)
    assert [line["type"] for line in lines] == ["header", "reflection", "choice"]


def test_closing_the_window_before_any_choice_or_outside_a_workshop_quits_at_once(make_app, tmp_path):
    app = start_workshop_game(make_app, tmp_path / "logs")
    assert app.top.name == "story"
    close_window(app)
    assert not app.running
    app = make_app()
    app.new_game()
    pick(app, SAMPLE_PATH[0])
    close_window(app)
    assert not app.running
