"""``socialscore serve``: the classroom server, one process on the facilitator's laptop.

It reads the workshop preset (or the play options), opens the room's SQLite file (resuming every
game in it after a crash or a restart), prints the players' address, the session code and the
facilitator's secret address, and serves until Ctrl+C.
"""

from __future__ import annotations

import socket
import sqlite3
import sys
from pathlib import Path

from ..engine import DEFAULT_MODE
from ..launch import PlayOptions, UsageError, fresh_seed, load_for_play
from ..workshop.log import SESSION_CODE_RE, default_session_code
from ..workshop.preset import DEFAULT_CUT, PresetError, apply, load_preset

DEFAULT_PORT = 8000


def data_file(data: str | None, log_dir: str | None, code: str) -> Path:
    """The room's SQLite file: ``--data FILE``, else ``<session code>.sqlite3`` in the preset's log
    folder (or ``socialscore-serve/`` here)."""
    if data:
        return Path(data)
    folder = Path(log_dir) if log_dir else Path("socialscore-serve")
    return folder / f"{code}.sqlite3"


def lan_addresses() -> list[str]:
    """This machine's addresses other players can reach (best effort, no traffic sent)."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addr = info[4][0]
            if not addr.startswith("127.") and addr not in found:
                found.append(addr)
    except OSError:
        pass
    return found


def run_serve(
    options: PlayOptions, port: int = DEFAULT_PORT, host: str = "0.0.0.0", data: str | None = None
) -> int:
    """Serve the room until Ctrl+C: ``options`` as for play (a preset in ``options.workshop``);
    ``data`` is the room's SQLite file (default: see :func:`data_file`)."""
    from .app import create_app
    from .room import Room, Settings
    from .store import Store

    if options.workshop:
        try:
            options = apply(options, load_preset(options.workshop))
        except PresetError as exc:
            raise UsageError(str(exc)) from None
    code = options.session_code or default_session_code()
    if not SESSION_CODE_RE.fullmatch(code):
        raise UsageError(f"socialscore serve: bad session code {code!r}")
    if not 0 < port < 65536:
        raise UsageError("socialscore serve: --port must be between 1 and 65535")
    _check_port(host, port, UsageError)
    path = data_file(data, options.log_dir, code)
    try:
        store = Store(path)
        stored = store.get("settings")
    except (OSError, sqlite3.Error) as exc:  # one line, not a traceback
        raise UsageError(f"socialscore serve: cannot open {path}: {exc}") from None
    settings = Settings(
        session_code=code,
        seed=fresh_seed(options.seed),
        transparency=options.transparency or DEFAULT_MODE,
        reflect=options.reflect if options.preset is not None else True,  # the preset says; else ask
        story=options.story,
        rules=options.rules,
        stories=options.preset.stories if options.preset is not None else (),
        cut=options.cut or DEFAULT_CUT,  # a classroom plays the classroom cut unless the preset says
    )
    if stored is not None:
        # A room resumed from its file plays the stories, rules, cut and seed it started with (its games
        # replay only under those), whatever this command line says.
        settings = Settings.from_json(stored)
    try:
        stories = {name: load_for_play(name, settings.rules) for name in settings.story_names}
    except BaseException:
        store.close()
        raise
    room = Room.open(stories, store, settings)
    for problem in room.replay_problems:
        print(f"socialscore serve: {path}: {problem}", file=sys.stderr)
    shown = lan_addresses() if host in ("0.0.0.0", "") else [host]
    urls = [f"http://{a}:{port}/" for a in (shown or ["127.0.0.1"])]
    out = sys.stdout
    out.write(f"Social Score classroom server: session {room.settings.session_code}\n")
    out.write(f"  Players open: {'  or  '.join(urls)}  (session code {room.settings.session_code})\n")
    out.write(f"  Facilitator (keep private): {urls[0]}f/{room.facilitator_token}\n")
    if len(room.settings.story_names) > 1:
        titles = " / ".join(story.title for story in room.distinct_stories)
        out.write(f"  Stories, one per player in turn as they join: {titles}\n")
    out.write(f"  Games are kept in {path}; {len(room.players)} player(s) resumed. Ctrl+C stops.\n")
    out.flush()
    app = create_app(room, join_url=urls[0])
    import uvicorn

    try:
        # Keep-alive of 75 s (nginx's default, not uvicorn's 5 s): a phone that reads for a while reuses its
        # connection instead of racing the server closing it under a posted choice.
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,  # nothing about players is logged (and a log line a request costs time)
            timeout_keep_alive=75,
            timeout_graceful_shutdown=2,
        )
    finally:
        store.close()
    return 0


def _check_port(host: str, port: int, error: type[Exception]) -> None:
    """One clear line when the port is taken (before uvicorn would say it its own way)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise error(
                f"socialscore serve: cannot listen on {host}:{port}: {exc.strerror or exc}; try --port N"
            ) from None
