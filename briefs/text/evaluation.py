"""Score the cleaner against a labelled corpus: how much promo it removed, how many sentences it kept intact.

A corpus is a folder of articles, each a source file (.txt or .html, in any encoding the importer reads)
beside a JSON annotation naming the promo passages that must go and the sentences that must survive
(format: tests/data/farm-corpus/README.md). `load_corpus` decodes each source exactly as the importer
does (`intake.parse_article`), so passages are looked for in the same raw text the cleaner sees.

How the scores count (the README explains them to editors):
- Strip recall: a promo passage is removed when every occurrence of it in the RAW text has all its
  letters and digits inside the strips' spans (whitespace and punctuation may stay). An occurrence that
  lies inside an occurrence of a keep sentence is legitimate text, not the passage, and one inside an
  occurrence of a longer promo passage is judged with that passage, so neither is asked for here. A
  passage that does not occur in the raw text (the HTML extraction dropped it) counts as removed.
- Keep rate: a keep sentence (and the title, when the annotation gives one) is intact when it occurs
  exactly in the cleaned text; a leftover fragment inside it, or a missing character, breaks it.
Both are counted per file and over the corpus by passage and by sentence (micro averages).

The same annotations score the entity tagger (`score_entities`): what it found in one article, the
known entities it mentioned and the names it suggested, against the annotation's "entities".
- A found name is one suggestion, or one known entity with every surface it was mentioned by (the
  mentions of one English name and kind are one entity, as the article page shows one tag for it).
- It matches an annotated entity by Chinese surface, exactly: one of its surfaces and the annotated
  `zh` are equal once both are folded by `rules.normalise` (Traditional to Simplified, Latin lowered,
  full-width folded), so "騰訊" matches "腾讯"; or by English name: its English name (for a
  suggestion, the proposed one) equals the annotated `en`, ignoring case and runs of spaces; or,
  for a suggestion only, partly: one folded surface is a substring of the other and the shorter is
  at least MIN_PARTIAL_OVERLAP (2) characters long ("谢阗" suggested for "谢阗宁"): the editor
  corrects a suggestion's Chinese when accepting it. A known entity's mention never matches partly:
  it names one definite entity, and one inside or around the annotated surface is another entity
  (京东 in 京东物流, 中国 in 中国东方航空, 榮耀 in 王者榮耀), the very misses and noise issue 14 is
  about; the same entity under another surface (上海 for 上海市) matches by English name.
- Recall: an annotated entity is found when some found name matches it exactly (surface or English),
  or partly, by a suggestion that matches no annotated entity of the file exactly (a suggestion of
  谢阗 that is itself annotated does not also find an annotated 谢阗宁).
- Precision: a found name is right when it matches some annotated entity of the file (any of the
  three ways), and false otherwise, with one exception: a known entity the annotator did not list,
  every one of whose surfaces occurs in the raw text only inside promo passages, is left out (promo
  the cleaner left behind is the cleaner's miss; what the tagger makes of it does not matter).
  Suggestions are never left out: an editor has to reject each one.
Both are counted per file and over the corpus by entity and by found name (micro averages); recall
also by the annotated kind (ENTITY_KINDS first).

This module reads files (`load_corpus`) but never imports Django; the commands
`manage.py evaluate_cleaner` and `manage.py evaluate_tagger` run the text steps with the desk's
rules and knowledge base and print these scores.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefs.text.errors import CorpusError, IntakeError
from briefs.text.intake import HTML_EXTENSIONS, parse_article
from briefs.text.rules import normalise

ANNOTATION_SUFFIX = ".json"
# Below this likeness the nearest cleaned line is not the sentence at all: it was removed whole.
MIN_SHOWN_LIKENESS = 0.35
# A cleaned line is cut into sentences the way annotations cut them: after 。！？ and at line ends.
SENTENCE_END = re.compile(r"(?<=[。！？!?])")

# --- Entities ---------------------------------------------------------------------------------------
# The kinds annotations give, in the order reports list recall by kind (others follow, sorted).
ENTITY_KINDS = ("company", "brand", "person", "place", "organisation", "product")
# A suggested surface inside an annotated one, or around it, counts (partly) from this many characters:
# one character ("京", "蔚") is in too many names to say anything.
MIN_PARTIAL_OVERLAP = 2
# How a found name matched an annotated entity: the first two are exact, the third partial.
BY_SURFACE, BY_ENGLISH, PARTLY = "surface", "english", "partly"

# --- Coarse passage families ----------------------------------------------------------------------
# Guessed from the passage's normalised text (Simplified, Latin lowered, full-width folded) and where
# it sits: good enough to see which family of chrome the cleaner misses, not a classifier. Checked in
# order; the first family whose vocabulary matches wins.
# Click-farm words strong enough to name the family wherever they sit (刷 not in 刷新, 刷卡, 刷脸, 刷屏).
CLICK_FARM_VOCABULARY = re.compile(
    r"刷(?![新卡脸屏子牙])|涨粉|买粉|卡盟|代刷|代挂|自助下单|自助平台|秒到|业务网|双击|播放量|活粉|千赞|砍一刀|秒砍"
)
FAMILY_VOCABULARY = (
    (
        "share/app chrome",
        re.compile(
            r"分享|一键|阅读全文|展开全文|全文阅读|热门推荐|延伸阅读|猜你喜欢|视频加载|加载中|播放器|点击播放|倍速|全屏|"
            r"相关视频|\d\d:\d\d\s*/\s*\d\d:\d\d|收藏|长按识别|识别二维码|打开app|下载.{0,12}app|点击查看|字体|打印|关闭"
        ),
    ),
    (
        "contact advert",
        re.compile(
            r"微信|威信|薇信|v信|(?<![a-z])(?:vx|wx)(?![a-z])|qq\s*[:号]?\s*\d{5,}|(?<![a-z])v\s*:|\+v|wechat|telegram|"
            r"whatsapp|公众号|电话|热线|手机|私信|私讯|私聊|进群|加群|入群|群号|扫码|咨询|报价|https?:|www\.|\.com|\.cn|"
            r"\.top|@|\d{7,}"
        ),
    ),
    (
        "breadcrumb",
        re.compile(
            r"当前位置|所在位置|你的位置|您的位置|首页\s*[>›»/]|主页\s*[>›»/]|[>›»]\s*正文|>>\s*\S|"
            r"[^>›»\n]+[>›»][^>›»\n]+[>›»]"
        ),
    ),
    (
        "credit",
        re.compile(
            r"记者.{0,12}摄|摄影|摄\)|摄$|供图|图片来源|图源|图为|通讯员|图/|^图[:|]|(?:图片|视频|画面).{0,16}提供"
        ),
    ),
    ("disclaimer", re.compile(r"声明|免责|转载|版权|侵权|授权|立场|仅代表|仅供参考|投资建议")),
    (
        "metadata",
        re.compile(
            r"发布者|发布时间|发布于|发表于|编辑[:|]|作者[:|]|责任编辑|责编|小编|阅读\s*[:|]?\s*\d|浏览|查看\s*\d|"
            r"点击\s*[:|]?\s*\d|点赞|评论\s*[:|]?\s*\d|\d+\s*人|楼主|回复|举报|只看该作者|沙发|板凳|^\d+#$|"
            r"\d{4}-\d{1,2}-\d{1,2}|时间\s*[:|]|字号"
        ),
    ),
    ("source line", re.compile(r"来源|出处|综合自|转自|原标题|稿源")),
    (
        "label/related links",
        re.compile(r"导语|正文|摘要|相关阅读|相关文章|相关新闻|推荐阅读|上一篇|下一篇|返回|标签|关键词|^[▶►·•●]"),
    ),
)
AI_NOTICE = re.compile(r"ai\s*(?:导读|速览|摘要|总结|生成|辅助|提示)|人工智能(?:辅助|生成)|由ai|智能摘要|机器生成")
# A whole line with these words, or cut into segments by "_" or "|", is an advert line.
ADVERT_VOCABULARY = re.compile(
    r"刷|粉|赞|卡盟|代挂|代练|自助|秒到|低价|最低|下单|业务|平台|商城|官网|网站|加盟|辅助|推广|引流|涨|免费|领|批发|"
    r"代发|特价|低至|招募|代理|出租|转让|预订|厂家|直销|直供"
)
ADVERT_SEGMENTS = re.compile(r"\S[_|]\S.*[_|]|\S_\S")
FAMILIES = (
    "AI notice",
    *(name for name, _ in FAMILY_VOCABULARY),
    "advert line",
    "headline advert",
    "advert splice",
    "other",
)


@dataclass(frozen=True)
class EntityLabel:
    """An entity a reader expects tagged: its surface in the text, its English name and its kind."""

    zh: str
    en: str
    kind: str


@dataclass(frozen=True)
class Annotation:
    """One article's labels, as written in its JSON file (see the corpus README)."""

    file: str
    encoding: str
    style: str
    industry: str
    title: str | None
    promo: tuple[str, ...]
    keep: tuple[str, ...]
    entities: tuple[EntityLabel, ...]


@dataclass(frozen=True)
class CorpusArticle:
    """An annotation with its source decoded as the importer decodes it (`raw_text`, `decoded_as`)."""

    annotation: Annotation
    raw_text: str
    decoded_as: str

    @property
    def encoding_mismatch(self) -> str | None:
        """Why the importer's decoding differs from the annotation's encoding, or None when they agree."""
        if _codec_name(self.decoded_as) == _codec_name(self.annotation.encoding):
            return None
        return f"annotated as {self.annotation.encoding}, but the importer decodes it as {self.decoded_as}"

    @property
    def problems(self) -> list[str]:
        """What looks wrong with the annotation itself: an encoding the importer reads otherwise,
        promo passages a plain-text source does not hold (they would count as removed unseen; in HTML
        the extraction may rightly have dropped them), and entities whose `zh` the decoded text does
        not hold (the tagger could never find them by their surface)."""
        problems = [self.encoding_mismatch] if self.encoding_mismatch else []
        if not self.annotation.file.lower().endswith(HTML_EXTENSIONS):
            problems += [
                f"promo passage not in the decoded text: {passage!r}"
                for passage in self.annotation.promo
                if passage not in self.raw_text
            ]
        problems += [
            f"entity not in the decoded text: {entity.zh!r}"
            for entity in self.annotation.entities
            if entity.zh not in self.raw_text
        ]
        return problems


@dataclass(frozen=True)
class PassageResult:
    """A promo passage: removed or left, its guessed family, and the RAW offsets where it was left."""

    text: str
    family: str
    is_removed: bool
    is_in_raw_text: bool
    left_at: tuple[int, ...] = ()


@dataclass(frozen=True)
class SentenceResult:
    """A sentence that must survive: intact or not and, when broken, the cleaned line most like it."""

    text: str
    is_intact: bool
    is_title: bool = False
    nearest_line: str | None = None
    likeness: float = 0.0  # difflib's ratio between the sentence and `nearest_line`, 0..1


@dataclass(frozen=True)
class Tally:
    """How many of `total` things went right (`count`); `share` is None when there were none."""

    count: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.total + other.total)


@dataclass(frozen=True)
class ArticleScore:
    """How the cleaner did on one article."""

    file: str
    style: str
    passages: tuple[PassageResult, ...]
    sentences: tuple[SentenceResult, ...]

    @property
    def strips(self) -> Tally:
        return Tally(sum(p.is_removed for p in self.passages), len(self.passages))

    @property
    def keeps(self) -> Tally:
        return Tally(sum(s.is_intact for s in self.sentences), len(self.sentences))

    @property
    def passages_left(self) -> tuple[PassageResult, ...]:
        return tuple(p for p in self.passages if not p.is_removed)

    @property
    def sentences_broken(self) -> tuple[SentenceResult, ...]:
        return tuple(s for s in self.sentences if not s.is_intact)


@dataclass(frozen=True)
class CorpusScore:
    """Scores over a corpus: overall (micro: by passage and by sentence), by style and by passage family."""

    articles: tuple[ArticleScore, ...]
    by_style: dict[str, tuple[Tally, Tally]] = field(default_factory=dict)  # style → (strips, keeps)
    by_family: dict[str, Tally] = field(default_factory=dict)  # passage family → strips

    @property
    def strips(self) -> Tally:
        return sum((article.strips for article in self.articles), Tally())

    @property
    def keeps(self) -> Tally:
        return sum((article.keeps for article in self.articles), Tally())


@dataclass(frozen=True)
class FoundName:
    """A name the tagger put forward in one article: one mention of a known entity, or one suggestion.

    `surface` is the text as it stands in the article; `name_en` and `kind` are the entity's (for a
    suggestion, the proposed English name and kind).
    """

    surface: str
    name_en: str
    kind: str


@dataclass(frozen=True)
class FoundResult:
    """One found name as an editor sees it, judged against the annotation.

    A known entity carries every surface it was mentioned by; a suggestion its one surface.
    `matches` are the annotated `zh` it matches (any way); `is_promo_only` marks a known entity that
    matches none and is left out of precision, as it occurs only inside promo passages (see the
    module docstring).
    """

    surfaces: tuple[str, ...]
    name_en: str
    kind: str
    is_suggestion: bool
    matches: tuple[str, ...] = ()
    is_promo_only: bool = False

    @property
    def is_right(self) -> bool:
        return bool(self.matches)

    @property
    def is_false(self) -> bool:
        return not self.matches and not self.is_promo_only


@dataclass(frozen=True)
class EntityResult:
    """An annotated entity: found or missed, and when found, how and by which found name.

    `found_by` is BY_SURFACE, BY_ENGLISH or PARTLY (None when missed); `is_in_cleaned_text` says
    whether its `zh` is still in the cleaned text (None when no cleaned text was given): a miss that
    is not was removed by the cleaner before the tagger ran.
    """

    label: EntityLabel
    found_by: str | None = None
    found: FoundResult | None = None
    is_in_cleaned_text: bool | None = None

    @property
    def is_found(self) -> bool:
        return self.found_by is not None

    @property
    def kind_agrees(self) -> bool:
        """True when the entity was found with the annotated kind."""
        return self.found is not None and self.found.kind == self.label.kind


@dataclass(frozen=True)
class TaggingScore:
    """How the tagger did on one article: each annotated entity, each name it put forward."""

    file: str
    style: str
    entities: tuple[EntityResult, ...]
    found: tuple[FoundResult, ...]

    @property
    def recall(self) -> Tally:
        return Tally(sum(entity.is_found for entity in self.entities), len(self.entities))

    @property
    def precision(self) -> Tally:
        judged = [name for name in self.found if not name.is_promo_only]
        return Tally(sum(name.is_right for name in judged), len(judged))

    @property
    def kind_agreement(self) -> Tally:
        """Of the entities found, how many with the annotated kind."""
        found = [entity for entity in self.entities if entity.is_found]
        return Tally(sum(entity.kind_agrees for entity in found), len(found))

    @property
    def misses(self) -> tuple[EntityResult, ...]:
        return tuple(entity for entity in self.entities if not entity.is_found)

    @property
    def partly_found(self) -> tuple[EntityResult, ...]:
        return tuple(entity for entity in self.entities if entity.found_by == PARTLY)

    @property
    def false_names(self) -> tuple[FoundResult, ...]:
        return tuple(name for name in self.found if name.is_false)

    @property
    def promo_only(self) -> tuple[FoundResult, ...]:
        return tuple(name for name in self.found if name.is_promo_only)


@dataclass(frozen=True)
class CorpusTaggingScore:
    """Tagger scores over a corpus: overall (micro: by entity and by found name) and recall by kind."""

    articles: tuple[TaggingScore, ...]
    by_kind: dict[str, Tally] = field(default_factory=dict)  # annotated kind → recall

    @property
    def recall(self) -> Tally:
        return sum((article.recall for article in self.articles), Tally())

    @property
    def precision(self) -> Tally:
        return sum((article.precision for article in self.articles), Tally())

    @property
    def kind_agreement(self) -> Tally:
        return sum((article.kind_agreement for article in self.articles), Tally())


# --- Loading ----------------------------------------------------------------------------------------


def load_corpus(folder: Path) -> list[CorpusArticle]:
    """Every annotated article of `folder`, sorted by file name, decoded as the importer decodes it.

    Raises CorpusError naming the file and the problem: no such folder, no annotations in it, an
    annotation that is not valid JSON or lacks a field, a source file missing or refused by the importer.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder; give the folder holding the NNN_*.json annotations")
    paths = sorted(folder.glob("*" + ANNOTATION_SUFFIX))
    if not paths:
        raise CorpusError(f"{folder}: no *.json annotations in this folder; is it the corpus folder?")
    return [load_article(path) for path in paths]


def load_article(path: Path) -> CorpusArticle:
    """One annotation and its source, decoded by `intake.parse_article`; CorpusError names what is wrong."""
    annotation = read_annotation(path)
    source = path.with_name(annotation.file)
    if not source.is_file():
        raise CorpusError(f"{path}: its source file {annotation.file!r} is missing from {path.parent}")
    try:
        article = parse_article(source.read_bytes(), source.name)
    except IntakeError as error:
        raise CorpusError(f"{source}: the importer refuses it: {error}") from error
    return CorpusArticle(annotation=annotation, raw_text=article.raw_text, decoded_as=article.encoding)


def read_annotation(path: Path) -> Annotation:
    """The annotation in `path` (UTF-8 JSON); CorpusError with the file, and the line for a syntax error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 ({error.reason} at byte {error.start}); save it as UTF-8") from error
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from error
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: an annotation is a JSON object, not {type(data).__name__}")
    return Annotation(
        file=_text_field(path, data, "file"),
        encoding=_text_field(path, data, "encoding"),
        style=_text_field(path, data, "style"),
        industry=_text_field(path, data, "industry", required=False) or "",
        title=_text_field(path, data, "title", required=False),
        promo=_text_list(path, data, "promo"),
        keep=_text_list(path, data, "keep"),
        entities=_entities(path, data),
    )


def _text_field(path: Path, data: dict, key: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{path}: {key!r} must be a non-empty string (got {value!r})")
    return value


def _text_list(path: Path, data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        raise CorpusError(f"{path}: {key!r} must be a list of strings (got {value!r:.60})")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise CorpusError(f"{path}: {key}[{index}] must be a non-empty string (got {item!r})")
    return tuple(value)


def _entities(path: Path, data: dict) -> tuple[EntityLabel, ...]:
    value = data.get("entities", [])
    if not isinstance(value, list):
        raise CorpusError(f"{path}: 'entities' must be a list of objects with zh, en and kind")
    entities = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("zh", "en", "kind")):
            raise CorpusError(f"{path}: entities[{index}] must have the strings zh, en and kind (got {item!r:.80})")
        entities.append(EntityLabel(zh=item["zh"], en=item["en"], kind=item["kind"]))
    return tuple(entities)


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


# --- Scoring ----------------------------------------------------------------------------------------


def score_article(article: CorpusArticle, *, strips: Iterable[tuple[int, int]], cleaned_text: str) -> ArticleScore:
    """Score one cleaning of `article`: `strips` are (start, end) spans into its RAW text, half-open.

    Passages and sentences are checked as the module docstring says; nothing here raises.
    """
    annotation, raw = article.annotation, article.raw_text
    covered = _coverage(raw, strips)
    keep_spans = [span for sentence in annotation.keep for span in _occurrences(raw, sentence)]
    promo_spans = {passage: _occurrences(raw, passage) for passage in annotation.promo}
    passages = tuple(
        _score_passage(raw, passage, covered, keep_spans, promo_spans, title=annotation.title)
        for passage in annotation.promo
    )
    sentences = list(annotation.keep)
    has_title = bool(annotation.title) and annotation.title not in sentences
    if has_title:
        sentences.insert(0, annotation.title)
    pieces = _cleaned_pieces(cleaned_text)
    scored = tuple(
        _score_sentence(sentence, cleaned_text, pieces, is_title=has_title and index == 0)
        for index, sentence in enumerate(sentences)
    )
    return ArticleScore(file=annotation.file, style=annotation.style, passages=passages, sentences=scored)


def score_corpus(articles: Sequence[ArticleScore]) -> CorpusScore:
    """Totals over the articles, by style (strips, keeps) and by guessed passage family (strips)."""
    by_style: dict[str, tuple[Tally, Tally]] = {}
    by_family: dict[str, Tally] = {}
    for article in articles:
        strips, keeps = by_style.get(article.style, (Tally(), Tally()))
        by_style[article.style] = (strips + article.strips, keeps + article.keeps)
        for passage in article.passages:
            by_family[passage.family] = by_family.get(passage.family, Tally()) + Tally(int(passage.is_removed), 1)
    return CorpusScore(
        articles=tuple(articles),
        by_style=dict(sorted(by_style.items())),
        by_family={family: by_family[family] for family in FAMILIES if family in by_family},
    )


def _coverage(raw: str, strips: Iterable[tuple[int, int]]) -> bytearray:
    """1 at each RAW offset inside a strip, 0 elsewhere (spans are clamped to the text)."""
    covered = bytearray(len(raw))
    for start, end in strips:
        start, end = max(0, int(start)), min(len(raw), int(end))
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    return covered


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) where `needle` occurs in `text`, overlapping ones included."""
    spans = []
    start = text.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _score_passage(
    raw: str,
    passage: str,
    covered: bytearray,
    keep_spans: list[tuple[int, int]],
    promo_spans: dict[str, list[tuple[int, int]]],
    *,
    title: str | None,
) -> PassageResult:
    occurrences = promo_spans[passage]
    family = passage_family(raw, passage, title=title)
    # Inside a sentence that must survive, the same characters are the sentence's own words; inside a
    # longer passage ("辰卡盟" in the advert line "星辰卡盟_…" repeated at the bottom), that passage answers for them.
    containers = keep_spans + [
        span for other, spans in promo_spans.items() if len(other) > len(passage) for span in spans
    ]
    promo_occurrences = [
        (start, end)
        for start, end in occurrences
        if not any(outer_start <= start and end <= outer_end for outer_start, outer_end in containers)
    ]
    left_at = tuple(start for start, end in promo_occurrences if not _is_covered(raw, covered, start, end))
    return PassageResult(
        text=passage, family=family, is_removed=not left_at, is_in_raw_text=bool(occurrences), left_at=left_at
    )


def _is_covered(raw: str, covered: bytearray, start: int, end: int) -> bool:
    """True when every letter and digit of raw[start:end] is stripped (every visible character, if none)."""
    offsets = [i for i in range(start, end) if raw[i].isalnum()]
    if not offsets:
        offsets = [i for i in range(start, end) if not raw[i].isspace()]
    return all(covered[i] for i in offsets)


def _score_sentence(sentence: str, cleaned_text: str, pieces: list[str], *, is_title: bool) -> SentenceResult:
    if sentence in cleaned_text:
        return SentenceResult(text=sentence, is_intact=True, is_title=is_title)
    nearest, likeness = nearest_piece(sentence, pieces)
    return SentenceResult(text=sentence, is_intact=False, is_title=is_title, nearest_line=nearest, likeness=likeness)


def _cleaned_pieces(cleaned_text: str) -> list[str]:
    """The cleaned text's lines, each cut after 。！？ as annotations cut sentences; blank pieces dropped."""
    pieces = []
    for line in cleaned_text.split("\n"):
        pieces += [piece.strip() for piece in SENTENCE_END.split(line) if piece.strip()]
    return pieces


def nearest_piece(sentence: str, pieces: Sequence[str]) -> tuple[str | None, float]:
    """The piece of cleaned text most like `sentence` (difflib's ratio) and that ratio; (None, 0.0) if none."""
    best, best_ratio = None, 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(sentence)
    for piece in pieces:
        matcher.set_seq1(piece)
        # The cheap upper bounds first, as difflib.get_close_matches does.
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = piece, ratio
    return best, best_ratio


def _is_whole_line(raw: str, passage: str) -> bool:
    """True when `passage` stands alone on a line somewhere in `raw` (surrounding spaces aside)."""
    return any(line.strip(" \t\u3000") == passage.strip(" \t\u3000") for line in raw.split("\n"))


def passage_family(raw: str, passage: str, *, title: str | None = None) -> str:
    """A coarse guess at which family of promo or chrome `passage` belongs to (one of FAMILIES).

    AI notices first; then click-farm words ("卡盟", "涨粉") make it an advert, named by where it sits:
    a whole line is an advert line, a fragment on the line of the article's `title` a headline advert,
    any other fragment an advert splice. Otherwise the vocabulary of page chrome decides ("当前位置：首页
    > 科技" is a breadcrumb wherever it sits), and what is left is placed by where it sits again (a
    whole line without advert words or "_"/"|" segments is "other").
    """
    normalised = normalise(passage.strip())
    if AI_NOTICE.search(normalised):
        return "AI notice"
    if CLICK_FARM_VOCABULARY.search(normalised):
        return _advert_family(raw, passage, title)
    for family, vocabulary in FAMILY_VOCABULARY:
        if vocabulary.search(normalised):
            return family
    if _is_whole_line(raw, passage) and not (
        ADVERT_VOCABULARY.search(normalised) or ADVERT_SEGMENTS.search(normalised)
    ):
        return "other"
    return _advert_family(raw, passage, title)


def _advert_family(raw: str, passage: str, title: str | None) -> str:
    if _is_whole_line(raw, passage):
        return "advert line"
    if title and any(title in line and passage in line for line in raw.split("\n")):
        return "headline advert"
    return "advert splice"


# --- Scoring the tagger -----------------------------------------------------------------------------


def score_entities(
    article: CorpusArticle,
    *,
    mentions: Iterable[FoundName],
    suggestions: Iterable[FoundName],
    cleaned_text: str | None = None,
) -> TaggingScore:
    """Score what the tagger found in `article` against its annotated entities (rules: module docstring).

    `mentions` are the known entities' mentions, one per occurrence or per surface (those with the same
    English name and kind are one entity); `suggestions` the suggested names. Give `cleaned_text` to
    have each miss say whether the cleaner left its surface in. Nothing here raises.
    """
    annotation, raw = article.annotation, article.raw_text
    found = _group_mentions(mentions) + [
        FoundResult(surfaces=(name.surface,), name_en=name.name_en, kind=name.kind, is_suggestion=True)
        for name in suggestions
    ]
    labels = annotation.entities
    # matches[i][j]: how found name i matches annotated entity j, or None.
    matches = [[_match(label, name) for label in labels] for name in found]
    exact = [any(how in (BY_SURFACE, BY_ENGLISH) for how in row) for row in matches]
    promo_spans = [span for passage in annotation.promo for span in _occurrences(raw, passage)]

    judged = []
    for name, row in zip(found, matches, strict=True):
        matched = tuple(label.zh for label, how in zip(labels, row, strict=True) if how)
        promo_only = not name.is_suggestion and not matched and _only_in_promo(raw, name.surfaces, promo_spans)
        judged.append(replace(name, matches=matched, is_promo_only=promo_only))

    entities = []
    for index, label in enumerate(labels):
        how, name = _best_match(index, judged, matches, exact)
        in_cleaned = None if cleaned_text is None else label.zh in cleaned_text
        entities.append(EntityResult(label=label, found_by=how, found=name, is_in_cleaned_text=in_cleaned))
    return TaggingScore(file=annotation.file, style=annotation.style, entities=tuple(entities), found=tuple(judged))


def score_entity_corpus(articles: Sequence[TaggingScore]) -> CorpusTaggingScore:
    """Totals over the articles, and recall by annotated kind (ENTITY_KINDS first, then any other)."""
    by_kind: dict[str, Tally] = {}
    for article in articles:
        for entity in article.entities:
            by_kind[entity.label.kind] = by_kind.get(entity.label.kind, Tally()) + Tally(int(entity.is_found), 1)
    order = [kind for kind in ENTITY_KINDS if kind in by_kind] + sorted(set(by_kind) - set(ENTITY_KINDS))
    return CorpusTaggingScore(articles=tuple(articles), by_kind={kind: by_kind[kind] for kind in order})


def _group_mentions(mentions: Iterable[FoundName]) -> list[FoundResult]:
    """One FoundResult per known entity (English name and kind), with its distinct surfaces in order."""
    surfaces: dict[tuple[str, str], dict[str, None]] = {}
    names: dict[tuple[str, str], FoundName] = {}
    for mention in mentions:
        key = (_english_key(mention.name_en), mention.kind)
        names.setdefault(key, mention)
        surfaces.setdefault(key, {})[mention.surface] = None
    return [
        FoundResult(surfaces=tuple(surfaces[key]), name_en=name.name_en, kind=name.kind, is_suggestion=False)
        for key, name in names.items()
    ]


def _best_match(
    index: int, found: list[FoundResult], matches: list[list[str | None]], exact: list[bool]
) -> tuple[str | None, FoundResult | None]:
    """How annotated entity `index` was found, and by which name: an exact match first (surface, then
    English; mentions before suggestions, the order of `found`), else a partial one from a suggestion
    that matches nothing of the file exactly; (None, None) when missed."""
    for wanted in (BY_SURFACE, BY_ENGLISH):
        for name, row in zip(found, matches, strict=True):
            if row[index] == wanted:
                return wanted, name
    for name, row, is_exact in zip(found, matches, exact, strict=True):
        if row[index] == PARTLY and not is_exact:
            return PARTLY, name
    return None, None


def _match(label: EntityLabel, name: FoundResult) -> str | None:
    """How `name` matches the annotated `label`: BY_SURFACE, BY_ENGLISH, PARTLY, or None."""
    zh = _surface_key(label.zh)
    surfaces = [_surface_key(surface) for surface in name.surfaces]
    if zh in surfaces:
        return BY_SURFACE
    if label.en.strip() and _english_key(label.en) == _english_key(name.name_en):
        return BY_ENGLISH
    if name.is_suggestion and any(_contains(zh, surface) for surface in surfaces):
        return PARTLY
    return None


def _surface_key(surface: str) -> str:
    return normalise(surface.strip())


def _english_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _contains(first: str, second: str) -> bool:
    """True when the shorter of two folded surfaces is inside the longer and long enough to count."""
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= MIN_PARTIAL_OVERLAP and shorter in longer


def _only_in_promo(raw: str, surfaces: Iterable[str], promo_spans: list[tuple[int, int]]) -> bool:
    """True when every occurrence of every surface in `raw` lies inside an occurrence of a promo passage."""
    occurrences = [span for surface in surfaces for span in _occurrences(raw, surface)]
    return bool(occurrences) and all(
        any(outer_start <= start and end <= outer_end for outer_start, outer_end in promo_spans)
        for start, end in occurrences
    )
