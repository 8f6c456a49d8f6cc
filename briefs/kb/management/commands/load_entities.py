"""python manage.py load_entities PATH [--quiet]"""

from django.core.management.base import BaseCommand, CommandError

from briefs.kb.entity_csv import EntityFileError, load_entities_file


class Command(BaseCommand):
    help = (
        "Load the entity knowledge base from a CSV (slug,name,kind,name_zh,aliases,pinyin,description,"
        "wikidata_id,website), upserting by slug. Prints a summary line and one line per rejected row "
        "('line N: reason'). Exits 1 when the file cannot be loaded or any row was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The CSV file, e.g. seeds/entities.csv.")
        parser.add_argument("--quiet", action="store_true", help="Print only the rejected rows, not the summary line.")

    def handle(self, path, quiet=False, **options):
        try:
            report = load_entities_file(path)
        except EntityFileError as error:
            raise CommandError(str(error)) from error
        if not quiet:
            self.stdout.write(f"{path}: {report.summary()}")
        for rejection in report.rejections:
            self.stdout.write(str(rejection))
        if report.rejected:
            # CommandError exits 1 with this message on stderr, after every good row was saved.
            raise CommandError(f"{path}: {report.rejected} row(s) rejected", returncode=1)
