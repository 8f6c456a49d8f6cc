"""python manage.py load_reference_entities [--json] [-v 2]"""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from briefs.kb.database import database_problem
from briefs.kb.reference_entities import load_reference_entities


class Command(BaseCommand):
    help = (
        "Add or update the places generated from maintained data: countries, regions and world cities "
        "from CLDR, Chinese provinces, cities and districts from jionlp's place dictionary. Idempotent; "
        "never changes an entity editors own (a place they already have is skipped). Prints added, "
        "updated, unchanged and skipped per source; -v 2 lists each skipped place and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the report as one JSON object.")

    def handle(self, *args, as_json=False, verbosity=1, **options):
        if problem := database_problem():
            raise CommandError(problem)
        start = time.perf_counter()
        report = load_reference_entities()
        seconds = time.perf_counter() - start
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "sources": {source: vars(counts) for source, counts in report.by_source.items()},
                        "total": vars(report.total),
                        "stale": report.stale,
                        "skipped": [vars(place) for place in report.skipped],
                        "seconds": round(seconds, 2),
                    },
                    ensure_ascii=False,
                )
            )
            return
        if verbosity >= 1:
            for source, counts in report.by_source.items():
                self.stdout.write(f"{source}: {counts.summary()}")
            stale = f"; {report.stale} generated no longer in the data, left as they are" if report.stale else ""
            self.stdout.write(f"reference places: {report.total.summary()} in {seconds:.1f} s{stale}")
        if verbosity >= 2:
            for place in report.skipped:
                self.stdout.write(str(place))
