"""cms.settings as the test suite runs it (pyproject.toml's DJANGO_SETTINGS_MODULE for pytest).

The suite runs with debug off, like production, but a developer's shell has no DJANGO_SECRET_KEY and
the test client speaks plain http. So, only while cms.settings is read and only when the shell does
not set them, a throwaway key and SECURE_SSL_REDIRECT=0 are supplied; the environment is left as it
was, so processes the tests start (manage.py, gunicorn, the bench scripts) get exactly what each test
gives them. tests/conftest.py points those processes at cms.settings itself.
"""

import os

TEST_DEFAULTS = {
    "DJANGO_SECRET_KEY": "test-suite-only-" + "k" * 50,
    "SECURE_SSL_REDIRECT": "0",
}
_supplied = [name for name in TEST_DEFAULTS if name not in os.environ]
os.environ.update({name: TEST_DEFAULTS[name] for name in _supplied})
try:
    from cms.settings import *  # noqa: F403
finally:
    for _name in _supplied:
        del os.environ[_name]
