"""A simulated class for the classroom server: start ``socialscore serve`` in a subprocess on
127.0.0.1, then have N players join, skip the questions and choose once a second for a bounded
number of rounds. Used by the load test (tests/web/test_web_load.py) and bench_server.py.

Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "load-test"
TURN_RE = re.compile(r'name="turn" value="(\d+)"')
CHOICE_RE = re.compile(r'<button type="submit" name="choice" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``socialscore serve`` as a subprocess on 127.0.0.1 (a real uvicorn, a real SQLite file)."""

    def __init__(
        self, data: Path, port: int | None = None, seed: int = 7, code: str = CODE, args: tuple[str, ...] = ()
    ):
        self.data = data
        self.args = tuple(args)  #: more ``serve`` arguments (a ``--workshop`` preset)
        self.port = port or free_port()
        self.seed = seed
        self.code = code
        self.proc: subprocess.Popen | None = None
        self.facilitator = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> Server:
        cmd = [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--data", str(self.data), "--seed", str(self.seed), "--code", self.code, *self.args]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if "Facilitator" in line:
                self.facilitator = "/f/" + line.rsplit("/f/", 1)[1].strip()
            if "Ctrl+C" in line or time.monotonic() > deadline:
                break
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"socialscore serve did not start on port {self.port}")

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system, from /proc; 0 elsewhere):
        unlike response times, it does not grow when other programs compete for the cores."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, AttributeError, IndexError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as a crash or a pulled plug would leave it."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class Result:
    players: int
    latencies: list[float] = field(default_factory=list)  # seconds, one per request
    server_cpu: float = 0.0  # CPU seconds the server used while the class played
    errors: list[str] = field(default_factory=list)
    confirmed: dict[str, int] = field(default_factory=dict)  # player page -> choices confirmed

    def percentile(self, p: float) -> float:
        values = sorted(self.latencies)
        if not values:
            return 0.0
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def _player(
    client, result: Result, name: str, rounds: int, period: float, started: asyncio.Event, offset: float = 0.0
):
    async def request(method: str, url: str, **kw):
        t0 = time.perf_counter()
        try:
            r = await client.request(method, url, **kw)
        except Exception as exc:  # a refused or dropped connection is an error of the run, not a crash
            result.errors.append(f"{name}: {method} {url} -> {type(exc).__name__}: {exc}")
            raise
        result.latencies.append(time.perf_counter() - t0)
        if r.status_code not in (200, 303):
            result.errors.append(f"{name}: {method} {url} -> {r.status_code}")
        return r

    r = await request("POST", "/join", data={"code": CODE, "pseudonym": name})
    page = r.headers.get("location", "")
    if not page.startswith("/p/"):
        result.errors.append(f"{name}: join gave no player page")
        return
    result.confirmed[page] = 0
    await request("POST", f"{page}/reflect", data={"phase": "before"})
    await started.wait()
    # Players read at their own pace: each starts at its own point of the period, so the class does not arrive
    # as one burst in the same millisecond (a synchronised herd measures the client's own queue).
    await asyncio.sleep(offset)
    for _ in range(rounds):
        t0 = time.perf_counter()
        html = (await request("GET", page)).text
        turn, choice = TURN_RE.search(html), CHOICE_RE.search(html)
        if not (turn and choice):
            break  # the story ended (or is waiting): nothing to choose
        r = await request("POST", f"{page}/choose", data={"turn": turn.group(1), "choice": choice.group(1)})
        if r.status_code == 303 and "?m=" not in r.headers.get("location", ""):
            result.confirmed[page] += 1
        await asyncio.sleep(max(0.0, period - (time.perf_counter() - t0)))


async def _run(server: Server, players: int, rounds: int, period: float) -> Result:
    import httpx

    result = Result(players)
    limits = httpx.Limits(max_connections=players + 10, max_keepalive_connections=players + 10)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as client:
        started = asyncio.Event()
        tasks = [
            asyncio.create_task(
                _player(client, result, f"p{i:03d}", rounds, period, started, offset=i * period / players)
            )
            for i in range(players)
        ]
        while sum(1 for _ in result.confirmed) < players and not all(t.done() for t in tasks):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
        await client.post(f"{server.facilitator}/phase", data={"phase": "started"})
        result.latencies.clear()  # measure play, not the rush to join
        cpu = server.cpu_seconds()
        started.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        result.server_cpu = server.cpu_seconds() - cpu
    return result


def simulate(server: Server, players: int, rounds: int, period: float = 1.0) -> Result:
    """Run the class against a started ``server``; returns latencies, errors, confirmed choices."""
    return asyncio.run(_run(server, players, rounds, period))
