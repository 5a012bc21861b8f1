"""Session logs of simulated players: to try ``socialscore report`` before a workshop, and for tests.

Each player is a :mod:`~game.workshop.simulate` policy (conformist, loyal, random in turn); their
game is replayed through a :class:`~game.engine.Session` with a :class:`SessionLog` attached, exactly
as the terminal front end feeds it, and they answer the reflection questions at random (loyal
players a little lower after playing, conformists a little higher).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from ..engine import Mode, Session, Story
from ..engine.reflection import questions
from ..launch import UsageError, load_for_play
from ..launch.tools import DemoLogsOptions
from .log import SessionLog
from .simulate import play_once, policy_named

POLICY_CYCLE = ("conformist", "loyal", "random")
DEMO_NAMES = ("Tiger", "Lotus", "Kite", "Maple", "Heron", "Pebble", "Comet", "Juniper", "Otter", "Wren")


def replay_log(
    story: Story,
    path: Sequence[str],
    log_dir: str | Path,
    *,
    seed: int,
    options: dict | None = None,
    pseudonym: str = "",
    session_code: str = "demo",
    before: dict[str, int] | None = None,
    after: dict[str, int] | None = None,
    undo_every: int = 0,
    finish: bool = True,
) -> Path:
    """Play ``path`` (choice uids) in a new session and log it as a front end would; returns the log's
    path. ``undo_every`` > 0 takes every n-th choice back once (logged as undo) and retakes it;
    ``finish=False`` stops before the last choice (an unfinished game)."""
    session = Session(story, seed, options or {})
    steps = list(path) if finish else list(path)[:-1]
    with SessionLog.create(log_dir, session, pseudonym=pseudonym, session_code=session_code) as log:
        if before is not None:
            log.record_reflection("before", before)
        for i, uid in enumerate(steps, 1):
            events = session.choose(uid)
            log.record_choice(session, events)
            if undo_every and i % undo_every == 0 and not session.ended and session.undo():
                log.record_undo(session)
                log.record_choice(session, session.choose(uid))
        if session.ended and after is not None:
            log.record_reflection("after", after)
    return log.path


def simulated_answers(story: Story, policy: str, rng: random.Random) -> tuple[dict, dict]:
    before, after = {}, {}
    lean = {"loyal": -1, "conformist": 1}.get(policy, 0)
    for q in questions(story):
        a = rng.randint(1, q.scale)
        b = min(q.scale, max(1, a + lean + rng.choice((-1, 0, 0, 1))))
        before[q.id], after[q.id] = a, b
    return before, after


def write_demo_logs(
    story: Story,
    log_dir: str | Path,
    players: int = 20,
    seed: int = 0,
    transparency: str = Mode.PARTIAL,
    pseudonyms: Sequence[str] | None = None,
    session_code: str = "demo",
) -> list[Path]:
    """Write ``players`` logs of simulated players to ``log_dir``; returns their paths."""
    out = []
    options = {"transparency": transparency}
    for i in range(players):
        policy = POLICY_CYCLE[i % len(POLICY_CYCLE)]
        game_seed = seed + i
        rng = random.Random(game_seed)
        final = play_once(story, policy_named(policy), game_seed, options)
        before, after = simulated_answers(story, policy, rng)
        if pseudonyms:
            name = pseudonyms[i % len(pseudonyms)]
        else:
            name = f"{DEMO_NAMES[i % len(DEMO_NAMES)]} {i + 1}"
        out.append(
            replay_log(
                story,
                final.path,
                log_dir,
                seed=game_seed,
                options=options,
                pseudonym=name,
                session_code=session_code,
                before=before,
                after=after,
            )
        )
    return out


def run_demo_logs(options: DemoLogsOptions) -> int:
    """``socialscore demo-logs DIR``."""

    if not 1 <= options.players <= 1000:
        raise UsageError("socialscore demo-logs: --players must be between 1 and 1000")
    story = load_for_play(options.story, options.rules)
    from .log import LogFolderError, prepare_log_dir

    try:
        prepare_log_dir(options.log_dir)  # one missing level is made; '..' and unwritable folders refused
    except LogFolderError as exc:
        raise UsageError(f"socialscore demo-logs: {exc}") from None
    try:
        paths = write_demo_logs(story, options.log_dir, options.players, options.seed, options.transparency)
    except OSError as exc:
        raise UsageError(
            f"socialscore demo-logs: cannot write to {options.log_dir}: {exc.strerror or exc}"
        ) from None
    print(f"Wrote {len(paths)} session logs of simulated players to {options.log_dir}")
    print(f"Now try: socialscore report {options.log_dir} -o report.html")
    return 0
