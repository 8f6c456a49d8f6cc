"""The development `.env` file: `make run` writes it once; `manage.py` reads it, production never does.

It holds `DJANGO_DEBUG=1` and a random `DJANGO_SECRET_KEY`, so that `.venv/bin/python manage.py
import_articles ...` works in any new shell after `make run`. A variable the environment already
sets always wins over the file. `cms/wsgi.py` (gunicorn, make serve) does not read it: production
settings come from the environment alone.
"""

import os
from collections.abc import MutableMapping
from pathlib import Path


def read_dotenv(text: str) -> dict[str, str]:
    """NAME=value pairs of a .env file: blank lines and # comments skipped, `export ` and quotes allowed."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        name = name.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if name:
            values[name] = value
    return values


def load_dotenv(path: Path, environ: MutableMapping[str, str] = os.environ) -> list[str]:
    """Set each variable of the file at `path` that `environ` does not set already; return their names.

    A missing file sets nothing.
    """
    if not path.is_file():
        return []
    added = []
    for name, value in read_dotenv(path.read_text(encoding="utf-8")).items():
        if name not in environ:
            environ[name] = value
            added.append(name)
    return added
