"""python manage.py evaluate_tagger DIR [--min-recall 0.92] [--min-precision 0.85] [--json] [--verbose]"""

import json

from django.core.management.base import BaseCommand

from briefs.intake.management.commands._evaluation import (
    Minimum,
    add_evaluation_arguments,
    annotation_warnings,
    check_minimums,
    fail_below,
    load_articles,
)
from briefs.intake.management.commands._tagger_report import json_report, text_report
from briefs.intake.pipeline import Analysis, TextTools, analyse, current_tools
from briefs.text.evaluation import FoundName, score_entities, score_entity_corpus

# Issue 14's targets.
DEFAULT_MIN_RECALL = 0.92
DEFAULT_MIN_PRECISION = 0.85
MINIMUMS = (
    Minimum("--min-recall", DEFAULT_MIN_RECALL, "annotated entities found"),
    Minimum("--min-precision", DEFAULT_MIN_PRECISION, "found names that are annotated entities"),
)


class Command(BaseCommand):
    help = (
        "Run the import's text steps on each article of a labelled corpus without saving anything (clean "
        "with the active promo rules, find mentions of the knowledge base's entities, suggest new names) "
        "and score them against its annotated entities (tests/data/farm-corpus/README.md): recall and "
        "precision per file and overall, recall by kind, then every miss and every false suggestion. "
        "Exits 1 when either figure is below its minimum."
    )

    def add_arguments(self, parser):
        add_evaluation_arguments(
            parser,
            MINIMUMS,
            verbose_help=(
                "Also show each false suggestion in the cleaned text, the entities found only partly, and "
                "known entities left out because they occur only inside promo passages."
            ),
        )

    def handle(self, *args, folder, min_recall, min_precision, as_json=False, verbose=False, **options):
        check_minimums(MINIMUMS, {"min_recall": min_recall, "min_precision": min_precision})
        articles = load_articles(folder)

        tools = current_tools()
        scores, cleaned_texts = [], {}
        for article in articles:
            analysis = analyse(article.raw_text, tools, model_names=True)
            mentions, suggestions = found_names(analysis, tools)
            scores.append(
                score_entities(article, mentions=mentions, suggestions=suggestions, cleaned_text=analysis.cleaned_text)
            )
            cleaned_texts[article.annotation.file] = analysis.cleaned_text
        score = score_entity_corpus(scores)
        warnings = annotation_warnings(articles)
        counts = {"entity_count": len(tools.matcher.entities), "rule_count": len(tools.rules.rules)}

        if as_json:
            self.stdout.write(
                json.dumps(json_report(score, folder=folder, warnings=warnings, **counts), ensure_ascii=False)
            )
        else:
            lines = text_report(score, folder=folder, texts=cleaned_texts, verbose=verbose, **counts)
            lines += [f"warning: {warning}" for warning in warnings]
            self.stdout.write("\n".join(lines))

        fail_below(
            [("recall", score.recall, min_recall), ("precision", score.precision, min_precision)],
            hint="the report lists every miss and every false suggestion",
        )


def found_names(analysis: Analysis, tools: TextTools) -> tuple[list[FoundName], list[FoundName]]:
    """The analysis's mentions (with their entity's English name and kind) and its suggestions, as FoundNames."""
    entities = tools.matcher.entities
    mentions = [
        FoundName(surface=mention.surface, name_en=entities[mention.entity].name, kind=entities[mention.entity].kind)
        for mention in analysis.mentions
    ]
    suggestions = [
        FoundName(surface=suggestion.surface, name_en=suggestion.proposed_name, kind=suggestion.kind)
        for suggestion in analysis.suggestions
    ]
    return mentions, suggestions
