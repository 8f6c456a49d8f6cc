"""PostgreSQL half of search: a weighted tsvector over title (A), dek (B) and the search document (C).

The GIN index made by migration public/0003_search is built from `search_vector()` itself, so the query below and
the index share one expression and PostgreSQL can use the index.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

from briefs.desk.models import Brief

CONFIG = "english"
INDEX_NAME = "brief_search_vector_gin"


def search_vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("dek", weight="B", config=CONFIG)
        + SearchVector("search_document", weight="C", config=CONFIG)
    )


def ranked_ids(terms: list[str], *, limit: int) -> list[int]:
    # "plain" turns the words into an AND of lexemes; terms are already bare words.
    query = SearchQuery(" ".join(terms), search_type="plain", config=CONFIG)
    vector = search_vector()
    matches = (
        Brief.objects.published()
        .annotate(search=vector)
        .filter(search=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-publish_at", "-id")
    )
    return list(matches.values_list("id", flat=True)[:limit])
