"""Suggestions of names the knowledge base does not know, and their proposed English names."""

from pathlib import Path

import pytest

from briefs.text.ner import NameSpan
from briefs.text.suggest import propose_english_name, suggest_names
from briefs.text.tag import KnownEntity, build_matcher

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_601187230134c3b3.txt"

MATCHER = build_matcher(
    [
        KnownEntity("xiaohongshu", "Xiaohongshu", "company", "小红书"),
        KnownEntity("douyin", "Douyin", "brand", "抖音"),
        KnownEntity("kuaishou", "Kuaishou", "company", "快手"),
        KnownEntity("bilibili", "Bilibili", "company", "哔哩哔哩", ("B站",)),
        KnownEntity("zhihu", "Zhihu", "company", "知乎"),
        KnownEntity("shanghai", "Shanghai", "place", "上海"),
        KnownEntity("united-states", "United States", "place", "美国"),
        KnownEntity("ke-nan", "Ke Nan", "person", "柯南"),
        KnownEntity("dong-jie", "Dong Jie", "person", "董洁"),
    ]
)


def surfaces(text: str, **options) -> dict[str, str]:
    return {s.surface: s.kind for s in suggest_names(text, matcher=options.pop("matcher", MATCHER), **options)}


def test_a_person_in_quotes_after_a_role_is_suggested():
    assert surfaces("美妆博主“糖糖Lily”上周开了第一场直播。")["糖糖Lily"] == "person"


def test_a_person_in_quotes_followed_by_a_role_is_suggested():
    assert surfaces("“小鹿姐”是抖音上一位知名的母婴达人，粉丝超过百万。")["小鹿姐"] == "person"


def test_a_person_named_before_a_title_after_a_comma_is_suggested():
    assert surfaces("郑思远，完美日记联合创始人。")["郑思远"] == "person"


def test_a_person_named_before_a_title_after_an_ascii_comma_is_suggested():
    assert surfaces("周明辉,蜜雪冰城品牌负责人。")["周明辉"] == "person"


def test_a_person_after_a_title_is_suggested():
    assert surfaces("泡泡玛特CEO王宁在发布会上宣布了新的海外计划。")["王宁"] == "person"


def test_a_name_the_tagger_misses_is_suggested_when_it_follows_a_title():
    assert surfaces("理想汽车创始人李想近日在微博上透露了新车的价格。")["李想"] == "person"


def test_phrases_ending_in_a_generic_noun_are_not_suggested():
    # The person in the same sentence is, so an empty answer would not pass. 美国 alone is a place the
    # NER pass finds; the knowledge base knows it.
    assert surfaces("负责人张伟说，美国市场是明年的重点。") == {"张伟": "person"}


def test_a_person_called_teacher_is_suggested():
    assert surfaces("很多商家都想请刘晓燕老师来做培训。")["刘晓燕"] == "person"


def test_a_person_who_speaks_is_suggested():
    assert surfaces("在接受采访时，黄志强表示，今年的目标是翻一番。")["黄志强"] == "person"


def test_a_place_after_a_place_cue_is_suggested():
    assert surfaces("这家公司在杭州设立了新的研发中心。")["杭州"] == "place"


def test_the_count_is_the_number_of_occurrences():
    suggestions = suggest_names("创始人陈佳怡说，陈佳怡的团队很小。陈佳怡很忙。", matcher=MATCHER)
    assert {s.surface: s.count for s in suggestions}["陈佳怡"] == 3


def test_suggestions_are_most_frequent_first():
    suggestions = suggest_names("主播“甜甜圈”和主播“阿豪哥”；阿豪哥又开播了。", matcher=MATCHER)
    assert [s.surface for s in suggestions][:2] == ["阿豪哥", "甜甜圈"]


def test_known_names_are_never_suggested():
    found = surfaces("小红书COO柯南表示，“董洁”只是开始，很多人在上海和B站。")
    assert not {"柯南", "董洁", "小红书", "上海", "B站"} & found.keys()


def test_known_names_are_not_glued_to_their_neighbours():
    found = surfaces("品牌和机构对于小红书的态度已经变了，创始人于小红书上发文。")
    assert not any("小红" in surface for surface in found)


def test_rejected_surfaces_are_never_suggested():
    text = "泡泡玛特CEO王宁在发布会上宣布。"
    assert "王宁" in surfaces(text)
    assert "王宁" not in surfaces(text, rejected={"王宁"})


def test_the_byline_is_not_suggested():
    text = "作者 | 李文博\n\n天猫总裁李文博表示，今年双十一提前开始。"
    assert "李文博" in surfaces(text)
    assert "李文博" not in surfaces(text, byline="李文博")


@pytest.mark.parametrize("word", ["出圈", "连接器", "货", "增长", "缓慢", "买家", "平台", "电商红利"])
def test_quoted_ordinary_words_are_not_suggested(word):
    # A quoted name in the same place is suggested, so an empty answer would not pass.
    assert surfaces("主播们都在谈“阿紫紫”，这是今年的关键词。") == {"阿紫紫": "person"}
    assert word not in surfaces(f"主播们都在谈“{word}”，这是今年的关键词。")


def test_generic_nouns_near_roles_are_not_suggested():
    found = surfaces("很多用户和商家表示，平台上的主播和达人越来越多，品牌负责人刘晓燕也在看电商。")
    assert found == {"刘晓燕": "person"}


def test_single_characters_and_numbers_are_not_suggested():
    found = surfaces("主播“A”和主播“2023”都说“好”，主播“糖糖Lily”也说好。")
    assert found == {"糖糖Lily": "person"}


def test_text_without_names_suggests_nothing():
    assert suggest_names("今天天气很好，我们去公园散步，然后回家吃饭。", matcher=MATCHER) == []


def test_the_seed_article_suggests_its_people_and_not_its_known_names_or_byline():
    text = SEED.read_text(encoding="utf-8")
    found = surfaces(text, byline="吴洪建")
    assert {"阿紫紫", "衣衣KK", "麦昆", "张小慧"} <= found.keys()
    assert "吴洪建" not in found
    assert not {"小红书", "抖音", "快手", "B站", "知乎", "上海", "柯南", "董洁"} & found.keys()


def test_suggestions_carry_a_proposed_english_name():
    suggestion = next(s for s in suggest_names("创始人张小慧说。", matcher=MATCHER) if s.surface == "张小慧")
    assert suggestion.proposed_name == "Zhang Xiaohui"


# ---- the NER pass ----------------------------------------------------------------------------------


def test_executives_named_without_a_role_are_suggested():
    found = surfaces("据悉，马化腾与程维都曾参加那次会议。")
    assert found == {"马化腾": "person", "程维": "person"}


def test_foreign_names_written_with_a_dot_are_suggested_whole():
    assert surfaces("特斯拉CEO埃隆·马斯克在上海表示，明年还会来。")["埃隆·马斯克"] == "person"


def test_a_regulator_is_proposed_as_an_organisation_and_a_business_as_a_company():
    found = surfaces("特斯拉CEO埃隆·马斯克表示，国家市场监督管理总局已约谈菜鸟网络。")
    assert found["国家市场监督管理总局"] == "organisation"
    assert found["菜鸟网络"] == "company"


def test_a_name_jieba_cuts_short_is_suggested_whole():
    # jieba alone suggests "刘强" here.
    assert "刘强" in surfaces("联合创始人刘强东透露了新计划。", names=[])
    assert surfaces("联合创始人刘强东透露了新计划。") == {"刘强东": "person"}


def test_a_name_inside_a_known_name_is_not_suggested():
    # The NER pass tags "小红" in "小红书" as a person; the known entity wins.
    assert not any("小红" in surface for surface in surfaces("对于小红书的态度，商家已经变了。"))


def test_a_name_across_the_edge_of_a_known_name_is_not_suggested():
    text, names = "报道称抖音电商增长很快。", [NameSpan(4, 8, "音电商增", "organisation")]
    assert surfaces(text, matcher=build_matcher([]), names=names) == {"音电商增": "company"}
    assert surfaces(text, names=names) == {}


def test_a_business_around_a_known_name_is_suggested():
    matcher = build_matcher([KnownEntity("tencent", "Tencent", "company", "腾讯")])
    text = "腾讯云和阿里云的竞争更激烈了。"
    assert surfaces(text, matcher=matcher, names=[NameSpan(0, 3, "腾讯云", "organisation")]) == {"腾讯云": "company"}


def test_a_known_name_with_only_a_corporate_suffix_is_not_suggested():
    text, names = "小米集团发布了新手机。", [NameSpan(0, 4, "小米集团", "organisation")]
    assert surfaces(text, matcher=build_matcher([]), names=names) == {"小米集团": "company"}
    matcher = build_matcher([KnownEntity("xiaomi", "Xiaomi", "company", "小米")])
    assert surfaces(text, matcher=matcher, names=names) == {}


def test_rejected_and_byline_names_from_the_ner_pass_are_not_suggested():
    text = "作者 | 彭晓东\n\n据悉，马化腾与程维都曾参加那次会议。"
    assert surfaces(text).keys() == {"彭晓东", "马化腾", "程维"}
    assert surfaces(text, rejected={"程维"}, byline="彭晓东") == {"马化腾": "person"}


def test_without_the_ner_pass_suggestions_still_come_from_jieba():
    assert surfaces("泡泡玛特CEO王宁在发布会上宣布了新的海外计划。", names=[])["王宁"] == "person"


@pytest.mark.parametrize(
    ("surface", "kind", "english"),
    [
        ("吴洪建", "person", "Wu Hongjian"),
        ("张小慧", "person", "Zhang Xiaohui"),
        ("欧阳娜娜", "person", "Ouyang Nana"),
        ("司马南", "person", "Sima Nan"),
        ("曾国藩", "person", "Zeng Guofan"),
        ("单田芳", "person", "Shan Tianfang"),
        ("上海", "place", "Shanghai"),
        ("西安", "place", "Xi'an"),
        ("浙江省", "place", "Zhejiang Province"),
        ("衣衣KK", "person", "Yiyi KK"),
        ("阿紫紫", "person", "Azizi"),
        # CC-CEDICT's English name where it has one (briefs/text/cedict.py), pinyin otherwise.
        ("字节跳动", "company", "ByteDance"),
        ("阿里巴巴", "company", "Alibaba"),
        ("墨尔本", "place", "Melbourne"),
        ("国务院", "organisation", "State Council"),
        ("南山区", "place", "Nanshan District"),
        ("泡泡玛特", "brand", "Paopaomate"),
    ],
)
def test_propose_english_name(surface, kind, english):
    assert propose_english_name(surface, kind) == english
