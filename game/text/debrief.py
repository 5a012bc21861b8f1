"""The debrief in the terminal: the five steps as plain text that reads well aloud.

Nothing carries meaning by layout or colour: every number is said with its direction ("down 40"),
a key decision says "key decision", each fact says its label and its source in words. The data is
the engine's (:func:`game.engine.debrief.build_debrief`), the same the desktop lays out.
"""

from __future__ import annotations

from ..engine.claims import ANSWER_WORDS
from ..engine.debrief import STEP_TITLES, Debrief
from ..engine.scoring.format import DEBRIEF_STEPS
from ..engine.scoring.model import month_index

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LABEL_NOTES = {
    "documented": "in official documents or the company's own statements",
    "reported": "by journalists and researchers",
    "speculative": "claimed or imagined, not confirmed",
}


def said(n: int) -> str:
    """A change as words: ``up 12``, ``down 40``, ``no change``."""
    return f"up {n}" if n > 0 else (f"down {-n}" if n < 0 else "no change")


def month_words(date: str) -> str:
    """``2016-06`` → ``June 2016`` (anything else unchanged)."""
    try:
        index = month_index(date)
    except ValueError:
        return date
    return f"{MONTHS[index % 12]} {index // 12}"


def debrief_lines(d: Debrief, ending_text: str = "", endings: dict[str, str] | None = None) -> list[str]:
    """The debrief as paragraphs, one string each (the caller wraps them); blank strings separate
    blocks. ``endings`` maps ending ids to titles, for the roads not taken."""
    endings = endings or {}
    texts = {step: text for step, _, text in d.steps}
    out: list[str] = ["=== The debrief ===", ""]
    for n, step in enumerate(DEBRIEF_STEPS, 1):
        out += [f"Step {n} of {len(DEBRIEF_STEPS)}: {STEP_TITLES[step]}", ""]
        out += globals()[f"_{step}"](d, texts.get(step, ""), ending_text, endings)
    out += ["=== End of the debrief ==="]
    return out


def _para(text: str) -> list[str]:
    return [text, ""] if text else []


def _feel(d: Debrief, text: str, ending_text: str, _endings) -> list[str]:
    out = [f"Your ending: {d.ending_title or 'The end'}."]
    if ending_text:
        out.append(ending_text)
    if d.start_score is not None and d.final_score is not None:
        line = (
            f"Your score started at {d.start_score} and ended at {d.final_score}: "
            f"{said(d.final_score - d.start_score)}."
        )
        if d.tier_title:
            line += f" Your tier at the end: {d.tier_title}."
        out.append(line)
    return [*out, "", *_para(text)]


def _happened(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    out = _para(text)
    if len(d.curve) >= 2:
        low = min(d.curve, key=lambda p: (p.score, p.turn))
        high = max(d.curve, key=lambda p: (p.score, -p.turn))
        out += [
            f"Your score over time: from {d.curve[0].score} to {d.curve[-1].score}; lowest {low.score} "
            f"in {month_words(low.date)}, highest {high.score} in {month_words(high.date)}.",
            "",
        ]
    if d.choices:
        key = any(c.key for c in d.choices)
        out.append("The choices you made" + (" (key decisions are replayed in step 3):" if key else ":"))
        for c in d.choices:
            mark = ", a key decision" if c.key else ""
            out.append(f"  Turn {c.turn}{mark}, {c.scene_title}: {c.text}")
        out.append("")
    else:
        out += ["No choices: you started at the end.", ""]
    if d.highlights:
        out.append("The biggest changes, each explained in full:")
        for e in d.highlights:
            out.append(f"  {month_words(e.date)}: {said(e.delta)}, to {e.score}. {e.explain.transparent}")
        out.append("")
    return out


def _mechanism(d: Debrief, text: str, _ending_text, endings) -> list[str]:
    out = _para(d.mode_note) + _para(text) + techniques_lines(d)
    if not text and not d.by_factor:
        out += ["This story has no score: nothing was counted.", ""]
    if d.rules_title:
        out += [f"Rules in force: {d.rules_title}.", ""]
    if d.by_factor:
        out.append("Where your points came from, by factor:")
        out += [f"  {title}: {said(total)}." for _, title, total in d.by_factor]
        out.append("")
    pulled = [c for c in d.contacts if c.pull_total]
    if pulled:
        out.append("Who pulled you (each month your contacts' scores pulled yours toward theirs):")
        for c in pulled:
            status = (
                "dropped by you"
                if c.dropped
                else ("dropped you" if c.dropped_you else ("in your network" if c.friend else ""))
            )
            note = f"score {c.score}" + (f", {status}" if status else "")
            out.append(f"  {c.name} ({note}): {said(c.pull_total)} in all.")
        out.append("")
    if d.whatifs:
        out.append(
            "The roads not taken: the same game replayed with one key decision changed, your own later "
            "choices kept where they still fit (the largest effects first)."
        )
        for w in d.whatifs:
            out.append("  " + _whatif_line(d, w, endings))
        out.append("")
    return out


def _whatif_line(d: Debrief, w, endings: dict[str, str]) -> str:
    o = w.outcome
    line = f"Turn {w.turn}: had you chosen “{w.alternative_text}” instead of “{w.taken_text}”, "
    parts = []
    if o.score is not None:
        diff = o.score - d.final_score if d.final_score is not None else 0
        parts.append(f"your score would have ended at {o.score} ({said(diff)} on yours)")
    ending = endings.get(o.ending, o.ending) if o.ending else "unfinished"
    parts.append(f"the ending: {ending}")
    line += ", and ".join(parts) + "."
    substituted = getattr(w, "substituted", ())
    if substituted:
        line += (
            " Where your own later choices no longer fitted, the replay took: " + "; ".join(substituted) + "."
        )
    return line


def techniques_lines(d: Debrief) -> list[str]:
    """The techniques card: the levers the app pulled on this player, in order, then the others."""
    if not d.techniques and not d.techniques_missed:
        return []
    if d.techniques:
        out = ["The levers the app pulled on you, in the order you met them:"]
    else:
        out = ["The app pulled none of its named levers in your game."]
    for m in d.techniques:
        where = f"when you chose, in {m.scene_title}" if m.by_choice else f"in {m.scene_title}"
        out.append(f"  {m.technique.name} (turn {m.turn}, {where}): {m.technique.text}")
    if d.techniques_missed:
        names = ", ".join(t.name for t in d.techniques_missed)
        out.append(f"  Not in your game: {names}.")
    return [*out, ""]


def claims_lines(d: Debrief) -> list[str]:
    """The claims card: each claim, this player's answers before and after, the key and its source."""
    if not d.claims:
        return []
    before = sum(a.right_before for a in d.claims)
    after = sum(a.right_after for a in d.claims)
    n = len(d.claims)
    out = [f"The claims you rated: right before play {before} of {n}, after play {after} of {n}."]
    for a in d.claims:
        key = ANSWER_WORDS[a.claim.key].lower()
        line = (
            f"  “{a.claim.text}” You said: before, {_said_claim(a.before)}; after, {_said_claim(a.after)}. "
            f"It is {key} ({a.claim.label}). {a.claim.explanation}"
        )
        if a.source:
            line += f" Source: {a.source.rstrip('.')}."
        out.append(line)
    return [*out, ""]


def _said_claim(answer: str | None) -> str:
    return ANSWER_WORDS[answer].lower() if answer else "no answer"


def _real(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    out = _para(text) + claims_lines(d)
    if not d.facts:
        return [*out, "The scenes you saw list no facts.", ""]
    for label, facts in d.facts_by_label().items():
        if not facts:
            continue
        note = LABEL_NOTES.get(label, "")
        out.append(f"{label.capitalize()}" + (f" ({note}):" if note else ":"))
        for fact in facts:
            line = f"  {fact.claim} Label: {label}."
            if fact.source:
                line += f" Source: {fact.source.rstrip('.')}."
            if fact.analogue:
                line += f" Elsewhere: {fact.analogue}"
            out.append(line)
        out.append("")
    return out


def _question(d: Debrief, text: str, _ending_text, _endings) -> list[str]:
    return _para(text)
