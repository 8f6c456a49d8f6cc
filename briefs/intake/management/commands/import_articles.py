"""python manage.py import_articles PATH... [--dry-run --json]"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefs.intake.importing import describe, import_path, iter_article_files
from briefs.intake.pipeline import current_tools, ner_problem
from briefs.kb.database import database_problem


class Command(BaseCommand):
    help = (
        "Import Chinese source articles (.txt, .md, .html; folders recursively). Prints one line per file: "
        "imported, unchanged or rejected: <reason>. Exits 1 when any file was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import.")
        parser.add_argument("--dry-run", action="store_true", help="Check and analyse, but write nothing.")
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="With --dry-run: print one JSON object per file (JSON Lines).",
        )

    def handle(self, *args, paths, dry_run=False, as_json=False, **options):
        if as_json and not dry_run:
            raise CommandError("--json goes with --dry-run (the JSON Lines report of what an import would do)")
        if problem := database_problem():
            raise CommandError(problem)
        rejected = 0
        tools = current_tools()
        # Only when the model runs here: otherwise the article page adds its names, and loading it just
        # to check would cost every import a second.
        if settings.NER_AT_IMPORT and (problem := ner_problem()):
            self.stderr.write(f"warning: {problem}; names are suggested by jieba alone")
        for path in iter_article_files(paths):
            outcome = import_path(path, dry_run=dry_run, tools=tools)
            rejected += outcome.status == "rejected"
            if as_json:
                self.stdout.write(_dumps(describe(outcome)))
            elif dry_run and outcome.status == "ok":
                verdict = "unchanged (already imported)" if outcome.article else "would import"
                self.stdout.write(f"{outcome.path}: {verdict} ({len(outcome.analysis.strips)} strips)")
            else:
                self.stdout.write(outcome.line)
        if rejected:
            # CommandError exits 1 with this message on stderr, after every good file was handled.
            raise CommandError(f"{rejected} file(s) rejected", returncode=1)


def _dumps(record):
    return json.dumps(record, ensure_ascii=False)
