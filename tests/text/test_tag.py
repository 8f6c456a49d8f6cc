"""The entity matcher: leftmost-longest, Latin word boundaries, width, case and Traditional folding, exact offsets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.text.tag import PIECE_LENGTH, KnownEntity, Mention, build_matcher, find_mentions, normalise

ENTITIES = [
    KnownEntity("xiaohongshu", "Xiaohongshu", "company", "小红书", ("小紅書", "RED", "小红书App")),
    KnownEntity("alibaba", "Alibaba", "company", "阿里巴巴", ("阿里",)),
    KnownEntity("alibaba-group", "Alibaba Group", "company", "阿里巴巴集团", ("阿里集团",)),
    KnownEntity("bilibili", "Bilibili", "company", "哔哩哔哩", ("B站", "嗶哩嗶哩")),
    KnownEntity("nio", "NIO", "company", "蔚来", ("蔚來",)),
    KnownEntity("jd", "JD.com", "company", "京东", ("JD", "京東")),
    KnownEntity("temu", "Temu", "brand", "", ("特木",)),
    KnownEntity("apple", "Apple", "company", "苹果"),
    KnownEntity("apple-music", "Apple Music", "brand"),
    KnownEntity("shanghai", "Shanghai", "place", "上海", ("上海市",)),
    KnownEntity("pop-mart", "Pop Mart", "company", "泡泡玛特", ("POP MART",)),
    KnownEntity("xiaomi", "Xiaomi", "company", "小米", ("小米集团",)),
    KnownEntity("tencent", "Tencent", "company", "腾讯", ("腾讯控股",)),
    KnownEntity("tsmc", "TSMC", "company", "", ("台積電",)),
]
MATCHER = build_matcher(ENTITIES)


def found(text: str) -> list[tuple[str, str]]:
    return [(mention.entity, mention.surface) for mention in find_mentions(text, MATCHER)]


def test_a_name_inside_a_longer_word_is_found_once():
    assert found("小红书电商正在加速") == [("xiaohongshu", "小红书")]


def test_the_longer_alias_wins_over_its_prefix():
    assert found("阿里巴巴集团发布财报") == [("alibaba-group", "阿里巴巴集团")]


def test_the_shorter_name_is_found_when_the_longer_is_not_written():
    assert found("阿里巴巴和阿里都在做") == [("alibaba", "阿里巴巴"), ("alibaba", "阿里")]


def test_an_alias_that_extends_a_name_is_taken_whole():
    assert found("下载小红书App后") == [("xiaohongshu", "小红书App")]


def test_overlapping_candidates_resolve_to_the_leftmost():
    # "小米集团" and "集团" share characters with nothing known; "小米集团" starts first and is longest.
    assert found("小米集团上海分公司") == [("xiaomi", "小米集团"), ("shanghai", "上海")]


def test_traditional_forms_given_as_aliases_match():
    assert found("嗶哩嗶哩與小紅書合作") == [("bilibili", "嗶哩嗶哩"), ("xiaohongshu", "小紅書")]


def test_traditional_text_finds_entities_known_by_their_simplified_names():
    text = "騰訊與阿里巴巴集團合作"
    mentions = find_mentions(text, MATCHER)
    assert mentions == [Mention("tencent", "騰訊", 0, 2), Mention("alibaba-group", "阿里巴巴集團", 3, 9)]
    assert all(text[m.start : m.end] == m.surface for m in mentions)


def test_a_longer_traditional_alias_still_wins_over_its_simplified_prefix():
    assert found("騰訊控股公布業績") == [("tencent", "騰訊控股")]


def test_simplified_text_finds_an_entity_known_only_by_a_traditional_alias():
    assert found("台积电在高雄扩产") == [("tsmc", "台积电")]


def test_a_name_written_half_traditional_is_found():
    assert found("阿里巴巴集團和騰讯") == [("alibaba-group", "阿里巴巴集團"), ("tencent", "騰讯")]


def test_latin_names_inside_chinese_text_match():
    assert found("拼多多旗下的Temu在美国上线") == [("temu", "Temu")]


def test_latin_names_match_case_insensitively():
    assert found("temu and TEMU and Temu") == [("temu", "temu"), ("temu", "TEMU"), ("temu", "Temu")]


def test_a_latin_name_does_not_match_inside_a_longer_word():
    assert found("the union of NIOBIUM miners") == []
    assert found("the union of NIO miners") == [("nio", "NIO")]


def test_a_latin_abbreviation_does_not_match_a_longer_abbreviation():
    assert found("JDK 21 发布") == []
    assert found("JD 21 发布") == [("jd", "JD")]


def test_a_latin_name_next_to_digits_is_not_a_word_boundary():
    assert found("JD2024 and JD 2024") == [("jd", "JD")]


def test_a_latin_name_with_punctuation_around_it_matches():
    assert found("(NIO) 和“JD”") == [("nio", "NIO"), ("jd", "JD")]


def test_a_shorter_latin_name_is_kept_when_the_longer_breaks_a_word():
    assert found("Apple Musical") == [("apple", "Apple")]


def test_multi_word_latin_names_match():
    assert found("Apple Music和POP MART") == [("apple-music", "Apple Music"), ("pop-mart", "POP MART")]


def test_fullwidth_forms_match_and_keep_their_original_surface():
    text = "Ｂ站和ＴＥＭＵ"
    mentions = find_mentions(text, MATCHER)
    assert [(m.entity, m.surface) for m in mentions] == [("bilibili", "Ｂ站"), ("temu", "ＴＥＭＵ")]
    assert all(text[m.start : m.end] == m.surface for m in mentions)


def test_a_name_at_the_start_and_at_the_end_of_the_text():
    text = "蔚来的对手是小米"
    assert find_mentions(text, MATCHER) == [Mention("nio", "蔚来", 0, 2), Mention("xiaomi", "小米", 6, 8)]


def test_mentions_are_sorted_by_start():
    mentions = find_mentions("京东、B站、Temu、上海市、RED", MATCHER)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert [m.entity for m in mentions] == ["jd", "bilibili", "temu", "shanghai", "xiaohongshu"]


def test_a_name_shared_with_another_entitys_alias_goes_to_the_name():
    matcher = build_matcher(
        [
            KnownEntity("ant", "Ant Group", "company", "蚂蚁", ("支付宝",)),
            KnownEntity("alipay", "Alipay", "brand", "支付宝"),
        ]
    )
    assert [m.entity for m in find_mentions("支付宝", matcher)] == ["alipay"]


def test_one_character_aliases_are_ignored():
    matcher = build_matcher([KnownEntity("beijing", "Beijing", "place", "北京", ("京",))])
    assert [m.surface for m in find_mentions("京津冀和北京", matcher)] == ["北京"]


def test_an_empty_knowledge_base_finds_nothing():
    assert find_mentions("小红书", build_matcher([])) == []


def test_knows_normalises_width_and_case():
    assert MATCHER.knows("ｂ站")
    assert MATCHER.knows("xiaohongshu")
    assert MATCHER.knows(" 蔚來 ")
    assert not MATCHER.knows("抖音")


def test_knows_folds_traditional_characters():
    assert MATCHER.knows("騰訊")
    assert MATCHER.knows("台积电")


def test_mentions_in_a_text_longer_than_one_piece_keep_exact_offsets():
    sentence = "小红书与JD合作，腾讯"
    text = sentence * (3 * PIECE_LENGTH // len(sentence))
    mentions = find_mentions(text, MATCHER)
    assert len(mentions) == 3 * (len(text) // len(sentence))
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert [m.entity for m in mentions[-3:]] == ["xiaohongshu", "jd", "tencent"]


def test_a_long_text_without_sentence_punctuation_is_matched_whole():
    text = "小红书" * PIECE_LENGTH
    mentions = find_mentions(text, MATCHER)
    assert len(mentions) == PIECE_LENGTH
    assert mentions[-1] == Mention("xiaohongshu", "小红书", len(text) - 3, len(text))


def test_matcher_lists_entities_by_key():
    assert MATCHER.entities["nio"].name == "NIO"


def test_normalise_keeps_the_length_of_every_text():
    text = "İstanbul ＡＢＣ　Ｂ站 ẞ"
    assert len(normalise(text)) == len(text)
    assert normalise("ＡＢＣ") == "abc"


def test_normalise_folds_traditional_to_simplified_one_character_for_one():
    assert normalise("騰訊ＡＢ集團") == "腾讯ab集团"


NAMES = [form for entity in ENTITIES for form in entity.surface_forms()]
FILLER = st.text(alphabet=st.sampled_from(list("的是在了和与Aa b1，。ＡＢ　İ小红书紅書阿里騰訊集團nio")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FILLER, st.sampled_from(NAMES)), max_size=12))
def test_every_mention_surface_is_the_text_at_its_offsets(parts):
    text = "".join(parts)
    mentions = find_mentions(text, MATCHER)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
        assert mention.entity in MATCHER.entities
    ends = [m.end for m in mentions]
    starts = [m.start for m in mentions]
    assert all(end <= next_start for end, next_start in zip(ends, starts[1:], strict=False))
