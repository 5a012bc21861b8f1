"""The real window under Xvfb, driven by xdotool: keys and a click change the screen,
and closing the window (WM_DELETE_WINDOW, as a window manager sends it) writes an
autosave. Skipped without Xvfb/xdotool/ImageMagick, except under CI where it must run."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "import")


def _need_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"missing {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def _xvfb() -> Iterator[str]:
    """An Xvfb server on a display it reserves itself (``-displayfd``): the server takes the first free
    number, holding its lock, and writes that number and a newline to our pipe once it accepts
    connections. Picking a number ourselves and then starting the server races every other test run on
    the machine. ``-noreset``: by default the server resets when its last client leaves (our first
    screenshot) and refuses connections meanwhile, so the game would sometimes find no display. The
    pipe stays open while the server runs (a server that finds its reader gone stops with "Cannot
    write display number")."""
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as errors:
        try:
            xvfb = subprocess.Popen(
                [
                    *("Xvfb", "-displayfd", str(write_end), "-noreset", "-nolisten", "tcp"),
                    *("-screen", "0", "1280x720x24"),
                ],
                pass_fds=(write_end,),
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        finally:
            os.close(write_end)
        try:
            said = b""
            while not said.endswith(b"\n") and select.select([read_end], [], [], 30)[0]:
                chunk = os.read(read_end, 32)
                if not chunk:
                    break  # the server exited
                said += chunk
            if not said.strip().isdigit():
                xvfb.kill()
                xvfb.wait(timeout=10)
                errors.seek(0)
                pytest.fail(f"Xvfb reported no display: {errors.read().decode(errors='replace')}")
            yield f":{said.decode().strip()}"
        finally:
            if xvfb.poll() is None:
                xvfb.terminate()
            xvfb.wait(timeout=10)
            os.close(read_end)


def _run(args, env, check=True) -> str:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=20, check=check).stdout


def _screen_bytes(env, path: Path) -> bytes:
    subprocess.run(["import", "-window", "root", str(path)], env=env, timeout=20, check=True)
    return path.read_bytes()


def _settled_screen(env, path: Path, unlike: bytes, wait: float = 30.0) -> bytes:
    """The screen once it differs from ``unlike`` and has stopped changing (two captures in a row
    alike), so the test waits for the game however busy the machine is instead of sleeping a guessed
    time. After ``wait`` seconds it returns whatever is shown, and the caller's assertion fails."""
    deadline = time.monotonic() + wait
    last = _screen_bytes(env, path)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = _screen_bytes(env, path)
        if now == last and now != unlike:
            return now
        last = now
    return last


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
        ("pad", ctypes.c_long * 12),  # XEvent is 24 longs
    ]


def _close_window(display: str, window: int) -> None:
    """Send WM_DELETE_WINDOW, exactly what a window manager's close button does."""
    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    assert dpy, f"cannot open display {display}"
    ev = _ClientMessage()
    ev.type = 33  # ClientMessage
    ev.window = window
    ev.message_type = x11.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
    ev.format = 32
    ev.data[0] = x11.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
    ev.data[1] = 0  # CurrentTime
    x11.XSendEvent(dpy, window, 0, 0, ctypes.byref(ev))
    x11.XFlush(dpy)
    x11.XCloseDisplay(dpy)


def test_real_window_keys_click_and_close(tmp_path):
    _need_tools()
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # instant text and no motion, so a screen that stops changing is the settled screen
    (home / "config" / "settings.json").write_text(
        json.dumps({"text_speed": "instant", "reduced_motion": True})
    )
    with _xvfb() as display:
        _play_close_and_check(display, home, tmp_path)


def _play_close_and_check(display: str, home: Path, tmp_path: Path) -> None:
    game = None
    try:
        env = {**os.environ, "DISPLAY": display, "SOCIALSCORE_HOME": str(home), "SDL_AUDIODRIVER": "dummy"}
        env.pop("SDL_VIDEODRIVER", None)
        blank = _screen_bytes(env, tmp_path / "blank.png")
        game = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "play",
                "--story",
                str(ROOT / "tests" / "stories" / "sample"),
                "--seed",
                "1",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        window = _find_window(env, game)
        title = _settled_screen(env, tmp_path / "0-title.png", unlike=blank)
        assert title != blank, "the title screen was never drawn"
        _assert_no_3d_driver(game.pid)
        _run(["xdotool", "key", "--window", window, "Return"], env)  # New game
        story = _settled_screen(env, tmp_path / "1-story.png", unlike=title)
        assert story != title, "Enter on the title screen did not start a game"
        # click the first choice; its place comes from the same layout code at the same size
        # the window opens fitted to the screen and centred: ask X where it is and how big
        geometry = dict(
            line.split("=", 1)
            for line in _run(["xdotool", "getwindowgeometry", "--shell", window], env).split()
            if "=" in line
        )
        size = (int(geometry["WIDTH"]), int(geometry["HEIGHT"]))
        x, y = _first_choice_centre(size)
        x, y = x + int(geometry["X"]), y + int(geometry["Y"])
        _run(["xdotool", "mousemove", "--sync", str(x), str(y)], env)
        _run(["xdotool", "click", "1"], env)
        after_click = _settled_screen(env, tmp_path / "2-click.png", unlike=story)
        assert after_click != story, "clicking the first choice did not change the screen"
        autosave = home / "data" / "saves" / "social_score_sample" / "autosave.json"
        if autosave.exists():
            autosave.unlink()  # so the close must write it again
        _close_window(display, int(window))
        game.wait(timeout=15)
        assert game.returncode == 0, game.stderr.read().decode(errors="replace")
        assert autosave.exists(), "closing the window did not write an autosave"
        assert json.loads(autosave.read_text())["state"]["turn"] == 1
    finally:
        if game is not None and game.poll() is None:
            game.kill()
            game.wait(timeout=10)


def _assert_no_3d_driver(pid: int) -> None:
    """A 2D game needs no OpenGL: SDL's default texture framebuffer loaded Mesa (LLVM and a
    rasteriser), about 100 MB of the game's 150 at the title screen (#20)."""
    maps = Path(f"/proc/{pid}/maps")
    if not maps.exists():
        return  # not Linux: nothing to read
    loaded = {line.split()[-1].rsplit("/", 1)[-1] for line in maps.read_text().splitlines() if "/" in line}
    drivers = ("libLLVM", "libGLX_mesa", "swrast", "libgallium")
    gl = sorted(name for name in loaded if name.startswith(drivers))
    assert not gl, f"the game loaded a 3D driver it does not need: {gl}"


def _find_window(env, game) -> str:
    """The game's window id, once it is mapped (fails with the game's stderr if it died)."""
    for _ in range(200):
        if game.poll() is not None:
            pytest.fail(f"the game exited early: {game.stderr.read().decode(errors='replace')}")
        # this xdotool's --name search misses SDL's UTF-8 title: list windows, match names
        ids = subprocess.run(
            ["xdotool", "search", "--class", "."], env=env, capture_output=True, text=True, timeout=10
        ).stdout.split()
        for wid in ids:
            name = subprocess.run(
                ["xdotool", "getwindowname", wid], env=env, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            if name == "Social Score":
                return wid
        time.sleep(0.05)
    pytest.fail("the game window did not appear")


def _first_choice_centre(size: tuple[int, int]) -> tuple[int, int]:
    """Where the first choice of the opening is in a window of ``size`` (computed headless)."""
    code = (
        "import os; os.environ['SDL_VIDEODRIVER']='dummy'; os.environ['SDL_AUDIODRIVER']='dummy'\n"
        "from game.desktop.app import App, init_pygame\n"
        "from game.desktop.settings import Settings\n"
        "from game.engine import load_story_or_raise\n"
        "init_pygame()\n"
        "story = load_story_or_raise('tests/stories/sample')\n"
        f"app = App(story, size={tuple(size)}, settings=Settings(text_speed='instant'), seed=1, sound=0)\n"
        "app.new_game(); s = app.top; b = s.choices.buttons[0]\n"
        "r = b.rect.move(0, s.view.y - round(s.scroll)); print(r.centerx, r.centery)\n"
    )
    env = {**os.environ, "SOCIALSCORE_HOME": "/nonexistent-socialscore-home"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.split()
    return int(out[-2]), int(out[-1])
