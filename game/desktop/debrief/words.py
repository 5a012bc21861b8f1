"""What the debrief's pages call things: tier titles, ending and scene titles, the score's range."""

from __future__ import annotations

from ...engine.runtime import Context
from ...engine.scoring.engine import model_of


class Words:
    """Names for one finished game (``state``) of ``story``."""

    def __init__(self, story, state):
        self.story = story
        self.ctx = Context(story, state)
        model = model_of(story)
        rules = model.rules if model is not None else None
        #: (id, title, min), ascending
        self.tiers = [(tier.id, tier.title, tier.min) for tier in rules.tiers] if rules else []
        self.range = (rules.min, rules.max) if rules else (0, 1)

    def tier_title(self, tier_id: str | None) -> str:
        return next((title for tid, title, _ in self.tiers if tid == tier_id), tier_id or "—")

    def tier_at(self, score: int) -> str:
        title = ""
        for _, t, lo in self.tiers:
            if score >= lo:
                title = t
        return title

    def ending_title(self, ending: str | None) -> str:
        scene = self.story.scenes.get(ending) if ending else None
        return scene.title.render(self.ctx) if scene is not None else "unfinished"

    def scene_title(self, scene_id: str) -> str:
        scene = self.story.scenes.get(scene_id)
        return scene.title.render(self.ctx) if scene is not None else scene_id
