"""Demo content for `make run`: the desk's two demo users and the demo brief."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_USERS = (
    # username, group, environment variable that may give the password
    ("editor", "Editor", "BRIEFS_EDITOR_PASSWORD"),
    ("writer", "Writer", "BRIEFS_WRITER_PASSWORD"),
)


def ensure_demo_users():
    """Create the demo editor and writer when missing; return (username, password or None) per user.

    The password comes from the user's environment variable or is generated; it is returned only
    when the account was created (or reset from the environment), so it is printed once.
    """
    User = get_user_model()
    results = []
    for username, group_name, env_var in DEMO_USERS:
        given = os.environ.get(env_var, "")
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.com"}
        )
        password = None
        if created or given:
            password = given or secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = True
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        results.append((username, group_name, password, env_var))
    return results
