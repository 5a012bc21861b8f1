"""``python -m game``: the same as the ``socialscore`` command."""

import sys

from .cli import main

sys.exit(main())
