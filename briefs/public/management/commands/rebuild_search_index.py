"""python manage.py rebuild_search_index: index every brief again, after a bulk load (loaddata) or a restore."""

from django.core.management.base import BaseCommand

from briefs.public.search import rebuild_index


class Command(BaseCommand):
    help = "Index every brief again for search (signals keep it in step otherwise)."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild_index()} briefs.")
