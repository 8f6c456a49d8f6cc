"""Is the database one this code can use? A one-line answer for a database made before issue 12 or never migrated.

Issue 12 split the single `briefs` app into `kb`, `intake`, `desk` and `public`, with new initial
migrations; a database made before that still records migrations of app `briefs` and holds its
tables under the old names. Migrating it would quietly make a second, empty set of tables, so
`migrate` (and `check --database default`) stop with `OLD_LAYOUT` instead, through the system check
below. Commands that read the desk's tables call `database_problem()` first, so a database that was
never migrated gets `NOT_MIGRATED` rather than a traceback.
"""

from pathlib import Path

from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections

NOT_MIGRATED = "the database has no tables yet: run `make run` or `manage.py migrate` first"
# A table the last of the initial migrations makes: present once the desk's tables are.
MIGRATED_TABLE = "public_publicchange"


def database_name(alias: str = "default") -> str:
    """How to name the database in a message: the SQLite file's name, or "the database NAME"."""
    connection = connections[alias]
    name = str(connection.settings_dict["NAME"])
    return Path(name).name if connection.vendor == "sqlite" else f"the database {name}"


def made_before_the_split(alias: str = "default") -> bool:
    """True when the database recorded migrations of the old single app `briefs`."""
    connection = connections[alias]
    if "django_migrations" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM django_migrations WHERE app = %s", ["briefs"])
        return cursor.fetchone() is not None


def old_layout_message(alias: str = "default") -> str:
    return (
        f"{database_name(alias)} was made before the apps were split (issue 12); "
        "remove it and run `make run` again"
    )


def database_problem(alias: str = "default") -> str | None:
    """One line saying why the desk cannot use the database yet, or None when it can."""
    try:
        if made_before_the_split(alias):
            return old_layout_message(alias)
        if MIGRATED_TABLE not in connections[alias].introspection.table_names():
            return NOT_MIGRATED
    except DatabaseError as error:
        return f"{database_name(alias)} cannot be read: {error}"
    return None


@register(Tags.database)
def check_database_layout(app_configs, databases=None, **kwargs):
    """System check (run by `migrate`): refuse a database made before the apps were split."""
    errors = []
    for alias in databases or []:
        try:
            old = made_before_the_split(alias)
        except DatabaseError:
            continue  # an unreachable database is reported by the command that needs it
        if old:
            errors.append(Error(old_layout_message(alias), id="kb.E001"))
    return errors
