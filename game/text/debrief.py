"""The debrief in the terminal: the five steps as plain text that reads well aloud.

Nothing carries meaning by layout or colour: every number is said with its direction ("down 40"),
a key decision says "key decision", each fact says its label and its source in words. The data is
the engine's (:func:`game.engine.debrief.build_debrief`), the same the desktop lays out.
"""

from __future__ import annotations

from ..engine.claims import answer_word
from ..engine.debrief import Debrief, step_title
from ..engine.messages import say
from ..engine.scoring.format import DEBRIEF_STEPS
from ..engine.scoring.model import month_index

#: the fact labels with a note saying what they mean (the catalogue's debrief.label.*)
NOTED_LABELS = ("documented", "reported", "speculative")


def said(n: int) -> str:
    """A change as words: ``up 12``, ``down 40``, ``no change``."""
    return say("debrief.up", n=n) if n > 0 else (say("debrief.down", n=-n) if n < 0 else say("debrief.same"))


def month_words(date: str) -> str:
    """``2016-06`` → ``June 2016`` (anything else unchanged)."""
    try:
        index = month_index(date)
    except ValueError:
        return date
    return say("date.month", month=say(f"month.{index % 12 + 1:02d}"), year=index // 12)


def debrief_lines(d: Debrief, ending_text: str = "", endings: dict[str, str] | None = None) -> list[str]:
    """The debrief as paragraphs, one string each (the caller wraps them); blank strings separate
    blocks. ``endings`` maps ending ids to titles, for the roads not taken."""
    endings = endings or {}
    texts = {step: text for step, _, text in d.steps}
    out: list[str] = [say("debrief.heading"), ""]
    for n, step in enumerate(DEBRIEF_STEPS, 1):
        out += [say("debrief.step", n=n, count=len(DEBRIEF_STEPS), title=step_title(step)), ""]
        out += globals()[f"_{step}"](d, texts.get(step, ""), ending_text, endings)
    out += [say("debrief.end")]
    return out


def _para(text: str) -> list[str]:
    return [text, ""] if text else []


def _feel(d: Debrief, text: str, ending_text: str, _endings) -> list[str]:
    out = [say("debrief.ending", ending=d.ending_title or say("debrief.ending.none"))]
    if ending_text:
        out.append(ending_text)
    if d.start_score is not None and d.final_score is not None:
        change = said(d.final_score - d.start_score)
        line = say("debrief.score", start=d.start_score, end=d.final_score, change=change)
        if d.tier_title:
            line += say("debrief.tier", tier=d.tier_title)
        out.append(line)
    return [*out, "", *_para(text)]


def _happened(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    out = _para(text)
    if len(d.curve) >= 2:
        low = min(d.curve, key=lambda p: (p.score, p.turn))
        high = max(d.curve, key=lambda p: (p.score, -p.turn))
        first, last = d.curve[0].score, d.curve[-1].score
        low_when, high_when = month_words(low.date), month_words(high.date)
        curve = say(
            "debrief.curve",
            first=first,
            last=last,
            low=low.score,
            low_when=low_when,
            high=high.score,
            high_when=high_when,
        )
        out += [curve, ""]
    if d.choices:
        key = any(c.key for c in d.choices)
        out.append(say("debrief.choices.key" if key else "debrief.choices"))
        for c in d.choices:
            line = "debrief.choice.key" if c.key else "debrief.choice"
            out.append(say(line, turn=c.turn, scene=c.scene_title, text=c.text))
        out.append("")
    else:
        out += [say("debrief.no_choices"), ""]
    if d.highlights:
        out.append(say("debrief.changes"))
        for e in d.highlights:
            when, why = month_words(e.date), e.explain.transparent
            out.append(say("debrief.change", when=when, change=said(e.delta), score=e.score, why=why))
        out.append("")
    return out


def _mechanism(d: Debrief, text: str, _ending_text, endings) -> list[str]:
    out = _para(d.mode_note) + _para(text) + techniques_lines(d)
    if not text and not d.by_factor:
        out += [say("debrief.no_score"), ""]
    if d.rules_title:
        out += [say("debrief.rules", rules=d.rules_title), ""]
    if d.by_factor:
        out.append(say("debrief.factors"))
        out += [say("debrief.factor", factor=title, change=said(total)) for _, title, total in d.by_factor]
        out.append("")
    pulled = [c for c in d.contacts if c.pull_total]
    if pulled:
        out.append(say("debrief.pulls"))
        for c in pulled:
            note = say("debrief.pull.score", score=c.score)
            if c.dropped or c.dropped_you or c.friend:
                status = "dropped" if c.dropped else ("dropped_you" if c.dropped_you else "friend")
                note = say("debrief.pull.status", score=c.score, status=say(f"debrief.status.{status}"))
            out.append(say("debrief.pull", name=c.name, note=note, change=said(c.pull_total)))
        out.append("")
    if d.whatifs:
        out.append(say("debrief.whatifs"))
        for w in d.whatifs:
            out.append("  " + _whatif_line(d, w, endings))
        out.append("")
    return out


def _whatif_line(d: Debrief, w, endings: dict[str, str]) -> str:
    o = w.outcome
    ending = endings.get(o.ending, o.ending) if o.ending else say("debrief.whatif.unfinished")
    outcome = say("debrief.whatif.ending", ending=ending)
    if o.score is not None:
        diff = o.score - d.final_score if d.final_score is not None else 0
        score = say("debrief.whatif.score", score=o.score, change=said(diff))
        outcome = say("debrief.whatif.and", first=score, then=outcome)
    line = say(
        "debrief.whatif", turn=w.turn, alternative=w.alternative_text, taken=w.taken_text, outcome=outcome
    )
    substituted = getattr(w, "substituted", ())
    if substituted:
        line += " " + say("debrief.whatif.substituted", choices="; ".join(substituted))
    return line


def techniques_lines(d: Debrief) -> list[str]:
    """The techniques card: the levers the app pulled on this player, in order, then the others."""
    if not d.techniques and not d.techniques_missed:
        return []
    out = [say("debrief.levers" if d.techniques else "debrief.levers.none")]
    for m in d.techniques:
        where = say("debrief.lever.chosen" if m.by_choice else "debrief.lever.scene", scene=m.scene_title)
        out.append(
            say("debrief.lever", name=m.technique.name, turn=m.turn, where=where, text=m.technique.text)
        )
    if d.techniques_missed:
        out.append(say("debrief.levers.missed", names=", ".join(t.name for t in d.techniques_missed)))
    return [*out, ""]


def claims_lines(d: Debrief) -> list[str]:
    """The claims card: each claim, this player's answers before and after, the key and its source."""
    if not d.claims:
        return []
    before = sum(a.right_before for a in d.claims)
    after = sum(a.right_after for a in d.claims)
    n = len(d.claims)
    out = [say("debrief.claims", before=before, after=after, n=n)]
    for a in d.claims:
        key = answer_word(a.claim.key).lower()
        before, after = _said_claim(a.before), _said_claim(a.after)
        claim, label, explanation = a.claim.text, a.claim.label, a.claim.explanation
        line = say("debrief.claim", claim=claim, before=before, after=after, key=key, label=label,
                   explanation=explanation)  # fmt: skip
        if a.source:
            line += say("debrief.source", source=a.source.rstrip("."))
        out.append(line)
    return [*out, ""]


def _said_claim(answer: str | None) -> str:
    return answer_word(answer).lower() if answer else say("debrief.claim.no_answer")


def _real(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    out = _para(text) + claims_lines(d)
    if not d.facts:
        return [*out, say("debrief.no_facts"), ""]
    for label, facts in d.facts_by_label().items():
        if not facts:
            continue
        if label in NOTED_LABELS:
            note = say(f"debrief.label.{label}")
            out.append(say("debrief.facts.noted", label=label.capitalize(), note=note))
        else:
            out.append(say("debrief.facts", label=label.capitalize()))
        for fact in facts:
            line = say("debrief.fact", claim=fact.claim, label=label)
            if fact.source:
                line += say("debrief.source", source=fact.source.rstrip("."))
            if fact.analogue:
                line += say("debrief.fact.elsewhere", analogue=fact.analogue)
            out.append(line)
        out.append("")
    return out


def _question(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    return _para(text)
