"""``make bench`` records its run under the hand-written history of docs/performance.md, never over it."""

from bench.__main__ import LAST_RUN, _section, record

HISTORY = "# Performance\n\n## Startup\n\nBefore and after, and why.\n"
RUN = "# Performance\n\nMeasured today.\n\n## Engine\n\n| a | b |\n"


def test_the_run_goes_under_the_history_and_replaces_the_last_one():
    once = record(HISTORY, RUN)
    assert once.startswith(HISTORY.rstrip("\n") + "\n\n" + LAST_RUN + "\n")
    assert "## Performance" in once and "### Engine" in once  # one level down, under the block's heading
    again = record(once, RUN.replace("today", "tomorrow"))
    assert again.count(LAST_RUN) == 1 and "Before and after, and why." in again
    assert "Measured tomorrow." in again and "Measured today." not in again


def test_a_benchmark_that_fails_or_cannot_run_says_so_and_the_others_go_on():
    def broken() -> str:
        raise RuntimeError("the server did not start")

    def missing() -> str:
        raise ImportError("No module named 'pygame'")

    assert _section("Classroom server", broken) == (
        "## Classroom server\n\nFailed: RuntimeError: the server did not start\n"
    )
    assert _section("Desktop frames", missing).endswith("Skipped: No module named 'pygame'\n")
    assert _section("Engine", lambda: "## Engine\n") == "## Engine\n"
