"""python manage.py evaluate_cleaner DIR [--min-strip 0.98] [--min-keep 0.995] [--json] [--verbose]"""

import json

from django.core.management.base import BaseCommand

from briefs.intake.management.commands._cleaner_report import json_report, text_report
from briefs.intake.management.commands._evaluation import (
    Minimum,
    add_evaluation_arguments,
    annotation_warnings,
    check_minimums,
    fail_below,
    load_articles,
)
from briefs.intake.pipeline import current_rules
from briefs.text.clean import clean
from briefs.text.evaluation import score_article, score_corpus

DEFAULT_MIN_STRIP = 0.98
DEFAULT_MIN_KEEP = 0.995
MINIMUMS = (
    Minimum("--min-strip", DEFAULT_MIN_STRIP, "promo passages removed"),
    Minimum("--min-keep", DEFAULT_MIN_KEEP, "sentences kept intact"),
)


class Command(BaseCommand):
    help = (
        "Run the cleaner, with the active promo rules as imports use them, over a labelled corpus "
        "(tests/data/farm-corpus/README.md) and print its strip recall and keep rate per file, overall, "
        "by style and by passage family, then every passage left and every sentence broken. "
        "Exits 1 when either figure is below its minimum."
    )

    def add_arguments(self, parser):
        add_evaluation_arguments(
            parser,
            MINIMUMS,
            verbose_help="Also show each passage left in its raw context, and passages the source no longer holds.",
        )

    def handle(self, *args, folder, min_strip, min_keep, as_json=False, verbose=False, **options):
        check_minimums(MINIMUMS, {"min_strip": min_strip, "min_keep": min_keep})
        articles = load_articles(folder)

        rules = current_rules()
        scores = []
        for article in articles:
            result = clean(article.raw_text, rules)
            spans = [(strip.start, strip.end) for strip in result.strips]
            scores.append(score_article(article, strips=spans, cleaned_text=result.cleaned_text))
        score = score_corpus(scores)
        warnings = annotation_warnings(articles)

        if as_json:
            report = json_report(score, folder=folder, rule_count=len(rules.rules), warnings=warnings)
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            raw_texts = {article.annotation.file: article.raw_text for article in articles}
            lines = text_report(score, folder=folder, rule_count=len(rules.rules), raw_texts=raw_texts, verbose=verbose)
            lines += [f"warning: {warning}" for warning in warnings]
            self.stdout.write("\n".join(lines))

        fail_below(
            [("strip recall", score.strips, min_strip), ("keep rate", score.keeps, min_keep)],
            hint="the report lists what was left and what broke",
        )
