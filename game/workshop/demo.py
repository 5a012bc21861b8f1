"""Session logs of simulated players: to try ``socialscore report`` before a workshop, and for tests.

Each player is a :mod:`~game.workshop.simulate` policy (conformist, loyal, random in turn) playing
through a :class:`~game.engine.Session` with a :class:`SessionLog` attached, exactly as the terminal
front end feeds it (one story loaded once for every player; one pass a game), and they answer the
reflection questions at random (loyal players a little lower after playing, conformists a little
higher), and rate the story's claims before and after (:func:`simulated_claims`), all drawn from the
player's seed. A large class is written by a forked worker process per core; player i's log depends only
on the seed and i, whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine import Mode, Session, Story, offer
from ..engine.claims import claims
from ..engine.reflection import questions
from ..launch import UsageError, load_for_play
from ..launch.tools import DemoLogsOptions
from .log import SessionLog
from .simulate import MAX_TURNS, Policy, policy_named

POLICY_CYCLE = ("conformist", "loyal", "random")
#: a class smaller than this is written in one process; larger ones get a worker per this many players
PLAYERS_PER_WORKER = 50
MAX_WORKERS = 8
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


#: How simulated players rate the story's claims (true / false / not sure), before and after play:
#: before, a share are not sure and the others right about half the time; after, some who were not
#: right have learnt the key (loyal players, who keep faith with the debrief's cards, a little more
#: often, conformists a little less), and a few who were right are no longer sure. So a demo class
#: shows the report's claims section as a class does: mixed before, better after, not perfect.
CLAIM_UNSURE_BEFORE = 0.35
CLAIM_RIGHT_BEFORE = 0.5
CLAIM_LEARNT = {"loyal": 0.6, "conformist": 0.4}
CLAIM_LEARNT_OTHERS = 0.5
CLAIM_DOUBTED = 0.1


def simulated_claims(story: Story, policy: str, rng: random.Random) -> tuple[dict, dict]:
    """A simulated player's answers to the story's claims before and after play ({} without claims),
    drawn from ``rng`` as :data:`CLAIM_UNSURE_BEFORE` and the rates after it say."""
    before, after = {}, {}
    learnt = CLAIM_LEARNT.get(policy, CLAIM_LEARNT_OTHERS)
    for claim in claims(story):
        key, wrong = ("true", "false") if claim.answer else ("false", "true")
        if rng.random() < CLAIM_UNSURE_BEFORE:
            first = "unsure"
        else:
            first = key if rng.random() < CLAIM_RIGHT_BEFORE else wrong
        if first == key:
            then = "unsure" if rng.random() < CLAIM_DOUBTED else key
        else:
            then = key if rng.random() < learnt else first
        before[claim.id], after[claim.id] = first, then
    return before, after


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
    choose_by: Policy | None = None,
    claims_before: dict[str, str] | None = None,
    claims_after: dict[str, str] | None = None,
) -> Path:
    """One simulated player: ``policy`` plays ``story`` in a :class:`Session` with a log attached, as
    a front end would feed it, in one pass (the game :func:`~.simulate.play_once` plays). The log is
    not fsync'd line by line: nothing is lost to a crash that a rerun does not bring back.
    ``choose_by``: the policy object to use (one kept across players), else ``policy_named(policy)``.
    The answers are logged where the terminal front end logs them: reflection, then claims, before
    play; claims, then reflection, after an ending."""
    session = Session(story, seed, options)
    rng, choose_by = random.Random(seed), choose_by or policy_named(policy)
    with SessionLog.create(
        log_dir, session, pseudonym=pseudonym, session_code=session_code, durable=False
    ) as log:
        if before is not None:
            log.record_reflection("before", before)
        if claims_before:
            log.record_claims("before", claims_before)
        # the loop of engine.playout.autoplay, through the Session, so the log sees every step as a
        # front end's does (Session.play_on would take them all before the log saw one)
        while not session.ended and session.state.turn < MAX_TURNS:
            # what the log records of this step is also what the player picks from (engine.offer's
            # choices, in enabled_choices' order), so the choices on offer are worked out once a step
            state = session.state
            shown = offer(story, state)
            scene = story.scenes[state.scene]
            offered = [scene.choice(c.id) for c in shown[1] if c.enabled]
            if not offered:
                break
            log.record_choice(session, session.choose(choose_by(story, state, offered, rng).uid), shown)
        if session.ended and claims_after:
            log.record_claims("after", claims_after)
        if session.ended and after is not None:
            log.record_reflection("after", after)
    return log.path


@dataclass(frozen=True)
class _Class:
    """What every simulated player of one demo class shares (a worker process inherits it)."""

    stories: tuple[Story, ...]
    log_dir: str | Path
    seed: int
    transparency: str
    pseudonyms: tuple[str, ...]
    session_code: str


def _write_players(job: _Class, indices: Sequence[int]) -> list[str]:
    """The logs of players ``indices`` (each as :func:`write_demo_logs` describes), in that order.
    One policy object per story and policy name for all of them, so a conformist tries every
    choice only until it has seen the position before (:class:`~.simulate.Conformist`)."""
    policies: dict[tuple[int, str], object] = {}
    out = []
    for i in indices:
        which = i % len(job.stories)
        played = job.stories[which]
        policy = POLICY_CYCLE[i % len(POLICY_CYCLE)]
        choose_by = policies.setdefault((which, policy), policy_named(policy))
        game_seed = job.seed + i
        answers = random.Random(game_seed)  # the reflection answers' draws, then the claims'
        before, after = simulated_answers(played, policy, answers)
        claims_before, claims_after = simulated_claims(played, policy, answers)
        if job.pseudonyms:
            name = job.pseudonyms[i % len(job.pseudonyms)]
        else:
            name = f"{DEMO_NAMES[i % len(DEMO_NAMES)]} {i + 1}"
        path = play_logged(
            played,
            policy,
            job.log_dir,
            seed=game_seed,
            options={"transparency": job.transparency},
            pseudonym=name,
            session_code=job.session_code,
            before=before,
            after=after,
            choose_by=choose_by,
            claims_before=claims_before,
            claims_after=claims_after,
        )
        out.append(str(path))
    return out


#: the class the forked workers play (set in the parent just before they fork, read in them)
_JOB: _Class | None = None


def _worker(indices: Sequence[int]) -> list[str]:
    assert _JOB is not None
    return _write_players(_JOB, indices)


def default_workers(players: int) -> int:
    """Processes for ``players`` simulated players: one per available core, none for a small class
    (starting a process costs more than a few games), and 1 where processes cannot be forked."""
    if players < PLAYERS_PER_WORKER or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, players // PLAYERS_PER_WORKER, MAX_WORKERS))


def write_demo_logs(
    story: Story | Sequence[Story],
    log_dir: str | Path,
    players: int = 20,
    seed: int = 0,
    transparency: str = Mode.PARTIAL,
    pseudonyms: Sequence[str] | None = None,
    session_code: str = "demo",
    workers: int | None = None,
) -> list[Path]:
    """Write ``players`` logs of simulated players to ``log_dir``; returns their paths, player by
    player. Given several stories, players take them in turn (a mixed class: player i plays story
    i mod n); policies cycle through :data:`POLICY_CYCLE` either way, so each story gets every
    policy. Player i's game, answers and name depend only on ``seed + i`` and i, so the logs are the
    same (but for the clock and the file names' random part) however many ``workers`` processes
    write them (None: :func:`default_workers`)."""
    global _JOB
    stories = (story,) if isinstance(story, Story) else tuple(story)
    job = _Class(stories, log_dir, seed, transparency, tuple(pseudonyms or ()), session_code)
    workers = default_workers(players) if workers is None else max(1, workers)
    if workers == 1:
        return [Path(p) for p in _write_players(job, range(players))]
    # Why fork: the workers inherit the loaded stories instead of parsing them again (a third of a
    # second each); players are dealt round-robin so every worker gets every policy.
    chunks = [range(w, players, workers) for w in range(workers)]
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_worker, chunks)
    finally:
        _JOB = None
    by_player: list[Path] = [Path()] * players
    for chunk, paths in zip(chunks, done, strict=True):
        for i, path in zip(chunk, paths, strict=True):
            by_player[i] = Path(path)
    return by_player


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
