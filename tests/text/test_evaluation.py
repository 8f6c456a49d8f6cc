"""Scoring the cleaner against a labelled corpus: small annotated articles written here, strips given by hand."""

import json

import pytest

from briefs.text.errors import CorpusError
from briefs.text.evaluation import (
    BY_ENGLISH,
    BY_SURFACE,
    ENTITY_KINDS,
    PARTLY,
    Annotation,
    CorpusArticle,
    EntityLabel,
    FoundName,
    Tally,
    load_corpus,
    passage_family,
    score_article,
    score_corpus,
    score_entities,
    score_entity_corpus,
)

ADVERT = "云端卡盟官网_全网最低价自助下单平台"
TITLE = "蔚来三季度交付量创新高"
SPLICED = "营收同比增长12%，端卡盟净利润下降3%。"
SENTENCE = "营收同比增长12%，净利润下降3%。"
OTHER = "公司预计四季度交付量将继续增长。"
RAW = f"{ADVERT}\n\n{TITLE}\n\n{SPLICED}{OTHER}\n"
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>小米发布新款平板</title></head><body>"
    "<article><h1>小米发布新款平板</h1>"
    "<p>3月5日，小米在北京发布了新款平板电脑，售价1999元起。这款平板搭载了骁龙8 Gen 3芯片。</p>"
    "<p>小米集团总裁卢伟冰表示，平板业务今年的目标是进入国内市场前三。</p>"
    "<p>分析人士认为，国内平板市场竞争日趋激烈，华为和苹果仍占据主要份额。</p></article>"
    "<footer>联系我们 | 网站地图 | 抖音刷赞自助平台 QQ：123456789</footer></body></html>"
)


def write_article(folder, name, text, *, promo, keep, title=TITLE, encoding="utf-8", suffix=".txt"):
    source = folder / f"{name}{suffix}"
    source.write_bytes(text.encode(encoding))
    annotation = {
        "file": source.name,
        "encoding": encoding,
        "style": "kameng",
        "industry": "EV",
        "title": title,
        "promo": promo,
        "keep": keep,
        "entities": [{"zh": "蔚来", "en": "NIO", "kind": "company"}],
    }
    (folder / f"{name}.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def article(tmp_path):
    write_article(tmp_path, "001_kameng_nio", RAW, promo=[ADVERT, "端卡盟"], keep=[TITLE, SENTENCE, OTHER])
    return load_corpus(tmp_path)[0]


def span_of(text, passage):
    start = text.index(passage)
    return start, start + len(passage)


def score(article, strips, cleaned):
    return score_article(article, strips=strips, cleaned_text=cleaned)


def test_the_annotation_loads_with_its_entities_and_the_text_as_the_importer_decodes_it(article):
    assert article.raw_text == RAW
    assert article.annotation.style == "kameng"
    assert article.annotation.entities[0].en == "NIO"
    assert article.encoding_mismatch is None


def test_a_passage_whose_letters_are_all_inside_strips_is_removed(article):
    splice_start = RAW.index("端卡盟净")  # not the one inside the advert line
    # The strip leaves the comma before the splice: punctuation does not count, letters do.
    strips = [span_of(RAW, ADVERT), (splice_start, splice_start + 3)]
    result = score(article, strips, f"{TITLE}\n\n{SENTENCE}{OTHER}\n")

    assert [p.is_removed for p in result.passages] == [True, True]
    assert result.strips.share == 1.0


def test_a_fragment_left_behind_by_a_partial_strip_counts_as_left_at_its_offset(article):
    splice_start = RAW.index("端卡盟净")  # not the one inside the advert line
    strips = [span_of(RAW, ADVERT), (splice_start + 1, splice_start + 3)]  # "卡盟" cut, "端" left
    result = score(article, strips, f"{TITLE}\n\n营收同比增长12%，端净利润下降3%。{OTHER}\n")

    assert [p.text for p in result.passages_left] == ["端卡盟"]
    assert result.passages_left[0].left_at == (splice_start,)
    assert (result.strips.count, result.strips.total) == (1, 2)


def test_a_passage_must_go_at_every_occurrence(tmp_path):
    write_article(tmp_path, "002_kameng_repeat", f"{RAW}\n{ADVERT}\n", promo=[ADVERT], keep=[TITLE, OTHER])
    article = load_corpus(tmp_path)[0]

    result = score(article, [span_of(article.raw_text, ADVERT)], "")  # only the first line stripped

    assert not result.passages[0].is_removed


def test_a_passage_inside_a_sentence_that_must_survive_is_not_asked_for_there(tmp_path):
    raw = "抖音刷赞自助平台\n\n有博主说，如今在抖音刷赞自助平台上下单的人少了。\n"
    keep = "有博主说，如今在抖音刷赞自助平台上下单的人少了。"
    write_article(tmp_path, "003_mixed", raw, promo=["抖音刷赞自助平台"], keep=[keep], title=None)
    article = load_corpus(tmp_path)[0]

    result = score(article, [(0, 8)], keep + "\n")

    assert result.passages[0].is_removed
    assert result.keeps.share == 1.0


def test_a_passage_the_html_extraction_dropped_counts_as_removed(tmp_path):
    keep = ["小米发布新款平板", "分析人士认为，国内平板市场竞争日趋激烈，华为和苹果仍占据主要份额。"]
    write_article(
        tmp_path,
        "004_html",
        HTML,
        promo=["抖音刷赞自助平台 QQ：123456789"],
        keep=keep,
        title="小米发布新款平板",
        suffix=".html",
    )
    article = load_corpus(tmp_path)[0]
    assert "抖音刷赞" not in article.raw_text

    result = score(article, [], article.raw_text)

    assert result.passages[0].is_removed
    assert not result.passages[0].is_in_raw_text


def test_a_sentence_with_a_fragment_left_inside_is_broken_and_shown_beside_its_nearest_cleaned_line(article):
    cleaned = f"{TITLE}\n\n营收同比增长12%，端净利润下降3%。{OTHER}\n"
    result = score(article, [span_of(RAW, ADVERT)], cleaned)

    broken = result.sentences_broken
    assert [s.text for s in broken] == [SENTENCE]
    assert broken[0].nearest_line == "营收同比增长12%，端净利润下降3%。"
    assert broken[0].likeness > 0.9
    assert (result.keeps.count, result.keeps.total) == (2, 3)


def test_a_title_not_among_the_keep_sentences_is_counted_once_as_the_title(tmp_path):
    write_article(tmp_path, "005_title", RAW, promo=[ADVERT], keep=[SENTENCE, OTHER])
    article = load_corpus(tmp_path)[0]

    result = score(article, [span_of(RAW, ADVERT)], f"{SENTENCE}{OTHER}\n")  # the title line lost

    assert [(s.text, s.is_title) for s in result.sentences_broken] == [(TITLE, True)]
    assert result.keeps.total == 3


def test_corpus_totals_count_passages_and_sentences_not_files(tmp_path):
    write_article(tmp_path, "001_a", RAW, promo=[ADVERT, "端卡盟"], keep=[TITLE])
    write_article(tmp_path, "002_b", f"{TITLE}\n\n{OTHER}\n", promo=[], keep=[TITLE, OTHER])
    first, second = load_corpus(tmp_path)

    total = score_corpus(
        [
            score(first, [span_of(RAW, ADVERT)], ""),
            score(second, [], second.raw_text),
        ]
    )

    assert (total.strips.count, total.strips.total) == (1, 2)
    assert (total.keeps.count, total.keeps.total) == (2, 3)  # the first file lost its title
    assert total.by_style["kameng"][0].total == 2


@pytest.mark.parametrize(
    ("passage", "family"),
    [
        ("当前位置：首页 > 科技 > 正文", "breadcrumb"),
        ("发布者：小编 2025-01-02 阅读 3.2万", "metadata"),
        ("分享到：", "share/app chrome"),
        ("声明：本文仅代表作者观点，不代表本站立场", "disclaimer"),
        ("【AI导读】小米发布新款平板。", "AI notice"),
        ("加微信abc123领取报价", "contact advert"),
        ("（記者林小明／攝影）", "credit"),
        ("相关阅读：", "label/related links"),
    ],
)
def test_chrome_lines_are_grouped_by_family(passage, family):
    raw = f"{TITLE}\n{passage}\n{OTHER}\n"
    assert passage_family(raw, passage, title=TITLE) == family


def test_advert_pieces_are_grouped_by_where_they_sit():
    raw = f"{ADVERT}\n{TITLE} 自助下单平台\n{SPLICED}\n"
    assert passage_family(raw, ADVERT, title=TITLE) == "advert line"
    assert passage_family(raw, "自助下单平台", title=TITLE) == "headline advert"
    assert passage_family(raw, "端卡盟", title=TITLE) == "advert splice"


def test_a_missing_folder_is_refused_by_name(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        load_corpus(tmp_path / "nowhere")


def test_a_folder_without_annotations_is_refused(tmp_path):
    (tmp_path / "001_a.txt").write_text(RAW, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no \*\.json annotations"):
        load_corpus(tmp_path)


def test_malformed_json_names_the_file_and_the_line(tmp_path):
    (tmp_path / "001_a.json").write_text('{"file": "001_a.txt",\n "promo": [}', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"001_a\.json: not valid JSON: .* \(line 2, column 12\)"):
        load_corpus(tmp_path)


def test_an_annotation_without_its_keep_list_is_refused_by_field(tmp_path):
    write_article(tmp_path, "001_a", RAW, promo=[ADVERT], keep=[TITLE])
    path = tmp_path / "001_a.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"keep"', '"kept"'), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"001_a\.json: 'keep' must be a list of strings"):
        load_corpus(tmp_path)


def test_a_missing_source_file_is_named(tmp_path):
    write_article(tmp_path, "001_a", RAW, promo=[ADVERT], keep=[TITLE])
    (tmp_path / "001_a.txt").unlink()
    with pytest.raises(CorpusError, match=r"its source file '001_a\.txt' is missing"):
        load_corpus(tmp_path)


def test_an_encoding_the_importer_reads_differently_is_reported(tmp_path):
    write_article(tmp_path, "001_a", RAW, promo=[ADVERT], keep=[TITLE], encoding="gb18030")
    path = tmp_path / "001_a.json"
    path.write_text(path.read_text(encoding="utf-8").replace("gb18030", "big5"), encoding="utf-8")

    assert load_corpus(tmp_path)[0].encoding_mismatch == "annotated as big5, but the importer decodes it as gb18030"


def test_a_passage_inside_a_longer_passage_is_judged_there_by_the_longer_one(article):
    # "端卡盟" also sits inside the advert line; left there, only the advert line counts as left.
    splice_start = RAW.index("端卡盟净")
    result = score(article, [(splice_start, splice_start + 3)], f"{ADVERT}\n\n{TITLE}\n\n{SENTENCE}{OTHER}\n")

    assert [p.text for p in result.passages_left] == [ADVERT]


def test_a_promo_passage_missing_from_a_text_file_is_reported_as_an_annotation_problem(tmp_path):
    write_article(tmp_path, "001_a", RAW, promo=[ADVERT, "全网最低价自助下单平台 "], keep=[TITLE])

    assert load_corpus(tmp_path)[0].problems == ["promo passage not in the decoded text: '全网最低价自助下单平台 '"]


# --- Scoring the tagger ---------------------------------------------------------------------------

NEWS = "蔚来创始人李斌表示，京东物流将在上海市开设新仓库，騰訊也在合肥设立了研发中心。"


def entity_article(raw=NEWS, *, entities, promo=()):
    """An annotated article built in memory: `entities` as (zh, en, kind) triples."""
    annotation = Annotation(
        file="001_kameng_nio.txt",
        encoding="utf-8",
        style="kameng",
        industry="EV",
        title=None,
        promo=tuple(promo),
        keep=(),
        entities=tuple(EntityLabel(zh, en, kind) for zh, en, kind in entities),
    )
    return CorpusArticle(annotation=annotation, raw_text=raw, decoded_as="utf-8")


def known(surface, name_en, kind="company"):
    return FoundName(surface=surface, name_en=name_en, kind=kind)


def suggested(surface, name_en, kind="person"):
    return FoundName(surface=surface, name_en=name_en, kind=kind)


def score_names(article, mentions=(), suggestions=(), cleaned_text=None):
    return score_entities(article, mentions=mentions, suggestions=suggestions, cleaned_text=cleaned_text)


def test_an_entity_mentioned_by_its_annotated_surface_is_found():
    article = entity_article(entities=[("蔚来", "NIO", "company")])

    result = score_names(article, mentions=[known("蔚来", "NIO")])

    assert (result.recall, result.precision) == (Tally(1, 1), Tally(1, 1))
    assert result.entities[0].found_by == BY_SURFACE


def test_a_traditional_surface_matches_its_simplified_annotation():
    article = entity_article(entities=[("腾讯", "Tencent", "company")])

    result = score_names(article, mentions=[known("騰訊", "Tencent Holdings")])

    assert result.entities[0].found_by == BY_SURFACE


def test_an_entity_found_under_another_surface_counts_by_its_english_name_in_any_case():
    article = entity_article(entities=[("上海市", "Shanghai", "place")])

    result = score_names(article, mentions=[known("上海", "SHANGHAI", "place")])

    assert result.entities[0].found_by == BY_ENGLISH
    assert result.precision == Tally(1, 1)


def test_a_suggestion_cut_short_finds_the_annotated_name_partly():
    article = entity_article(raw="创始人谢阗宁表示", entities=[("谢阗宁", "Xie Tianning", "person")])

    result = score_names(article, suggestions=[suggested("谢阗", "Xie Tian")])

    assert result.entities[0].found_by == PARTLY
    assert result.partly_found[0].found.surfaces == ("谢阗",)
    assert result.precision == Tally(1, 1)


def test_one_character_or_an_overlap_without_containment_is_no_partial_match():
    article = entity_article(entities=[("李斌", "William Li", "person")])

    result = score_names(article, suggestions=[suggested("李", "Li"), suggested("斌表", "Bin Biao")])

    assert [entity.label.zh for entity in result.misses] == ["李斌"]
    assert result.precision == Tally(0, 2)


def test_a_known_entity_inside_a_longer_annotated_name_is_another_entity_so_a_miss_and_a_false_tag():
    article = entity_article(entities=[("京东物流", "JD Logistics", "company")])

    result = score_names(article, mentions=[known("京东", "JD.com")])

    assert [entity.label.zh for entity in result.misses] == ["京东物流"]
    assert [name.surfaces for name in result.false_names] == [("京东",)]


def test_a_suggestion_matching_one_entity_exactly_does_not_also_find_a_longer_one_partly():
    article = entity_article(
        raw="谢阗与谢阗宁都表示", entities=[("谢阗", "Xie Tian", "person"), ("谢阗宁", "Xie Tianning", "person")]
    )

    result = score_names(article, suggestions=[suggested("谢阗", "Xie Tian")])

    assert [entity.label.zh for entity in result.misses] == ["谢阗宁"]


def test_a_name_matching_no_annotated_entity_is_a_false_suggestion_known_or_suggested():
    article = entity_article(entities=[("蔚来", "NIO", "company")])

    result = score_names(
        article,
        mentions=[known("蔚来", "NIO"), known("合肥", "Hefei", "place")],
        suggestions=[suggested("表示", "Biao Shi")],
    )

    assert result.precision == Tally(1, 3)
    assert [(name.surfaces, name.is_suggestion) for name in result.false_names] == [
        (("合肥",), False),
        (("表示",), True),
    ]


def test_an_unlisted_known_entity_only_inside_promo_passages_is_left_out_of_precision():
    advert = "抖音涨粉自助下单平台"
    article = entity_article(f"{NEWS}\n{advert}\n", entities=[("蔚来", "NIO", "company")], promo=[advert])

    result = score_names(article, mentions=[known("蔚来", "NIO"), known("抖音", "Douyin", "brand")])

    assert result.precision == Tally(1, 1)
    assert [name.surfaces for name in result.promo_only] == [("抖音",)]


def test_a_known_entity_also_in_the_real_text_or_suggested_from_promo_still_counts_false():
    advert = "合肥抖音涨粉自助下单平台"
    article = entity_article(f"{NEWS}\n{advert}\n", entities=[("蔚来", "NIO", "company")], promo=[advert])

    result = score_names(
        article, mentions=[known("合肥", "Hefei", "place")], suggestions=[suggested("抖音", "Dou Yin")]
    )

    # 合肥 is in the news sentence too; a suggestion is never left out, an editor has to reject it.
    assert result.precision == Tally(0, 2)
    assert result.promo_only == ()


def test_mentions_of_one_entity_by_several_surfaces_count_as_one_found_name():
    article = entity_article(f"{NEWS}NIO", entities=[("蔚来", "NIO", "company")])

    result = score_names(article, mentions=[known("蔚来", "NIO"), known("NIO", "NIO"), known("蔚来", "NIO")])

    assert [name.surfaces for name in result.found] == [("蔚来", "NIO")]
    assert result.precision == Tally(1, 1)


def test_a_miss_says_whether_the_cleaner_left_its_surface_in():
    article = entity_article(entities=[("李斌", "William Li", "person"), ("合肥", "Hefei", "place")])

    result = score_names(article, cleaned_text=NEWS.replace("合肥", ""))

    assert [(entity.label.zh, entity.is_in_cleaned_text) for entity in result.misses] == [
        ("李斌", True),
        ("合肥", False),
    ]


def test_an_entity_found_with_another_kind_is_found_but_counts_against_the_kind_agreement():
    article = entity_article(entities=[("蔚来", "NIO", "company"), ("李斌", "William Li", "person")])

    result = score_names(article, mentions=[known("蔚来", "NIO", "brand")], suggestions=[suggested("李斌", "Li Bin")])

    assert result.recall == Tally(2, 2)
    assert result.kind_agreement == Tally(1, 2)


def test_the_corpus_score_counts_entities_and_names_not_files_with_recall_by_kind_in_a_fixed_order():
    first = score_names(
        entity_article(entities=[("李斌", "William Li", "person"), ("蔚来", "NIO", "company")]),
        mentions=[known("蔚来", "NIO"), known("合肥", "Hefei", "place")],
    )
    second = score_names(entity_article(entities=[("上海市", "Shanghai", "place"), ("騰訊", "Tencent", "company")]))

    corpus = score_entity_corpus([first, second])

    assert (corpus.recall, corpus.precision) == (Tally(1, 4), Tally(1, 2))
    assert corpus.by_kind == {"company": Tally(1, 2), "person": Tally(0, 1), "place": Tally(0, 1)}
    assert list(corpus.by_kind) == [kind for kind in ENTITY_KINDS if kind in corpus.by_kind]


def test_an_article_with_nothing_annotated_or_found_has_no_shares():
    result = score_names(entity_article(entities=[]))

    assert (result.recall.share, result.precision.share) == (None, None)


def test_an_annotated_entity_missing_from_the_text_is_reported_as_an_annotation_problem():
    article = entity_article(entities=[("蔚来", "NIO", "company"), ("理想汽车", "Li Auto", "company")])

    assert article.problems == ["entity not in the decoded text: '理想汽车'"]
