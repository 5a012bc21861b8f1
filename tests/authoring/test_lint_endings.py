"""lint warns when a story cannot end: no reachable ending (W507), a loop without exit (W508)."""

from __future__ import annotations

from game.authoring.lint import lint

from ..helpers import write_story


def found(tmp_path, text: str) -> list[str]:
    result = lint(str(write_story(tmp_path, text)))
    assert result.errors == 0, [str(d) for d in result.diagnostics]
    return [f"{d.code} {d.message}" for d in result.diagnostics]


def test_a_story_without_endings_is_warned_about(tmp_path):
    lines = found(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        scenes:
          a: {choices: [{id: again, text: Again}]}
        """,
    )
    assert lines == ["W507 the story has no ending: add an endings: block and lead a next: to it"]


def test_an_ending_nothing_leads_to_is_warned_about(tmp_path):
    lines = found(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        scenes:
          a: {choices: [{id: again, text: Again}]}
        endings:
          end: {title: End}
        """,
    )
    assert "W507 no ending can be reached from the start scene 'a'" in lines


def test_a_loop_without_exit_is_one_warning_naming_its_scenes(tmp_path):
    lines = found(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        scenes:
          a:
            choices:
              - {id: out, text: Out, next: end}
              - {id: in, text: In, next: b}
          b: {choices: [{id: on, text: On, next: c}]}
          c: {choices: [{id: back, text: Back, next: b}]}
        endings:
          end: {title: End}
        """,
    )
    assert lines == ["W508 no path from 'b', 'c' reaches an ending (a loop without exit)"]


def test_a_loop_with_an_exit_and_a_dead_end_give_no_loop_warning(tmp_path):
    lines = found(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        scenes:
          a:
            choices:
              - {id: stay, text: Stay}
              - {id: out, text: Out, next: end}
              - {id: lost, text: Lost, next: b}
          b: {choices: [{id: on, text: On, next: stuck}]}
          stuck: {}
        endings:
          end: {title: End}
        """,
    )
    # The dead end is the cause; the scene leading only into it is not reported again.
    assert [line.split()[0] for line in lines] == ["W501"]
