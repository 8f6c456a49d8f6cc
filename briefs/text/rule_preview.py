"""What one promo rule matches in a text, shown the way an editor judges it before saving the rule.

`find_rule_matches` returns every match of a compiled rule in a RAW text with its context and, when
the match cuts an ordinary word, that word: jieba segments the sentence around the match, and a
match whose start or end falls strictly inside one of jieba's tokens cuts it ("买粉" inside
"买粉底液": jieba reads 买|粉底液, and the match ends inside 粉底液). Only the sentence around each
match is segmented, so a rule with few matches costs little.

Offsets are Python string indices into the RAW text, half-open; the rules match the normalised text,
which has the same offsets (`rules.normalise`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from briefs.text.rules import RULE_TIMEOUT_SECONDS, CompiledRules, RuleFailure, normalise

# Characters of context shown on each side of a match.
CONTEXT_CHARACTERS = 30
# The sentence around a match ends at these, or this many characters away, whichever is nearer.
SENTENCE_END_CHARACTERS = frozenset("。！？!?；;\n")
MAX_SENTENCE_REACH = 60


@dataclass(frozen=True)
class RuleMatch:
    """One match: `raw[start:end] == text`, with its context and the ordinary word it cuts, if any."""

    start: int
    end: int
    text: str
    before: str
    after: str
    cut_word: str | None = None  # the jieba tokens the match cuts into, joined ("买粉底液"), or None


def find_rule_matches(
    raw: str, rules: CompiledRules, *, timeout: float = RULE_TIMEOUT_SECONDS
) -> tuple[list[RuleMatch], list[RuleFailure]]:
    """Every match of `rules` in `raw` (RAW offsets, sorted), and any rule that failed on this text.

    Never raises for any text: a regex rule that runs out of time is a RuleFailure, as at import.
    """
    normalised = normalise(raw)
    hits, failures = rules.find_hits(normalised, timeout=timeout)
    matches = [
        RuleMatch(
            start=hit.start,
            end=hit.end,
            text=raw[hit.start : hit.end],
            before=raw[max(0, hit.start - CONTEXT_CHARACTERS) : hit.start],
            after=raw[hit.end : hit.end + CONTEXT_CHARACTERS],
            cut_word=find_cut_word(normalised, hit.start, hit.end, raw=raw),
        )
        for hit in hits
    ]
    return matches, failures


def find_cut_word(normalised: str, start: int, end: int, *, raw: str | None = None) -> str | None:
    """The ordinary word a match at [start, end) cuts into, as it reads in `raw`; None when it cuts none.

    jieba (its dictionary only, no HMM guesses) segments the sentence around the match in the
    normalised text (Simplified, so Traditional text segments too); a match whose start or end falls
    strictly inside a token cuts that token. The word returned runs from the first token the match
    touches to the last ("买粉" over 买|粉底液 gives "买粉底液").
    """
    raw = normalised if raw is None else raw
    sentence_start = _sentence_start(normalised, start)
    sentence_end = _sentence_end(normalised, end)
    tokens = _segment(normalised[sentence_start:sentence_end])
    word_start = word_end = None
    cuts = False
    offset = sentence_start
    for token in tokens:
        token_start, token_end = offset, offset + len(token)
        offset = token_end
        if token_end <= start or token_start >= end:
            continue
        word_start = token_start if word_start is None else word_start
        word_end = token_end
        cuts = cuts or token_start < start < token_end or token_start < end < token_end
    if not cuts or word_start is None:
        return None
    return raw[word_start:word_end]


def find_matches_in_sentences(sentences: Iterable[str], rules: CompiledRules) -> list[tuple[str, RuleMatch]]:
    """(sentence, match) for each match of `rules` inside any of `sentences`, each sentence on its own."""
    found = []
    for sentence in sentences:
        matches, _ = find_rule_matches(sentence, rules)
        found += [(sentence, match) for match in matches]
    return found


def _sentence_start(text: str, start: int) -> int:
    floor = max(0, start - MAX_SENTENCE_REACH)
    for index in range(start - 1, floor - 1, -1):
        if text[index] in SENTENCE_END_CHARACTERS:
            return index + 1
    return floor


def _sentence_end(text: str, end: int) -> int:
    ceiling = min(len(text), end + MAX_SENTENCE_REACH)
    for index in range(end, ceiling):
        if text[index] in SENTENCE_END_CHARACTERS:
            return index
    return ceiling


def _segment(sentence: str) -> list[str]:
    return _jieba().lcut(sentence, HMM=False)


@cache
def _jieba():
    """jieba, its dictionary loaded once per process (about a second); imported here so only callers pay."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def load_jieba() -> None:
    """Load jieba's dictionary now, so a time budget that follows measures only the scan."""
    _jieba()
