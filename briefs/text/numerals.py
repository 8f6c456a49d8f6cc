"""Read one quantity written in digits or Chinese numerals: "2.6亿", "三千万", "1,234.5", "3.5万亿".

Pure functions over strings, no Django. `read_number` reads a whole string; the regex fragments here
(ARABIC, CHINESE, MAGNITUDE_RUN, UNIT, PREFIX), `read_core` and `kind_of` are the building blocks
`numbers.find_figures` uses to find and read figures inside a sentence. Writing a value in English is
`english_numbers.py`'s job.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

from briefs.text.errors import TextError

MAGNITUDES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10**4), "亿": Decimal(10**8)}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

# ---- building blocks (strings, combined into compiled patterns here and in numbers.py) ----------
DIGIT = "[0-9０-９]"
ARABIC = rf"(?:{DIGIT}{{1,3}}(?:,{DIGIT}{{3}})+|{DIGIT}+)(?:[.．]{DIGIT}+)?"
CN_DIGIT = "零〇一二两三四五六七八九"
CN_NUMERAL = CN_DIGIT + "十百千万亿"
# A Chinese run starts with a digit or 十, never with 百/千/万/亿 ("百度", "千万不要", "万一").
CHINESE = rf"[{CN_DIGIT}十][{CN_NUMERAL}]*(?:点[{CN_DIGIT}]+[万亿]*)?"
# 千克/千米/千瓦 are units (kg, km, kW), not "thousand"; 百分 starts a percentage.
MAGNITUDE_RUN = r"(?:百(?!分)|千(?![克米瓦卡])|万|亿)+"
# "一元化"/"多元化" (unification, diversification) are words, not one yuan.
UNIT = r"%|％|个百分点|倍|美元|美金|港元|港币|欧元|日元|元(?!化)|人民币|块钱"
# A currency sign before the number.
PREFIX = r"(?P<prefix>人民币|US\$|HK\$|\$|¥|￥)?"
# The currency a unit after the number, or a sign before it, names (see kind_of).
CURRENCY_BY_UNIT = {
    "元": "RMB", "块钱": "RMB", "人民币": "RMB", "美元": "USD", "美金": "USD",
    "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY",
}
CURRENCY_BY_PREFIX = {"人民币": "RMB", "¥": "RMB", "￥": "RMB", "$": "USD", "US$": "USD", "HK$": "HKD"}
NUMBER_PATTERN = re.compile(
    rf"\s*{PREFIX}(?:(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE}))(?P<more>[多余])?(?P<magnitude>{MAGNITUDE_RUN})?"
    rf"(?P<unit>{UNIT})?\s*"
)


class NumberError(TextError, ValueError):
    """A string that was expected to be a number is not one; the message quotes it."""


def read_chinese(run: str) -> Decimal:
    """Read a Chinese numeral run with cn2an, peeling trailing 万/亿 that cn2an refuses ("三点五万亿")."""
    if run == "百":  # "百分之百"
        return Decimal(100)
    try:
        return Decimal(str(cn2an.cn2an(run, "smart")))
    except (ValueError, KeyError, IndexError, InvalidOperation) as error:
        if len(run) > 1 and run[-1] in "万亿":
            return read_chinese(run[:-1]) * MAGNITUDES[run[-1]]
        raise NumberError(f"{run!r} is not a Chinese number cn2an can read") from error


def is_real_chinese_quantity(run: str, *, has_magnitude_or_unit: bool) -> bool:
    """True for runs that are amounts ("三千万", "十二"), false for words and lists ("一", "一两", "十")."""
    if has_magnitude_or_unit:
        return True
    return len(run) >= 2 and any(place in run for place in "十百千万亿点")


def read_magnitudes(magnitude: str | None) -> Decimal:
    """The factor a run of 百/千/万/亿 stands for ("万亿" -> 10**12); 1 for None."""
    factor = Decimal(1)
    for character in magnitude or "":
        factor *= MAGNITUDES[character]
    return factor


def read_core(arabic: str | None, chinese: str | None, magnitude: str | None) -> Decimal:
    """The value of digits or a Chinese run (whichever is given) times its magnitudes."""
    if arabic is not None:
        base = Decimal(arabic.translate(FULL_WIDTH_DIGITS).replace(",", ""))
    else:
        base = read_chinese(chinese or "")
    return base * read_magnitudes(magnitude)


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
    return float(read_core(match["arabic"], match["chinese"], match["magnitude"]))


def kind_of(unit: str | None, prefix: str | None) -> tuple[str, str | None]:
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
