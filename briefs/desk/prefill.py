"""What a new brief written from a source article starts with: the article as source, its entities, its figures.

Each part is computed on its own, because the admin asks for each in a different hook (the form's
initial data, then one inline formset at a time).
"""

from briefs.desk.checks import source_entities_of
from briefs.desk.models import BriefSource, KeyFact
from briefs.text.numbers import find_figures

PREFILLED_FACTS_MAX = 12


def prefilled_entities(article):
    """The entities a new brief from `article` starts with: the source's (see `checks.source_entities_of`)."""
    return source_entities_of([article])


def prefilled_rows(article, model):
    """The initial rows of inline `model` for a new brief from `article`: itself as the source, its key figures."""
    if model is BriefSource:
        return [{"article": article.pk}]
    if model is KeyFact:
        figures = [figure for figure in find_figures(article.cleaned_text or article.raw_text) if figure.kind != "date"]
        return [
            {"position": number, "text": figure.english, "source_sentence": figure.sentence}
            for number, figure in enumerate(figures[:PREFILLED_FACTS_MAX], start=1)
        ]
    return []
