"""Reference places from maintained data (briefs/text/reference_places.py): CLDR through Babel, jionlp's dictionary."""

from collections import Counter

import pytest

from briefs.text.reference_places import (
    SOURCE_CLDR,
    SOURCE_PLACES,
    Candidate,
    china_places,
    reference_places,
    settle_places,
)


@pytest.fixture(scope="module")
def places():
    return reference_places()


@pytest.fixture(scope="module")
def by_name(places):
    return {place.name_zh: place for place in places}


def test_countries_come_from_cldr_in_chinese_and_english(by_name):
    france = by_name["法国"]
    assert (france.source, france.code, france.name_en) == (SOURCE_CLDR, "region:FR", "France")
    assert "法兰西共和国" in france.aliases


def test_a_country_cldr_names_in_full_takes_its_short_chinese_name_as_an_alias(by_name):
    assert by_name["阿拉伯联合酋长国"].aliases == ("阿联酋",)


def test_world_cities_are_cldr_exemplar_cities_with_their_country(by_name):
    melbourne = by_name["墨尔本"]
    assert (melbourne.source, melbourne.name_en, melbourne.description) == (
        SOURCE_CLDR,
        "Melbourne",
        "City in Australia",
    )
    assert melbourne.qualified_name_en == "Melbourne, Australia"


def test_a_district_is_named_in_pinyin_with_its_unit_and_its_city(by_name):
    nanshan = by_name["南山区"]
    assert (nanshan.source, nanshan.code, nanshan.name_en) == (SOURCE_PLACES, "440305", "Nanshan District")
    assert nanshan.description == "District in Shenzhen, Guangdong"
    assert nanshan.pinyin == "nan shan qu"


def test_a_new_area_keeps_its_english_unit_and_its_short_form(by_name):
    pudong = by_name["浦东新区"]
    assert (pudong.name_en, pudong.aliases) == ("Pudong New Area", ("浦东",))


def test_a_shared_district_name_stays_bare_on_the_one_in_a_main_city(by_name):
    # Shenzhen is one of jionlp's main Chinese cities; Hegang is not.
    assert by_name["南山区"].code == "440305"
    hegang = by_name["鹤岗市南山区"]
    assert (hegang.code, hegang.name_en) == ("230404", "Nanshan District, Hegang")


def test_a_short_form_two_places_share_is_nobodys_alias(places):
    assert not [place.name_zh for place in places if "南山" in place.aliases]


def test_counties_outside_the_main_cities_offer_no_short_form(by_name):
    # 商城县 (Henan): 商城 is "mall", as in 京东商城; 云和县 (Zhejiang): "阿里云和通义".
    assert by_name["商城县"].aliases == ()
    assert by_name["云和县"].aliases == ()
    assert by_name["余杭区"].aliases == ("余杭",)


def test_generic_district_names_always_carry_their_city(places):
    assert not {"城区", "郊区", "矿区", "东区"} & {place.name_zh for place in places}


def test_a_pinyin_name_is_read_in_the_context_of_the_whole_name(by_name):
    assert by_name["朝阳区"].name_en == "Chaoyang District"


def test_a_cldr_city_the_dictionary_has_lends_it_its_english_name(by_name):
    assert "乌鲁木齐" not in by_name
    assert by_name["乌鲁木齐市"].name_en == "Urumqi"


def test_places_with_the_same_english_name_are_told_apart_by_their_province(by_name):
    assert by_name["台州市"].name_en == "Taizhou, Zhejiang"
    assert by_name["泰州市"].name_en == "Taizhou, Jiangsu"


def test_official_english_names_replace_pinyin_where_they_differ(by_name):
    assert by_name["陕西省"].name_en == "Shaanxi Province"
    assert by_name["山西省"].name_en == "Shanxi Province"
    assert by_name["呼和浩特市"].description == "City in Inner Mongolia"


def test_every_chinese_name_and_alias_belongs_to_one_place_and_english_names_are_distinct(places):
    surfaces = Counter(surface for place in places for surface in {place.name_zh, *place.aliases})
    assert [surface for surface, count in surfaces.items() if count > 1] == []
    english = Counter(place.name_en for place in places)
    assert [name for name, count in english.items() if count > 1] == []


def test_development_zones_and_hong_kong_macau_taiwan_units_are_left_out(places):
    names = {place.name_zh for place in places}
    assert "郑州经济技术开发区" not in names
    assert not {"台北市", "湾仔区", "香港特别行政区"} & names
    assert "台北" in names  # as CLDR's exemplar city Taipei


def city(code, name, *, short=(), rank=(2,), parent=("", "")):
    return Candidate(
        source=SOURCE_PLACES,
        code=code,
        name_zh=name,
        name_en=name,
        short_forms=short,
        rank=rank,
        qualifier_zh=parent[0],
        qualifier_en=parent[1],
        checks_short_forms=True,
    )


def test_a_shared_name_with_no_clear_first_place_is_bare_on_none():
    rows = settle_places(
        [
            city("1", "城关区", rank=(1, False, True), parent=("兰州市", "Lanzhou")),
            city("2", "城关区", rank=(1, False, True), parent=("拉萨市", "Lhasa")),
        ]
    )
    assert [row.name_zh for row in rows] == ["兰州市城关区", "拉萨市城关区"]


def test_a_short_form_is_an_alias_only_when_it_is_no_ordinary_word():
    rows = settle_places(
        [city("1", "合作市", short=("合作",)), city("2", "余杭区", short=("余杭",))],
        is_ordinary_word=lambda name: name == "合作",
    )
    assert [row.aliases for row in rows] == [(), ("余杭",)]


def test_functional_zones_and_placeholders_of_the_dictionary_are_not_places():
    divisions = {
        "河南省": {
            "_full_name": "河南省",
            "_alias": "河南",
            "_admin_code": "410000",
            "郑州市": {
                "_full_name": "郑州市",
                "_alias": ["郑州"],
                "_admin_code": "410100",
                "金水区": {"_full_name": "金水区", "_alias": "金水", "_admin_code": "410105"},
                "郑州经济技术开发区": {"_full_name": "郑州经济技术开发区", "_alias": "经开区", "_admin_code": "410171"},
            },
            "省直辖行政区划": {
                "_full_name": "省直辖行政区划",
                "_alias": ["省直辖"],
                "_admin_code": "419000",
                "济源市": {"_full_name": "济源市", "_alias": "济源", "_admin_code": "419001"},
            },
        }
    }
    candidates = {candidate.name_zh: candidate for candidate in china_places(divisions)}
    assert set(candidates) == {"河南省", "郑州市", "金水区", "济源市"}
    assert candidates["济源市"].description == "County-level city in Henan"
    assert candidates["金水区"].description == "District in Zhengzhou, Henan"
