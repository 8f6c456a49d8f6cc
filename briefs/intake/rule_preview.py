"""Preview a promo rule before it is saved: what it matches across the stored articles, and what it would harm.

The admin's "Preview" button calls `preview_rule`. It scans the stored articles' raw texts, newest
first, within a budget (PREVIEW_SECONDS or PREVIEW_ARTICLES, whichever comes first) so the page
answers quickly on a large desk, and says when it stopped early. It flags two kinds of harm:
- a match inside a sentence the labelled corpus says must survive (settings.FARM_CORPUS_DIR; the
  flag is skipped when the folder is absent);
- a match that cuts an ordinary word ("买粉" inside "买粉底液"), found by jieba around each match.
Nothing is written: the rule is compiled here from the form's values, never read from the table.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from briefs.intake.models import SourceArticle
from briefs.text import rule_preview
from briefs.text.errors import CorpusError
from briefs.text.evaluation import ANNOTATION_SUFFIX, read_annotation
from briefs.text.rules import CompiledRules, Rule, RuleFailure, compile_rules

PREVIEW_SECONDS = 2.0
PREVIEW_ARTICLES = 5000
SHOWN_PASSAGES = 20
SHOWN_FLAGS = 10
# Articles fetched per query while scanning; the budget is checked after each article.
CHUNK_SIZE = 100


@dataclass(frozen=True)
class FoundPassage:
    """A match in one stored article (its raw text), for the preview table."""

    article: SourceArticle
    match: rule_preview.RuleMatch


@dataclass(frozen=True)
class KeepSentenceHit:
    """A match inside a sentence that the corpus file `file` says must survive."""

    file: str
    sentence: str
    match: rule_preview.RuleMatch


@dataclass
class RulePreview:
    """What a rule would strip: counts over the articles scanned, the first passages and the flags."""

    rule: Rule
    article_total: int = 0
    scanned_count: int = 0
    matched_article_count: int = 0
    match_count: int = 0
    passages: list[FoundPassage] = field(default_factory=list)
    word_cut_count: int = 0
    word_cuts: list[FoundPassage] = field(default_factory=list)
    keep_hits: list[KeepSentenceHit] = field(default_factory=list)
    keep_sentence_count: int = 0
    corpus_note: str = ""
    stopped_because: str = ""
    failures: list[RuleFailure] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.stopped_because

    @property
    def is_line_rule(self) -> bool:
        return self.rule.kind in ("boilerplate", "caption", "byline")


def preview_rule(
    rule: Rule, *, seconds: float | None = None, max_articles: int | None = None, corpus_dir=None
) -> RulePreview:
    """Scan the stored articles (newest first) and the corpus keep sentences for what `rule` matches.

    The scan stops after `seconds` (PREVIEW_SECONDS) or `max_articles` (PREVIEW_ARTICLES), and the
    corpus is read from `corpus_dir` (settings.FARM_CORPUS_DIR). Raises TextError when the rule does
    not compile (the form shows it). Reads only; saves nothing.
    """
    seconds = PREVIEW_SECONDS if seconds is None else seconds
    max_articles = PREVIEW_ARTICLES if max_articles is None else max_articles
    compiled = compile_rules([rule])
    preview = RulePreview(rule=rule, article_total=SourceArticle.objects.count())
    _check_corpus(preview, compiled, Path(corpus_dir or settings.FARM_CORPUS_DIR))
    # jieba's dictionary takes about a second to load; the budget is for the scan itself.
    rule_preview.load_jieba()
    started = time.monotonic()
    articles = SourceArticle.objects.only("pk", "title", "original_filename", "raw_text").order_by(
        "-imported_at", "-id"
    )
    for article in articles.iterator(chunk_size=CHUNK_SIZE):
        if preview.scanned_count >= max_articles:
            preview.stopped_because = f"stopped after {max_articles:,} article{'s' if max_articles != 1 else ''}"
            break
        if time.monotonic() - started > seconds:
            preview.stopped_because = f"stopped after {seconds:g} s"
            break
        _scan_article(preview, compiled, article)
    return preview


def _scan_article(preview: RulePreview, compiled: CompiledRules, article: SourceArticle) -> None:
    matches, failures = rule_preview.find_rule_matches(article.raw_text, compiled)
    preview.scanned_count += 1
    preview.failures += failures[: max(0, SHOWN_FLAGS - len(preview.failures))]
    if not matches:
        return
    preview.matched_article_count += 1
    preview.match_count += len(matches)
    for match in matches:
        found = FoundPassage(article=article, match=match)
        if len(preview.passages) < SHOWN_PASSAGES:
            preview.passages.append(found)
        if match.cut_word:
            preview.word_cut_count += 1
            if len(preview.word_cuts) < SHOWN_FLAGS:
                preview.word_cuts.append(found)


def _check_corpus(preview: RulePreview, compiled: CompiledRules, folder: Path) -> None:
    """Flag matches inside the corpus's keep sentences (and titles); note when there is no corpus to read."""
    paths = sorted(folder.glob("*" + ANNOTATION_SUFFIX)) if folder.is_dir() else []
    if not paths:
        preview.corpus_note = f"No labelled corpus at {folder}: sentences that must survive were not checked."
        return
    for path in paths:
        try:
            annotation = read_annotation(path)
        except CorpusError as error:
            preview.corpus_note = f"Part of the corpus could not be read ({error}); the rest was checked."
            continue
        sentences = [*annotation.keep, *([annotation.title] if annotation.title else [])]
        preview.keep_sentence_count += len(sentences)
        for sentence, match in rule_preview.find_matches_in_sentences(dict.fromkeys(sentences), compiled):
            preview.keep_hits.append(KeepSentenceHit(file=annotation.file, sentence=sentence, match=match))
