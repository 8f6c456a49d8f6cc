"""Find the figures in Chinese text and read them into English; pull the numbers back out of English.

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
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

from briefs.text.errors import TextError

__all__ = [
    "Figure",
    "NumberError",
    "english_figure_values",
    "find_figures",
    "format_english",
    "read_number",
]

KINDS = ("number", "money", "percent", "multiple", "date", "range")

MAGNITUDES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10**4), "亿": Decimal(10**8)}
SCALE_WORDS = ((Decimal(10**12), "trillion"), (Decimal(10**9), "billion"), (Decimal(10**6), "million"))

# Currency codes accepted by format_english, and the prefix each one gets in English.
CURRENCY_PREFIXES = {"RMB": "RMB ", "CNY": "RMB ", "USD": "US$", "HKD": "HK$", "EUR": "EUR ", "JPY": "JPY "}
CURRENCY_BY_UNIT = {
    "元": "RMB", "块钱": "RMB", "人民币": "RMB", "美元": "USD", "美金": "USD",
    "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY",
}
CURRENCY_BY_PREFIX = {"人民币": "RMB", "¥": "RMB", "￥": "RMB", "$": "USD", "US$": "USD", "HK$": "HKD"}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
SENTENCE_END = re.compile(r"[。！？!?\n]")

# ---- Chinese-side building blocks (strings, combined into compiled patterns below) -------------
_D = "[0-9０-９]"
_ARABIC = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:[.．]{_D}+)?"
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_ALL = _CN_DIGIT + "十百千万亿"
# A Chinese run starts with a digit or 十, never with 百/千/万/亿 ("百度", "千万不要", "万一").
_CHINESE = rf"[{_CN_DIGIT}十][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+[万亿]*)?"
# 千克/千米/千瓦 are units (kg, km, kW), not "thousand"; 百分 starts a percentage.
_MAGNITUDE = r"(?:百(?!分)|千(?![克米瓦卡])|万|亿)+"
# "一元化"/"多元化" (unification, diversification) are words, not one yuan.
_UNIT = r"%|％|个百分点|倍|美元|美金|港元|港币|欧元|日元|元(?!化)|人民币|块钱"
# Not inside a longer number ("1,500" is one figure), but an ASCII comma between clauses, as
# scraped copies write them ("成长,500亿流量"), does start a figure.
_NOT_AFTER_ARABIC = r"(?<![0-9０-９A-Za-z.．])(?<![0-9０-９],)"
_NOT_AFTER_CHINESE = rf"(?<![{_CN_ALL}点])"


_PREFIX = r"(?P<prefix>人民币|US\$|HK\$|\$|¥|￥)?"
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
        rf"(?:(?P<{p}arabic>{_NOT_AFTER_ARABIC}{_ARABIC}{_NOT_BEFORE_LATIN})|(?P<{p}chinese>{_NOT_AFTER_CHINESE}{_CHINESE}))"
        rf"(?:(?P<{p}more>[多余])(?={_MAGNITUDE}|{_UNIT}))?(?P<{p}magnitude>{_MAGNITUDE})?"
    )


SKIPPED_PATTERN = re.compile(
    rf"第(?:{_D}+|[{_CN_ALL}]+)(?!季度)"  # ordinals
    rf"|[几数][{_CN_ALL}]+|[{_CN_ALL}]+几[{_CN_ALL}]*"  # vague amounts
    rf"|{_NOT_AFTER_ARABIC}[0-2]?[0-9][:：][0-5][0-9]{_END}"  # clock times
)
QUARTER_PATTERN = re.compile(
    rf"(?:(?P<year>{_YEAR})年(?:度)?)?(?:第?(?P<cn>[一二三四])季度|(?P<q>{_NOT_AFTER_ARABIC}[1-4])季度|(?<![A-Za-z])[Qq](?P<qq>[1-4]){_END}{_NOT_BEFORE_LATIN})"
)
ISO_DATE_PATTERN = re.compile(
    rf"{_NOT_AFTER_ARABIC}(?P<year>{_YEAR})(?P<sep>[-/.])(?P<month>{_MONTH})(?P=sep)(?P<day>{_DAY}){_END}"
)
# "1/3" is a fraction or a month/day; neither reads safely as two numbers, so it is skipped.
SLASHED_PATTERN = re.compile(rf"{_NOT_AFTER_ARABIC}{_D}+/{_D}+{_END}")
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
PERCENT_WORDS_PATTERN = re.compile(rf"百分之(?P<number>{_ARABIC}|百|[{_CN_DIGIT}十][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+)?)")
RANGE_PATTERN = re.compile(
    _PREFIX
    + _quantity_pattern("low_")
    + rf"(?P<low_unit>{_UNIT})?{_RANGE_SEPARATOR}"
    + _quantity_pattern("high_")
    + rf"(?P<unit>{_UNIT})?{_END}"
)
# A trailing 多/余 ("一百多家", "100余家") means "more than"; it is part of the figure.
QUANTITY_PATTERN = re.compile(
    _PREFIX + _quantity_pattern("") + rf"(?:(?P<unit>{_UNIT})|(?P<more_after>[多余]))?{_END}"
)
NUMBER_PATTERN = re.compile(
    rf"\s*{_PREFIX}(?:(?P<arabic>{_ARABIC})|(?P<chinese>{_CHINESE}))(?P<more>[多余])?(?P<magnitude>{_MAGNITUDE})?"
    rf"(?P<unit>{_UNIT})?\s*"
)
CANDIDATE_START = re.compile(rf"[0-9０-９{_CN_ALL}第几数人$¥￥UHQq]")


class NumberError(TextError, ValueError):
    """A string that was expected to be a number is not one; the message quotes it."""


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


# ---- reading ---------------------------------------------------------------------------------

def _read_chinese(run: str) -> Decimal:
    """Read a Chinese numeral run with cn2an, peeling trailing 万/亿 that cn2an refuses ("三点五万亿")."""
    if run == "百":  # "百分之百"
        return Decimal(100)
    try:
        return Decimal(str(cn2an.cn2an(run, "smart")))
    except (ValueError, KeyError, IndexError, InvalidOperation) as error:
        if len(run) > 1 and run[-1] in "万亿":
            return _read_chinese(run[:-1]) * MAGNITUDES[run[-1]]
        raise NumberError(f"{run!r} is not a Chinese number cn2an can read") from error


def _is_real_chinese_quantity(run: str, *, has_magnitude_or_unit: bool) -> bool:
    """True for runs that are amounts ("三千万", "十二"), false for words and lists ("一", "一两", "十")."""
    if has_magnitude_or_unit:
        return True
    return len(run) >= 2 and any(place in run for place in "十百千万亿点")


def _read_magnitudes(magnitude: str | None) -> Decimal:
    factor = Decimal(1)
    for character in magnitude or "":
        factor *= MAGNITUDES[character]
    return factor


def _read_core(arabic: str | None, chinese: str | None, magnitude: str | None) -> Decimal:
    if arabic is not None:
        base = Decimal(arabic.translate(FULL_WIDTH_DIGITS).replace(",", ""))
    else:
        base = _read_chinese(chinese or "")
    return base * _read_magnitudes(magnitude)


def read_number(surface: str) -> float:
    """Return the value of one quantity: digits or Chinese numerals with optional 百/千/万/亿.

    "2.6亿" -> 260000000.0, "三千万" -> 30000000.0, "1,234.5" -> 1234.5, "3.5万亿" -> 3.5e12.
    A currency sign or unit around it is allowed and ignored ("7300万元" -> 73000000.0, "35%" -> 35.0),
    as is surrounding whitespace. Anything else (words, ranges, empty text) raises NumberError, which is
    both a TextError and a ValueError.
    """
    match = NUMBER_PATTERN.fullmatch(surface)
    if match is None:
        raise NumberError(f"{surface!r} is not a number; expected digits or Chinese numerals like '2.6亿' or '三千万'")
    return float(_read_core(match["arabic"], match["chinese"], match["magnitude"]))


# ---- English formatting ----------------------------------------------------------------------

def _trim(number: Decimal, places: int) -> str:
    text = f"{number:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_amount(value: Decimal) -> str:
    magnitude = abs(value)
    for index, (scale, word) in enumerate(SCALE_WORDS):
        if magnitude >= scale:
            # 999,999,999 rounds to "1 billion", not "1,000 million".
            if index > 0 and round(magnitude / scale, 2) >= 1000:
                scale, word = SCALE_WORDS[index - 1]
            return f"{_trim(value / scale, 2)} {word}"
    return _trim(value, 6)


def format_english(value: float, *, kind: str = "number", currency: str | None = None) -> str:
    """Return ``value`` written the way a brief writes it.

    Below a million: thousands separators ("5,000", "1,234.5"); from a million: "260 million",
    "1.25 billion" (up to two decimals, trailing zeros dropped). kind "money" prefixes the currency
    (RMB/CNY -> "RMB ", USD -> "US$", HKD -> "HK$", EUR, JPY; RMB when None), "percent" appends "%",
    "multiple" appends "x", "date" gives a year as written ("2023"). Raises NumberError for a range
    (it has two ends) or an unknown kind or currency.
    """
    amount = Decimal(str(value))
    if kind == "number":
        return _format_amount(amount)
    if kind == "money":
        code = (currency or "RMB").upper()
        if code not in CURRENCY_PREFIXES:
            raise NumberError(f"unknown currency {currency!r}; use one of {', '.join(CURRENCY_PREFIXES)}")
        return CURRENCY_PREFIXES[code] + _format_amount(amount)
    if kind == "percent":
        return f"{_trim(amount, 6)}%"
    if kind == "multiple":
        return f"{_trim(amount, 6)}x"
    if kind == "date":
        return _trim(amount, 6).replace(",", "")
    raise NumberError(f"cannot format kind {kind!r} from one value; kinds are number, money, percent, multiple, date")


def _format_range(low: Decimal, high: Decimal, *, kind: str, currency: str | None) -> str:
    prefix = CURRENCY_PREFIXES[currency] if kind == "money" and currency else ""
    suffix = {"percent": "%", "multiple": "x"}.get(kind, "")
    low_text, high_text = _format_amount(low), _format_amount(high)
    low_number, _, low_word = low_text.partition(" ")
    high_number, _, high_word = high_text.partition(" ")
    if low_word and low_word == high_word:  # "RMB 1–2 million", not "RMB 1 million–2 million"
        return f"{prefix}{low_number}–{high_number} {high_word}{suffix}"
    return f"{prefix}{low_text}–{high_text}{suffix}"


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
    digit = match["q"] or match["qq"] or str(int(_read_chinese(match["cn"])))
    english = f"Q{digit} {match['year']}" if match["year"] else f"Q{digit}"
    return _Reading("date", None, english)


def _read_iso_date(match: re.Match[str]) -> _Reading:
    month = MONTH_NAMES[int(match["month"]) - 1]
    return _Reading("date", None, f"{int(match['day'])} {month} {match['year']}")


def _year_text(year: str) -> str:
    return year if year.isascii() else str(int(_read_chinese(year)))


def _read_date(match: re.Match[str]) -> _Reading | None:
    year, month, day = match["year"], match["month"], match["day"]
    if not month.isascii() and not (year or day):  # "一月" alone is as often "one month" as "January"
        return None
    month_name = MONTH_NAMES[int(_read_core(month if month.isascii() else None, month, None)) - 1]
    parts = [str(int(_read_core(day if day.isascii() else None, day, None))), month_name] if day else [month_name]
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
    value = _read_core(number if number[0].isascii() else None, None if number[0].isascii() else number, None)
    return _Reading("percent", float(value), format_english(float(value), kind="percent"))


def _kind_of(unit: str | None, prefix: str | None) -> tuple[str, str | None]:
    """Return (kind, currency code) for a unit after the number and a currency sign before it."""
    if unit in ("%", "％", "个百分点"):
        return "percent", None
    if unit == "倍":
        return "multiple", None
    if unit in CURRENCY_BY_UNIT:
        return "money", CURRENCY_BY_UNIT[unit]
    if prefix:
        return "money", CURRENCY_BY_PREFIX[prefix]
    return "number", None


def _read_end(match: re.Match[str], p: str, *, has_magnitude_or_unit: bool) -> Decimal | None:
    """Read one quantity from a match built with _quantity_pattern (group prefix ``p``); None if it is a word."""
    chinese = match[f"{p}chinese"]
    has_magnitude_or_unit = has_magnitude_or_unit or bool(match[f"{p}magnitude"])
    if chinese is not None and not _is_real_chinese_quantity(chinese, has_magnitude_or_unit=has_magnitude_or_unit):
        return None
    return _read_core(match[f"{p}arabic"], chinese, match[f"{p}magnitude"])


def _read_quantity(match: re.Match[str]) -> _Reading | None:
    unit, prefix = match["unit"], match["prefix"]
    value = _read_end(match, "", has_magnitude_or_unit=bool(unit or prefix))
    if value is None:
        return None
    kind, currency = _kind_of(unit, prefix)
    if unit == "个百分点":
        english = f"{_trim(value, 6)} percentage point{'' if value == 1 else 's'}"
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
    borrowed = low * _read_magnitudes(match["high_magnitude"])
    if match["low_magnitude"] is None and borrowed <= high:
        low = borrowed
    if low >= high:
        return None
    kind, currency = _kind_of(unit, prefix)
    if unit == "个百分点":
        english = f"{_trim(low, 6)}–{_trim(high, 6)} percentage points"
    else:
        english = _format_range(low, high, kind=kind, currency=currency)
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


# ---- numbers in English text -----------------------------------------------------------------

_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
ENGLISH_DATE_PATTERN = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}(?:,?\s+\d{{4}})?(?![\w])"
    rf"|\b{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?![\w])"
    rf"|\b{_MONTH_WORD}\s+\d{{4}}\b"
    r"|\b(?:Q[1-4]|H[12])(?:\s+\d{4})?\b|\bFY\s?'?\d{2,4}\b"
)
_ENGLISH_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ENGLISH_SCALE = (
    r"(?:\s*-?\s*(?P<{p}word>trillion|billion|million|thousand)\b"
    r"|(?P<{p}abbreviation>tn|bn|mn|m|b|k|M|B|K)(?![A-Za-z]))"
)
ENGLISH_NUMBER_PATTERN = re.compile(
    rf"(?<![\w.])(?P<low>{_ENGLISH_NUMBER})(?:{_ENGLISH_SCALE.format(p='low_')})?"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<high>{_ENGLISH_NUMBER})(?:{_ENGLISH_SCALE.format(p='high_')})?)?"
    r"(?P<suffix>%|\s?per\s?cent\b|x\b|-?\s?fold\b|\s?times\b)?"
    r"(?![\w])"
)
SCALE_WORD_VALUES = {
    "trillion": Decimal(10**12), "tn": Decimal(10**12),
    "billion": Decimal(10**9), "bn": Decimal(10**9), "b": Decimal(10**9),
    "million": Decimal(10**6), "mn": Decimal(10**6), "m": Decimal(10**6),
    "thousand": Decimal(1000), "k": Decimal(1000),
}


def _english_scale(match: re.Match[str], p: str) -> Decimal | None:
    word = match[f"{p}word"] or match[f"{p}abbreviation"]
    return SCALE_WORD_VALUES[word.lower()] if word else None


def _looks_like_year(number: str) -> bool:
    return number.isdigit() and 1900 <= int(number) <= 2099


def english_figure_values(text: str) -> set[float]:
    """Return the numeric values mentioned in English ``text``, to check a brief against its source.

    Reads digits with separators and decimals, scales ("260 million", "26m", "$1.2bn", "50bn"),
    percentages ("12%", "12 percent"), multiples ("27x", "27-fold", "a 12-fold rise") and both ends of
    ranges ("RMB 1–2 million" gives 1e6 and 2e6). Dates ("24 August 2023", "Q3", "FY2023") and bare
    years are skipped. Number words ("twelve") are not read. Never raises.
    """
    masked = ENGLISH_DATE_PATTERN.sub(lambda date: " " * len(date.group()), text)
    values: set[float] = set()
    for match in ENGLISH_NUMBER_PATTERN.finditer(masked):
        low_scale, high_scale = _english_scale(match, "low_"), _english_scale(match, "high_")
        ends = [match["low"], match["high"]] if match["high"] else [match["low"]]
        if not (low_scale or high_scale or match["suffix"]) and all(_looks_like_year(end) for end in ends):
            continue
        values.add(float(Decimal(match["low"].replace(",", "")) * (low_scale or high_scale or 1)))
        if match["high"]:
            values.add(float(Decimal(match["high"].replace(",", "")) * (high_scale or 1)))
    return values
