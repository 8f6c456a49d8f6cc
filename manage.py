#!/usr/bin/env python
"""Django's command-line utility for the briefs CMS.

Reads `.env` (written once by `make run`) for variables the shell does not set, so commands work in
a new terminal; see cms/dotenv.py. Production (cms/wsgi.py) never reads it.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    from cms.dotenv import load_dotenv

    load_dotenv(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
