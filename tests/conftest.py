"""Small shared fixtures: users in each role, logged-in clients, the seed article's bytes."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_601187230134c3b3.txt"


@pytest.fixture(scope="session", autouse=True)
def processes_read_cms_settings():
    """Processes the tests start (manage.py, gunicorn, bench scripts) read cms.settings, as outside pytest.

    This process was configured from tests/support/settings.py (pyproject.toml) before any test ran.
    """
    before = os.environ.get("DJANGO_SETTINGS_MODULE")
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings"
    yield
    if before is None:
        del os.environ["DJANGO_SETTINGS_MODULE"]
    else:
        os.environ["DJANGO_SETTINGS_MODULE"] = before


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Hashed static names need collectstatic first; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed_bytes():
    return SEED_PATH.read_bytes()


@pytest.fixture
def seed_text(seed_bytes):
    return seed_bytes.decode("utf-8")


def _user_in(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user_in(django_user_model, "eddie", "Editor")


@pytest.fixture
def second_editor(db, django_user_model):
    return _user_in(django_user_model, "erin", "Editor")


@pytest.fixture
def writer(db, django_user_model):
    return _user_in(django_user_model, "wendy", "Writer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client
