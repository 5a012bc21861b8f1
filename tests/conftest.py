"""Test options: stored snapshots and golden files change only when asked to."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden transcripts from the current output instead of comparing",
    )
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite stored screen snapshots (PNG) instead of comparing",
    )


# Under CI every test must run: a test skipped for a missing tool or package would hide a failure. Only
# skips that no CI machine can avoid are allowed, and they are listed here by their reason.
UNAVOIDABLE_SKIPS = ("root can read anything",)
_skipped: list[str] = []


def pytest_collectreport(report):
    pytest_runtest_logreport(report)  # a whole module skipped (importorskip) counts too


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(allowed in reason for allowed in UNAVOIDABLE_SKIPS):
            _skipped.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("CI") and _skipped:
        terminalreporter.write_line("CI: these tests were skipped and must run here:", red=True)
        for line in _skipped:
            terminalreporter.write_line(f"  {line}", red=True)
