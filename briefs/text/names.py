"""English forms and pinyin of Chinese names: Hanyu Pinyin without tones, as briefs write them.

People are written surname first, given name joined ("吴洪建" -> "Wu Hongjian", "欧阳娜娜" ->
"Ouyang Nana"); places as one word ("上海" -> "Shanghai", "西安" -> "Xi'an"); other names word by word,
keeping any Latin part as written ("衣衣KK" -> "Yiyi KK"). `search_pinyin` gives the lowercase search
key the knowledge base stores ("曾毓群" -> "zeng yu qun").

`name_syllables` is the one place a name becomes pinyin: every form above is built from it, so a
person's surname is read as a surname (曾 "zeng", not "ceng") the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex
from pypinyin import Style, lazy_pinyin

from briefs.text.script import HAN_CLASS, has_han, is_han

# Two-character surnames: the given name starts after them ("司马南" -> "Sima Nan").
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
        "长孙", "宇文", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "万俟", "澹台", "申屠", "太史",
        "钟离", "闻人", "赫连", "宗政", "濮阳", "公冶", "单于", "百里", "东郭", "第五", "左丘", "梁丘",
        "拓跋",
    ]
)

# Surnames whose reading differs from what pypinyin gives the character alone or at the start of a
# name (pypinyin 0.55 has no surname mode, and its load_*_dict calls change every later conversion
# process-wide). Compound surnames need no entry: pypinyin's phrase dictionary reads all of
# COMPOUND_SURNAMES right ("单于" chan yu, "尉迟" yu chi, "万俟" mo qi, "长孙" zhang sun).
# Sources: the two tables this one replaces (names.py's and entity_kb.py's) and the surname list of
# overtrue/pinyin quoted in python-pinyin issue #297 (the request for a surname mode); only entries
# where pypinyin's own reading is wrong are kept. 尉 alone is "wei" (尉健行 Wei Jianxing), as pypinyin
# reads it; "yu" is only in the compound 尉迟.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "乐": "yue", "盖": "ge", "缪": "miao", "种": "chong", "重": "chong", "员": "yun", "贠": "yun",
    "覃": "qin", "召": "shao", "秘": "bi", "繁": "po", "翟": "zhai", "卜": "bu", "长": "chang",
    "阚": "kan", "薄": "bo", "都": "du", "佴": "nai", "粘": "nian", "乜": "nie", "藏": "zang",
    "折": "she", "六": "lu",
}

# Place suffixes said in English; 市 ("city") is usually dropped ("杭州市" -> "Hangzhou").
PLACE_SUFFIXES = {"省": " Province", "市": "", "县": " County", "区": " District", "镇": " Town"}

HAN_OR_LATIN_RUNS = regex.compile(rf"{HAN_CLASS}+|[A-Za-z0-9][A-Za-z0-9&.'\-]*")
VOWEL_START = re.compile(r"^[aoe]")
SEARCH_WORD = re.compile(r"[a-z0-9]+")


def romanise(han: str) -> list[str]:
    """Toneless pinyin syllables of a run of Chinese characters, "ü" kept; other characters dropped."""
    return lazy_pinyin(han, style=Style.NORMAL, v_to_u=True, errors="ignore")


def _romanise_keeping_others(text: str) -> list[str]:
    """Like `romanise`, but runs of other characters come through as they are ("小米SU7" -> xiao mi SU7)."""
    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)


def surname_length(surface: str) -> int:
    """How many characters of a person's name are the surname: 2 for a compound surname followed by
    a given name ("司马南", "欧阳娜娜"), else 1 ("吴洪建", and "司马" alone)."""
    return 2 if len(surface) >= 3 and surface[:2] in COMPOUND_SURNAMES else 1


def _person_syllables(surface: str, romanise_part: Callable[[str], list[str]]) -> tuple[list[str], list[str]]:
    """The surname's syllables (its surname reading when it has one) and the given name's, apart.

    A name that does not start with a Chinese character has no surname here ("papi酱").
    """
    length = surname_length(surface) if surface and is_han(surface[0]) else 0
    surname, given = surface[:length], surface[length:]
    if surname in SURNAME_READINGS:
        surname_syllables = [SURNAME_READINGS[surname]]
    else:
        surname_syllables = romanise_part(surname) if surname else []
    # The given name is read on its own, never as the tail of a dictionary word that starts with the
    # surname (pypinyin reads the word 解调 "jie tiao"), and the surname table never touches it ("曾乐"
    # is Zeng Le).
    return surname_syllables, (romanise_part(given) if given else [])


def name_syllables(surface: str, *, person: bool = False) -> list[str]:
    """Toneless pinyin syllables of a name, one per Chinese character, "ü" kept ("吕梁" -> lü liang).

    Runs of other characters come through as they are ("小米SU7" -> xiao mi SU7). For a person
    (`person=True`) the surname takes its surname reading and the given name is read on its own:
    "曾毓群" -> zeng yu qun, "乐嘉" -> yue jia, "单于明" -> chan yu ming.
    """
    if not person:
        return _romanise_keeping_others(surface)
    surname, given = _person_syllables(surface, _romanise_keeping_others)
    return surname + given


def search_pinyin(surface: str, *, person: bool = False) -> str:
    """The knowledge base's pinyin search key for a Chinese name; "" if it has no Chinese character.

    Lowercase toneless syllables separated by spaces, ü written "v" as people type it, Latin and
    digits kept as lowercase words, punctuation dropped: "小米SU7" -> "xiao mi su7", "吕梁" -> "lv liang",
    "黑神话：悟空" -> "hei shen hua wu kong"; a person's surname as a surname ("曾毓群" -> "zeng yu qun").
    """
    if not has_han(surface):
        return ""
    syllables = " ".join(name_syllables(surface, person=person)).lower().replace("ü", "v")
    return " ".join(SEARCH_WORD.findall(syllables))


def join_syllables(syllables: list[str]) -> str:
    """Join syllables into one capitalised word, with an apostrophe before a/o/e ("Xi'an")."""
    word = ""
    for syllable in syllables:
        if word and VOWEL_START.match(syllable):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def person_name(surface: str) -> str:
    """A Chinese person's name in English, surname first: "吴洪建" -> "Wu Hongjian", "乐嘉" -> "Yue Jia"."""
    surname, given = _person_syllables(surface, romanise)
    return " ".join(part for part in (join_syllables(surname), join_syllables(given)) if part)


def place_name(surface: str) -> str:
    """A Chinese place name in English: "上海" -> "Shanghai", "浙江省" -> "Zhejiang Province"."""
    suffix = ""
    if len(surface) > 2 and surface[-1] in PLACE_SUFFIXES:
        surface, suffix = surface[:-1], PLACE_SUFFIXES[surface[-1]]
    return join_syllables(romanise(surface)) + suffix


def other_name(surface: str, *, segment: Callable[[str], list[str]] | None = None) -> str:
    """A brand, organisation or handle in English: pinyin per word, Latin parts kept ("衣衣KK" -> "Yiyi KK").

    `segment` splits a run of Chinese characters into words ("字节跳动" -> ["字节", "跳动"] gives
    "Zijie Tiaodong"); without it each run becomes one word.
    """
    parts: list[str] = []
    for run in HAN_OR_LATIN_RUNS.findall(surface):
        if not is_han(run[0]):
            parts.append(run)
            continue
        words = segment(run) if segment else [run]
        if "".join(words) != run:
            words = [run]
        parts.extend(join_syllables(romanise(word)) for word in words)
    return " ".join(part for part in parts if part)
