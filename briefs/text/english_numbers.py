"""Numbers in English: write a value the way a brief writes it, and read the values back out of English.

Pure functions over strings, no Django. `format_english` ("260 million", "RMB 1.2 billion", "35%")
and `format_range` write what `numbers.find_figures` reads from Chinese; `english_figure_values`
reads the numbers an English brief mentions, so checks can compare a brief with its source.
"""

from __future__ import annotations

import re
from decimal import Decimal

from briefs.text.numerals import NumberError

SCALE_WORDS = ((Decimal(10**12), "trillion"), (Decimal(10**9), "billion"), (Decimal(10**6), "million"))
# Currency codes accepted by format_english, and the prefix each one gets in English.
CURRENCY_PREFIXES = {"RMB": "RMB ", "CNY": "RMB ", "USD": "US$", "HKD": "HK$", "EUR": "EUR ", "JPY": "JPY "}


# ---- English formatting ----------------------------------------------------------------------

def trim(number: Decimal, places: int) -> str:
    """`number` with thousands separators and at most `places` decimals, trailing zeros dropped."""
    text = f"{number:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_amount(value: Decimal) -> str:
    magnitude = abs(value)
    for index, (scale, word) in enumerate(SCALE_WORDS):
        if magnitude >= scale:
            # 999,999,999 rounds to "1 billion", not "1,000 million".
            if index > 0 and round(magnitude / scale, 2) >= 1000:
                scale, word = SCALE_WORDS[index - 1]
            return f"{trim(value / scale, 2)} {word}"
    return trim(value, 6)


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
        return f"{trim(amount, 6)}%"
    if kind == "multiple":
        return f"{trim(amount, 6)}x"
    if kind == "date":
        return trim(amount, 6).replace(",", "")
    raise NumberError(f"cannot format kind {kind!r} from one value; kinds are number, money, percent, multiple, date")


def format_range(low: Decimal, high: Decimal, *, kind: str, currency: str | None) -> str:
    prefix = CURRENCY_PREFIXES[currency] if kind == "money" and currency else ""
    suffix = {"percent": "%", "multiple": "x"}.get(kind, "")
    low_text, high_text = _format_amount(low), _format_amount(high)
    low_number, _, low_word = low_text.partition(" ")
    high_number, _, high_word = high_text.partition(" ")
    if low_word and low_word == high_word:  # "RMB 1–2 million", not "RMB 1 million–2 million"
        return f"{prefix}{low_number}–{high_number} {high_word}{suffix}"
    return f"{prefix}{low_text}–{high_text}{suffix}"


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
