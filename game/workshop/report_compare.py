"""A mixed class: part of the room played one scenario, part another (#18 item 5).

The report sets the stories side by side (:mod:`.report_html` lays them out); this module finds
what each story says about the other system: the paragraph of its own debrief that compares them
point by point ("Who scores you: …. Who sees the score: …"), read through the engine (the
debrief rendered at the story's start, as a player would read it), never copied here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine import Story, load_story
from ..engine.debrief import build_debrief
from ..engine.runtime import start
from ..paths import scenarios

#: A comparison point: a short question ending in a colon at the start of a sentence, such as
#: "Who scores you:" or "What can you opt out of:"; its answer runs to the next point.
_POINT = re.compile(r"(?:^|(?<=[.;!?] ))((?:Who|What|Can|How|Where|When)\b[^:.?!]{2,50}):\s")


@dataclass(frozen=True)
class Comparison:
    """What one story's debrief says when it sets its system beside another's."""

    story: str  # the story's title
    paragraph: str
    points: tuple[tuple[str, str], ...]  # (question, answer); empty if the paragraph has no points
    closing: str = ""  # what the paragraph says after its last answer


def comparison(story: Story) -> Comparison | None:
    """The paragraph of ``story``'s debrief that answers "Who scores you", split into its points;
    None if its debrief has none."""
    state, _ = start(story, 0, {})
    for _step, _title, text in build_debrief(story, [state], whatifs=False).steps:
        for paragraph in text.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if "who scores" in paragraph.lower():
                found = points(paragraph)
                if not found:
                    return Comparison(story.title, paragraph, ())
                *first, (question, answer) = found
                last, _, closing = answer.partition(". ")  # an answer is one sentence
                last = last if last.endswith((".", "?", "!")) or not closing else last + "."
                return Comparison(story.title, paragraph, (*first, (question, last)), closing)
    return None


def points(paragraph: str) -> tuple[tuple[str, str], ...]:
    """("Who scores you", "Pearl was one company's app …") for each point of ``paragraph``; the
    last answer runs to the end of the paragraph."""
    found = list(_POINT.finditer(paragraph))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(paragraph)
        out.append((m.group(1), paragraph[m.end() : end].strip()))
    return tuple(out)


def shipped_story(story_id: str) -> Story | None:
    """The shipped scenario whose story id is ``story_id``, loaded; None if no shipped one has it."""
    for path in scenarios().values():
        story, _diagnostics = load_story(path)
        if story is not None and story.id == story_id:
            return story
    return None
