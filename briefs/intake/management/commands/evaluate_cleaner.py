"""python manage.py evaluate_cleaner DIR [--min-strip 0.98] [--min-keep 0.995] [--json] [--verbose]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.intake.management.commands._cleaner_report import json_report, text_report
from briefs.intake.pipeline import current_rules
from briefs.kb.database import database_problem
from briefs.text.clean import clean
from briefs.text.errors import CorpusError
from briefs.text.evaluation import load_corpus, score_article, score_corpus

DEFAULT_MIN_STRIP = 0.98
DEFAULT_MIN_KEEP = 0.995


class Command(BaseCommand):
    help = (
        "Run the cleaner, with the active promo rules as imports use them, over a labelled corpus "
        "(tests/data/farm-corpus/README.md) and print its strip recall and keep rate per file, overall, "
        "by style and by passage family, then every passage left and every sentence broken. "
        "Exits 1 when either figure is below its minimum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", metavar="DIR", help="The corpus folder: NNN_*.json annotations beside their sources."
        )
        parser.add_argument(
            "--min-strip",
            type=float,
            default=DEFAULT_MIN_STRIP,
            help=f"Fail below this share of promo passages removed (default {DEFAULT_MIN_STRIP}).",
        )
        parser.add_argument(
            "--min-keep",
            type=float,
            default=DEFAULT_MIN_KEEP,
            help=f"Fail below this share of sentences kept intact (default {DEFAULT_MIN_KEEP}).",
        )
        parser.add_argument("--json", dest="as_json", action="store_true", help="Print one JSON object instead.")
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="Also show each passage left in its raw context, and passages the source no longer holds.",
        )

    def handle(self, *args, folder, min_strip, min_keep, as_json=False, verbose=False, **options):
        for name, value in (("--min-strip", min_strip), ("--min-keep", min_keep)):
            if not 0 <= value <= 1:
                raise CommandError(f"{name} is a share between 0 and 1 (0.98 is 98%); got {value}")
        try:
            articles = load_corpus(Path(folder))
        except CorpusError as error:
            raise CommandError(str(error)) from error
        if problem := database_problem():
            raise CommandError(problem)

        rules = current_rules()
        scores = []
        for article in articles:
            result = clean(article.raw_text, rules)
            spans = [(strip.start, strip.end) for strip in result.strips]
            scores.append(score_article(article, strips=spans, cleaned_text=result.cleaned_text))
        score = score_corpus(scores)
        warnings = [f"{article.annotation.file}: {problem}" for article in articles for problem in article.problems]

        if as_json:
            report = json_report(score, folder=folder, rule_count=len(rules.rules), warnings=warnings)
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            raw_texts = {article.annotation.file: article.raw_text for article in articles}
            lines = text_report(score, folder=folder, rule_count=len(rules.rules), raw_texts=raw_texts, verbose=verbose)
            lines += [f"warning: {warning}" for warning in warnings]
            self.stdout.write("\n".join(lines))

        failures = [
            f"{name} {tally.share:.1%} is below the minimum {minimum:.1%}"
            for name, tally, minimum in (
                ("strip recall", score.strips, min_strip),
                ("keep rate", score.keeps, min_keep),
            )
            if tally.share is not None and tally.share < minimum
        ]
        if failures:
            raise CommandError("; ".join(failures) + " (the report lists what was left and what broke)", returncode=1)
