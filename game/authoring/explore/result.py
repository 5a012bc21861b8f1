"""What an exploration found: :class:`Exploration` and one :class:`EndingReport` per ending reached."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...engine import Story, available
from ...engine.state import State


@dataclass
class EndingReport:
    id: str
    title: str
    states: int = 0
    #: distinct paths (exact and coarse modes); None when merged by extremes (not counted)
    paths: int | None = 0
    loops: bool = False
    score_min: int | None = None
    score_max: int | None = None
    shortest: list[str] = field(default_factory=list)
    lowest: list[str] = field(default_factory=list)
    highest: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "states": self.states,
            "paths": self.paths,
            "loops": self.loops,
            "score": {"min": self.score_min, "max": self.score_max},
            "shortest": self.shortest,
            "lowest": self.lowest,
            "highest": self.highest,
        }


@dataclass
class Exploration:
    story: Story
    max_states: int
    coarse: bool = False
    #: "exact", "coarse" or "extremes" (see the module doc)
    mode: str = "exact"
    states: int = 0
    #: extremes mode: how many merged states (distinct keys) the concrete states fell into
    keys: int = 0
    #: extremes mode chosen by "auto": how far the exact exploration went before giving up
    exact_attempt: dict | None = None
    #: intervals chosen by "auto" without an exact attempt (too many states: see search.EXACT_AFTER)
    exact_skipped: bool = False
    transitions: int = 0
    complete: bool = True
    #: what cut the search short: "states" (max_states) or "time" (max_seconds)
    stopped_by: str | None = None
    sampled: bool = False
    seconds: float = 0.0
    scenes: set[str] = field(default_factory=set)
    taken: set[str] = field(default_factory=set)
    shown: set[str] = field(default_factory=set)
    enabled: set[str] = field(default_factory=set)
    disabled_reasons: dict[str, str] = field(default_factory=dict)
    endings: dict[str, EndingReport] = field(default_factory=dict)
    dead_ends: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    longest: list[str] = field(default_factory=list)

    def offer(self, story: Story, state: State) -> list:
        """The enabled choices in ``state``; records what was shown, enabled, and why not."""
        on = []
        for choice, enabled, reason in available(story, state):
            self.shown.add(choice.uid)
            if enabled:
                self.enabled.add(choice.uid)
                on.append(choice)
            else:
                self.disabled_reasons.setdefault(choice.uid, reason or "")
        return on

    longest_loops: bool = False

    # -- derived ---------------------------------------------------------------------------------
    @property
    def unreached_scenes(self) -> list[str]:
        return [s for s in self.story.scenes if s not in self.scenes]

    @property
    def never_enabled(self) -> list[dict]:
        out = []
        for choice in self.story.all_choices():
            if choice.uid in self.enabled:
                continue
            if choice.scene not in self.scenes:
                why = "its scene is never reached"
            elif choice.uid in self.shown:
                why = f"shown, always disabled ({self.disabled_reasons.get(choice.uid, '')})"
            else:
                why = "never shown"
            out.append({"choice": choice.uid, "why": why})
        return out

    def to_json(self) -> dict:
        story = self.story
        return {
            "story": story.id,
            "complete": self.complete,
            "stopped_by": self.stopped_by,
            "mode": self.mode,
            "coarse": self.coarse,
            "sampled": self.sampled,
            "states": self.states,
            "keys": self.keys,
            "exact_attempt": self.exact_attempt,
            "exact_skipped": self.exact_skipped,
            "max_states": self.max_states,
            "transitions": self.transitions,
            "seconds": round(self.seconds, 3),
            "scenes": {
                "reached": len([s for s in self.scenes if not story.scenes[s].is_ending]),
                "total": len([s for s in story.scenes.values() if not s.is_ending]),
                "unreached": self.unreached_scenes,
            },
            "choices": {
                "taken": len(self.taken),
                "total": len(story.all_choices()),
                "never_enabled": self.never_enabled,
            },
            "endings": [e.to_json() for e in self.endings.values()],
            "unreached_endings": [e.id for e in story.endings if e.id not in self.endings],
            "dead_ends": self.dead_ends,
            "errors": self.errors,
            "longest": {"turns": len(self.longest), "path": self.longest, "loops": self.longest_loops},
        }
