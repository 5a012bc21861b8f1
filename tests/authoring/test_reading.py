"""Words per playthrough and reading time: what a teacher needs to plan a lesson."""

from game.authoring.lint import run_lint
from game.authoring.reading import WORDS_PER_MINUTE, count_words, reading
from game.engine.loader import load_story_or_raise
from game.paths import story_dir

from ..helpers import write_story


def test_words_are_counted_as_a_reader_counts_them():
    assert count_words("It's a well-known fact: ¥2,000 — “really”.") == 6
    assert count_words("") == 0


def test_a_playthrough_counts_scene_text_choice_labels_and_after_text(tmp_path):
    path = write_story(
        tmp_path,
        """
        story: {id: t, title: One two, start: a}
        scenes:
          a:
            text: Three four five.
            choices:
              - {id: go, text: Six seven, after: Eight nine ten., next: b}
          b:
            title: Eleven
            next: end
        endings:
          end: {title: Twelve thirteen, text: Fourteen.}
        """,
    )
    found = reading(load_story_or_raise(path), samples=3)
    # a: 3 + "Six seven" 2; b: title 1 + after 3 + "Continue" 1; the ending: title 2 + text 1
    assert found.words == (13, 13, 13)
    assert found.minutes(found.median) == 1
    assert WORDS_PER_MINUTE == 200


def test_technique_asides_are_read_too(tmp_path):
    """A technique named by a scene or a choice is shown as an aside ("Technique: name — text") by
    every front end, so it counts: here 'Technique: Bait — A free thing.' is 5 words, twice."""
    path = write_story(
        tmp_path,
        """
        story: {id: t, title: One, start: a}
        techniques:
          bait: {name: Bait, text: A free thing.}
        scenes:
          a:
            technique: bait
            text: Two three.
            choices:
              - {id: go, text: Four, technique: bait, next: end}
        endings:
          end: {title: Five, text: Six.}
        """,
    )
    found = reading(load_story_or_raise(path), samples=1)
    # a (no title): text 2 + "Four" 1 + its aside 5; the ending: title 1 + text 1 + the choice's aside 5
    assert found.words == (15,)


def test_the_classroom_cut_fits_a_lesson_and_the_full_story_is_the_long_one():
    story = load_story_or_raise(story_dir())
    classroom = reading(story, samples=40, sets={"cut": "classroom"})
    full = reading(story, samples=10)
    # 5,000 words is the cap (25 minutes); 4,850 keeps a margin under it for the next scene an author adds
    assert classroom.minimum >= 3500 and classroom.maximum <= 4850
    assert 15 <= classroom.minutes(classroom.median) <= 25
    assert full.median > 2 * classroom.median * 0.9


def test_lint_reports_words_per_playthrough_with_the_variables_set(tmp_path, capsys):
    path = write_story(
        tmp_path,
        """
        story: {id: t, title: T, start: a}
        variables:
          cut: {type: str, initial: full, doc: set it with --set cut=short}
        scenes:
          a:
            text: One two three.
            next:
              - {if: "cut == 'short'", to: end}
              - {to: b}
          b: {text: Four five six seven., next: end}
        endings:
          end: {title: End}
        """,
    )
    assert run_lint([str(path)], samples=5, sets=["cut=short"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "words per playthrough over 5 sampled games" in out[-2] and out[-2].endswith("with cut=short")
    assert out[-1].endswith("0 errors, 0 warnings")  # an input that says how to --set it is not W503
