"""``python -m game`` and the ``socialscore`` command (pyproject's entry point is :func:`run`)."""

import gc
import sys


def run() -> int:
    """Import the command line with the cyclic garbage collector paused, then run it.

    Importing the engine and its tools builds tens of thousands of objects that live as long as
    the process (modules, classes, the story format's records), so the collector's passes over
    them during the imports (about 10 ms of a 200 ms start to the first scene) find nothing.
    They are frozen afterwards (``gc.freeze``: set aside, never walked again) rather than handed
    back to the collector, which would walk them all at its next pass. Loading a story pauses
    it again (``engine.loader.collector_paused``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return main()


if __name__ == "__main__":
    sys.exit(run())
