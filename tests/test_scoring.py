"""The score: rules, limits, clamping, the contact formula, gates by transparency, swapped rules."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Mode, Session, load_story
from game.engine.scoring.engine import part_of
from game.engine.scoring.queries import check_ledger, pulling_down, suggestions

from .helpers import SAMPLE, codes, load_ok, play, write_story

RULES = """
scoring:
  id: t
  title: Test rules
  range: {min: 300, max: 900, start: 600}
  tiers:
    - {id: low, title: Low, min: 300}
    - {id: mid, title: Mid, min: 600}
    - {id: high, title: High, min: 650}
  perks:
    visa: {title: Visa, min: 650, vague: Not eligible.}
  rules:
    - id: boots
      on: {buy: [boots]}
      factor: behaviour
      change: 10
      limit: {times: 2, per: month}
      diminishing: 50
    - id: big
      on: {buy: [yacht]}
      factor: capacity
      change: 500
  pull: {percent: 10}
"""

STORY = """
story: {id: s, title: S, start: shop}
calendar: {start: 2015-01}
contacts:
  ann: {name: Ann, score: 500, closeness: 4, friend: true}
  bo: {name: Bo, score: 700, closeness: 1, friend: true}
  cy: {name: Cy, score: 800, closeness: 2, drops_below: 605}
scenes:
  shop:
    choices:
      - {id: boots, text: Boots, actions: [{buy: boots}]}
      - {id: yacht, text: Yacht, actions: [{buy: yacht}]}
      - {id: visa, text: Apply, actions: [{apply: visa}]}
      - {id: gated, text: Gated, requires: {perk: visa}, next: end}
      - {id: meet, text: Meet Cy, actions: [{befriend: cy}]}
      - {id: month, text: Wait a month, next: later}
  later:
    date: 2015-02
    choices:
      - {id: back, text: Back, next: shop}
endings:
  end: {title: End}
"""


@pytest.fixture
def story(tmp_path):
    return load_ok(write_story(tmp_path, STORY + RULES))


def deltas(session):
    return [(e.source, e.rule or e.contact, e.requested, e.delta) for e in part_of(session.state).ledger]


def test_limit_and_diminishing_returns(story):
    session = play(story, ["boots", "boots", "boots"])
    assert deltas(session) == [("rule", "boots", 10, 10), ("rule", "boots", 5, 5)]
    assert part_of(session.state).score == 615


def test_clamping_records_what_was_asked_and_what_applied(story):
    session = play(story, ["yacht"])
    (entry,) = part_of(session.state).ledger
    assert (entry.requested, entry.delta, entry.score) == (500, 300, 900)
    assert "Capped at 900" in entry.explain.transparent
    assert check_ledger(story, part_of(session.state))


def test_contact_pull_matches_the_formula_worked_by_hand(story):
    # Σk = 4 + 1 = 5. Ann: round(0.10 × 4/5 × (500 − 600)) = −8. Bo: round(0.10 × 1/5 × (700 − 600)) = +2.
    session = play(story, ["month"])
    assert deltas(session) == [("pull", "ann", -8, -8), ("pull", "bo", 2, 2)]
    assert part_of(session.state).score == 594
    assert [c.id for c in pulling_down(story, session.state)] == ["ann"]
    # Adding Cy (800, closeness 2): Σk = 7; Ann round(.1×4/7×−94)=−5, Bo round(.1×1/7×106)=2,
    # Cy round(.1×2/7×206)=6
    # versus now: Ann round(.1×4/5×−94)=−8, Bo round(.1×1/5×106)=2: gain = 3 − (−6) = 9
    (suggestion,) = suggestions(story, session.state)
    assert (suggestion.id, suggestion.gain) == ("cy", 9)


def test_contacts_drop_you_below_their_threshold(story):
    session = play(story, ["yacht", "meet"])
    assert part_of(session.state).contact("cy").friend is True
    session = play(story, ["meet"])
    cy = part_of(session.state).contact("cy")
    assert cy.friend is False and cy.dropped_you is True
    assert any(e.kind == "contact" and e["change"] == "dropped_you" for e in session.events)


def test_gates_and_applications_speak_in_the_sessions_mode(story):
    reasons = {}
    for mode in ("opaque", "partial", "transparent"):
        session = Session(story, 1, {"transparency": mode})
        gated = next(c for c in session.frame().choices if c.id == "gated")
        reasons[mode] = gated.reason
        assert not gated.enabled
    assert reasons == {
        "opaque": "Declined.",
        "partial": "Not eligible.",
        "transparent": "Needs a score of 650 or more; yours is 600.",
    }
    session = play(story, ["visa"])
    (event,) = [e for e in session.events if e.kind == "perk"]
    assert event["granted"] is False and "refused" not in session.state.ext  # refusal is data, not a crash
    assert "visa" in part_of(session.state).refused
    session = play(story, ["yacht", "visa"])
    assert "visa" in part_of(session.state).granted
    assert next(c for c in session.frame().choices if c.id == "gated").enabled


def test_swapping_the_rules_changes_the_outcome(tmp_path):
    sample = load_ok(SAMPLE)
    path = tmp_path / "dissent.rules.yaml"
    path.write_text(
        RULES.replace("id: t\n", "id: dissent\n")
        .replace("[yacht]", "[imported-anime]")
        .replace("    visa:", "    bike_no_deposit: {title: Bikes, min: 610}\n    visa:"),
        encoding="utf-8",
    )
    swapped, diagnostics = load_story(SAMPLE, rules=path)
    assert swapped is not None, [str(d) for d in diagnostics]
    a = play(sample, ["ignore", "buy_anime"], seed=4)
    b = play(swapped, ["ignore", "buy_anime"], seed=4)
    assert part_of(a.state).score < 600 < part_of(b.state).score


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**31), st.lists(st.integers(0, 8), max_size=25))
def test_ledger_explains_every_point(seed, picks):
    story = SAMPLE_STORY
    session = Session(story, seed)
    for pick in picks:
        enabled = [c for c in session.frame().choices if c.enabled]
        if not enabled:
            break
        session.choose(enabled[pick % len(enabled)].id)
        part = part_of(session.state)
        assert check_ledger(story, part)
        rules = story.extra["score"].rules
        assert rules.min <= part.score <= rules.max
        assert all(rules.min <= c.score <= rules.max for _, c in part.contacts)
    score_events = [e for e in session.events if e.kind == "score"]
    assert len(score_events) == len(part_of(session.state).ledger)
    for event in score_events:
        assert all(event["explain"][mode] for mode in Mode)  # worded in every mode
        assert event.cause.scene is not None


SAMPLE_STORY = load_ok(SAMPLE)


@pytest.mark.parametrize(
    "extra, code",
    [
        ("scenes:\n  x:\n    choices:\n      - {id: c, text: C, actions: [{drop: nobody}]}\n", "E303"),
        ("scenes:\n  x:\n    choices:\n      - {id: c, text: C, requires: {perk: nope}}\n", "E303"),
        ("scenes:\n  x:\n    choices:\n      - {id: c, text: C, actions: [{buy: a, post: b}]}\n", "E207"),
        ("scenes:\n  x:\n    date: 2015-13\n    next: x\n", "E207"),
        ("scenes:\n  x:\n    facts: [nope]\n    next: x\n", "E303"),
    ],
)
def test_scoring_references_are_checked(tmp_path, extra, code):
    write_story(tmp_path, STORY + RULES, "main.yaml")
    write_story(tmp_path, extra, "more.yaml")
    story, diagnostics = load_story(tmp_path)
    assert story is None and code in codes(diagnostics)


def test_rules_file_must_hold_scoring(tmp_path):
    bad = tmp_path / "bad.rules.yaml"
    bad.write_text("rules: []\n", encoding="utf-8")
    story, diagnostics = load_story(SAMPLE, rules=bad)
    assert story is None and "E201" in codes(diagnostics)


def test_contacts_react_to_what_you_do(tmp_path):
    story = load_ok(
        write_story(
            tmp_path,
            STORY.replace(
                "  ann: {name: Ann, score: 500, closeness: 4, friend: true}",
                "  ann:\n    name: Ann\n    score: 500\n    closeness: 4\n    friend: true\n"
                "    reactions:\n      - {on: {buy: [boots]}, closeness: -2, says: Boots again?}\n"
                "      - {on: {buy: [yacht]}, drops: true}",
            )
            + RULES,
        )
    )
    session = play(story, ["boots"])
    ann = part_of(session.state).contact("ann")
    assert (ann.closeness, ann.friend) == (2, True)
    (event,) = [e for e in session.events if e.kind == "contact"]
    assert (event["change"], event["says"]) == ("cooler", "Boots again?")
    session = play(story, ["yacht"])
    ann = part_of(session.state).contact("ann")
    assert ann.friend is False and ann.dropped_you is True


def test_the_app_shows_the_score_only_while_the_player_looks(tmp_path):
    from game.text.scoreviews import describe

    story = load_ok(
        write_story(
            tmp_path,
            STORY.replace(
                "calendar: {start: 2015-01}", "calendar: {start: 2015-01}\napp: {visible_if: looking}"
            )
            + RULES
            + "variables: {looking: false}\n",
        )
    )
    session = play(story, ["boots"])
    assert part_of(session.state).score == 610  # kept all the same
    assert describe(session.last_events, session) == []
    session = Session(story, 0, {"transparency": "transparent"}, sets={"looking": True})
    session.choose("boots")
    assert describe(session.last_events, session) == ["Score +10 → 610: +10 behaviour: rule boots."]


APP_STORY = STORY.replace(
    "calendar: {start: 2015-01}",
    "calendar: {start: 2015-01}\napp: {visible_if: looking, deleted_if: gone}\n"
    "variables: {looking: false, gone: false}",
).replace(
    "      - {id: month, text: Wait a month, next: later}",
    "      - {id: month, text: Wait a month, next: later}\n"
    "      - {id: look, text: Look, effects: [looking = true]}\n"
    "      - {id: delete, text: Delete, effects: [gone = true]}\n"
    "      - id: ask\n"
    "        text: Ask why\n"
    "        if: transparency != 'opaque' and app.active and not app.deleted\n"
    "        next: end",
)


@pytest.mark.parametrize("mode", ["opaque", "partial", "transparent"])
def test_a_story_reads_the_transparency_mode(tmp_path, mode):
    story = load_ok(
        write_story(
            tmp_path,
            APP_STORY.replace(
                "    choices:\n      - {id: boots",
                "    text: 'Mode {transparency}.'\n    choices:\n      - {id: boots",
                1,
            )
            + RULES,
        )
    )
    session = Session(story, 0, {"transparency": mode})
    assert session.frame().paragraphs[0] == f"Mode {mode}."


def test_a_story_reads_whether_the_app_is_active_or_deleted(tmp_path):
    story = load_ok(write_story(tmp_path, APP_STORY + RULES))
    offered = lambda session: {c.id for c in session.frame().choices}  # noqa: E731
    session = Session(story, 0, {"transparency": "partial"})
    assert "ask" not in offered(session)  # the app is not on yet
    session.choose("look")
    assert "ask" in offered(session)
    session.choose("delete")
    assert "ask" not in offered(session)  # deleted beats visible_if
    active, deleted = (story.builtins[n].get(session.state) for n in ("app.active", "app.deleted"))
    assert (active, deleted) == (False, True)
    assert "ask" not in offered(play(story, ["look"], options={"transparency": "opaque"}))


def test_without_an_app_block_the_app_is_on_and_never_deleted(story):
    state = Session(story, 0).state
    assert story.builtins["app.active"].get(state) is True
    assert story.builtins["app.deleted"].get(state) is False


@pytest.mark.parametrize(
    ("app", "message"),
    [
        ("{visible_if: app.active}", "cannot read app.active, which it defines"),
        ("{deleted_if: not app.deleted}", "cannot read app.deleted, which it defines"),
    ],
)
def test_the_apps_conditions_cannot_read_themselves(tmp_path, app, message):
    path = write_story(
        tmp_path,
        STORY.replace("calendar: {start: 2015-01}", f"calendar: {{start: 2015-01}}\napp: {app}") + RULES,
    )
    story, diagnostics = load_story(path)
    assert story is None
    (problem,) = [d for d in diagnostics if d.is_error]
    assert problem.code == "E404" and message in problem.message and problem.line == 4  # the app: line


def test_the_shipped_story_hides_the_app_until_activated_and_after_deletion():
    from game.paths import story_dir

    story = load_ok(story_dir())
    state = Session(story, 0).state
    assert story.builtins["app.active"].get(state) is False
    assert story.builtins["transparency"].get(state) == "partial"  # the default
    on = state.evolve(vars={**state.vars, "flags.activated": True})
    assert story.builtins["app.active"].get(on) is True
    gone = on.evolve(vars={**on.vars, "flags.left_app": True})
    assert (story.builtins["app.active"].get(gone), story.builtins["app.deleted"].get(gone)) == (False, True)


@pytest.mark.parametrize("mode", ["opaque", "partial", "transparent"])
def test_the_documented_transparency_example_reads_as_it_says(tmp_path, mode):
    from .helpers import ROOT

    doc = (ROOT / "docs" / "scoring-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Transparency in the text") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    scene = "\n".join("    " + line for line in example.splitlines())
    text = APP_STORY.replace("  shop:\n", "  shop:\n" + scene + "\n", 1)
    story = load_ok(write_story(tmp_path, text + RULES))
    session = Session(story, 0, {"transparency": mode})
    assert session.frame().paragraphs[1:] == ("You have not looked at the app in weeks.",)
    session.choose("look")
    expected = {
        "opaque": "It does not say why. It never says why.",
        "partial": "A line of grey text underneath offers a reason, of sorts.",
        "transparent": "A line of grey text underneath offers a reason, of sorts.",
    }[mode]
    assert session.frame().paragraphs[1:] == (expected,)
