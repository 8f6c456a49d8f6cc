"""Find the figures in Chinese text and read them into English.

Pure functions over strings: no Django, no I/O, no state. Offsets are Python string indices into the
text passed in, half-open, so ``text[figure.start:figure.end] == figure.surface`` always.

What is read:
- Arabic numbers, with thousands separators, decimals and full-width digits ("1,234.5", "１２"),
  optionally followed by magnitudes 百/千/万/亿 ("2.6亿", "3.5万亿", "1千", "5千万"), with "多"/"余"
  between number and magnitude, or after the number, read as "more than" ("1000多万" ->
  "more than 10 million", "一百多家" -> "more than 100").
- Chinese numeral runs that form a real quantity: two or more characters including a place character
  (十/百/千/万/亿) such as "三千万", "五百", "十二", "两千", or any run followed by a magnitude or a unit
  ("三倍", "五元"). Runs of bare digits ("一两次", "三四个", "一一") are approximations or lists, not figures.
- Money: 元/块/人民币 -> "RMB ", 美元/美金 -> "US$", 港元/港币 -> "HK$", 欧元 -> "EUR ", 日元 -> "JPY ",
  also with a leading "人民币", "$", "US$", "HK$" or "¥"/"￥".
- Percentages: "35%", "35％", "百分之三十五"; "3个百分点" -> "3 percentage points" (kind percent).
- Multiples: "27倍" -> "27x" (the words around it, "增长了", are not part of the figure).
- Dates: "2023年8月24日" -> "24 August 2023", "8月24日" -> "24 August", "2023年8月" -> "August 2023",
  "8月" -> "August", "2023年"/"2023年度"/"二〇二三年" -> "2023", "2023-08-24", "2023财年" -> "FY2023",
  "第三季度"/"三季度"/"Q3" -> "Q3" (with a year in front: "Q3 2023"). Dates have value None.
- Ranges: "10-20万元", "10至20万元", "10到20万", "10万-20万元", "3-5倍", "10%-20%", "2023-2025年".
  A bare first end borrows the second end's magnitude ("10至20万" is 100,000 to 200,000). ``value`` is
  the low end and ``upper_value`` the high end (None for year ranges).

What is deliberately skipped (consumed, never reported):
- Ordinals: "第一", "第3" (but "第三季度" is a quarter).
- Vague amounts: "几十亿", "数百万", "十几万" (几/数 make it uncountable).
- Ordinary words built on 一: 一个, 一名, 一次, 一些, 统一, 一起, 唯一, 万一, 十分, 千万 (as "must").
- Durations in Chinese numerals: "一年半" is not read; "5年" reads as the number 5.
- Clock times "10:30", and digits glued to Latin letters ("5G", "iPhone15", "A股" is not a digit anyway).
- Fractions ("三分之一", "1/3"), 成 ("七成"), and 翻番 ("doubled"): too ambiguous to read without context.

Reading one quantity ("2.6亿", "三千万") is `numerals.py`; writing a value in English ("260 million") and
reading numbers back out of English are `english_numbers.py`. This module finds each figure in a
sentence, decides its kind and reads it with those two.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from briefs.text.english_numbers import format_english, format_range, trim
from briefs.text.numerals import (
    ARABIC,
    CHINESE,
    CN_DIGIT,
    CN_NUMERAL,
    DIGIT,
    MAGNITUDE_RUN,
    PREFIX,
    UNIT,
    NumberError,
    is_real_chinese_quantity,
    kind_of,
    read_chinese,
    read_core,
    read_magnitudes,
)

__all__ = ["Figure", "find_figures"]

KINDS = ("number", "money", "percent", "multiple", "date", "range")

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

SENTENCE_END = re.compile(r"[。！？!?\n]")

# ---- building blocks for figures in a sentence (see numerals.py for the numbers themselves) ---
# Not inside a longer number ("1,500" is one figure), but an ASCII comma between clauses, as
# scraped copies write them ("成长,500亿流量"), does start a figure.
_NOT_AFTER_ARABIC = r"(?<![0-9０-９A-Za-z.．])(?<![0-9０-９],)"
_NOT_AFTER_CHINESE = rf"(?<![{CN_NUMERAL}点])"

# A figure never stops inside a longer number ("1,2345", "2.6.1"); digits glued to Latin letters are
# model names and standards ("5G", "iPhone15"), not quantities.
_END = r"(?![0-9０-９]|[.．,][0-9０-９])"
_NOT_BEFORE_LATIN = r"(?![A-Za-z])"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_YEAR = r"(?:19|20)[0-9]{2}"
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_CN_DAY = "(?:三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# Range dashes and words; spaces around them may not cross a line.
_RANGE_SEPARATOR = r"[ \t\u3000]*[-–—~～至到][ \t\u3000]*"


def _quantity_pattern(group_prefix: str) -> str:
    """A number with optional 多/余 and magnitudes, its groups named with ``group_prefix``."""
    p = group_prefix
    return (
        rf"(?:(?P<{p}arabic>{_NOT_AFTER_ARABIC}{ARABIC}{_NOT_BEFORE_LATIN})|(?P<{p}chinese>{_NOT_AFTER_CHINESE}{CHINESE}))"
        rf"(?:(?P<{p}more>[多余])(?={MAGNITUDE_RUN}|{UNIT}))?(?P<{p}magnitude>{MAGNITUDE_RUN})?"
    )


SKIPPED_PATTERN = re.compile(
    rf"第(?:{DIGIT}+|[{CN_NUMERAL}]+)(?!季度)"  # ordinals
    rf"|[几数][{CN_NUMERAL}]+|[{CN_NUMERAL}]+几[{CN_NUMERAL}]*"  # vague amounts
    rf"|{_NOT_AFTER_ARABIC}[0-2]?[0-9][:：][0-5][0-9]{_END}"  # clock times
)
QUARTER_PATTERN = re.compile(
    rf"(?:(?P<year>{_YEAR})年(?:度)?)?(?:第?(?P<cn>[一二三四])季度|(?P<q>{_NOT_AFTER_ARABIC}[1-4])季度|(?<![A-Za-z])[Qq](?P<qq>[1-4]){_END}{_NOT_BEFORE_LATIN})"
)
ISO_DATE_PATTERN = re.compile(
    rf"{_NOT_AFTER_ARABIC}(?P<year>{_YEAR})(?P<sep>[-/.])(?P<month>{_MONTH})(?P=sep)(?P<day>{_DAY}){_END}"
)
# "1/3" is a fraction or a month/day; neither reads safely as two numbers, so it is skipped.
SLASHED_PATTERN = re.compile(rf"{_NOT_AFTER_ARABIC}{DIGIT}+/{DIGIT}+{_END}")
DATE_PATTERN = re.compile(
    rf"(?:(?P<year>{_NOT_AFTER_ARABIC}{_YEAR}|[〇零一二三四五六七八九]{{4}})年)?"
    rf"(?:(?P<month>{_NOT_AFTER_ARABIC}{_MONTH}|{_CN_MONTH})月份?(?:(?P<day>{_DAY}|{_CN_DAY})[日号])?)"
)
YEAR_PATTERN = re.compile(
    rf"(?P<year>{_NOT_AFTER_ARABIC}{_YEAR}|[〇零一二三四五六七八九]{{4}})(?P<suffix>财年|年度|年)"
)
YEAR_RANGE_PATTERN = re.compile(
    rf"{_NOT_AFTER_ARABIC}(?P<low>{_YEAR})年?{_RANGE_SEPARATOR}(?P<high>{_YEAR})年"
)
MONTH_RANGE_PATTERN = re.compile(rf"{_NOT_AFTER_ARABIC}(?P<low>{_MONTH}){_RANGE_SEPARATOR}(?P<high>{_MONTH})月")
PERCENT_WORDS_PATTERN = re.compile(rf"百分之(?P<number>{ARABIC}|百|[{CN_DIGIT}十][{CN_NUMERAL}]*(?:点[{CN_DIGIT}]+)?)")
RANGE_PATTERN = re.compile(
    PREFIX
    + _quantity_pattern("low_")
    + rf"(?P<low_unit>{UNIT})?{_RANGE_SEPARATOR}"
    + _quantity_pattern("high_")
    + rf"(?P<unit>{UNIT})?{_END}"
)
# A trailing 多/余 ("一百多家", "100余家") means "more than"; it is part of the figure.
QUANTITY_PATTERN = re.compile(
    PREFIX + _quantity_pattern("") + rf"(?:(?P<unit>{UNIT})|(?P<more_after>[多余]))?{_END}"
)
CANDIDATE_START = re.compile(rf"[0-9０-９{CN_NUMERAL}第几数人$¥￥UHQq]")


@dataclass(frozen=True)
class Figure:
    """One figure found in a text: where it is, what kind it is, and how it reads in English.

    ``start``/``end`` are half-open offsets into the text given to ``find_figures``;
    ``surface == text[start:end]``. ``value`` is None for dates. For ranges ``value`` is the low
    end and ``upper_value`` the high end; every other kind leaves ``upper_value`` None.
    """

    surface: str
    start: int
    end: int
    kind: str
    value: float | None
    english: str
    sentence: str
    upper_value: float | None = None



# ---- finding figures in Chinese text ---------------------------------------------------------

@dataclass(frozen=True)
class _Reading:
    kind: str
    value: float | None
    english: str
    upper_value: float | None = None


# Returned by a reader for text that is consumed but is not a figure ("第一", "几十亿", "10:30").
_SKIP = _Reading(kind="", value=None, english="")


def _read_skipped(match: re.Match[str]) -> _Reading:
    return _SKIP


def _read_quarter(match: re.Match[str]) -> _Reading:
    digit = match["q"] or match["qq"] or str(int(read_chinese(match["cn"])))
    english = f"Q{digit} {match['year']}" if match["year"] else f"Q{digit}"
    return _Reading("date", None, english)


def _read_iso_date(match: re.Match[str]) -> _Reading:
    month = MONTH_NAMES[int(match["month"]) - 1]
    return _Reading("date", None, f"{int(match['day'])} {month} {match['year']}")


def _year_text(year: str) -> str:
    return year if year.isascii() else str(int(read_chinese(year)))


def _read_date(match: re.Match[str]) -> _Reading | None:
    year, month, day = match["year"], match["month"], match["day"]
    if not month.isascii() and not (year or day):  # "一月" alone is as often "one month" as "January"
        return None
    month_name = MONTH_NAMES[int(read_core(month if month.isascii() else None, month, None)) - 1]
    parts = [str(int(read_core(day if day.isascii() else None, day, None))), month_name] if day else [month_name]
    if year:
        parts.append(_year_text(year))
    return _Reading("date", None, " ".join(parts))


def _read_year(match: re.Match[str]) -> _Reading:
    year = _year_text(match["year"])
    return _Reading("date", None, f"FY{year}" if match["suffix"] == "财年" else year)


def _read_year_range(match: re.Match[str]) -> _Reading | None:
    if int(match["low"]) >= int(match["high"]):
        return None
    return _Reading("range", None, f"{match['low']}–{match['high']}")


def _read_month_range(match: re.Match[str]) -> _Reading | None:
    low, high = int(match["low"]), int(match["high"])
    if low >= high:
        return None
    return _Reading("range", None, f"{MONTH_NAMES[low - 1]}–{MONTH_NAMES[high - 1]}")


def _read_percent_words(match: re.Match[str]) -> _Reading:
    number = match["number"]
    value = read_core(number if number[0].isascii() else None, None if number[0].isascii() else number, None)
    return _Reading("percent", float(value), format_english(float(value), kind="percent"))


def _read_end(match: re.Match[str], p: str, *, has_magnitude_or_unit: bool) -> Decimal | None:
    """Read one quantity from a match built with _quantity_pattern (group prefix ``p``); None if it is a word."""
    chinese = match[f"{p}chinese"]
    has_magnitude_or_unit = has_magnitude_or_unit or bool(match[f"{p}magnitude"])
    if chinese is not None and not is_real_chinese_quantity(chinese, has_magnitude_or_unit=has_magnitude_or_unit):
        return None
    return read_core(match[f"{p}arabic"], chinese, match[f"{p}magnitude"])


def _read_quantity(match: re.Match[str]) -> _Reading | None:
    unit, prefix = match["unit"], match["prefix"]
    value = _read_end(match, "", has_magnitude_or_unit=bool(unit or prefix))
    if value is None:
        return None
    kind, currency = kind_of(unit, prefix)
    if unit == "个百分点":
        english = f"{trim(value, 6)} percentage point{'' if value == 1 else 's'}"
    else:
        english = format_english(float(value), kind=kind, currency=currency)
    if match["more"] or match["more_after"]:
        english = f"more than {english}"
    return _Reading(kind, float(value), english)


def _read_range(match: re.Match[str]) -> _Reading | None:
    unit, prefix = match["unit"] or match["low_unit"], match["prefix"]
    has_unit = bool(unit or prefix or match["high_magnitude"])
    low = _read_end(match, "low_", has_magnitude_or_unit=has_unit)
    high = _read_end(match, "high_", has_magnitude_or_unit=has_unit)
    if low is None or high is None:
        return None
    # "10至20万": a bare first end shares the second end's magnitude, when that keeps the range in order.
    borrowed = low * read_magnitudes(match["high_magnitude"])
    if match["low_magnitude"] is None and borrowed <= high:
        low = borrowed
    if low >= high:
        return None
    kind, currency = kind_of(unit, prefix)
    if unit == "个百分点":
        english = f"{trim(low, 6)}–{trim(high, 6)} percentage points"
    else:
        english = format_range(low, high, kind=kind, currency=currency)
    return _Reading("range", float(low), english, float(high))


# Tried in this order at each candidate position; the first reader that accepts wins.
READERS = (
    (SKIPPED_PATTERN, _read_skipped),
    (QUARTER_PATTERN, _read_quarter),
    (ISO_DATE_PATTERN, _read_iso_date),
    (SLASHED_PATTERN, _read_skipped),
    (YEAR_RANGE_PATTERN, _read_year_range),
    (DATE_PATTERN, _read_date),
    (YEAR_PATTERN, _read_year),
    (MONTH_RANGE_PATTERN, _read_month_range),
    (PERCENT_WORDS_PATTERN, _read_percent_words),
    (RANGE_PATTERN, _read_range),
    (QUANTITY_PATTERN, _read_quantity),
)


def _read_at(text: str, position: int) -> tuple[int, _Reading] | None:
    for pattern, reader in READERS:
        match = pattern.match(text, position)
        if match is None or match.end() == position:
            continue
        try:
            reading = reader(match)
        except NumberError:  # a numeral run cn2an cannot read ("十四五") is a word, not a figure
            reading = None
        if reading is not None:
            return match.end(), reading
    return None


def _sentence_around(text: str, sentence_ends: list[int], start: int, end: int) -> str:
    """The stripped sentence holding text[start:end]; ``sentence_ends`` are the terminator offsets."""
    before = bisect.bisect_left(sentence_ends, start)
    sentence_start = sentence_ends[before - 1] + 1 if before else 0
    after = bisect.bisect_left(sentence_ends, end)
    sentence_end = sentence_ends[after] if after < len(sentence_ends) else len(text)
    return text[sentence_start:sentence_end].strip()


def find_figures(text: str) -> list[Figure]:
    """Return every figure in Chinese ``text``, sorted by start and never overlapping.

    Offsets are half-open indices into ``text`` itself (raw or cleaned, whichever the caller passes):
    ``text[f.start:f.end] == f.surface``. ``sentence`` is the stripped sentence holding the figure,
    split at 。！？!? and newlines (the terminator is not included). The text is never changed; this
    never raises on any string. See the module docstring for what is read and what is skipped.
    """
    figures: list[Figure] = []
    sentence_ends = [boundary.start() for boundary in SENTENCE_END.finditer(text)]
    position = 0
    while (candidate := CANDIDATE_START.search(text, position)) is not None:
        start = candidate.start()
        found = _read_at(text, start)
        if found is None:
            position = start + 1
            continue
        end, reading = found
        position = end
        if reading is _SKIP:
            continue
        figures.append(
            Figure(
                surface=text[start:end],
                start=start,
                end=end,
                kind=reading.kind,
                value=reading.value,
                english=reading.english,
                sentence=_sentence_around(text, sentence_ends, start, end),
                upper_value=reading.upper_value,
            )
        )
    return figures
