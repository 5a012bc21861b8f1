"""Safety around every request (pure ASGI middleware): security headers with a strict
Content-Security-Policy, a cap on request bodies, and per-client rate limits.

Rate limits are token buckets. Player pages are limited per player (the token in the path), so a
class behind one address is not throttled as one; everything else per client address.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
MAX_BODY = 16 * 1024


@dataclass
class Limits:
    """Requests a second (sustained) and in a burst, per player and per client address."""

    player_rate: float = 10.0
    player_burst: int = 40
    client_rate: float = 50.0
    client_burst: int = 400


class Bucket:
    __slots__ = ("tokens", "stamp")

    def __init__(self, tokens: float, stamp: float):
        self.tokens = tokens
        self.stamp = stamp


class RateLimiter:
    """Token buckets by key; ``allow(key, rate, burst)`` takes one token or says no."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 20000):
        self.clock = clock
        self.buckets: dict[str, Bucket] = {}
        self.max_keys = max_keys

    def allow(self, key: str, rate: float, burst: int) -> bool:
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= self.max_keys:
                self.buckets.clear()  # a flood of new keys: forget, rather than grow without bound
            bucket = self.buckets[key] = Bucket(float(burst), now)
        bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.stamp) * rate)
        bucket.stamp = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True


class Guard:
    """The middleware: headers on every response, 413 past ``max_body`` bytes, 429 past the limits."""

    def __init__(self, app, limits: Limits | None = None, max_body: int = MAX_BODY):
        self.app = app
        self.limits = limits or Limits()
        self.max_body = max_body
        self.limiter = RateLimiter()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        parts = path.split("/")
        if len(parts) > 2 and parts[1] == "p":
            allowed = self.limiter.allow("p:" + parts[2], self.limits.player_rate, self.limits.player_burst)
        elif path.startswith("/static/"):
            allowed = True
        else:
            client = (scope.get("client") or ("?", 0))[0]
            allowed = self.limiter.allow("c:" + client, self.limits.client_rate, self.limits.client_burst)
        if not allowed:
            return await _plain(send, 429, "Too many requests: wait a moment and try again.")
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _plain(send, 413, "That request is too large.")
        received = 0
        too_big = False

        async def capped_receive():
            nonlocal received, too_big
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_big = True
                    raise BodyTooLarge
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers") or ()) + HEADERS
            await send(message)

        try:
            await self.app(scope, capped_receive, send_with_headers)
        except BodyTooLarge:
            if too_big:
                await _plain(send, 413, "That request is too large.")


class BodyTooLarge(Exception):
    pass


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})
