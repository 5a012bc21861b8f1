"""``make bench`` records its run under the hand-written history of docs/performance.md, never over it."""

from bench.__main__ import LAST_RUN, record

HISTORY = "# Performance\n\n## Startup\n\nBefore and after, and why.\n"
RUN = "# Performance\n\nMeasured today.\n\n## Engine\n\n| a | b |\n"


def test_the_run_goes_under_the_history_and_replaces_the_last_one():
    once = record(HISTORY, RUN)
    assert once.startswith(HISTORY.rstrip("\n") + "\n\n" + LAST_RUN + "\n")
    assert "## Performance" in once and "### Engine" in once  # one level down, under the block's heading
    again = record(once, RUN.replace("today", "tomorrow"))
    assert again.count(LAST_RUN) == 1 and "Before and after, and why." in again
    assert "Measured tomorrow." in again and "Measured today." not in again
