"""python manage.py load_demo: the demo users (and demo brief) that `make run` serves. Safe to run again."""

from django.core.management.base import BaseCommand

from briefs.desk.demo import ensure_demo_brief, ensure_demo_users


class Command(BaseCommand):
    help = "Create the demo editor and writer accounts and the demo content. Safe to run again."

    def handle(self, *args, **options):
        for username, group, password, env_var in ensure_demo_users():
            if password:
                self.stdout.write(f"Log in at /admin/ as {username!r} ({group}) with password: {password}")
            else:
                self.stdout.write(
                    f"Log in at /admin/ as {username!r} ({group}) with the password printed when it was created "
                    f"(set {env_var} and run again to reset it)."
                )
        self.stdout.write(ensure_demo_brief())
