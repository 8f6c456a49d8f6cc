"""Strip click-farm promo, page chrome, captions and bylines from an imported article.

`find_strips` returns what to remove as `Strip`s whose offsets are Python string indices into the RAW
text, half-open (`raw[strip.start:strip.end] == strip.text`). `apply_strips` derives the cleaned text
from the raw text and whichever strips an editor accepted; the raw text itself is never changed.

The rules themselves (normalisation, the Aho-Corasick automaton, regex rules with their time limit and
size bounds, `RuleFailure`) live in `rules.py`; this module decides what their hits strip:
- Whole lines go first: the advert title, bylines, captions, chrome lines, repeats of the title or of
  any short line, and lines made mostly of promo. Then promo inside sentences is cut: lexicon hits
  (unless the sentence is about cracking down on click farms) and segments of an advert title proven
  to be spliced in (see `splice`). A line-level strip swallows everything inside its line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick_rs

from briefs.text import chrome, repair, splice, words
from briefs.text.rules import RULE_TIMEOUT_SECONDS, CompiledRules, Hit, Rule, RuleFailure, compile_rules, normalise
from briefs.text.script import has_han

# Rule kinds that describe whole lines (chrome, credits); the others mark promo wherever it sits.
LINE_RULE_KINDS = frozenset({"boilerplate", "caption", "byline"})

# --- Line classification -----------------------------------------------------------------------------
# Decoration that may precede chrome at the start of a line ("【相关阅读】", "▲ 点击阅读原文").
LEADING_DECORATION = frozenset(" \t\u3000([{【「《“\"'*#>|·•●■◆▲▼★☆-—=~")
# A short repeated line is a duplicate; longer repeats may be legitimate quotations.
MAX_DUPLICATE_LENGTH = 40
MIN_DUPLICATE_LETTERS = 4
# Chrome at the start of a line strips the line when the line is short or the phrase is long
# ("免责声明：…" of any length, but not "举报人称，…").
MAX_SHORT_CHROME_LINE = 60
MIN_LONG_CHROME_PHRASE = 4
CHROME_COVERAGE = 0.6
# A line whose letters are at least this share promo is an advert line, not a sentence with a splice.
PROMO_LINE_COVERAGE = 0.4
NON_LETTER_PATTERN = re.compile("[" + re.escape("".join(sorted(repair.CUT_CLUSTER))) + "]")
# What may follow a chrome phrase that stands apart from the rest of its line: a separator, a bracket,
# a space ("免责声明：…", "【相关阅读】"); a Chinese character right after it makes it a sentence's subject.
CHROME_PHRASE_ENDS = frozenset(" \t:|：｜-—>》】」)]/")
# The strip kind of each chrome family (chrome.line_family); the rest are boilerplate.
FAMILY_KINDS = {"credit": "caption", "contact": "promo", "advert": "promo"}
# Chrome lines that are adverts: their words are what the farm splices into the body, like a title's.
ADVERT_FAMILIES = ("chrome: contact", "chrome: advert")

# --- Titles and spliced adverts ------------------------------------------------------------------------
# Segments of a title line: runs between farm separators (":", "|", "-", "_", ",", spaces).
TITLE_SEGMENT_PATTERN = re.compile(r"[^\s:|\-_,、/丨—–~]+")
SEPARATOR_CHARS = " \t:|-_,、/丨—–~"
RUN_EDGE_CHARS = " \t:-,、/—–~"
# A headline left beside an advert needs this many letters, no click-farm vocabulary or platform name,
# and none of the separators SEO adverts chain their segments with ("_", "|").
MIN_HEADLINE_LETTERS = 5
# A headline is one or two parts ("京东物流2024年营收1828亿元 海外仓布局提速"), one of them this long.
MAX_HEADLINE_PARTS = 2
# Letters of headline in front of an advert glued on without a separator.
MIN_GLUED_HEADLINE = 4
MIN_HEADLINE_PART = 8
# A line ending in a full stop with this many letters is prose: the title and its adverts sit above it.
MIN_PROSE_LETTERS = 15
# Sentences end at these (normalised: "！" is "!").
SENTENCE_STOPS = frozenset("。!?")
# Clauses: runs between commas, stops, semicolons and brackets (normalised: "，" is ",").
CLAUSE_PATTERN = re.compile(r"[^,;。!?()\[\]【】]+")
MIN_ADVERT_CLAUSE_SCORE = 3
FARM_ADVERT_CLAUSE_SCORE = 2
MAX_ADVERT_CLAUSE = 30
# ...and its score must be dense: a point per ADVERT_CLAUSE_DENSITY letters at least, so a splice glued
# to a news clause without a comma ("真实物流单号秒出并继续加大…投入") does not take the clause with it.
ADVERT_CLAUSE_DENSITY = 6
# A sentence whose letters are mostly promo clauses or splices goes whole; hits shorter than this in
# all cannot be most of a sentence worth widening to.
ADVERT_SENTENCE_COVERAGE = 0.5
MIN_WIDENED_HITS = 3
# A line of this many space-separated fragments, none longer than MAX_ADVERT_FRAGMENT, with click-farm
# vocabulary in it, is an advert ("小红书涨粉刷赞 真人活粉 秒到不掉"); a headline has one or two parts.
MIN_ADVERT_FRAGMENTS = 3
MAX_ADVERT_FRAGMENT = 16
SENTENCE_END_PATTERN = re.compile(r"[。!?]+[\"')\]」』”’]*")
# A spliced run copied from an advert counts from 3 letters with a click-farm cue in it ("端卡盟"), from
# 4 without one at a clause boundary, and from 6 anywhere: shorter plain runs ("官网", "平台用户") are
# words any two texts share.
MIN_SPLICE_RUN = 3
MIN_BOUNDED_SPLICE_RUN = 4
MIN_PLAIN_SPLICE_RUN = 6
MAX_SPLICE_RUN = 24  # a longer splice is found as consecutive runs, and they merge
# A lexicon hit this long, or this dense in click-farm cues, is promo wherever it stands ("自助下单平台",
# "刷赞平台"); shorter ones ("刷赞", "抖音涨粉", "b站买会员") only where they read as spliced in.
MIN_STRONG_HIT = 6
MIN_STRONG_CUE_SCORE = 5


@dataclass(frozen=True)
class Strip:
    """A passage to remove: `raw[start:end] == text`, offsets into the RAW text, half-open."""

    kind: str
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, the strips (raw offsets, sorted, non-overlapping) and the author if named."""

    cleaned_text: str
    strips: tuple[Strip, ...]
    byline: str | None
    rule_failures: tuple[RuleFailure, ...] = ()


@dataclass(frozen=True)
class _Line:
    start: int  # first non-blank character, raw offset
    end: int  # after the last non-blank character
    text: str  # normalised text of [start, end)


def find_strips(
    raw: str, *, rules: CompiledRules | Sequence[Rule], timeout: float = RULE_TIMEOUT_SECONDS
) -> list[Strip]:
    """What to remove from `raw`: strips sorted by start, non-overlapping, offsets into the RAW text.

    Each strip's `raw[start:end] == text`. Never raises for any string; the raw text is not changed.
    A regex rule that runs longer than `timeout` seconds is skipped; `clean` says which.
    """
    return _find_strips(raw, rules, timeout)[0]


def _find_strips(
    raw: str, rules: CompiledRules | Sequence[Rule], timeout: float
) -> tuple[list[Strip], list[RuleFailure]]:
    compiled = rules if isinstance(rules, CompiledRules) else compile_rules(rules)
    normalised = normalise(raw)
    hits, failures = compiled.find_hits(normalised, timeout=timeout)
    lines = _split_lines(raw, normalised)
    if not lines:
        return [], failures
    hits_by_line = _hits_by_line(hits, lines)
    line_strips = _chrome_lines(raw, lines, hits_by_line)
    strips: list[Strip] = []
    adverts: list[str] = []

    # The title: the first line that is not chrome. An advert there goes whole, and the next line is
    # looked at the same way (farms put their advert above the real headline); an advert glued to a
    # real headline goes alone.
    title_index = None
    top = _top_lines(lines)
    for index in top:
        stripped = line_strips.get(index)
        if stripped and stripped.kind != "promo":
            continue  # chrome and credits stay whole; an advert line may hide a headline
        title_strip = _title_advert(raw, lines[index], hits_by_line[index], whole=stripped is None)
        if title_strip is None:
            if stripped is None:
                title_index = index
                break
            continue
        adverts.append(normalise(title_strip.text))
        title = lines[index]
        if (title_strip.start, title_strip.end) == (title.start, title.end):
            line_strips[index] = title_strip
            continue
        line_strips.pop(index, None)
        strips.append(title_strip)
        lines[index] = _Line(title.start, title.end, _without(title, title_strip))
        hits_by_line[index] = [hit for hit in hits_by_line[index] if hit.end <= title_strip.start]
        title_index = index
        break
    if title_index is None:
        title_index = next((i for i in range(len(lines)) if i not in line_strips), None)
    title_key = _repeat_key(lines[title_index].text) if title_index is not None else ""
    _mark_repeats(raw, lines, title_index, title_key, line_strips)

    # Advert sentences first: their text, with the title's advert, is what farms splice into the body.
    sentence_strips: dict[int, list[Strip]] = {}
    readings: dict[int, tuple[list[Hit], list[Hit]]] = {}
    for index, line in enumerate(lines):
        if index in line_strips:
            continue
        readings[index] = _read_promo(line, _promo_hits(line, hits_by_line[index]))
        promo = readings[index][0]
        found = (_advert_lines(raw, line, promo) if index != title_index else []) or _advert_sentences(
            raw, line, promo
        )
        if found and index in top and index != title_index:
            # A headline below the first line with an advert glued on keeps its headline too.
            glued = _title_advert(raw, line, hits_by_line[index], whole=False)
            if glued and (glued.start, glued.end) != (line.start, line.end):
                found = [glued]
                sentence_strips[index] = found
                adverts.append(normalise(glued.text))
                continue
        if len(found) == 1 and (found[0].start, found[0].end) == (line.start, line.end):
            line_strips[index] = found[0]
        elif found:
            sentence_strips[index] = found
        adverts.extend(normalise(strip.text) for strip in found)

    adverts.extend(normalise(strip.text) for strip in line_strips.values() if strip.rule in ADVERT_FAMILIES)
    pieces = _advert_pieces(adverts)
    run_starts = pieces.run_starts(normalised)
    # The farm has marked this article: it carries adverts, so sales talk in it is more likely advert.
    farm = bool(adverts) or any(strip.kind == "promo" for strip in line_strips.values())
    by_line: dict[int, list[Strip]] = {}
    for index, line in enumerate(lines):
        if index in line_strips:
            continue
        taken = sentence_strips.get(index, [])
        by_line[index] = list(taken)
        inline = _spliced_runs(line, pieces, hits_by_line[index], run_starts)
        sure, farm_only = readings[index]
        inline += [
            hit
            for hit in (sure + farm_only if adverts else sure)
            if not any(run.start <= hit.start and hit.end <= run.end for run in inline)
        ]
        inline += [
            Hit(line.start + start, line.start + end, "promo", "contact advert")
            for start, end in chrome.contact_clauses(line.text)
        ]
        if index != title_index:  # the title's advert, if any, was split off above
            inline += _advert_clauses(line, inline, farm=farm)
        inline = _whole_advert_sentences(line, inline)
        tag = chrome.thread_tag(line.text)
        if tag:
            inline.append(Hit(line.start + tag[0], line.start + tag[1], "boilerplate", "chrome: thread tag"))
        credit = chrome.trailing_credit(line.text)
        inline_strips = _inline_strips(raw, [hit for hit in inline if not _inside(hit, taken)])
        if credit and not _inside(Hit(line.start + credit[0], line.start + credit[1], "", ""), taken):
            start, end = line.start + credit[0], line.start + credit[1]
            inline_strips = [strip for strip in inline_strips if strip.end <= start]
            inline_strips.append(Strip("caption", raw[start:end], start, end, "chrome: credit"))
        by_line[index].extend(inline_strips)
    _mark_cleaned_repeats(raw, lines, title_index, by_line, line_strips)
    strips.extend(line_strips.values())
    for index, found in by_line.items():
        if index not in line_strips:
            strips.extend(found)
    strips.sort(key=lambda strip: strip.start)
    return _without_overlaps(strips), failures


def apply_strips(raw: str, strips: Iterable[Strip | tuple[int, int]]) -> str:
    """The cleaned text: `raw` minus the given spans (RAW offsets, half-open), repaired at each cut.

    Overlapping and adjacent spans are merged; spans are clamped to the text, and empty or reversed
    spans are ignored, so this never raises. At each cut, punctuation and whitespace are repaired: no
    doubled or dangling "，,。", no punctuation left at the start of a line, no empty paragraph where a
    whole line went. Text away from the cuts is untouched; no spans gives back `raw` exactly.
    """
    spans = ((strip.start, strip.end) if isinstance(strip, Strip) else (strip[0], strip[1]) for strip in strips)
    return repair.remove_spans(raw, ((int(start), int(end)) for start, end in spans))


def cleaned_title(cleaned_text: str, *, fallback: str = "") -> str:
    """The article's real title: the first line of its cleaned text ("小米发布新款平板" once the advert
    glued to it is stripped), or `fallback` when cleaning left nothing.

    An article whose only title was an advert starts with a paragraph: its first sentence stands in,
    cut to splice.MAX_TITLE_LENGTH characters.
    """
    first = next((line.strip() for line in cleaned_text.split("\n") if line.strip()), "")
    if not first:
        return fallback
    if splice.is_title_like(normalise(first)):
        return first
    sentence = SENTENCE_END_PATTERN.split(first, maxsplit=1)[0]
    stop = first[len(sentence) : len(sentence) + 1]
    title = sentence + (stop if stop in "。!?！？" else "")
    return title if len(title) <= splice.MAX_TITLE_LENGTH else title[: splice.MAX_TITLE_LENGTH - 1] + "…"


def clean(raw: str, rules: CompiledRules | Sequence[Rule], *, timeout: float = RULE_TIMEOUT_SECONDS) -> CleanResult:
    """Find the strips, apply them all, and read the byline (strip offsets are into the RAW text).

    Each regex rule gets `timeout` seconds for this text; one that runs out is skipped and listed in
    `rule_failures`, with any rule that did not compile (see `compile_rules(skip_broken=True)`).
    """
    strips, failures = _find_strips(raw, rules, timeout)
    byline = None
    for strip in strips:
        if strip.kind == "byline":
            span = splice.find_byline_name(normalise(strip.text))
            if span:
                byline = strip.text[span[0] : span[1]]
                break
    return CleanResult(
        cleaned_text=apply_strips(raw, strips), strips=tuple(strips), byline=byline, rule_failures=tuple(failures)
    )


# --- Detection helpers ---------------------------------------------------------------------------------


def _split_lines(raw: str, normalised: str) -> list[_Line]:
    lines = []
    position = 0
    for piece in raw.split("\n"):
        stripped = piece.strip()
        if stripped:
            start = position + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            lines.append(_Line(start, end, normalised[start:end]))
        position += len(piece) + 1
    return lines


def _hits_by_line(hits: list[Hit], lines: list[_Line]) -> list[list[Hit]]:
    """Hits grouped per line, clipped to each line they touch (an editor's regex may run past a line end)."""
    grouped: list[list[Hit]] = [[] for _ in lines]
    index = 0
    for hit in hits:
        while index < len(lines) and lines[index].end <= hit.start:
            index += 1
        if index == len(lines):
            break
        following = index
        while following < len(lines) and lines[following].start < hit.end:
            line = lines[following]
            start, end = max(hit.start, line.start), min(hit.end, line.end)
            if start < end:
                grouped[following].append(hit._replace(start=start, end=end))
            following += 1
    return grouped


def _line_strip(raw: str, line: _Line, kind: str, rule: str) -> Strip:
    return Strip(kind=kind, text=raw[line.start : line.end], start=line.start, end=line.end, rule=rule)


def _chrome_lines(raw: str, lines: list[_Line], hits_by_line: list[list[Hit]]) -> dict[int, Strip]:
    """Whole-line strips for bylines, captions, credits and every family of page chrome.

    A line under a related-articles heading ("相关阅读：") that reads as a linked headline goes with it.
    """
    found: dict[int, Strip] = {}
    under_heading = False
    for index, line in enumerate(lines):
        strip = _classify_credit_or_chrome(raw, line, hits_by_line[index])
        if strip is None and under_heading and chrome.is_link_headline(line.text):
            strip = _line_strip(raw, line, "boilerplate", "chrome: related link")
        if strip is None:
            under_heading = False
            continue
        found[index] = strip
        under_heading = strip.rule in ("chrome: related-heading", "chrome: related link") or (
            strip.kind == "boilerplate" and chrome.line_family(line.text) == "related-heading"
        )
    # A forum poster's name stands alone between two lines of forum chrome ("楼主", name, "发表于 …").
    for index in range(1, len(lines) - 1):
        if index in found or not chrome.is_forum_username(lines[index].text):
            continue
        neighbours = (found.get(index - 1), found.get(index + 1))
        if all(strip is not None and strip.rule == "chrome: forum" for strip in neighbours):
            found[index] = _line_strip(raw, lines[index], "boilerplate", "chrome: forum username")
    return found


def _classify_credit_or_chrome(raw: str, line: _Line, hits: list[Hit]) -> Strip | None:
    """A whole-line strip for a byline, a caption or a chrome line; None for anything else."""
    if splice.find_byline_name(line.text):
        return _line_strip(raw, line, "byline", "byline")
    if splice.is_caption(line.text):
        return _line_strip(raw, line, "caption", "caption or credit")
    family = chrome.line_family(line.text)
    if family:
        return _line_strip(raw, line, FAMILY_KINDS.get(family, "boilerplate"), f"chrome: {family}")
    chrome_hits = [hit for hit in hits if hit.kind in LINE_RULE_KINDS]
    if chrome_hits and _is_chrome_line(line, chrome_hits):
        return _line_strip(raw, line, chrome_hits[0].kind, chrome_hits[0].label)
    return None


def _is_chrome_line(line: _Line, chrome_hits: list[Hit]) -> bool:
    """True when a line-rule hit makes the whole line chrome, not a sentence that uses the phrase.

    The phrase must open the line and stand apart from what follows it ("免责声明：…", "网友评论",
    but not "网友评论普遍认为…" or "返回首页后，…"), or cover most of the line's letters.
    """
    first_letter = line.start + next((i for i, char in enumerate(line.text) if char not in LEADING_DECORATION), 0)
    for hit in chrome_hits:
        following = line.text[hit.end - line.start : hit.end - line.start + 1]
        stands_apart = not following or following in CHROME_PHRASE_ENDS
        if hit.start == first_letter and stands_apart and (
            len(line.text) <= MAX_SHORT_CHROME_LINE or hit.end - hit.start >= MIN_LONG_CHROME_PHRASE
        ):
            return True
    return _coverage(line, chrome_hits) >= CHROME_COVERAGE


def _promo_hits(line: _Line, hits: list[Hit]) -> list[Hit]:
    """The promo hits of a line, less those in a sentence about cracking down on click farms."""
    promo = [hit for hit in hits if hit.kind not in LINE_RULE_KINDS]
    if not promo or not splice.mentions_enforcement(line.text):
        return promo
    return [
        hit
        for hit in promo
        if not splice.is_enforcement_context(line.text, hit.start - line.start, hit.end - line.start)
    ]


def _top_lines(lines: list[_Line]) -> list[int]:
    """The lines above the first paragraph of prose: where the title, and the adverts around it, are."""
    top = []
    for index, line in enumerate(lines):
        if line.text.rstrip("\"')]」』”’")[-1:] in SENTENCE_STOPS and _letter_count(line.text) >= MIN_PROSE_LETTERS:
            break
        top.append(index)
    return top


def _title_advert(raw: str, title: _Line, hits: list[Hit], *, whole: bool = True) -> Strip | None:
    """The advert in the title line: the whole line, or the advert glued to a real headline.

    "ks免费刷平台推广:小红书业务下单" is an advert through and through; "小米发布新款平板 抖音刷赞自助平台"
    is a headline with an advert glued on, and only the advert goes. A sentence-shaped first line is
    a paragraph, not a title: its promo is cut like any other paragraph's.
    """
    if not splice.is_title_like(title.text) or title.text.rstrip("\"')]」』”’")[-1:] in SENTENCE_STOPS:
        return None
    promo = _promo_hits(title, hits)
    seo = splice.looks_like_seo_advert(title.text)
    trade = splice.advert_clause_score(title.text) >= MIN_ADVERT_CLAUSE_SCORE  # "美妆批发一件代发_…"
    if whole and not (promo or seo or trade or splice.looks_like_advert_title(title.text)):
        return None
    reason = promo[0].label if promo else ("SEO shape" if seo else "click-farm shape")
    advert = _advert_segments(title, promo)
    # Three SEO segments or more ("商户入驻_全网最低费率pos机免费领_代理招募") are an advert through and
    # through, whatever the first segment reads like; a headline carries one advert segment at most.
    chained = len(splice.SEO_SEPARATOR_PATTERN.findall(title.text)) >= 2
    headline = None if chained else _headline_side(title, advert)
    if headline is None:
        return _line_strip(raw, title, "promo", f"title advert ({reason})") if whole else None
    start, end = headline
    cut = (title.start, start) if start > title.start else (end, title.end)
    return Strip("promo", raw[cut[0] : cut[1]], cut[0], cut[1], f"title advert ({reason})")


def _advert_segments(title: _Line, promo: list[Hit]) -> list[tuple[int, int]]:
    """Raw spans of the title's segments (split at farm separators) that carry promo."""
    spans = []
    for match in TITLE_SEGMENT_PATTERN.finditer(title.text):
        start, end = title.start + match.start(), title.start + match.end()
        segment = match.group()
        inside = [hit.start - start for hit in promo if hit.start < end and start < hit.end]
        cue = splice.STRONG_CUE_PATTERN.search(segment)
        if not (inside or cue or splice.cue_score(segment) or splice.CONTACT_DETAIL_PATTERN.search(segment)):
            continue
        # An advert glued on without a separator ("…跻身头部cf刷枪永久卡盟最低价") starts at its first hit
        # or cue, with the platform handle in front of it; the rest of the segment is headline.
        starts = [*inside, *([cue.start()] if cue else [])]
        first = max(min(starts), 0) if starts else 0
        head = segment[:first]
        handle = len(head) - len(head.rstrip("abcdefghijklmnopqrstuvwxyz0123456789+"))
        if end == title.end and _letter_count(head[: len(head) - handle]) >= MIN_GLUED_HEADLINE:
            start += first - handle
        spans.append((start, end))
    # A hit that runs on without a separator ("小米发布新款平板抖音刷赞平台") is its own advert span.
    spans.extend((hit.start, hit.end) for hit in promo)
    return sorted(spans)


def _headline_side(title: _Line, advert: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The raw span of a real headline left of or right of the advert spans, or None.

    The advert must sit at one end of the line; what is left must read as a headline: enough letters
    that are not click-farm vocabulary.
    """
    if not advert:
        return None
    first, last = advert[0][0], max(end for _, end in advert)
    before = title.text[: first - title.start]
    after = title.text[last - title.start :]
    if before.strip(SEPARATOR_CHARS):
        # The advert runs from its first segment to the end ("…追款 免费领红包 加v:zfb668").
        kept = before.rstrip(SEPARATOR_CHARS)
        span = (title.start, title.start + len(kept))
    elif after.strip(SEPARATOR_CHARS):
        kept = after.lstrip(SEPARATOR_CHARS)
        span = (title.end - len(kept), title.end)
    else:
        return None
    if splice.SEO_SEPARATOR_PATTERN.search(kept) or splice.cue_score(kept):
        return None  # "抖音快手小红书全业务_一手货源" is more advert, not a headline
    parts = kept.split()
    if len(parts) > MAX_HEADLINE_PARTS or max(_letter_count(part) for part in parts) < MIN_HEADLINE_PART:
        return None  # "整车零担 冷链配送 全国直达" is a list of services, not a headline
    return span if _letter_count(kept) >= MIN_HEADLINE_LETTERS else None


def _without(line: _Line, strip: Strip) -> str:
    """The normalised line text with a strip's characters blanked (same length, same offsets)."""
    start, end = strip.start - line.start, strip.end - line.start
    return line.text[:start] + " " * (end - start) + line.text[end:]


def _advert_sentences(raw: str, line: _Line, promo: list[Hit]) -> list[Strip]:
    """Sentences of a line made mostly of promo ("抖音刷赞平台，24小时秒到账。"), each as a strip.

    A sentence goes whole when promo covers PROMO_LINE_COVERAGE of its letters; the other sentences
    of the paragraph stay, so a paragraph is never deleted whole for one advert sentence in it.
    """
    if not promo:
        return []
    found = []
    for start, end in _sentences(line):
        inside = [hit for hit in promo if hit.start < end and start < hit.end]
        if inside and _coverage(_Line(start, end, line.text[start - line.start : end - line.start]), inside) >= (
            PROMO_LINE_COVERAGE
        ):
            rule = "advert line" if (start, end) == (line.start, line.end) else "advert sentence"
            found.append(Strip("promo", raw[start:end], start, end, f"{rule} ({inside[0].label})"))
    return found


def _advert_lines(raw: str, line: _Line, promo: list[Hit]) -> list[Strip]:
    """The whole line when it is a string of short advert fragments ("小红书涨粉刷赞 真人活粉 秒到不掉").

    Real headings and datelines are rarely three or more space-separated fragments; with click-farm
    vocabulary in them, such a line is an advert whatever the lexicon found in it.
    """
    text = line.text
    if not splice.is_title_like(text) or text[-1:] in SENTENCE_STOPS:
        return []
    # Judged also without its lexicon hits, as a second cleaning would see it once they are cut: a
    # segment too long for an SEO advert may be one once "卡盟" and "代刷" are out of it.
    trimmed = text
    for hit in sorted(promo, reverse=True):
        trimmed = trimmed[: hit.start - line.start] + trimmed[hit.end - line.start :]
    if splice.looks_like_seo_advert(text) or (trimmed != text and splice.looks_like_seo_advert(trimmed)):
        return [_line_strip(raw, line, "promo", "advert line (SEO shape)")]
    fragments = text.split()
    if len(fragments) < MIN_ADVERT_FRAGMENTS or max(len(fragment) for fragment in fragments) > MAX_ADVERT_FRAGMENT:
        return []
    score = splice.cue_score(text) + 2 * len(splice.PLATFORM_PATTERN.findall(text)) + 2 * len(promo)
    if score >= 2:
        return [_line_strip(raw, line, "promo", "advert line (fragments of click-farm vocabulary)")]
    return []


def _after_object_taker(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in splice.OBJECT_TAKING_CHARS


def _sentences(line: _Line) -> list[tuple[int, int]]:
    """Raw spans of the sentences of a line, each with its closing mark."""
    spans = []
    start = line.start
    for match in SENTENCE_END_PATTERN.finditer(line.text):
        end = line.start + match.end()
        if line.text[start - line.start : end - line.start].strip():
            spans.append((start, end))
        start = end
    if line.text[start - line.start :].strip():
        spans.append((start, line.end))
    # Leading spaces belong to the seam, not to the sentence.
    trimmed = []
    for start, end in spans:
        text = line.text[start - line.start : end - line.start]
        trimmed.append((start + len(text) - len(text.lstrip()), end))
    return trimmed


class _AdvertPieces(NamedTuple):
    """Every substring (MIN_SPLICE_RUN characters or more) of the article's adverts, normalised, with an
    automaton of their shortest pieces to find where a run can start."""

    pieces: frozenset[str]
    shortest: ahocorasick_rs.AhoCorasick | None
    # Whole segments of the adverts ("bgp机房" of "云服务器租用_高防服务器_bgp机房"): one spliced whole
    # is the farm's doing even without a cue word in it.
    segments: frozenset[str] = frozenset()

    def run_starts(self, normalised: str) -> list[int]:
        """Sorted offsets in the article where some piece of an advert begins (one pass over the text)."""
        if self.shortest is None:
            return []
        return sorted({start for _, start, _ in self.shortest.find_matches_as_indexes(normalised, overlapping=True)})


def _advert_pieces(adverts: list[str]) -> _AdvertPieces:
    pieces = set()
    adverts = list(dict.fromkeys(adverts))  # the same advert at the top and the bottom counts once
    for advert in adverts:
        for start in range(len(advert)):
            for end in range(start + MIN_SPLICE_RUN, min(len(advert), start + MAX_SPLICE_RUN) + 1):
                pieces.add(advert[start:end])
    if not pieces:
        return _AdvertPieces(frozenset(), None)
    shortest = sorted(piece for piece in pieces if len(piece) == MIN_SPLICE_RUN)
    segments = frozenset(
        segment
        for advert in adverts
        for segment in TITLE_SEGMENT_PATTERN.findall(advert)
        if _letter_count(segment) >= MIN_SPLICE_RUN
    )
    return _AdvertPieces(frozenset(pieces), ahocorasick_rs.AhoCorasick(shortest), segments)


def _spliced_runs(line: _Line, adverts: _AdvertPieces, hits: list[Hit], starts: list[int]) -> list[Hit]:
    """Runs of the line copied from an advert of this article: any substring, not only whole segments.

    Farms splice any part of their advert mid-sentence ("…增长12%,端卡盟净利润…" from "云端卡盟官网").
    Each run is grown to the longest piece of an advert that matches there, so no fragment of it is
    left behind. A run counts when it holds a click-farm cue or a lexicon hit, or is long enough
    (MIN_PLAIN_SPLICE_RUN) not to be a common word both texts share. `starts` are the article's
    offsets where a piece begins (`_AdvertPieces.run_starts`).
    """
    text = line.text
    runs = []
    reached = line.start
    for offset in starts[bisect.bisect_left(starts, line.start) : bisect.bisect_left(starts, line.end)]:
        if offset < reached:
            continue
        position = offset - line.start
        end = position + MIN_SPLICE_RUN
        if end > len(text) or text[position:end] not in adverts.pieces:
            continue  # past the line's end, or a title line whose advert part is blanked out
        while end < len(text) and text[position : end + 1] in adverts.pieces:
            end += 1
        reached = line.start + end
        # Edges that are ordinary punctuation stay with the sentence; "_" and "|" came with the advert.
        piece = text[position:end]
        run = piece.strip(RUN_EDGE_CHARS)
        start = line.start + position + (len(piece) - len(piece.lstrip(RUN_EDGE_CHARS)))
        stop = start + len(run)
        if _is_spliced_run(text, start - line.start, stop - line.start, hits, adverts.segments):
            runs.append(Hit(start, stop, "promo", f"spliced advert: {run}"))
    if runs and splice.mentions_enforcement(text):
        # News about the crackdown names what the farms sell; those words stay, as lexicon hits do.
        runs = [
            run
            for run in runs
            if "_" in run.label or not splice.is_enforcement_context(text, run.start - line.start, run.end - line.start)
        ]
    return runs


def _is_spliced_run(text: str, start: int, end: int, hits: list[Hit], segments: frozenset[str]) -> bool:
    """True when `text[start:end]`, copied from an advert of the article, was spliced in by the farm.

    A run with click-farm or trade vocabulary, a lexicon hit or an SEO separator counts from
    MIN_SPLICE_RUN letters ("端卡盟", "_全网最低"), and so does one with weaker promo words (业务, 官网, a
    platform's name) at a clause boundary; a plain run from MIN_BOUNDED_SPLICE_RUN letters when it is
    a clause of its own ("…；一手货源，GMV…"), and from MIN_PLAIN_SPLICE_RUN letters anywhere. Words
    the advert shares with the news ("服务器", "人形机器人" inside a clause) stay, and so does a run
    inside an ordinary word.
    """
    run = text[start:end]
    letters = _letter_count(run)
    if not has_han(run):
        return False  # "deepseek", "v3.2": names and figures the advert borrowed from the news
    if letters >= MIN_PLAIN_SPLICE_RUN:
        return True
    if letters < MIN_SPLICE_RUN or splice.PLATFORM_PATTERN.fullmatch(run):
        return False  # a platform's name is news vocabulary, even when the advert named it too
    # The cheap tests first: vocabulary and where the run sits; the segmenter only for what passes them.
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    left, right = before in splice.CLAUSE_BOUNDARY_CHARS, after in splice.CLAUSE_BOUNDARY_CHARS
    seo = "_" in run or "|" in run or run in segments
    lexicon_hit = any(hit.start < end and start < hit.end for hit in hits)
    if seo or lexicon_hit or splice.STRONG_CUE_PATTERN.search(run) or splice.advert_clause_score(run):
        candidate = True
    elif splice.WEAK_CUE_PATTERN.search(run) or splice.PLATFORM_PATTERN.search(run):
        # "，鲸业务全系…", "，qq名片北京…": promo words at a seam; "和服务器等" inside a clause stays.
        candidate = left or right
    else:
        candidate = left and right and letters >= MIN_BOUNDED_SPLICE_RUN
    if not candidate or words.cuts_a_word(text, start, end):
        return False
    # "在快手涨粉越来越难": the words do grammatical work in the sentence.
    return seo or not (
        _after_object_taker(text, start) or words.continues_the_clause(text, end, tags=words.PREDICATE_TAGS)
    )


def _advert_clauses(line: _Line, cut: list[Hit], *, farm: bool) -> list[Hit]:
    """Clauses of a line that are adverts for some trade ("，需要的老板请私信", "（代练代打请私信）").

    A clause (between commas, stops or brackets) counts when `splice.advert_clause_score` reaches
    MIN_ADVERT_CLAUSE_SCORE, or FARM_ADVERT_CLAUSE_SCORE in an article the farm has already marked; a
    clause that reports news ("公司表示…", "营收同比…") or runs long never counts. What is already cut
    (`cut`: splices, lexicon hits) is left out of the clause first.
    """
    cues = splice.advert_cues(line.text)
    if not cues:
        return []
    found = []
    threshold = FARM_ADVERT_CLAUSE_SCORE if farm else MIN_ADVERT_CLAUSE_SCORE
    text = line.text
    for hit in cut:
        text = text[: hit.start - line.start] + " " * (hit.end - hit.start) + text[hit.end - line.start :]
    for match in CLAUSE_PATTERN.finditer(text):
        clause = match.group().strip()
        if not clause or _letter_count(clause) > MAX_ADVERT_CLAUSE or splice.NEWS_MARKER_PATTERN.search(clause):
            continue
        if splice.is_enforcement_context(line.text, match.start(), match.end()):
            continue  # "并清理相关推广信息": the crackdown, not an advert
        lead = len(match.group()) - len(match.group().lstrip())
        first, last = match.start() + lead, match.start() + lead + len(clause)
        score = sum(points for start, end, points in cues if first <= start and end <= last and text[start] != " ")
        if score >= threshold and score * ADVERT_CLAUSE_DENSITY >= _letter_count(clause):
            found.append(Hit(line.start + first, line.start + last, "promo", "advert clause"))
    return found


def _whole_advert_sentences(line: _Line, hits: list[Hit]) -> list[Hit]:
    """The hits, with any sentence they cover for the most part widened to the whole sentence."""
    if sum(hit.end - hit.start for hit in hits) < MIN_WIDENED_HITS:
        return hits
    widened = list(hits)
    for start, end in _sentences(line):
        inside = [hit for hit in hits if start <= hit.start and hit.end <= end]
        sentence = _Line(start, end, line.text[start - line.start : end - line.start])
        if inside and _coverage(sentence, inside) >= ADVERT_SENTENCE_COVERAGE:
            widened.append(Hit(start, end, "promo", f"advert sentence ({inside[0].label})"))
    return widened


def _read_promo(line: _Line, promo: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """The lexicon hits of a line that read as promo: those that do anywhere, and those that do only in
    an article the farm has already marked (it carries adverts).

    A hit is kept in the text when cutting it would split an ordinary word ("买粉" in "买粉底液",
    "刷评论" in "刷评论区"). A regex hit is also kept when it is short and does grammatical work in its
    clause ("抖音涨粉越来越难", "在b站买会员"); a long or cue-dense one ("抖音刷赞平台") is promo wherever
    it stands, and so is a lexicon phrase ("刷赞", "卡盟"): the lexicon holds only phrases that are promo.
    In a marked article, a short regex hit is cut unless the next word carries on its clause
    ("抖音涨粉越来越难" stays, "快手双击服饰、美妆" loses it).
    """
    sure: list[Hit] = []
    farm_only: list[Hit] = []
    groups = _touching_groups(promo)
    for hit in promo:
        # Touching hits are cut together ("刷钻"+"卡盟"), so their word boundaries are the group's.
        first, last = groups[hit]
        start, end = hit.start - line.start, hit.end - line.start
        if words.cuts_a_word(line.text, first - line.start, last - line.start) or words.makes_a_compound(
            line.text, last - line.start
        ):
            continue
        phrase = line.text[start:end]
        if (
            not hit.from_regex
            or len(phrase) >= MIN_STRONG_HIT
            or splice.cue_score(phrase) >= MIN_STRONG_CUE_SCORE
            or splice.is_spliced(line.text, start, end)
        ):
            sure.append(hit)
        elif not _does_grammar(line.text, start, end):
            farm_only.append(hit)
    return sure, farm_only


def _touching_groups(hits: list[Hit]) -> dict[Hit, tuple[int, int]]:
    """For each hit, the (start, end) of the run of overlapping or touching hits it belongs to."""
    groups: dict[Hit, tuple[int, int]] = {}
    run: list[Hit] = []
    for hit in [*sorted(hits), None]:
        if run and (hit is None or hit.start > max(member.end for member in run)):
            span = (run[0].start, max(member.end for member in run))
            groups.update((member, span) for member in run)
            run = []
        if hit is not None:
            run.append(hit)
    return groups


def _does_grammar(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` is the object of a preposition or is followed by its clause's predicate."""
    return _after_object_taker(text, start) or words.continues_the_clause(text, end)


def _inside(hit: Hit, strips: list[Strip]) -> bool:
    return any(strip.start <= hit.start and hit.end <= strip.end for strip in strips)


def _without_overlaps(strips: list[Strip]) -> list[Strip]:
    """Strips sorted by start with any strip inside an earlier one dropped (a line strip swallows its line)."""
    kept: list[Strip] = []
    for strip in strips:
        if kept and strip.start < kept[-1].end:
            if strip.end > kept[-1].end:
                previous = kept.pop()
                text = previous.text + strip.text[previous.end - strip.start :]
                kept.append(Strip(previous.kind, text, previous.start, strip.end, previous.rule))
            continue
        kept.append(strip)
    return kept


def _coverage(line: _Line, hits: list[Hit]) -> float:
    """The share of the line's letters (not spaces or punctuation) covered by the hits."""
    letters = _letter_count(line.text)
    if not letters:
        return 0.0
    covered = 0
    reached = line.start
    for hit in sorted(hits):
        start = max(hit.start, reached)
        if start < hit.end:
            covered += _letter_count(line.text[max(0, start - line.start) : hit.end - line.start])
            reached = hit.end
    return covered / letters


def _letter_count(text: str) -> int:
    return len(text) - len(NON_LETTER_PATTERN.findall(text))


def _repeat_key(text: str) -> str:
    return text.replace(" ", "").replace("\t", "")


def _mark_repeats(
    raw: str, lines: list[_Line], title_index: int | None, title_key: str, line_strips: dict[int, Strip]
) -> None:
    """Mark repeats of the title, and later copies of any short line, as duplicates.

    A line already stripped counts as seen, so its copy goes whichever pass first met it: cleaning a
    cleaned text finds nothing more.
    """
    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = _repeat_key(line.text)
        if index in line_strips or index == title_index:
            pass
        elif key == title_key:
            line_strips[index] = _line_strip(raw, line, "duplicate", "repeat of the title")
        elif key in seen and _is_short_line(key):
            line_strips[index] = _line_strip(raw, line, "duplicate", "repeated line")
        seen.add(key)


def _mark_cleaned_repeats(
    raw: str,
    lines: list[_Line],
    title_index: int | None,
    by_line: dict[int, list[Strip]],
    line_strips: dict[int, Strip],
) -> None:
    """Mark lines that become repeats once their promo is cut, as a second cleaning would.

    "公司营收增长12%,端卡盟净利润…" under "公司营收增长12%,净利润…" is the same line after the cut; the
    same rules as for raw repeats apply (the title at any length, other lines when short).
    """
    seen: set[str] = set()
    title_key = None
    for index, line in enumerate(lines):
        if index in line_strips:
            continue
        spans = [(strip.start - line.start, strip.end - line.start) for strip in by_line.get(index, [])]
        if spans and index != title_index:
            # Only a short line or one as long as the title can repeat; skip rebuilding the others.
            left = len(line.text) - sum(end - start for start, end in spans)
            if left > MAX_DUPLICATE_LENGTH + 2 and abs(left - len(title_key or "")) > 2:
                continue
        cleaned = normalise(repair.remove_spans(raw[line.start : line.end], spans)) if spans else line.text
        key = _repeat_key(cleaned)
        if not key:
            continue
        if index == title_index:
            title_key = key
        elif key == title_key:
            line_strips[index] = _line_strip(raw, line, "duplicate", "repeat of the title")
        elif key in seen and _is_short_line(key):
            line_strips[index] = _line_strip(raw, line, "duplicate", "repeated line")
        seen.add(key)


def _is_short_line(key: str) -> bool:
    return len(key) <= MAX_DUPLICATE_LENGTH and sum(char.isalpha() for char in key) >= MIN_DUPLICATE_LETTERS


def _inline_strips(raw: str, hits: list[Hit]) -> list[Strip]:
    """Strips for promo inside a sentence: overlapping or touching hits become one strip (the first's kind)."""
    merged: list[list] = []
    for hit in sorted(hits):
        if merged and hit.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hit.end)
        else:
            merged.append([hit.start, hit.end, hit.label, hit.kind if hit.kind in LINE_RULE_KINDS else "promo"])
    return [Strip(kind, raw[start:end], start, end, label) for start, end, label, kind in merged]
