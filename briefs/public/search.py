"""Full-text search over published briefs: the document, the query, ranked ids and highlighted snippets.

Neither SQLite's FTS5 tokenizers nor PostgreSQL's parser split Chinese into words, so Chinese text is
segmented with jieba on both sides: documents with `cut_for_search` (a word and its shorter parts, so
接下来 also yields 下来), queries with the precise `cut`. A run of Chinese is `briefs.text.script.HAN_RUN`,
the desk's one definition of a Chinese character. Latin text is left for the database's own
stemmer. `Brief.search_document` holds the segmented body and every name of the brief's entities
(English, Chinese, pinyin, aliases), so 小红书 finds a brief tagged Xiaohongshu even when its English body
never writes the Chinese name.

The vendor-specific halves live in `search_sqlite` (an FTS5 table kept in step by `signals`) and
`search_postgres` (a weighted tsvector with a GIN index); both rank only `Brief.objects.published()`.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from briefs.desk.models import Brief, TaggedBriefEntity
from briefs.intake.highlight import Span, highlight
from briefs.text.script import HAN_RUN

MAX_QUERY_LENGTH = 200  # characters; a longer query is refused with 400
MAX_QUERY_TERMS = 16
MAX_RESULTS = 200
SNIPPET_LENGTH = 240

WORD = re.compile(r"\w+")
# Control characters (NUL included) and the replacement character left by undecodable bytes.
UNWANTED = re.compile(r"[\x00-\x1f\x7f\ufffd]+")


@cache
def _tokenizer():
    """A jieba tokenizer of our own, so search never shares state with the tagger's; loaded once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def segment_for_index(text: str) -> str:
    """The text with each run of Chinese replaced by its words and their parts, separated by spaces."""
    return HAN_RUN.sub(lambda match: " " + " ".join(_tokenizer().cut_for_search(match.group())) + " ", text)


def query_terms(query: str) -> list[str]:
    """The words of a reader's query: Chinese segmented, punctuation and operators dropped, at most 16."""
    query = UNWANTED.sub(" ", query)[:MAX_QUERY_LENGTH]
    segmented = HAN_RUN.sub(lambda match: " " + " ".join(_tokenizer().cut(match.group())) + " ", query)
    terms = [term.lower() for term in WORD.findall(segmented)]
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def plain_text(brief: Brief) -> str:
    """The brief's body as readers see it, without markup."""
    return html.unescape(strip_tags(brief.body_html)) if brief.body_html else brief.body


def build_document(*, body_text: str, entity_names: list[str]) -> str:
    """The search document: segmented body, then each entity name whole and segmented."""
    names = " ".join(entity_names)
    return f"{segment_for_index(body_text)}\n{names}\n{segment_for_index(names)}".strip()


def entity_names(brief_id: int) -> list[str]:
    """Every name of the brief's entities: English, Chinese, pinyin and aliases."""
    names = []
    for item in TaggedBriefEntity.objects.filter(content_object_id=brief_id).select_related("tag"):
        entity = item.tag
        names.extend([entity.name, entity.name_zh, entity.pinyin, *entity.alias_list])
    return [name for name in names if name]


def index_brief(brief: Brief) -> None:
    """Bring the brief's search document (and on SQLite its FTS5 row) in step with the brief."""
    document = build_document(body_text=plain_text(brief), entity_names=entity_names(brief.pk))
    Brief.objects.filter(pk=brief.pk).update(search_document=document)  # update(): no save signals again
    if connection.vendor == "sqlite":
        from briefs.public import search_sqlite

        search_sqlite.upsert(brief.pk, title=brief.title, dek=brief.dek, document=document)


def unindex_brief(brief_id: int) -> None:
    if connection.vendor == "sqlite":
        from briefs.public import search_sqlite

        search_sqlite.delete(brief_id)


def rebuild_index() -> int:
    """Index every brief again (after a bulk load or a restore); returns how many."""
    count = 0
    for brief in Brief.objects.all().iterator():
        index_brief(brief)
        count += 1
    return count


def find_brief_ids(terms: list[str], *, limit: int = MAX_RESULTS) -> list[int]:
    """Ids of published briefs matching every term, best first."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        from briefs.public import search_postgres

        return search_postgres.ranked_ids(terms, limit=limit)
    from briefs.public import search_sqlite

    return search_sqlite.ranked_ids(terms, limit=limit)


@dataclass(frozen=True)
class SearchResult:
    brief: Brief
    title_html: SafeString
    snippet_html: SafeString


def _marks(text: str, terms: list[str]) -> list[Span]:
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    return [Span(match.start(), match.end(), "hit") for match in pattern.finditer(text)]


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of the text around the first term, escaped, with every term marked."""
    marks = _marks(text, terms)
    start = 0
    if marks and marks[0].start > length // 3:
        start = text.rfind(" ", 0, marks[0].start - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    window = text[start:end]
    body = highlight(window, _marks(window, terms))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return SafeString(prefix + body + suffix)


def results_for(ids: list[int], terms: list[str]) -> list[SearchResult]:
    """The published briefs with these ids, in this order, each with its title and a snippet marked."""
    briefs = Brief.objects.published().filter(id__in=ids).select_related("author").prefetch_related("entities")
    by_id = {brief.id: brief for brief in briefs}
    results = []
    for brief_id in ids:
        brief = by_id.get(brief_id)
        if brief is None:
            continue
        text = plain_text(brief)
        source = text if _marks(text, terms) or not brief.dek else brief.dek
        results.append(SearchResult(brief, highlight(brief.title, _marks(brief.title, terms)), snippet(source, terms)))
    return results
