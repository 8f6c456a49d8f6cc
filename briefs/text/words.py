"""Word boundaries around a cut: does cutting `text[start:end]` split an ordinary word?

The cleaner's short phrases match inside words: "买粉" in "买粉底液", "买赞" in "购买赞助", "刷粉" in
"粉刷粉色墙面", "刷评论" in "快手刷评论区". Chinese has no spaces, so the boundary comes from jieba's
segmentation of the text around the hit: a hit whose start or end falls strictly inside a jieba word
that reaches beyond the hit is part of that word, not promo.

Why jieba's own dictionary and not the lexicon added as user words: with "买粉" and "刷评论" added,
jieba segments "买粉/底液" and "快手/刷评论/区", and the cut looks clean. The standard dictionary
knows "粉底液" and "评论区", which is exactly the evidence needed; a promo phrase jieba does not know
splits into single characters ("刷/赞"), which never straddles the hit's ends.

Segmentation runs only on a short window around a hit (cheap: about 50 µs a window), and the
tokenizer is built once per process on first use (about 0.4 s: jieba reads its dictionary).
"""

from __future__ import annotations

import functools
import logging

from briefs.text.script import is_han

# Characters of context taken on each side of a hit; a Chinese word is rarely longer than four.
WINDOW = 6
# The longest dictionary word looked for across a boundary by the cheap first test.
MAX_WORD = 6


@functools.cache
def _tokenizer():
    import jieba  # imported on first use: building its prefix dictionary takes 0.4 s

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """True when cutting `text[start:end]` would split a word that reaches beyond the cut.

    >>> cuts_a_word("很多女生买粉底液", 4, 6)   # "买粉" in "买/粉底液"
    True
    >>> cuts_a_word("增长12%,端卡盟净利润", 8, 11)   # "端卡盟" between "," and "净利润"
    False
    """
    if start >= end:
        return False
    boundaries = [
        position
        for position in (start, end)
        if 0 < position < len(text) and (_inside_latin_word(text, position) or _some_word_spans(text, position))
    ]
    if not boundaries:
        return False  # no dictionary word reaches across either end, so no segmentation can
    left = max(0, start - WINDOW)
    right = min(len(text), end + WINDOW)
    ends = _word_ends(text[left:right])
    return any(position - left not in ends or _inside_latin_word(text, position) for position in boundaries)


def _some_word_spans(text: str, position: int) -> bool:
    """True when some word of jieba's dictionary covers both `text[position - 1]` and `text[position]`.

    A cheap first test (a few dictionary lookups): jieba's segmentation only ever puts dictionary words
    or single characters in its path, so when no dictionary word spans the position, no segmentation
    puts a word across it and the full segmentation need not run.
    """
    frequencies = _tokenizer().FREQ
    for first in range(position - 1, max(-1, position - MAX_WORD), -1):
        for last in range(position + 1, min(len(text), first + MAX_WORD) + 1):
            if frequencies.get(text[first:last]):
                return True
    return False


@functools.lru_cache(maxsize=8192)
def _word_ends(window: str) -> frozenset[int]:
    """Offsets in `window` where jieba's best segmentation (no HMM) puts a word boundary.

    The same path jieba's `cut(HMM=False)` takes (its prefix DAG and `calc`), without the generator
    machinery around it: about 15 µs a window instead of 70.
    """
    tokenizer = _tokenizer()
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(window, tokenizer.get_DAG(window), route)
    ends = {0, len(window)}
    position = 0
    while position < len(window):
        position = route[position][1] + 1
        ends.add(position)
    return frozenset(ends)


def _inside_latin_word(text: str, position: int) -> bool:
    before, after = text[position - 1], text[position]
    return before.isascii() and after.isascii() and before.isalnum() and after.isalnum()


def warm_up() -> None:
    """Build the tokenizer now (0.4 s) rather than on the first hit: before a server forks, or a test."""
    _tokenizer()


# Parts of speech (jieba's tag set) that continue a clause after its subject or verb: an adverb
# ("越来越"), a particle ("的"), a conjunction ("和"), a preposition ("在"). A phrase followed by one of
# these is doing grammatical work in the sentence ("抖音涨粉越来越难"), not spliced in.
CLAUSE_CONTINUING_TAGS = ("d", "u", "c", "p")
# After a run copied from an advert only an adverb or a particle says so: a splice is often followed
# by a conjunction or preposition of the sentence it was pushed into ("全网最低价|并承诺…").
PREDICATE_TAGS = ("d", "u")


@functools.cache
def _pos_tokenizer():
    from jieba import posseg  # imported on first use, with its part-of-speech dictionary

    return posseg.POSTokenizer(_tokenizer())


@functools.lru_cache(maxsize=8192)
def _first_word(following: str) -> tuple[str, str]:
    """The first word of `following` as jieba segments it (no HMM) and its part-of-speech tag from
    jieba's dictionary ("x" for a word it has no tag for), without running posseg's whole cutter."""
    if not following:
        return "", ""
    tokenizer = _tokenizer()
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(following, tokenizer.get_DAG(following), route)
    word = following[: route[0][1] + 1]
    return word, _pos_tokenizer().word_tag_tab.get(word, "x")


def continues_the_clause(text: str, end: int, *, tags: tuple[str, ...] = CLAUSE_CONTINUING_TAGS) -> bool:
    """True when the word starting at `end` carries on the clause of what comes before it.

    >>> continues_the_clause("抖音涨粉越来越难", 4)   # "越来越" is an adverb
    True
    >>> continues_the_clause("快手双击服饰、美妆", 4)   # "服饰" is a noun
    False
    """
    word, flag = _first_word(text[end : end + WINDOW])
    return bool(word) and flag.startswith(tags)


def makes_a_compound(text: str, end: int) -> bool:
    """True when a one-character noun or suffix follows `end` and makes a compound with what precedes.

    jieba's dictionary lacks many such compounds ("评论区", "粉丝群"), so "快手刷评论区" segments as
    "刷/评论/区"; a lone noun character right after the phrase says the phrase is part of a noun.
    """
    word, flag = _first_word(text[end : end + WINDOW])
    return len(word) == 1 and is_han(word) and flag.startswith(("n", "k"))


def forget_cached_words() -> None:
    """Empty the per-window caches (benchmarks measure a text the caches have not seen)."""
    _word_ends.cache_clear()
    _first_word.cache_clear()
