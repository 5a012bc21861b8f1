"""The web application: Starlette routes over one :class:`~game.web.room.Room`.

Pages are rendered on the server and work without JavaScript: every action is a form posted to the
server, answered with a redirect to a page (post/redirect/get), so a reload never repeats a choice.
``/static/app.js`` (our own, no CDN) improves them: tabs without a reload, the waiting page moving on
by itself, the facilitator's figures updating live from server-sent events.

Routes: ``/`` join; ``/p/{token}`` a player's page (their game, by their secret token);
``/f/{token}`` the facilitator's page (by the facilitator's secret token, printed at start).
"""

from __future__ import annotations

from starlette.applications import Starlette

from .guard import Guard, Limits
from .room import Room
from .routes import RoomSite, templates

__all__ = ["create_app", "templates"]


def create_app(room: Room, *, join_url: str = "", limits: Limits | None = None) -> Guard:
    """The ASGI application for ``room`` (its routes: :class:`~game.web.routes.RoomSite`) behind the
    guard. ``join_url`` is the address players type (shown with its QR code on the facilitator's page)."""
    return Guard(Starlette(routes=RoomSite(room, join_url).routes()), limits)
