"""Session logs of simulated players: to try ``socialscore report`` before a workshop, and for tests.

Each player is a :mod:`~game.workshop.simulate` policy (conformist, loyal, random in turn) playing
through a :class:`~game.engine.Session` with a :class:`SessionLog` attached, exactly as the terminal
front end feeds it (one story loaded once for every player; one pass a game), and they answer the
reflection questions at random (loyal players a little lower after playing, conformists a little
higher).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from ..engine import Mode, Session, Story, enabled_choices
from ..engine.reflection import questions
from ..launch import UsageError, load_for_play
from ..launch.tools import DemoLogsOptions
from .log import SessionLog
from .simulate import MAX_TURNS, policy_named

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


def play_logged(
    story: Story,
    policy: str,
    log_dir: str | Path,
    *,
    seed: int,
    options: dict,
    pseudonym: str,
    session_code: str,
    before: dict[str, int] | None = None,
    after: dict[str, int] | None = None,
) -> Path:
    """One simulated player: ``policy`` plays ``story`` in a :class:`Session` with a log attached, as
    a front end would feed it, in one pass (the game :func:`~.simulate.play_once` plays). The log is
    not fsync'd line by line: nothing is lost to a crash that a rerun does not bring back."""
    session = Session(story, seed, options)
    rng, choose_by = random.Random(seed), policy_named(policy)
    with SessionLog.create(
        log_dir, session, pseudonym=pseudonym, session_code=session_code, durable=False
    ) as log:
        if before is not None:
            log.record_reflection("before", before)
        # the loop of engine.playout.autoplay, through the Session, so the log sees every step as a
        # front end's does (Session.play_on would take them all before the log saw one)
        while not session.ended and session.state.turn < MAX_TURNS:
            offered = enabled_choices(story, session.state)
            if not offered:
                break
            log.record_choice(session, session.choose(choose_by(story, session.state, offered, rng).uid))
        if session.ended and after is not None:
            log.record_reflection("after", after)
    return log.path


def write_demo_logs(
    story: Story | Sequence[Story],
    log_dir: str | Path,
    players: int = 20,
    seed: int = 0,
    transparency: str = Mode.PARTIAL,
    pseudonyms: Sequence[str] | None = None,
    session_code: str = "demo",
) -> list[Path]:
    """Write ``players`` logs of simulated players to ``log_dir``; returns their paths. Given several
    stories, players take them in turn (a mixed class: player i plays story i mod n); policies
    cycle through :data:`POLICY_CYCLE` either way, so each story gets every policy."""
    stories = [story] if isinstance(story, Story) else list(story)
    out = []
    for i in range(players):
        played = stories[i % len(stories)]
        policy = POLICY_CYCLE[i % len(POLICY_CYCLE)]
        game_seed = seed + i
        before, after = simulated_answers(played, policy, random.Random(game_seed))
        if pseudonyms:
            name = pseudonyms[i % len(pseudonyms)]
        else:
            name = f"{DEMO_NAMES[i % len(DEMO_NAMES)]} {i + 1}"
        out.append(
            play_logged(
                played,
                policy,
                log_dir,
                seed=game_seed,
                options={"transparency": transparency},
                pseudonym=name,
                session_code=session_code,
                before=before,
                after=after,
            )
        )
    return out


def run_demo_logs(options: DemoLogsOptions) -> int:
    """``socialscore demo-logs DIR [--story S]...``: the folder (and any missing folder above it) is
    made; several ``--story`` make a mixed class."""

    if not 1 <= options.players <= 1000:
        raise UsageError("socialscore demo-logs: --players must be between 1 and 1000")
    if options.rules and len(options.story) > 1:
        raise UsageError("socialscore demo-logs: --rules goes with one --story (a rules file is a story's)")
    stories = [load_for_play(s, options.rules) for s in options.story or (None,)]
    from .log import LogFolderError, prepare_log_dir

    try:
        prepare_log_dir(options.log_dir, parents=True)  # '..' and unwritable folders refused
    except LogFolderError as exc:
        raise UsageError(f"socialscore demo-logs: {exc}") from None
    try:
        paths = write_demo_logs(stories, options.log_dir, options.players, options.seed, options.transparency)
    except OSError as exc:
        raise UsageError(
            f"socialscore demo-logs: cannot write to {options.log_dir}: {exc.strerror or exc}"
        ) from None
    played = " and ".join(s.title for s in stories)
    print(f"Wrote {len(paths)} session logs of simulated players of {played} to {options.log_dir}")
    print(f"Now try: socialscore report {options.log_dir} -o report.html")
    return 0
