"""The classroom server's routes: each page and action of one room, as methods of :class:`RoomSite`.

Joining (``/``, ``/join``, ``/return``); a player's pages and actions (``/p/{token}``: their game,
the stage they are at, a choice, their answers); the facilitator's (``/f/{ftoken}``: the room's
figures, its phase, the live stream, the report and the logs). :func:`game.web.app.create_app`
mounts them behind the guard.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jinja2
import segno
from anyio import to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..engine import ChoiceError
from ..engine.claims import answer_words
from ..engine.messages import say
from ..engine.scoring.engine import model_of
from ..workshop import reflect as reflect_text
from . import export, views
from .room import Player, Room, StageError

HERE = Path(__file__).resolve().parent
COOKIE = "socialscore_player"
STAGE_NAMES = {
    "before": "answering before",
    "waiting": "waiting",
    "play": "playing",
    "after": "answering after",
    "debrief": "in the debrief",
}
PHASE_NAMES = {"open": "room open", "started": "playing", "timeup": "time’s up"}
#: How often the live view checks for changes (seconds), and how long one event stream lasts before
#: the browser reconnects (EventSource does that by itself), so no stream outlives a shutdown long.
LIVE_TICK = 0.5
LIVE_SPAN = 60.0


def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates are part of the package: no stat of the file on every page
    )


class RoomSite:
    """The routes over one room: the handlers share the room, its codes, the templates and the
    debriefs worked out so far (the roads not taken replay a game: done once per player and turn).
    ``join_url`` is the address players type (shown with its QR code on the facilitator's page)."""

    def __init__(self, room: Room, join_url: str = "") -> None:
        self.room = room
        self.join_url = join_url
        self.env = templates()
        self.debriefs: dict[tuple[int, int], dict[str, Any]] = {}
        self.code = room.settings.session_code
        self.ftoken = room.facilitator_token
        # The QR code carries the session code too, so a scanned phone lands on a filled-in form.
        qr_url = f"{join_url}?code={self.code}"
        self.qr_svg = segno.make(qr_url, error="m").svg_inline(scale=8, border=2) if join_url else ""

    def routes(self) -> list[Route | Mount]:
        return [
            Route("/", self.home),
            Route("/favicon.ico", lambda request: RedirectResponse("/static/icon.svg", status_code=301)),
            Route("/join", self.join, methods=["POST"]),
            Route("/return", self.come_back, methods=["POST"]),
            Route("/p/{token}", self.player_page),
            Route("/p/{token}/stage", self.player_stage),
            Route("/p/{token}/choose", self.choose, methods=["POST"]),
            Route("/p/{token}/reflect", self.reflect, methods=["POST"]),
            Route("/f/{ftoken}", self.facilitator),
            Route("/f/{ftoken}/phase", self.set_phase, methods=["POST"]),
            Route("/f/{ftoken}/live", self.live),
            Route("/f/{ftoken}/report.html", self.report),
            Route("/f/{ftoken}/logs.zip", self.logs),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]

    def page(self, name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("code", self.code)
        context.setdefault("message", _message(request))
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def back(self, url: str, message: str = "") -> RedirectResponse:
        return RedirectResponse(url + (f"?m={message}" if message else ""), status_code=303)

    def player_of(self, request: Request) -> Player | None:
        return self.room.player(request.path_params["token"])

    # -- joining ----------------------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        token = request.cookies.get(COOKIE, "")
        if token and self.room.player(token):
            return self.back(f"/p/{self.room.player(token).token}")
        typed = request.query_params.get("code", "")[:40]
        return self.page("join.html", request, code="", typed_code=typed)

    async def join(self, request: Request) -> Response:
        form = await _form(request)
        typed = str(form.get("code", "")).strip()
        if typed.lower() != self.code.lower():
            return self.back("/", "code")
        player = self.room.join(str(form.get("pseudonym", "")))
        response = self.back(f"/p/{player.token}")
        response.set_cookie(COOKIE, player.token, max_age=86400, httponly=True, samesite="strict")
        return response

    async def come_back(self, request: Request) -> Response:
        form = await _form(request)
        player = self.room.player(str(form.get("token", "")))
        if player is None:
            return self.back("/", "return")
        response = self.back(f"/p/{player.token}")
        response.set_cookie(COOKIE, player.token, max_age=86400, httponly=True, samesite="strict")
        return response

    # -- a player's pages -------------------------------------------------------------------------
    async def player_page(self, request: Request) -> Response:
        player = self.player_of(request)
        if player is None:
            return self.page(
                "join.html", request, status=404, code="", typed_code="", message="No game at that address."
            )
        stage = self.room.stage(player)
        common = {"token": player.token, "pseudonym": player.pseudonym}
        if stage in ("before", "after"):
            return self.page(
                "reflect.html",
                request,
                phase=stage,
                questions=self.room.questions(player),
                claims=self.room.claims(player),
                answer_words=answer_words(),
                **common,
            )
        if stage == "waiting":
            return self.page("waiting.html", request, **common)
        if stage == "play":
            tab = "phone" if request.query_params.get("tab") == "phone" else "story"
            turn = player.session.state.turn
            if player.view is None or player.view[0] != turn:  # a page is reloaded more than it changes
                notices = views.notices(player.session, player.last_events)
                player.view = (turn, views.scene(player.session), notices, views.phone(player.session))
            _turn, scene, notices, app = player.view
            return self.page("play.html", request, tab=tab, s=scene, notices=notices, app=app, **common)
        key = (player.id, player.session.state.turn)
        if key not in self.debriefs:  # the roads not taken replay the game: work for a thread, once
            rated = (player.rated["before"], player.rated["after"]) if self.room.claims(player) else None
            self.debriefs[key] = await to_thread.run_sync(views.debrief, player.session, rated)
        compare = reflect_text.compare(self.room.questions(player), player.before or {}, player.after or {})
        return self.page(
            "debrief.html",
            request,
            debrief=self.debriefs[key],
            compare=compare,
            answer_words=answer_words(),
            **common,
        )

    async def player_stage(self, request: Request) -> Response:
        player = self.player_of(request)
        if player is None:
            return JSONResponse({"stage": None}, status_code=404)
        return JSONResponse({"stage": self.room.stage(player)})

    async def choose(self, request: Request) -> Response:
        player = self.player_of(request)
        if player is None:
            return self.back("/", "return")
        form = await _form(request)
        try:
            turn = int(str(form.get("turn", "-1")))
            self.room.choose(player, turn, str(form.get("choice", "")))
        except (ValueError, ChoiceError, StageError):
            return self.back(f"/p/{player.token}", "timeup" if self.room.phase == "timeup" else "stale")
        return self.back(f"/p/{player.token}")

    async def reflect(self, request: Request) -> Response:
        player = self.player_of(request)
        if player is None:
            return self.back("/", "return")
        form = await _form(request)
        answers = {}
        for q in self.room.questions(player):
            raw = str(form.get(f"q-{q.id}", ""))
            if raw.isdigit():
                answers[q.id] = int(raw)
        rated = {c.id: str(form.get(f"c-{c.id}", "")) for c in self.room.claims(player)}
        try:
            self.room.reflect(player, str(form.get("phase", "")), answers, rated)
        except StageError:
            return self.back(f"/p/{player.token}", "stale")
        return self.back(f"/p/{player.token}")

    # -- the facilitator --------------------------------------------------------------------------
    def facilitator_ok(self, request: Request) -> bool:
        import hmac

        return hmac.compare_digest(request.path_params["ftoken"].encode(), self.ftoken.encode())

    async def facilitator(self, request: Request) -> Response:
        if not self.facilitator_ok(request):
            return Response("Not found.", status_code=404, media_type="text/plain")
        # each story's own rules (a room may give one story per seat); the story without a score has none
        rules = []
        for story in self.room.distinct_stories:
            model = model_of(story)
            if model is not None and model.rules is not None:
                rules.append((story.title, model.rules, _rule_lines(model.rules)))
        return self.page(
            "facilitator.html",
            request,
            f=self.room.figures(),
            ftoken=self.ftoken,
            qr=self.qr_svg,
            join_url=self.join_url,
            settings=self.room.settings,
            story_titles=[story.title for story in self.room.distinct_stories],
            rules=rules,
            phase_names=PHASE_NAMES,
            stage_names=STAGE_NAMES,
        )

    async def set_phase(self, request: Request) -> Response:
        if not self.facilitator_ok(request):
            return Response("Not found.", status_code=404, media_type="text/plain")
        form = await _form(request)
        phase = str(form.get("phase", ""))
        with contextlib.suppress(StageError):  # an unknown phase: nothing changes
            self.room.reveal() if phase == "reveal" else self.room.set_phase(phase)
        return self.back(f"/f/{self.ftoken}")

    async def live(self, request: Request) -> Response:
        if not self.facilitator_ok(request):
            return Response("Not found.", status_code=404, media_type="text/plain")
        once = request.query_params.get("once") == "1"

        async def stream():
            seen = -1
            waited = 0.0
            yield "retry: 2000\n\n"
            while waited < LIVE_SPAN:
                if self.room.version != seen:
                    seen = self.room.version
                    data = _live_json(self.room)
                    yield f"data: {data}\n\n"
                    if once:
                        return
                if await request.is_disconnected():
                    return
                await asyncio.sleep(LIVE_TICK)
                waited += LIVE_TICK

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def report(self, request: Request) -> Response:
        if not self.facilitator_ok(request):
            return Response("Not found.", status_code=404, media_type="text/plain")
        html = await to_thread.run_sync(export.report_html, self.room)
        if html is None:
            return HTMLResponse("<p>No one has played yet.</p>", status_code=404)
        return HTMLResponse(html)

    async def logs(self, request: Request) -> Response:
        if not self.facilitator_ok(request):
            return Response("Not found.", status_code=404, media_type="text/plain")
        data = await to_thread.run_sync(export.logs_zip, self.room)
        name = f"socialscore-logs-{self.code}.zip"
        return Response(
            data,
            media_type="application/zip",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )


async def _form(request: Request) -> dict[str, str]:
    """A posted form (application/x-www-form-urlencoded, as every form here is); the body is already
    capped by the guard. Parsed by the standard library, so no multipart parser is needed."""
    body = (await request.body()).decode("utf-8", "replace")
    try:
        return {k: v[0] for k, v in parse_qs(body, max_num_fields=50).items()}
    except ValueError:  # more fields than any form here has
        return {}


MESSAGES = {
    "code": "That session code is not this room's. Check it on the projector.",
    "return": "No game has that return code. Check it, or join again.",
    "stale": "That page was out of date; here is where you are now.",
    "timeup": "Time’s up: the facilitator has ended play. A few questions, then your debrief.",
}


def _message(request: Request) -> str:
    return MESSAGES.get(request.query_params.get("m", ""), "")


def _live_json(room: Room) -> str:
    f = room.figures()
    f["phase_name"] = PHASE_NAMES.get(f["phase"], f["phase"])
    for row in f["players"]:
        row["stage"] = STAGE_NAMES.get(row["stage"], row["stage"])
    return json.dumps(f, ensure_ascii=False)


def _rule_lines(rules) -> list[str]:
    """The rules in force as the facilitator's page lists them: their description, pull, drift, perks."""
    if rules is None:
        return []
    lines = []
    if rules.description:
        lines.append(rules.description)
    if rules.pull_percent:
        lines.append(say("rules.pull", percent=rules.pull_percent))
    if rules.drift_toward is not None and rules.drift_percent:
        lines.append(say("rules.drift", percent=rules.drift_percent, toward=rules.drift_toward))
    for perk in rules.perks.values():
        line = say("view.penalty" if perk.penalty else "view.perk", perk=perk.title)
        lines.append(line + say("rules.from", min=perk.min) if perk.min is not None else line)
    return lines
