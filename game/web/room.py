"""The classroom in memory: one room (one session code), its players' games and its phases.

Every player's game is an engine :class:`~game.engine.Session`; what makes it durable is the
:class:`~game.web.store.Store`, where each confirmed choice and reflection answer is committed
*before* the caller confirms it to the player. On start, :meth:`Room.open` replays every stored step
(same story, seed and choices: same states), so a killed server resumes every game.

Phases, set by the facilitator: ``open`` (players join and answer the questions before play, then
wait), ``started`` (everyone plays), ``timeup`` (every player moves to the questions after play and
the debrief). ``revealed`` is separate: the facilitator has shown the class the scoring rules.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..engine import DEFAULT_MODE, ChoiceError, Event, Session, Story
from ..engine.claims import ANSWERS, claims
from ..engine.reflection import questions
from ..engine.scoring import queries
from ..workshop.log import clean_pseudonym, now_iso
from .store import Store

PHASES = ("open", "started", "timeup")
#: Player tokens: ten letters and digits with the look-alikes left out (about 50 bits), typeable as a
#: return code and unguessable at the rate limit.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOKEN_LENGTH = 10


def new_player_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def normal_token(text: str) -> str:
    """A return code as typed (spaces, hyphens, capitals) in the form tokens are stored."""
    return "".join(ch for ch in text.lower() if ch.isalnum())[:40]


@dataclass(frozen=True)
class Settings:
    """What every player in the room plays; stored with the room, so a restart plays the same game."""

    session_code: str
    seed: int
    transparency: str = DEFAULT_MODE
    reflect: bool = True
    story: str | None = None
    rules: str | None = None
    #: one story per player in join order (a preset's ``stories:``); empty: everyone plays ``story``
    stories: tuple[str, ...] = ()
    #: the story variable ``cut`` every game starts with (where the story declares it); None: the
    #: story's own default (rooms stored before the field existed replay as they were played)
    cut: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["stories"] = list(self.stories)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Settings:
        values = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        if "stories" in values:
            values["stories"] = tuple(values["stories"] or ())
        return cls(**values)

    @property
    def story_names(self) -> tuple[str | None, ...]:
        """The stories players get, in turn by join order (one entry: everyone plays it)."""
        return self.stories or (self.story,)


class StageError(Exception):
    """A request that does not fit where the player is (a stale page, a double submit)."""


@dataclass
class Player:
    id: int
    token: str
    pseudonym: str
    joined: str
    session: Session
    seq: int = 0  # steps stored so far
    before: dict[str, int] | None = None
    after: dict[str, int] | None = None
    #: the answers to the claims, by phase ("true", "false" or "unsure"; stored with the reflection step)
    rated: dict[str, dict[str, str]] = field(default_factory=lambda: {"before": {}, "after": {}})
    #: the events of the player's last choice (the score notices to show once)
    last_events: tuple[Event, ...] = field(default_factory=tuple)
    #: what the play page last showed, (turn, scene, notices, phone): reused until the next choice
    view: tuple | None = None

    @property
    def finished(self) -> bool:
        """The story ended, or stopped with no way on (a story bug, shown rather than crashing)."""
        return self.session.ended or self.session.frame().status == "stuck"


class Room:
    """One room. Create with :meth:`open` (reads the store, replays every game)."""

    def __init__(
        self,
        story: Story | Mapping[str | None, Story],
        store: Store,
        settings: Settings,
        clock: Callable[[], str] = now_iso,
    ):
        #: the stories played here by their names in ``settings.story_names`` (one: everyone plays it)
        self.stories: dict[str | None, Story] = (
            dict(story) if isinstance(story, Mapping) else {name: story for name in settings.story_names}
        )
        #: the first story (the only one unless the room gives one per seat)
        self.story = self.stories[settings.story_names[0]]
        self.store = store
        self.settings = settings
        self.clock = clock
        self.players: dict[str, Player] = {}
        self.phase = "open"
        self.revealed = False
        self.version = 0  # bumped on every change, for the facilitator's live view
        self.replay_problems: list[str] = []

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        story: Story | Mapping[str | None, Story],
        store: Store,
        settings: Settings,
        clock: Callable[[], str] = now_iso,
    ) -> Room:
        """The room in ``store``: its stored settings win over ``settings`` (a restart must replay the
        same game); a new store gets ``settings`` and a facilitator token. ``story`` is the story
        everyone plays, or the stories by their names in ``settings.story_names``."""
        stored = store.get("settings")
        if stored is None:
            store.put("settings", settings.to_json())
            store.put("phase", "open")
            store.put("revealed", False)
            store.put("facilitator", secrets.token_urlsafe(24))
        else:
            settings = Settings.from_json(stored)
        room = cls(story, store, settings, clock)
        room.phase = store.get("phase") or "open"
        room.revealed = bool(store.get("revealed"))
        for saved in store.players():
            player = Player(saved.id, saved.token, saved.pseudonym, saved.joined, room.new_session(saved.id))
            for step in saved.steps:
                try:
                    room._apply(player, step.kind, step.data)
                except (ChoiceError, StageError) as exc:
                    room.replay_problems.append(
                        f"player {saved.id}: step {step.seq} no longer replays: {exc}"
                    )
                    break
                player.seq = step.seq
            player.last_events = ()
            room.players[player.token] = player
        return room

    @property
    def facilitator_token(self) -> str:
        return self.store.get("facilitator")

    @property
    def distinct_stories(self) -> list[Story]:
        """Each story played here once, in the order players get them."""
        return list({id(story): story for story in self.stories.values()}.values())

    def story_of(self, player_id: int) -> Story:
        """The story of the player who joined ``player_id``-th (ids count from 1 in join order): the
        room's stories in turn."""
        names = self.settings.story_names
        return self.stories[names[(player_id - 1) % len(names)]]

    def new_session(self, player_id: int = 1) -> Session:
        """A new game for player ``player_id``: their story, the room's seed, mode and cut."""
        s = self.settings
        story = self.story_of(player_id)
        sets = {"cut": s.cut} if s.cut is not None and "cut" in story.variables else None
        return Session(story, s.seed, {"transparency": s.transparency}, sets=sets, undo_locked=True)

    def questions(self, player: Player):
        """The reflection questions ``player`` is asked (their story's; none if the room asks none)."""
        return questions(player.session.story) if self.settings.reflect else ()

    def claims(self, player: Player):
        """The claims ``player`` rates, with the questions (their story's; none if the room asks none)."""
        return claims(player.session.story) if self.settings.reflect else ()

    def asks(self, player: Player) -> bool:
        """Whether ``player`` answers anything before and after play (questions or claims)."""
        return bool(self.questions(player) or self.claims(player))

    # -- players ----------------------------------------------------------------------------------
    def join(self, pseudonym: str) -> Player:
        """A new player (the pseudonym cleaned as the file route does; empty means anonymous)."""
        name = clean_pseudonym(pseudonym)
        token = new_player_token()
        while token in self.players:  # pragma: no cover - 50 bits
            token = new_player_token()
        joined = self.clock()
        pid = self.store.add_player(token, name, joined)
        player = Player(pid, token, name, joined, self.new_session(pid))
        self.players[token] = player
        self.version += 1
        return player

    def player(self, token: str) -> Player | None:
        return self.players.get(normal_token(token))

    def stage(self, player: Player) -> str:
        """Where the player is: before, waiting, play, after or debrief."""
        asked = self.asks(player)
        if asked and player.before is None:
            return "before"
        if self.phase == "open":
            return "waiting"
        if self.phase == "started" and not player.finished:
            return "play"
        if asked and player.after is None:
            return "after"
        return "debrief"

    # -- steps (each stored before it is confirmed) -----------------------------------------------
    def choose(self, player: Player, turn: int, choice_id: str) -> None:
        """Take a choice shown at ``turn``. Raises StageError for a stale page (another turn, not
        playing) and ChoiceError for a choice not on offer; nothing is stored then."""
        if self.stage(player) != "play":
            raise StageError("the game is not being played now")
        if turn != player.session.state.turn:
            raise StageError("that page was out of date")
        self._step(player, "choice", {"choice": choice_id})

    def reflect(
        self, player: Player, phase: str, answers: Mapping[str, int], rated: Mapping[str, str] | None = None
    ) -> None:
        """The answers before or after play, to the questions and to the claims (``rated``), in one
        step (only valid ones kept; none at all is a skip)."""
        if self.stage(player) != phase:
            raise StageError("those questions are not being asked now")
        valid = {
            q.id: answers[q.id] for q in self.questions(player) if q.id in answers and q.valid(answers[q.id])
        }
        data: dict[str, Any] = {"phase": phase, "answers": valid}
        statements = self.claims(player)
        if statements:
            rated = rated or {}
            data["claims"] = {c.id: rated[c.id] for c in statements if rated.get(c.id) in ANSWERS}
        self._step(player, "reflection", data)

    def _step(self, player: Player, kind: str, data: dict[str, Any]) -> None:
        # Checked first, then committed, then applied: what is stored always replays, and the page
        # confirms only what is on disk.
        if kind == "choice":
            shown = player.session.frame()
            wanted = data["choice"]
            if not any(c.enabled and wanted in (c.id, c.uid) for c in shown.choices):
                raise ChoiceError(f"no choice {wanted!r} on offer")
        self.store.add_step(player.id, player.seq + 1, kind, data, self.clock())
        player.seq += 1
        self._apply(player, kind, data)
        self.version += 1

    def _apply(self, player: Player, kind: str, data: Mapping[str, Any]) -> None:
        if kind == "choice":
            player.last_events = player.session.choose(str(data["choice"]))
        elif kind == "reflection":
            answers = {str(k): int(v) for k, v in dict(data.get("answers") or {}).items()}
            phase = "before" if data.get("phase") == "before" else "after"
            if phase == "before":
                player.before = answers
            else:
                player.after = answers
            player.rated[phase] = {str(k): str(v) for k, v in dict(data.get("claims") or {}).items()}
        else:
            raise StageError(f"unknown step kind {kind!r}")

    # -- the facilitator --------------------------------------------------------------------------
    def set_phase(self, phase: str) -> None:
        if phase not in PHASES:
            raise StageError(f"unknown phase {phase!r}")
        self.store.put("phase", phase)
        self.phase = phase
        self.version += 1

    def reveal(self) -> None:
        self.store.put("revealed", True)
        self.revealed = True
        self.version += 1

    def where(self, player: Player) -> dict[str, Any]:
        """One player's row for the facilitator: stage, chapter, story date, score, tier, ending."""
        story, state = player.session.story, player.session.state
        scene = story.scenes[state.scene]
        chapter = story.chapters.get(scene.chapter) if scene.chapter else None
        view = queries.score_view(story, state)
        return {
            "pseudonym": player.pseudonym or "(anonymous)",
            "story": story.title,
            "at_an_ending": player.session.ended,
            "stage": self.stage(player),
            "chapter": chapter.title if chapter else "",
            "date": view.date if view else "",
            "turn": state.turn,
            "score": view.score if view else None,
            "tier": view.tier_title if view else "",
            "ending": player.session.frame().title if player.session.ended else "",
        }

    def figures(self) -> dict[str, Any]:
        """The class's figures now, as the facilitator's live view shows them."""
        rows = [self.where(p) for p in self.players.values()]
        stages = Counter(r["stage"] for r in rows)
        out = {
            "version": self.version,
            "phase": self.phase,
            "revealed": self.revealed,
            "joined": len(rows),
            "stages": {s: stages.get(s, 0) for s in ("before", "waiting", "play", "after", "debrief")},
            **_outcomes(rows),
            "players": rows,
        }
        # Two stories score on different scales and tiers: their figures are never pooled.
        titles = list(dict.fromkeys(story.title for story in self.distinct_stories))
        out["groups"] = [
            {"story": title, "joined": sum(r["story"] == title for r in rows)}
            | _outcomes([r for r in rows if r["story"] == title])
            for title in titles
        ]
        if len(titles) > 1:
            out.update(mean_score=None, tiers=[], endings=[])
        return out


def _outcomes(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of some players' rows (all of one story): finished, mean score, tiers, endings."""
    scores = [r["score"] for r in rows if r["score"] is not None]
    return {
        "finished": sum(r["at_an_ending"] for r in rows),
        "mean_score": round(sum(scores) / len(scores)) if scores else None,
        "tiers": Counter(r["tier"] for r in rows if r["tier"]).most_common(),
        "endings": Counter(r["ending"] for r in rows if r["ending"]).most_common(),
    }
