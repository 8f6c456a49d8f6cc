"""Pinyin and English forms of Chinese names (briefs/text/names.py), surnames above all."""

import pytest

from briefs.text.names import (
    SURNAME_READINGS,
    name_syllables,
    other_name,
    person_name,
    place_name,
    search_pinyin,
)


@pytest.mark.parametrize(
    ("surface", "english"),
    [
        ("吴洪建", "Wu Hongjian"),
        ("乐嘉", "Yue Jia"),  # 乐 as a surname is yue; pypinyin alone says le
        ("曾乐", "Zeng Le"),  # ...but only the surname takes the surname reading
        ("曾毓群", "Zeng Yuqun"),
        ("单田芳", "Shan Tianfang"),
        ("查良镛", "Zha Liangyong"),
        ("翟天临", "Zhai Tianlin"),
        ("仇英", "Qiu Ying"),
        ("朴槿惠", "Piao Jinhui"),
        ("区志航", "Ou Zhihang"),
        ("解缙", "Xie Jin"),
        ("阚清子", "Kan Qingzi"),
        ("薄熙来", "Bo Xilai"),
        ("覃海洋", "Qin Haiyang"),
        ("尉健行", "Wei Jianxing"),  # 尉 alone is wei; yu only in 尉迟
        ("尉迟恭", "Yuchi Gong"),
        ("单于明", "Chanyu Ming"),
        ("司马南", "Sima Nan"),
        ("长孙无忌", "Zhangsun Wuji"),
        ("欧阳娜娜", "Ouyang Nana"),
        ("司马", "Si Ma"),  # a compound surname needs a given name after it to count as one
    ],
)
def test_person_names_read_the_surname_as_a_surname(surface, english):
    assert person_name(surface) == english


@pytest.mark.parametrize("surname", sorted(SURNAME_READINGS))
def test_every_form_of_a_person_takes_the_one_surname_table(surname):
    reading = SURNAME_READINGS[surname]
    assert person_name(f"{surname}明") == f"{reading.capitalize()} Ming"
    assert name_syllables(f"{surname}明", person=True) == [reading, "ming"]
    assert search_pinyin(f"{surname}明", person=True) == f"{reading} ming"


@pytest.mark.parametrize(
    ("surface", "person", "key"),
    [
        ("曾毓群", True, "zeng yu qun"),
        ("曾经", False, "ceng jing"),  # not a person: no surname reading
        ("乐山", False, "le shan"),
        ("乐嘉", True, "yue jia"),
        ("吕梁", False, "lv liang"),  # ü typed as v
        ("小米SU7", False, "xiao mi su7"),
        ("黑神话：悟空", False, "hei shen hua wu kong"),
        ("蒂姆·库克", True, "di mu ku ke"),
        ("papi酱", True, "papi jiang"),  # starts with Latin: no surname to read
        ("TikTok", False, ""),
        ("", True, ""),
    ],
)
def test_search_pinyin_is_lowercase_syllables_with_latin_kept(surface, person, key):
    assert search_pinyin(surface, person=person) == key


def test_places_and_other_names_never_take_surname_readings():
    assert place_name("乐山市") == "Leshan"
    assert place_name("长沙") == "Changsha"
    assert other_name("曾经KK") == "Cengjing KK"
    assert name_syllables("吕梁") == ["lü", "liang"]
