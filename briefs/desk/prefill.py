"""What a new brief written from a source article starts with: the article as source, its entities, its figures."""

from briefs.desk.checks import source_entities_of
from briefs.desk.models import BriefSource, KeyFact
from briefs.text.numbers import find_figures

PREFILLED_FACTS_MAX = 12


def prefill_from_article(article):
    """What a new brief from `article` starts with: the article as source, its entities, its key figures."""
    figures = [figure for figure in find_figures(article.cleaned_text or article.raw_text) if figure.kind != "date"]
    return {
        "entities": source_entities_of([article]),
        BriefSource: [{"article": article.pk}],
        KeyFact: [
            {"position": number, "text": figure.english, "source_sentence": figure.sentence}
            for number, figure in enumerate(figures[:PREFILLED_FACTS_MAX], start=1)
        ],
    }
