"""Places from maintained data as knowledge-base rows, with Chinese and English names.

Three lists, each from a library this project already installs; what is typed in here is only what
to leave out and the five official English names pinyin cannot give (OFFICIAL_ENGLISH):
- countries, territories and world regions: CLDR's territory names in `zh` and `en`, through Babel
  ("FR": 法国 / France, "150": 欧洲 / Europe);
- world cities: CLDR's exemplar cities of the time zones, through Babel ("Australia/Melbourne":
  墨尔本 / Melbourne), with the country from Babel's zone-to-territory table;
- Chinese provinces, prefecture-level cities and county-level units (districts, counties, county-level
  cities, banners) from jionlp's administrative-division dictionary, which carries each one's
  6-digit code and short form ("南山区", 440305, "南山"). CLDR has no Chinese names below the country.

Babel does not ship CLDR's subdivision names (states, Länder, provinces abroad: 巴伐利亚 / Bavaria),
so places below the country abroad are only there when they are a time zone's exemplar city.

English names for Chinese places are pinyin, one word, with the English form of the unit
(`briefs.text.names.join_syllables`): "南山区" → "Nanshan District", "浦东新区" → "Pudong New Area",
"吉林省" → "Jilin Province", "延边朝鲜族自治州" → "Yanbian Autonomous Prefecture" (the short form the
dictionary gives is the stem, so the ethnic group drops out); 市 is dropped as briefs drop it
("宿州市" → "Suzhou"). Hong Kong, Macau and Taiwan are left out of the dictionary part: their English
names are not pinyin (Wan Chai, Kaohsiung); CLDR names Taiwan, Hong Kong, Macao and Taipei.

Every Chinese surface form belongs to one row at most, because the tagger gives a form's mentions
to one entity:
- A Chinese name shared by several places ("南山区" is in Shenzhen and in Hegang) stays bare only on
  the one clearly more prominent place: the one in a city jionlp lists as one of China's main cities
  or its capital, then in a provincial capital (code xx01). The others, and generic district names
  ("城区", "东区"), are named with their parent ("鹤岗市南山区", "Nanshan District, Hegang").
- A short form becomes an alias only when no other place has it as a name or short form ("南山"
  belongs to two districts and is nobody's alias).
- Districts and counties offer their short form only in China's capital and main cities (浦东, 海淀,
  余杭), where the news names them without the unit word, and only when jieba's dictionary does not
  have it as an everyday word ("中方", "合作", "比如" and "公安" are counties too). Elsewhere articles
  write the full name, and the two characters of 2,800 counties are mostly words or parts of words
  too: the labelled corpus found 商城 in "京东商城", 云和 in "阿里云和通义", 新建 and 古城 in prose.
- An English name shared by several places goes to the most prominent one when there is one; the
  others are qualified with their parent ("Taizhou, Zhejiang" and "Taizhou, Jiangsu").
- A CLDR row whose Chinese name is already a name or short form of the dictionary's places (上海,
  乌鲁木齐), or of a territory (the city 新加坡), is the same place, and is left out.

The caller (briefs/kb/reference_entities.py) decides what to do with rows the knowledge base already
knows; `english_names` lets it pass the curated English names of places, used for the parents in
descriptions and qualifiers ("District in Hohhot, Inner Mongolia", not "Neimenggu").
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from briefs.text.names import join_syllables, romanise, search_pinyin

SOURCE_CLDR = "cldr"
SOURCE_PLACES = "places"

# CLDR territories left out: 世界 ("world") is an everyday word; ZZ, XA and XB are not places; the
# United Nations is an organisation; CLDR names Hong Kong and Macau "中国香港特别行政区" / "Hong Kong
# SAR China", where briefs write 香港 / Hong Kong as the exemplar cities do.
EXCLUDED_TERRITORIES = frozenset({"001", "ZZ", "XA", "XB", "UN", "HK", "MO"})
# Time zones that name no city: Etc/UTC, and Antarctic research stations (Casey, Davis, Troll).
EXCLUDED_ZONE_AREAS = ("Etc/", "Antarctica/")

# Province-level units of the dictionary left out, with everything under them (see the module doc).
EXCLUDED_PROVINCES = frozenset({"香港特别行政区", "澳门特别行政区", "台湾省"})
# The dictionary's placeholders for units directly under a province or city: not places.
PLACEHOLDER_SUFFIX = "行政区划"

# The unit words of Chinese place names, longest first: (suffix, English after the stem, what it is).
# 市 has no English: "杭州市" is Hangzhou.
UNIT_SUFFIXES = (
    ("自治区", " Autonomous Region", "Autonomous region"),
    ("自治州", " Autonomous Prefecture", "Autonomous prefecture"),
    ("自治县", " Autonomous County", "Autonomous county"),
    ("自治旗", " Autonomous Banner", "Autonomous banner"),
    ("新区", " New Area", "New area"),
    ("林区", " Forestry District", "Forestry district"),
    ("特区", " Special District", "Special district"),
    ("地区", " Prefecture", "Prefecture"),
    ("省", " Province", "Province"),
    ("盟", " League", "League"),
    ("旗", " Banner", "Banner"),
    ("县", " County", "County"),
    ("区", " District", "District"),
    ("市", "", "City"),
)
# Administrative levels, as ranks: a province outranks a city, a city a district.
PROVINCE, CITY, COUNTY = 3, 2, 1
# County-level codes ending 71-79 are development zones and management areas (郑州经济技术开发区,
# 龙感湖管理区): functional zones, not administrative divisions, with no English name to give.
FUNCTIONAL_ZONE_DIGIT = "7"
# jieba tags that mark a dictionary word as a place or a person's name rather than an ordinary word.
NAME_TAGS = frozenset({"ns", "nr", "nrfg", "nrt"})
# Names of two characters keep both in English ("芒市" → Mangshi), as briefs/text/names.place_name does;
# those ending in 区 are a direction or a plain word before "district" ("东区", "城区", "矿区"), never a
# name on their own, so they always carry their city.
SHORT_NAME_LENGTH = 2
GENERIC_DISTRICT_SUFFIX = "区"
# Province-level units whose official English name is not their pinyin with the unit word: Shaanxi
# keeps its double "a" apart from Shanxi, and autonomous regions name their people. Both forms: the
# entity's name, and the short one that names it as a parent ("District in Hohhot, Inner Mongolia").
OFFICIAL_ENGLISH = {
    "陕西省": ("Shaanxi Province", "Shaanxi"),
    "内蒙古自治区": ("Inner Mongolia Autonomous Region", "Inner Mongolia"),
    "广西壮族自治区": ("Guangxi Zhuang Autonomous Region", "Guangxi"),
    "宁夏回族自治区": ("Ningxia Hui Autonomous Region", "Ningxia"),
    "新疆维吾尔自治区": ("Xinjiang Uygur Autonomous Region", "Xinjiang"),
}


@dataclass(frozen=True)
class ReferencePlace:
    """One place as a knowledge-base row.

    `code` identifies it within its source ("region:FR", "city:Australia/Melbourne", "440305"), so
    loading again updates the same entity. `qualified_name_en` is the English name with its parent
    ("Suzhou, Anhui"), for when the plain one is taken; "" when there is none to give.
    """

    source: str
    code: str
    name_zh: str
    name_en: str
    qualified_name_en: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""
    pinyin: str = ""


@dataclass(frozen=True)
class Candidate:
    """A place before the rows are made to agree: its own names, its short forms and its parent.

    `qualifier_zh` and `qualifier_en` name the parent ("鹤岗市", "Hegang") for when the place's own
    name is shared; `rank` orders places by prominence (level, in a main city, in a capital);
    `checks_short_forms` asks that short forms be known to jieba as names, not ordinary words;
    `offers_short_forms` is False for a place whose short forms are no aliases but still count as
    claimed (a county outside the main cities: its short form is nobody's).
    """

    source: str
    code: str
    name_zh: str
    name_en: str
    short_forms: tuple[str, ...] = ()
    description: str = ""
    qualifier_zh: str = ""
    qualifier_en: str = ""
    rank: tuple[int, ...] = ()
    checks_short_forms: bool = False
    offers_short_forms: bool = True
    is_qualified: bool = False

    def qualified(self) -> Candidate:
        """This place named with its parent: "鹤岗市南山区", "Nanshan District, Hegang"."""
        if self.is_qualified or not self.qualifier_zh:
            return self
        return replace(
            self, name_zh=self.qualifier_zh + self.name_zh, name_en=self.qualified_name_en(), is_qualified=True
        )

    def qualified_name_en(self) -> str:
        if not self.qualifier_en or self.name_en.endswith(f", {self.qualifier_en}"):
            return self.name_en if self.is_qualified else ""
        return f"{self.name_en}, {self.qualifier_en}"


def reference_places(*, english_names: Mapping[str, str] | None = None) -> list[ReferencePlace]:
    """Every reference place: CLDR territories and cities and the Chinese place dictionary, made to agree.

    `english_names` maps Chinese names the caller already knows to their English names; they name
    parents in descriptions. Loads Babel's locale data and jionlp's dictionary (about 2 s).
    """
    english_names = english_names or {}
    places = china_places(_china_divisions(), main_cities=_main_chinese_cities(), english_names=english_names)
    territories = cldr_territories(other_names=_other_country_names())
    cities = cldr_cities()
    return settle_places([*places, *territories, *cities], is_ordinary_word=is_ordinary_word)


def settle_places(candidates: Iterable[Candidate], *, is_ordinary_word=lambda name: False) -> list[ReferencePlace]:
    """Rows from candidates, every Chinese name and alias held by one row and English names distinct.

    Candidates come in order of precedence (the dictionary's places, then territories, then cities):
    a CLDR candidate whose Chinese name an earlier candidate already holds is the same place and is
    dropped. See the module doc for the rules; `is_ordinary_word(name)` says whether a name is an
    everyday word (jieba's dictionary in `reference_places`).
    """
    kept = _drop_places_known_from_another_source(list(candidates))
    kept = _settle_chinese_names(kept)
    aliases = _settle_short_forms(kept, is_ordinary_word)
    kept = _settle_english_names(kept)
    return [
        ReferencePlace(
            source=candidate.source,
            code=candidate.code,
            name_zh=candidate.name_zh,
            name_en=candidate.name_en,
            qualified_name_en=candidate.qualified_name_en(),
            aliases=aliases[candidate.code, candidate.source],
            description=candidate.description,
            pinyin=search_pinyin(candidate.name_zh),
        )
        for candidate in kept
    ]


def _drop_places_known_from_another_source(candidates: list[Candidate]) -> list[Candidate]:
    """CLDR candidates an earlier candidate already names are left out; a dictionary place a CLDR
    city names takes CLDR's English name, which is how the city writes itself ("乌鲁木齐" → Urumqi,
    not Wulumuqi)."""
    holders: dict[str, int] = {}
    kept: list[Candidate] = []
    for candidate in candidates:
        holder = holders.get(candidate.name_zh)
        if candidate.source == SOURCE_CLDR and holder is not None:
            earlier = kept[holder]
            if earlier.source == SOURCE_PLACES and candidate.code.startswith("city:"):
                kept[holder] = replace(earlier, name_en=candidate.name_en)
            continue
        for name in (candidate.name_zh, *candidate.short_forms):
            holders.setdefault(name, len(kept))
        kept.append(candidate)
    return kept


def _most_prominent(group: list[Candidate]) -> Candidate | None:
    """The one candidate ranked above all others in `group`, or None when the first place is shared."""
    ranked = sorted(group, key=lambda candidate: candidate.rank, reverse=True)
    if len(ranked) > 1 and ranked[0].rank == ranked[1].rank:
        return None
    return ranked[0]


def _settle_chinese_names(candidates: list[Candidate]) -> list[Candidate]:
    """Shared Chinese names stay bare on the most prominent place only; the others, and generic district
    names ("城区"), get their parent."""
    by_name: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_name[candidate.name_zh].append(candidate)
    settled = []
    for candidate in candidates:
        group = by_name[candidate.name_zh]
        is_generic = len(candidate.name_zh) <= SHORT_NAME_LENGTH and candidate.name_zh.endswith(GENERIC_DISTRICT_SUFFIX)
        is_shared = len(group) > 1 and _most_prominent(group) is not candidate
        settled.append(candidate.qualified() if is_generic or is_shared else candidate)
    # A qualified name can meet another place's name (rare): the later one is left out.
    seen: set[str] = set()
    unique = []
    for candidate in settled:
        if candidate.name_zh not in seen:
            seen.add(candidate.name_zh)
            unique.append(candidate)
    return unique


def _settle_short_forms(candidates: list[Candidate], is_ordinary_word) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each candidate's aliases: its short forms that no other place claims and that are no everyday word."""
    names = {candidate.name_zh for candidate in candidates}
    claims: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        for form in set(candidate.short_forms):
            claims[form] += 1
    aliases = {}
    for candidate in candidates:
        aliases[candidate.code, candidate.source] = tuple(
            form
            for form in dict.fromkeys(candidate.short_forms)
            if form != candidate.name_zh
            and len(form) >= 2
            and claims[form] == 1
            and form not in names
            and candidate.offers_short_forms
            and not (candidate.checks_short_forms and is_ordinary_word(form))
        )
    return aliases


def _settle_english_names(candidates: list[Candidate]) -> list[Candidate]:
    """A shared English name stays on the most prominent place; the others are qualified with their parent.

    A name still shared after that (two places of one parent whose names read alike) is left out of
    the later place, which then has no English name of its own and is dropped.
    """
    by_name: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_name[candidate.name_en].append(candidate)
    settled = []
    taken: set[str] = set()
    for candidate in candidates:
        group = by_name[candidate.name_en]
        if len(group) > 1 and _most_prominent(group) is not candidate and candidate.qualified_name_en():
            candidate = replace(candidate, name_en=candidate.qualified_name_en(), is_qualified=True)
        if candidate.name_en in taken:
            continue
        taken.add(candidate.name_en)
        settled.append(candidate)
    return settled


# --- CLDR, through Babel ------------------------------------------------------------------------


def cldr_territories(*, other_names: Mapping[str, tuple[str, ...]] | None = None) -> list[Candidate]:
    """Countries, territories and world regions with their CLDR names in Chinese and English.

    `other_names` maps a Chinese country name to its other forms, kept as aliases: the official long
    form ("法国" → 法兰西共和国) or the short one ("阿拉伯联合酋长国" → 阿联酋).
    """
    from babel import Locale

    zh, en = Locale("zh").territories, Locale("en").territories
    other_names = other_names or {}
    candidates = []
    for code, name_zh in zh.items():
        name_en = en.get(code)
        if code in EXCLUDED_TERRITORIES or not name_en:
            continue
        is_region = code.isdigit()
        candidates.append(
            Candidate(
                source=SOURCE_CLDR,
                code=f"region:{code}",
                name_zh=name_zh,
                name_en=name_en,
                # Only countries: jionlp's "中非" is the Central African Republic, CLDR's "017" Middle Africa.
                short_forms=() if is_region else other_names.get(name_zh, ()),
                description="World region" if is_region else "Country or territory",
                rank=(PROVINCE + 1,),
            )
        )
    return candidates


def cldr_cities() -> list[Candidate]:
    """Cities that name a time zone (CLDR's exemplar cities), in Chinese and English, with their country.

    The English name is CLDR's English exemplar city, or, as CLDR says when there is none, the last
    part of the zone's name ("America/Sao_Paulo" → Sao Paulo). Places CLDR writes with their state
    ("Knox, Indiana") are small towns, and left out.
    """
    from babel import Locale
    from babel.core import get_global

    zh, en = Locale("zh"), Locale("en")
    zone_territories, zone_aliases = get_global("zone_territories"), get_global("zone_aliases")
    countries = en.territories
    candidates = []
    for zone, names in zh.time_zones.items():
        name_zh = names.get("city")
        if not name_zh or zone.startswith(EXCLUDED_ZONE_AREAS):
            continue
        name_en = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if "," in name_en:
            continue
        territory = zone_territories.get(zone) or zone_territories.get(zone_aliases.get(zone, ""), "")
        country = countries.get(territory, "")
        candidates.append(
            Candidate(
                source=SOURCE_CLDR,
                code=f"city:{zone}",
                name_zh=name_zh,
                name_en=name_en,
                description=f"City in {country}" if country else "City",
                qualifier_en=country,
                rank=(CITY,),
            )
        )
    return candidates


# --- jionlp's dictionary of Chinese administrative divisions ----------------------------------


@dataclass(frozen=True)
class _Unit:
    """One administrative division as the dictionary gives it."""

    name: str
    short: str
    code: str
    other_shorts: tuple[str, ...] = ()


def china_places(
    divisions: Mapping, *, main_cities: Iterable[str] = (), english_names: Mapping[str, str] | None = None
) -> list[Candidate]:
    """Provinces, prefecture-level cities and county-level units from jionlp's `china_location_loader()`.

    `divisions` is that nested dict: province → city → county, each with `_full_name`, `_alias` (the
    short form; a list for cities) and `_admin_code`. `main_cities` are short forms of the cities
    that count as most prominent ("北京", "上海", "深圳"); `english_names` English names the caller
    knows, by Chinese name, used for parents.
    """
    english_names = english_names or {}
    main = frozenset(main_cities)
    candidates = []
    for province_name, province_data in divisions.items():
        if province_name in EXCLUDED_PROVINCES:
            continue
        province = _unit(province_name, province_data)
        province_en = _known_english(province, english_names)
        candidates.append(_province(province))
        for city_name, city_data in _children(province_data):
            city = _unit(city_name, city_data)
            # A municipality (北京市) is its own only city: its districts belong to it directly.
            is_municipality = city.name == province.name
            is_placeholder = city.name.endswith(PLACEHOLDER_SUFFIX)
            if not is_municipality and not is_placeholder:
                candidates.append(_city(city, province, province_en, main))
            parent = province if is_municipality or is_placeholder else city
            parent_en = province_en if parent is province else _known_english(city, english_names)
            where = parent_en if parent is province else f"{parent_en}, {province_en}"
            is_prominent = is_municipality or city.short in main
            is_capital = parent is city and city.code[2:4] == "01"
            for county_name, county_data in _children(city_data):
                county = _unit(county_name, county_data)
                if _is_administrative(county):
                    candidates.append(_county(county, parent, parent_en, where, (is_prominent, is_capital)))
    return candidates


def _place(unit: _Unit, level: str, where: str, **fields) -> Candidate:
    """A place of the dictionary at `level` (province, city or county), described as being `where`."""
    return Candidate(
        source=SOURCE_PLACES,
        code=unit.code,
        name_zh=unit.name,
        name_en=english_place_name(unit),
        short_forms=_short_forms(unit),
        description=f"{_unit_label(unit.name, level)} {where}",
        **fields,
    )


def _province(province: _Unit) -> Candidate:
    return _place(province, PROVINCE, "of China", rank=(PROVINCE,))


def _city(city: _Unit, province: _Unit, province_en: str, main: frozenset[str]) -> Candidate:
    return _place(
        city,
        CITY,
        f"in {province_en}",
        qualifier_zh=province.name,
        qualifier_en=province_en,
        rank=(CITY, city.short in main, city.code[2:4] == "01"),
    )


def _county(county: _Unit, parent: _Unit, parent_en: str, where: str, prominence: tuple[bool, bool]) -> Candidate:
    return _place(
        county,
        COUNTY,
        f"in {where}",
        qualifier_zh=parent.name,
        qualifier_en=parent_en,
        rank=(COUNTY, *prominence),
        checks_short_forms=True,
        offers_short_forms=prominence[0],
    )


def _unit(name: str, data: Mapping) -> _Unit:
    # Cities may have several short forms ("襄阳/襄樊"); the first is the stem of the English name.
    shorts = data.get("_alias") or []
    shorts = [shorts] if isinstance(shorts, str) else list(shorts)
    return _Unit(
        name=name,
        short=shorts[0] if shorts else "",
        code=str(data.get("_admin_code", "")),
        other_shorts=tuple(shorts[1:]),
    )


def _children(data: Mapping):
    return [(name, value) for name, value in data.items() if not name.startswith("_") and isinstance(value, Mapping)]


def _is_administrative(unit: _Unit) -> bool:
    """A district, county, county-level city or banner; not a functional zone or a placeholder."""
    if len(unit.code) != 6 or unit.code[4] == FUNCTIONAL_ZONE_DIGIT:
        return False
    return any(unit.name.endswith(suffix) for suffix, _, _ in UNIT_SUFFIXES) and not unit.name.endswith(
        PLACEHOLDER_SUFFIX
    )


def _short_forms(unit: _Unit) -> tuple[str, ...]:
    return tuple(short for short in (unit.short, *unit.other_shorts) if short and short != unit.name)


def _unit_suffix(name: str) -> tuple[str, str, str] | None:
    return next((entry for entry in UNIT_SUFFIXES if name.endswith(entry[0])), None)


def _unit_label(name: str, level: int) -> str:
    """What the unit is, in English: "District", "Autonomous prefecture", "Municipality", "County-level city"."""
    entry = _unit_suffix(name)
    label = entry[2] if entry else "Place"
    if label == "City":
        return {PROVINCE: "Municipality", CITY: "City", COUNTY: "County-level city"}[level]
    return label


def _stem(unit: _Unit) -> str:
    """The name without its unit word; the dictionary's short form when the name starts with it.

    "南山区" → 南山; "延边朝鲜族自治州" (short form 延边) → 延边; names of two characters keep both
    ("芒市", "城区"), as briefs/text/names.place_name does.
    """
    if len(unit.name) <= SHORT_NAME_LENGTH:
        return unit.name
    if unit.short and unit.short != unit.name and unit.name.startswith(unit.short):
        return unit.short
    entry = _unit_suffix(unit.name)
    return unit.name[: -len(entry[0])] if entry else unit.name


def english_place_name(unit: _Unit) -> str:
    """A Chinese administrative unit's English name: its stem in pinyin and the unit in English.

    "南山区" → "Nanshan District", "浦东新区" → "Pudong New Area", "宿州市" → "Suzhou", "芒市" →
    "Mangshi"; OFFICIAL_ENGLISH where pinyin is not the official name ("Inner Mongolia Autonomous Region").
    """
    if unit.name in OFFICIAL_ENGLISH:
        return OFFICIAL_ENGLISH[unit.name][0]
    stem = _stem(unit)
    entry = _unit_suffix(unit.name) if stem != unit.name else None
    return _stem_in_pinyin(unit) + (entry[1] if entry else "")


def _stem_in_pinyin(unit: _Unit) -> str:
    """The stem as one pinyin word, read in the context of the whole name: 朝阳区 is Chaoyang, not Zhaoyang."""
    stem = _stem(unit)
    syllables = romanise(unit.name)
    if unit.name.startswith(stem) and len(syllables) == len(unit.name):
        return join_syllables(syllables[: len(stem)])
    return join_syllables(romanise(stem))


def _known_english(unit: _Unit, english_names: Mapping[str, str]) -> str:
    """The English name of a parent: the caller's (by full or short name), the official one, or the stem in pinyin."""
    for name in (unit.name, unit.short):
        if name and name in english_names:
            return english_names[name]
    if unit.name in OFFICIAL_ENGLISH:
        return OFFICIAL_ENGLISH[unit.name][1]
    return _stem_in_pinyin(unit)


# --- Library data and jieba -----------------------------------------------------------------------


@functools.cache
def _jionlp_dictionary_loader():
    """jionlp's dictionary loaders; importing jionlp prints a banner, which is not ours to print."""
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary import dictionary_loader
    return dictionary_loader


def _china_divisions() -> dict:
    return _jionlp_dictionary_loader().china_location_loader(detail=False)


def _world_locations() -> dict:
    return _jionlp_dictionary_loader().world_location_loader()


def _main_chinese_cities() -> list[str]:
    """China's capital and main cities as jionlp's world dictionary lists them (北京, 上海, 深圳, …)."""
    china = _world_locations().get("亚洲", {}).get("中国", {})
    return [china.get("capital", ""), *china.get("main_city", [])]


def _other_country_names() -> dict[str, tuple[str, ...]]:
    """Each country's short and official long Chinese name, from jionlp's world dictionary, one to the other.

    "韩国" → (大韩民国,), "大韩民国" → (韩国,): CLDR writes some countries one way ("法国"), some the
    other ("阿拉伯联合酋长国"), so either can find the other.
    """
    names: dict[str, tuple[str, ...]] = {}
    for continent in _world_locations().values():
        for name, details in continent.items():
            full_name = details.get("full_name") or ""
            if full_name and full_name != name:
                names[name] = (*names.get(name, ()), full_name)
                names[full_name] = (*names.get(full_name, ()), name)
    return names


@functools.cache
def _word_tags() -> Mapping[str, str]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt.word_tag_tab


def is_ordinary_word(name: str) -> bool:
    """True when jieba's dictionary has `name` as a word that is neither a place nor a person's name.

    "中方" (f), "合作" (vn), "城区" (n) are ordinary words; "浦东" (ns), "宝安" (nr) and words jieba does
    not know ("张江") are not.
    """
    tag = _word_tags().get(name)
    return tag is not None and tag not in NAME_TAGS
