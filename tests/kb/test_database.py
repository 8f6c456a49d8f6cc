"""A database made before the apps were split (issue 12) gets one clear line, never a second set of tables."""

import os
import subprocess
import sys

import pytest
from django.core.checks import Tags, run_checks
from django.db import connection

from briefs.kb.database import NOT_MIGRATED, check_database_layout, database_problem
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

OLD_LAYOUT_END = "was made before the apps were split (issue 12); remove it and run `make run` again"


def record_an_old_migration():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, CURRENT_TIMESTAMP)",
            ["briefs", "0007_publicchange"],
        )


def test_a_migrated_database_has_no_problem():
    assert database_problem() is None
    assert check_database_layout(None, databases=["default"]) == []


def test_a_database_with_migrations_of_the_old_app_is_named_and_refused():
    record_an_old_migration()
    assert database_problem().endswith(OLD_LAYOUT_END)
    errors = run_checks(tags=[Tags.database], databases=["default"])
    assert [error.id for error in errors] == ["kb.E001"]
    assert errors[0].msg.endswith(OLD_LAYOUT_END)


def manage(*args, database):
    env = {name: value for name, value in os.environ.items() if name not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="1")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )


def test_migrate_stops_on_an_old_sqlite_file_with_the_message_and_creates_nothing(tmp_path):
    import sqlite3

    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as old:
        old.execute("CREATE TABLE django_migrations (id integer primary key, app text, name text, applied text)")
        old.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('briefs', '0001_initial', '')")
        old.execute("CREATE TABLE briefs_brief (id integer primary key)")
    result = manage("migrate", "--noinput", database=database)
    assert result.returncode != 0
    assert f"db.sqlite3 {OLD_LAYOUT_END}" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(database) as old:
        tables = {row[0] for row in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"django_migrations", "briefs_brief"}


def test_a_never_migrated_database_is_named_as_such(tmp_path):
    database = tmp_path / "empty.sqlite3"
    code = "from briefs.kb.database import database_problem; print(database_problem())"
    result = manage("shell", "--no-imports", "-c", code, database=database)
    assert result.stdout.strip() == NOT_MIGRATED, result.stderr
