"""The room's results as the file route makes them: one JSON Lines session log per player (written
by the workshop's own :class:`~game.workshop.log.SessionLog`, replaying each stored game with the
times its steps were confirmed) and the class report built from them by ``socialscore report``'s code.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from .. import __version__
from ..workshop import report
from ..workshop.log import SessionLog
from ..workshop.logs_read import read_dir
from .room import Room


def write_logs(room: Room, folder: str | Path) -> list[Path]:
    """Write every player's log into ``folder``; returns the files, oldest player first."""
    paths = []
    for player in list(room.players.values()):
        now = {"t": player.joined}

        def clock(now=now) -> str:
            return now["t"]

        session = room.new_session(player.id)
        log = SessionLog.create(
            folder,
            session,
            pseudonym=player.pseudonym,
            session_code=room.settings.session_code,
            clock=clock,
            token=lambda pid=player.id: f"{pid:04d}",
        )
        with log:
            for step in room.store.steps_of(player.id):
                now["t"] = step.t
                if step.kind == "choice":
                    events = session.choose(step.data["choice"])
                    log.record_choice(session, events)
                elif step.kind == "reflection":
                    log.record_reflection(step.data["phase"], step.data.get("answers") or {})
                    if "claims" in step.data:  # the claims, asked on the same page
                        log.record_claims(step.data["phase"], step.data["claims"])
        paths.append(log.path)
    return paths


def logs_zip(room: Room) -> bytes:
    """Every player's log in one zip file (the folder ``socialscore report`` reads)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="socialscore-logs-") as tmp:
        paths = write_logs(room, tmp)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, f"{room.settings.session_code}/{path.name}")
    return buffer.getvalue()


def report_html(room: Room, stamp: str = "") -> str | None:
    """The class report, the same page as ``socialscore report``; None before anyone has played."""
    with tempfile.TemporaryDirectory(prefix="socialscore-logs-") as tmp:
        write_logs(room, tmp)
        logs = read_dir(tmp)
        if not logs.players:
            return None
        return report.render(report.analyse(logs), stamp or f"{__version__}, live from socialscore serve")
