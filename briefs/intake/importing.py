"""Turn files into source articles: used by `import_articles` and by the admin upload alike.

Each article lands whole or not at all: the article, its strips, mentions and suggestions are
written in one transaction. The SHA-256 of the file's bytes is the import key, so importing the
same file again (or twice at once, from two processes) changes nothing.
"""

import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction

from briefs.intake.models import Mention, SourceArticle, Strip, Suggestion
from briefs.intake.pipeline import Analysis, TextTools, analyse, current_tools
from briefs.kb.models import Entity
from briefs.text.clean import cleaned_title
from briefs.text.errors import IntakeError
from briefs.text.intake import SUPPORTED_EXTENSIONS, ParsedArticle, check_size, parse_article

NOT_PROCESSED = "not processed"
# Bytes per second an upload is assumed to import at before it has measured its own files: half the
# measured rate (a 2 MB article imports in about 5 s), so the estimate errs towards stopping early.
# A file started at 19.9 s that took 12 s was killed half-way by gunicorn (issue 11 follow-up).
DEFAULT_IMPORT_BYTES_PER_SECOND = 200_000
# How many seconds of measurement the default rate is worth (see ImportRate).
PRIOR_SECONDS = 2.0


class ImportFailed(Exception):
    """A file could not be imported; the message names the file and the reason."""

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class ImportOutcome:
    """What happened to one file: `imported`, `unchanged`, `rejected` (with the reason) or `not processed`.

    `rule_failures` names the promo rules skipped for this article (see pipeline.analyse).
    """

    path: str
    status: str
    article: SourceArticle | None = None
    error: str | None = None
    parsed: ParsedArticle | None = None
    analysis: Analysis | None = field(default=None, repr=False)

    @property
    def rule_failures(self) -> tuple:
        return self.analysis.rule_failures if self.analysis is not None else ()

    @property
    def line(self):
        """The one line the command prints for this file, with any rule that was skipped for it."""
        if self.status == "rejected":
            return f"{self.path}: rejected: {self.error}"
        return f"{self.path}: {self.status}" + "".join(f"; rule error: {failure}" for failure in self.rule_failures)


def iter_article_files(paths: Iterable[str]) -> Iterator[Path]:
    """Every file named, and every article file (.txt, .md, .html) below each folder named, sorted.

    A file named explicitly is always checked (and rejected if it is not an article); inside a
    folder, other files (a knowledge-base CSV, a README, hidden files) are passed over.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(SUPPORTED_EXTENSIONS):
                        yield Path(root) / name
        else:
            yield path


def read_article_file(path: Path) -> bytes:
    """The bytes of a regular file no larger than MAX_UPLOAD_BYTES; raises ImportFailed otherwise."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A pipe or a device would block the import or never end.
            raise ImportFailed(path, "not a regular file (a pipe, device or socket)")
        check_size(status.st_size, max_bytes=settings.MAX_UPLOAD_BYTES)
        with path.open("rb") as handle:
            # Never more than the limit plus one byte, even if the file grew since stat().
            return handle.read(settings.MAX_UPLOAD_BYTES + 1)
    except IntakeError as error:
        raise ImportFailed(path, str(error)) from error
    except FileNotFoundError as error:
        raise ImportFailed(path, "no such file or folder") from error
    except IsADirectoryError as error:
        raise ImportFailed(path, "is a folder") from error
    except PermissionError as error:
        raise ImportFailed(path, "permission denied") from error
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from error


def import_path(path: Path, *, user=None, dry_run=False, tools: TextTools | None = None) -> ImportOutcome:
    """Import one file from disk (see `import_bytes`)."""
    try:
        data = read_article_file(path)
    except ImportFailed as failure:
        return ImportOutcome(path=str(path), status="rejected", error=failure.reason)
    return import_bytes(data, path.name, display_path=str(path), user=user, dry_run=dry_run, tools=tools)


def import_upload(upload, *, user=None, tools: TextTools | None = None) -> ImportOutcome:
    """Import one uploaded file (see `import_bytes`); an oversized one is refused before it is read."""
    try:
        check_size(upload.size, max_bytes=settings.MAX_UPLOAD_BYTES)
    except IntakeError as error:
        return ImportOutcome(path=upload.name, status="rejected", error=str(error))
    data = upload.read(settings.MAX_UPLOAD_BYTES + 1)
    return import_bytes(data, upload.name, user=user, tools=tools)


def import_uploads(uploads, *, user=None, budget_seconds: float | None = None) -> list[ImportOutcome]:
    """Import uploaded files in order while each is expected to end within the time budget; one outcome per file.

    Each file lands in its own transaction (see `store_article`), so stopping between files leaves
    no half import. The first file is always imported, so every upload makes progress (its size is
    capped by MAX_UPLOAD_BYTES). Before any later file starts, its time is estimated from its size
    (see `ImportRate`); a file that would end past the budget is not started and comes back with
    status NOT_PROCESSED, for the editor to upload again, while a smaller file after it may still fit.
    """
    if budget_seconds is None:
        budget_seconds = settings.UPLOAD_IMPORT_BUDGET_SECONDS
    deadline = time.monotonic() + budget_seconds
    tools = current_tools()
    rate = ImportRate()
    outcomes = []
    for upload in uploads:
        started = time.monotonic()
        # An oversized or empty file is refused unread, at once: better told why than "not processed".
        expected = rate.seconds_for(upload.size) if 0 < upload.size <= settings.MAX_UPLOAD_BYTES else 0.0
        if outcomes and expected and started + expected > deadline:
            outcomes.append(ImportOutcome(path=upload.name, status=NOT_PROCESSED))
            continue
        outcome = import_upload(upload, user=user, tools=tools)
        if outcome.analysis is not None:
            # Only analysed files say how fast this machine imports; a rejected or unchanged one is instant.
            rate.add(upload.size, time.monotonic() - started)
        outcomes.append(outcome)
    return outcomes


class ImportRate:
    """How fast files of this request import, in bytes per second, to estimate the next file's time.

    Starts from DEFAULT_IMPORT_BYTES_PER_SECOND counted as PRIOR_SECONDS of measurement, so a few tiny
    files (mostly fixed cost per file) cannot make a large file look either instant or endless; the
    more seconds measured, the more the measured rate counts.
    """

    def __init__(self):
        self.bytes = DEFAULT_IMPORT_BYTES_PER_SECOND * PRIOR_SECONDS
        self.seconds = PRIOR_SECONDS

    def add(self, size: int, seconds: float) -> None:
        self.bytes += size
        self.seconds += seconds

    def seconds_for(self, size: int) -> float:
        """The expected import time of a file of `size` bytes."""
        return size * self.seconds / self.bytes


def import_bytes(
    data: bytes, filename: str, *, display_path=None, user=None, dry_run=False, tools: TextTools | None = None
) -> ImportOutcome:
    """Check, analyse and (unless `dry_run`) store one article.

    Never raises for a bad file: the outcome says `rejected` with a reason a person understands.
    Give `tools` (pipeline.current_tools()) when importing many files in one go.
    """
    display_path = display_path or filename
    try:
        parsed = parse_article(data, filename, max_bytes=settings.MAX_UPLOAD_BYTES)
    except IntakeError as error:
        return ImportOutcome(path=display_path, status="rejected", error=str(error))

    existing = SourceArticle.objects.filter(sha256=parsed.sha256).first()
    if existing is not None and not dry_run:
        return ImportOutcome(path=display_path, status="unchanged", article=existing, parsed=parsed)

    # Bounded: each promo rule has rules.RULE_TIMEOUT_SECONDS for this article; a rule that runs out
    # is skipped and named in the outcome, and nothing is written before the analysis is complete.

    analysis = analyse(parsed.raw_text, tools)
    if dry_run:
        # "ok" is the JSON contract's word for an importable file; `article` says it is there already.
        return ImportOutcome(path=display_path, status="ok", article=existing, parsed=parsed, analysis=analysis)
    try:
        article = store_article(parsed, analysis, filename=filename, user=user)
    except IntegrityError as error:
        # Another process imported the same bytes between our check and our insert.
        article = SourceArticle.objects.filter(sha256=parsed.sha256).first()
        if article is None:
            return ImportOutcome(path=display_path, status="rejected", error=f"could not be saved ({one_line(error)})")
        return ImportOutcome(path=display_path, status="unchanged", article=article, parsed=parsed)
    except DatabaseError as error:
        # The transaction rolled back: nothing of this article was written, and the next file can go on.
        return ImportOutcome(path=display_path, status="rejected", error=f"could not be saved ({one_line(error)})")
    return ImportOutcome(path=display_path, status="imported", article=article, parsed=parsed, analysis=analysis)


def one_line(error: Exception) -> str:
    """The first line of a database error: PostgreSQL adds DETAIL and CONTEXT lines; one line per file is printed."""
    return (str(error).strip().splitlines() or [error.__class__.__name__])[0]


def store_article(parsed: ParsedArticle, analysis: Analysis, *, filename: str, user=None) -> SourceArticle:
    """Write the article with its strips, mentions and suggestions in one transaction."""
    with transaction.atomic():
        article = SourceArticle.objects.create(
            raw_text=parsed.raw_text,
            cleaned_text=analysis.cleaned_text,
            sha256=parsed.sha256,
            original_filename=filename[:255],
            encoding=parsed.encoding,
            source_url=parsed.source_url[:500],
            title=cleaned_title(analysis.cleaned_text, fallback=parsed.title)[:500],
            byline=(analysis.byline or "")[:200],
            model_names_added=analysis.model_names,
            imported_by=user if user is not None and user.is_authenticated else None,
        )
        Strip.objects.bulk_create(
            Strip(article=article, kind=s.kind, start=s.start, end=s.end, text=s.text, rule=s.rule[:300])
            for s in analysis.strips
        )
        save_mentions(article, analysis.mentions)
        save_suggestions(article, analysis.suggestions)
    return article


def save_mentions(article: SourceArticle, mentions, *, decisions=None) -> None:
    """Store the tagger's mentions; `decisions` maps entity slug to an editor's earlier status."""
    decisions = decisions or {}
    slugs = {mention.entity for mention in mentions}
    entity_ids = dict(Entity.objects.filter(slug__in=slugs).values_list("slug", "id"))
    Mention.objects.bulk_create(
        Mention(
            article=article,
            entity_id=entity_ids[m.entity],
            surface=m.surface[:200],
            start=m.start,
            end=m.end,
            status=decisions.get(m.entity, Mention.Status.FOUND),
        )
        for m in mentions
        if m.entity in entity_ids
    )


def save_suggestions(article: SourceArticle, suggestions) -> None:
    Suggestion.objects.bulk_create(
        Suggestion(
            article=article,
            surface=s.surface[:200],
            kind=s.kind,
            count=s.count,
            proposed_name=s.proposed_name[:100],
        )
        for s in suggestions
    )


def describe(outcome: ImportOutcome) -> dict:
    """The JSON Lines record of `import_articles --dry-run --json` (see README, "The JSON contract")."""
    record = {
        # A file name that is not UTF-8 arrives with surrogate escapes; show its bad bytes as U+FFFD.
        "path": outcome.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
        "status": "rejected" if outcome.status == "rejected" else "ok",
        "error": outcome.error,
        "title": None,
        "byline": None,
        "raw_text": None,
        "cleaned_text": None,
        "strips": [],
        "entities": [],
        "suggestions": [],
        "rule_errors": [],
    }
    if outcome.parsed is None or outcome.analysis is None:
        return record
    analysis = outcome.analysis
    record.update(
        title=cleaned_title(analysis.cleaned_text, fallback=outcome.parsed.title),
        byline=analysis.byline or "",
        raw_text=analysis.raw_text,
        cleaned_text=analysis.cleaned_text,
        strips=[
            {"kind": s.kind, "text": s.text, "start": s.start, "end": s.end, "rule": s.rule} for s in analysis.strips
        ],
        entities=_describe_entities(analysis.mentions),
        suggestions=[{"surface": s.surface, "kind": s.kind, "count": s.count} for s in analysis.suggestions],
        rule_errors=[{"rule": f.rule, "error": f.reason} for f in analysis.rule_failures],
    )
    return record


def _describe_entities(mentions) -> list[dict]:
    by_slug = {}
    for mention in mentions:
        by_slug.setdefault(mention.entity, []).append(
            {"surface": mention.surface, "start": mention.start, "end": mention.end}
        )
    entities = {entity.slug: entity for entity in Entity.objects.filter(slug__in=by_slug)}
    return [
        {
            "name": entities[slug].name,
            "kind": entities[slug].kind,
            "name_zh": entities[slug].name_zh,
            "mentions": found,
        }
        for slug, found in by_slug.items()
        if slug in entities
    ]
