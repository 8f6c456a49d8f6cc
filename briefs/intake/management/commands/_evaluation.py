"""What evaluate_cleaner and evaluate_tagger share: their arguments, loading the corpus, how a share
reads, and failing the run below a minimum."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError

from briefs.kb.database import database_problem
from briefs.text.errors import CorpusError
from briefs.text.evaluation import CorpusArticle, Tally, load_corpus

# Text shown on each side of a passage or a name, with --verbose.
CONTEXT_CHARACTERS = 20


@dataclass(frozen=True)
class Minimum:
    """A threshold option of an evaluation command: `--min-strip 0.98` fails the run below 98%."""

    option: str
    default: float
    counts: str  # what the share counts, for the help: "promo passages removed"

    @property
    def dest(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")


def add_evaluation_arguments(parser, minimums: Sequence[Minimum], *, verbose_help: str) -> None:
    """DIR, one option per minimum, --json and --verbose, worded alike in both commands."""
    parser.add_argument("folder", metavar="DIR", help="The corpus folder: NNN_*.json annotations beside their sources.")
    for minimum in minimums:
        parser.add_argument(
            minimum.option,
            type=float,
            default=minimum.default,
            help=f"Fail below this share of {minimum.counts} (default {minimum.default}).",
        )
    parser.add_argument("--json", dest="as_json", action="store_true", help="Print one JSON object instead.")
    parser.add_argument("--verbose", action="store_true", help=verbose_help)


def check_minimums(minimums: Sequence[Minimum], options: dict) -> None:
    """CommandError for a minimum outside 0..1 (someone typed 98 for 98%)."""
    for minimum in minimums:
        value = options[minimum.dest]
        if not 0 <= value <= 1:
            raise CommandError(f"{minimum.option} is a share between 0 and 1 (0.98 is 98%); got {value}")


def load_articles(folder) -> list[CorpusArticle]:
    """The corpus in `folder`, or CommandError naming the file and the problem (or the database's)."""
    try:
        articles = load_corpus(Path(folder))
    except CorpusError as error:
        raise CommandError(str(error)) from error
    if problem := database_problem():
        raise CommandError(problem)
    return articles


def annotation_warnings(articles: Iterable[CorpusArticle]) -> list[str]:
    """Each annotation's problems, prefixed with its file name."""
    return [f"{article.annotation.file}: {problem}" for article in articles for problem in article.problems]


def fail_below(figures: Iterable[tuple[str, Tally, float]], *, hint: str) -> None:
    """CommandError with exit status 1 when a figure (name, tally, minimum) has a share below its minimum.

    A figure with nothing to count (share None) never fails.
    """
    failures = [
        f"{name} {tally.share:.1%} is below the minimum {minimum:.1%}"
        for name, tally, minimum in figures
        if tally.share is not None and tally.share < minimum
    ]
    if failures:
        raise CommandError("; ".join(failures) + f" ({hint})", returncode=1)


def share_text(tally: Tally) -> str:
    """ "12/13  92.3%", or "0/0     —" when there was nothing to count."""
    share = "—" if tally.share is None else f"{tally.share:.1%}"
    return f"{tally.count}/{tally.total} {share:>7}"


def tally_json(tally: Tally) -> dict:
    return {"count": tally.count, "total": tally.total, "share": tally.share}


def in_context(text: str, start: int, end: int) -> str:
    """text[start:end] in brackets between its neighbours, on one line: "…营收[腾讯]增长…"."""
    before = text[max(0, start - CONTEXT_CHARACTERS) : start]
    after = text[end : end + CONTEXT_CHARACTERS]
    return f"…{before}[{text[start:end]}]{after}…".replace("\n", "⏎")
