"""cms.settings with STATIC_ROOT taken from BRIEFS_TEST_STATIC_ROOT, for server processes started by tests.

Each test run collects static files into its own directory under var/, so it never writes the
project's staticfiles/ that `make serve` (or another run) may be serving. Nothing else differs.
"""

import os
from pathlib import Path

from cms.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BRIEFS_TEST_STATIC_ROOT"])
