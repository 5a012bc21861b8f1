"""The debrief's techniques card (on the mechanism page) and claims card (on the what-is-real page).

The levers the app pulled on the player, in the order met and where, then those their game never
reached, greyed; each claim with the player's answers before and after, the key, its label, the
explanation and the source. Words carry every meaning (✓ and ✗ are said as "right" and "wrong").
"""

from __future__ import annotations

from ...engine.claims import Answered, answer_word
from .page import Page


def techniques(writer, page: Page) -> None:
    """The levers card, when the story names techniques."""
    t, p = writer.theme, writer.theme.palette
    d = writer.debrief
    if not d.techniques and not d.techniques_missed:
        return
    page.section("THE LEVERS THE APP PULLED ON YOU", "In the order you met them, and where.")
    if not d.techniques:
        writer._note(page, "The app pulled none of its named levers in your game.")
    for m in d.techniques:
        where = f"Turn {m.turn} · {'when you chose, ' if m.by_choice else ''}in {m.scene_title}"
        page.text(m.technique.name, "sans_semi", t.font_px(16), p.ink, leading=1.35, gap=t.px(2))
        page.text(where, "sans", t.font_px(13), p.muted, leading=1.35, gap=t.px(4))
        page.text(m.technique.text, "serif", t.body, p.ink, leading=1.55, gap=t.px(14))
    if d.techniques_missed:
        names = ", ".join(x.name for x in d.techniques_missed)
        page.text(f"Not in your game: {names}.", "sans", t.small, p.faint, leading=1.45, gap=t.px(8))


def claims(writer, page: Page) -> None:
    """The claims card, when the player was asked the story's claims."""
    t, p = writer.theme, writer.theme.palette
    d = writer.debrief
    if not d.claims:
        return
    n = len(d.claims)
    before = sum(a.right_before for a in d.claims)
    after = sum(a.right_after for a in d.claims)
    page.section(
        "TRUE OR FALSE? YOUR ANSWERS AND THE KEY", f"Right before play: {before} of {n}; after: {after}."
    )
    for a in d.claims:
        page.text(a.claim.text, "serif_bold", t.body, p.ink, leading=1.45, gap=t.px(4))
        page.text(_answers(a), "sans_semi", t.font_px(14), p.accent, leading=1.4, gap=t.px(4))
        note = a.claim.explanation + (f" Source: {a.source}" if a.source else "")
        page.text(note, "sans", t.font_px(14), p.muted, leading=1.45, gap=t.px(16))


def _answers(a: Answered) -> str:
    key = answer_word(a.claim.key)
    return (
        f"You said {_said(a.before, a.right_before)} before, {_said(a.after, a.right_after)} after · "
        f"it is {key.lower()} ({a.claim.label})"
    )


def _said(answer: str | None, right: bool) -> str:
    if not answer:
        return "nothing"
    word = answer_word(answer).lower()
    return word if answer == "unsure" else f"{word} ({'right' if right else 'wrong'})"
