"""Suggest names in a cleaned text that the knowledge base does not know, for an editor to confirm.

Offsets are not returned: a suggestion is a surface form with a kind, how often it occurs in the text
and a proposed English name. The text is never changed.

Where the names come from:
- A statistical NER pass (`briefs.text.ner`, Baidu's LAC) over every sentence: people, places and
  organisations with no cue beside them ("…，马化腾与程维都曾…", "埃隆·马斯克", "国家市场监督管理总局").
  Known entities win: a name inside or across a known entity's mention is dropped (LAC tags "小红" in
  "小红书" as a person); one around a known name counts only if it adds more than a corporate suffix
  ("腾讯云" around 腾讯 stays, "小米集团" around 小米 goes). Its label proposes the kind.
- jieba's part-of-speech tags (nr person, ns place, nt organisation) on the clauses that carry a cue:
  a role or title (买手, 创始人, CEO…), "老师", a verb of saying (表示, 透露…), a place preposition
  (在, 位于…) or quotation marks. A clause with a role also cues the clause before it ("麦昆，小红书
  商户部负责人"). Other clauses never reach jieba's tagger.
- Names in quotation marks next to a role ("时尚买手“衣衣KK”", "“阿紫紫”是…一名时尚买手"), or which jieba
  tags as a name on their own.
- Known entities cut the text into pieces before tagging, so jieba never glues a known name to its
  neighbours ("对于小红书" must not give "于小红").
- A jieba name inside an NER name of the same kind becomes the NER name: jieba's HMM cuts names short
  ("谢阗" for "谢阗宇").

Why gate on cues: jieba's tagger with HMM (needed to discover unknown names) costs ~40 µs per
character here, i.e. 80 ms or more for a 6 KB article; the cued clauses are a small part of the text.
The NER pass costs more (about 11 ms of CPU per 2 KB, see `briefs.text.ner`) and runs on all of it:
run only on sentences without a known name, it found a tenth of the unknown names it finds on the
whole text (most unknown names share a sentence with a known one), and still cost half as much.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from briefs.text import cedict, ner
from briefs.text.names import COMPOUND_SURNAMES, PLACE_SUFFIXES, other_name, person_name, place_name
from briefs.text.script import is_all_han
from briefs.text.tag import Matcher, Mention, find_mentions

ROLE_WORDS = (
    "联合创始人", "创始人", "首席执行官", "董事长", "总经理", "副总裁", "总裁", "总监", "负责人", "主理人",
    "合伙人", "经理", "主任", "主席", "院长", "校长", "局长", "部长", "市长", "书记", "秘书长", "发言人",
    "分析师", "研究员", "教授", "博士", "记者", "编辑", "作者", "设计师", "演员", "歌手", "明星", "艺人",
    "买手", "主播", "博主", "达人", "网红", "UP主", "up主", "老师", "CEO", "COO", "CFO", "CTO", "CMO",
    "KOL", "VP",
)
SPEECH_VERBS = ("表示", "认为", "透露", "指出", "介绍", "坦言", "说道", "直言", "强调", "提到", "回应", "告诉", "称")
PLACE_CUES = ("在", "于", "位于", "来自", "落户", "总部", "省", "市", "县")

ROLE_WORD_SET = frozenset(ROLE_WORDS)
SPEECH_VERB_SET = frozenset(SPEECH_VERBS)
ROLE_PATTERN = "|".join(re.escape(word) for word in ROLE_WORDS)
CUE = re.compile(
    "(?P<person>{})|(?P<place>{})".format(
        "|".join(re.escape(word) for word in (*ROLE_WORDS, *SPEECH_VERBS)),
        "|".join(re.escape(word) for word in PLACE_CUES),
    )
)
# Characters either side of a cue that go to the tagger: a Chinese name is at most four characters,
# and jieba needs a little context to place the name's edges.
CUE_WINDOW = 8
ROLE = re.compile(ROLE_PATTERN)
# A clause ends at punctuation; quotation marks stay inside clauses so quote rules can see them.
CLAUSE_BREAK = re.compile(r"[。！？!?；;，,：:、\n\r\t|（）()【】\[\]《》…—]+")
QUOTED = re.compile(r"[“「\"]([^“”「」\"\n。，,！？]{1,16})[”」\"]")
ROLE_BEFORE_QUOTE = re.compile(f"(?:{ROLE_PATTERN})$")
ROLE_AFTER_QUOTE = re.compile(rf"^(?:是|为|作为|这位|这名)?[^。！？，,\n]{{0,16}}?(?:{ROLE_PATTERN})")
DIGITS_AND_PUNCTUATION = re.compile(r"[\W\d_]+")

PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
TAG_KINDS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}
NAME_TAGS = frozenset(TAG_KINDS)

# Nouns that jieba sometimes tags as names, or that quotes put forward, and that are never entities.
GENERIC_WORDS = frozenset(
    [
        "平台", "用户", "买家", "卖家", "买手", "商家", "电商", "品牌", "主播", "博主", "达人", "网红",
        "公司", "集团", "企业", "行业", "市场", "消费者", "粉丝", "网友", "官方", "社区", "产品", "商品",
        "直播", "短视频", "内容", "创作者", "机构", "团队", "老师", "作者", "记者", "编辑", "来源", "图片",
        "视频", "笔记", "链接", "国内", "海外", "全国", "全球", "本地", "当地", "城市", "地区", "门店",
        "店铺", "商户", "客户", "员工", "负责人", "创始人", "合作伙伴", "同学", "朋友", "小编", "大家", "我们",
        "他们", "她们", "你们", "这里", "那里", "今年", "去年", "明年", "时代", "未来", "现状", "模式",
        "生态", "流量", "红利",
        # Industry nouns the NER pass tags as organisations or places, and a verb jieba's dictionary has
        # as a place ("上市", to list on an exchange).
        "美妆", "彩妆", "上市", "上市公司", "交易所", "商业银行", "金融科技", "新能源汽车", "官方旗舰店", "旗舰店",
        "顾客", "商超", "商城",
    ]
)
# A place or organisation ending in one of these is a phrase, not a name ("美国市场").
GENERIC_SUFFIXES = ("市场", "用户", "消费者", "地区", "门店", "行业", "企业", "品牌", "平台")
# Common single-character surnames; a candidate name found only by a pattern must start with one
# (or with 阿/小/老, as nicknames do).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
)
NICKNAME_PREFIXES = frozenset("阿小老")
# An NER name around a known one that adds only one of these is the known entity under its legal or
# group name ("小米集团" around 小米), not a new entity.
CORPORATE_SUFFIXES = frozenset(["股份有限公司", "有限公司", "集团公司", "控股集团", "公司", "集团", "控股", "股份"])
# An organisation whose name ends in one of these is a public body, a school or an association; any
# other organisation the NER pass finds is proposed as a company (most in business news are).
PUBLIC_BODY_SUFFIXES = (
    "局", "部", "委", "委员会", "院", "署", "厅", "办", "办公室", "政府", "法院", "协会", "学会", "商会", "联合会",
    "基金会", "大学", "学院", "学校", "中心", "组织", "联盟",
)
MIN_NAME_LENGTH = 2
MAX_NAME_LENGTH = 12
# Verdicts on new words are remembered: the same names recur across a desk's articles.
TAG_CACHE_SIZE = 65536


@dataclass(frozen=True)
class SuggestedName:
    """A name the knowledge base does not know: its surface, kind, count in the text and English form."""

    surface: str
    kind: str
    count: int
    proposed_name: str


@cache
def _jieba():
    """jieba's tokenizer and tagger, loaded once per process (the dictionary load takes ~0.6–1.6 s)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, jieba.posseg


def load_jieba() -> None:
    """Load jieba's dictionary and CC-CEDICT now rather than on the first suggestion (for benchmarks and warm-up)."""
    _jieba()
    cedict.load_dictionary()


def propose_english_name(surface: str, kind: str) -> str:
    """The English name an editor would most likely give `surface` ("吴洪建", "person" -> "Wu Hongjian")."""
    surface = surface.strip()
    if kind == "person" and 2 <= len(surface) <= 4 and surface[0] in SURNAMES and is_all_han(surface):
        return person_name(surface)
    # CC-CEDICT's name for other proper nouns ("字节跳动" -> ByteDance, "墨尔本" -> Melbourne); a place
    # with its unit keeps the pinyin with the unit ("南山区" -> Nanshan District, not CEDICT's "Nanshan").
    if kind != "person" and not (kind == "place" and surface[-1:] in PLACE_SUFFIXES):
        dictionary_name = cedict.english_name(surface, kind=kind)
        if dictionary_name:
            return dictionary_name
    if kind == "place" and is_all_han(surface):
        return place_name(surface)
    return other_name(surface, segment=_dictionary_words)


def _dictionary_words(run: str) -> list[str]:
    """Split a run of Chinese characters into dictionary words, or keep it whole if any would be a
    single character ("字节跳动" -> 字节 跳动, but "阿紫紫" stays one word: "Azizi")."""
    jieba, _ = _jieba()
    words = jieba.lcut(run, HMM=False)
    return words if all(len(word) > 1 for word in words) else [run]


def suggest_names(
    text: str,
    *,
    matcher: Matcher,
    rejected: Collection[str] = (),
    byline: str | None = None,
    names: Sequence[ner.NameSpan] | None = None,
) -> list[SuggestedName]:
    """Names in `text` (a cleaned text) that `matcher` does not know, most frequent first.

    Never suggests a surface the matcher knows, one in `rejected`, or the `byline` name. `count` is the
    number of occurrences of the surface in `text`. `names` are the NER pass's spans over `text`
    (offsets into `text`); by default the pass runs here, and when its model is unavailable the
    suggestions come from jieba alone (`ner.failure()` says why).
    """
    mentions = find_mentions(text, matcher)
    if names is None:
        names = ner.find_names(text)
    rejected_set = {surface.strip() for surface in rejected}
    recognised = {
        surface: kind
        for surface, kind in _recognised_names(text, names, mentions).items()
        if _acceptable(surface, matcher, rejected_set, byline)
    }
    found: dict[str, str] = {}
    for surface, kind in _candidates(text, mentions):
        surface, kind = _extended(surface.strip(), kind, recognised)
        if surface not in found and _acceptable(surface, matcher, rejected_set, byline):
            found[surface] = kind
    for surface, kind in recognised.items():
        found.setdefault(surface, kind)
    suggestions = [
        SuggestedName(surface, kind, text.count(surface), propose_english_name(surface, kind))
        for surface, kind in found.items()
    ]
    first_seen = {surface: text.find(surface) for surface in found}
    suggestions.sort(key=lambda s: (-s.count, first_seen[s.surface]))
    return suggestions


def _recognised_names(text: str, names: Sequence[ner.NameSpan], mentions: Sequence[Mention]) -> dict[str, str]:
    """Surface -> proposed kind for the NER names that known entities leave standing, in text order.

    A name inside a mention or across its edge is dropped; one around whole mentions stays if the
    characters it adds are more than a corporate suffix.
    """
    starts = [mention.start for mention in mentions]
    recognised: dict[str, str] = {}
    for name in names:
        # Mentions are sorted and never overlap: those touching the name start before its end.
        touching = [m for m in mentions[: bisect.bisect_left(starts, name.end)] if m.end > name.start]
        if touching:
            if any(m.start < name.start or m.end > name.end for m in touching):
                continue
            added = "".join(
                text[start:end]
                for start, end in zip(
                    [name.start, *(m.end for m in touching)], [*(m.start for m in touching), name.end], strict=True
                )
            )
            if not added.strip() or added in CORPORATE_SUFFIXES:
                continue
        recognised.setdefault(name.surface, _kind_of(name))
    return recognised


def _kind_of(name: ner.NameSpan) -> str:
    """The kind to propose for an NER name: its label, with organisations split into companies and bodies."""
    if name.label == "organisation" and not name.surface.endswith(PUBLIC_BODY_SUFFIXES):
        return "company"
    return name.label


def _extended(surface: str, kind: str, recognised: dict[str, str]) -> tuple[str, str]:
    """A jieba name as the NER pass has it: the longest NER name of the same kind that holds it, else the
    same surface with the NER kind, else as jieba had it."""
    family = {"company": "organisation"}
    holders = [
        name
        for name, name_kind in recognised.items()
        if surface in name and family.get(name_kind, name_kind) == family.get(kind, kind)
    ]
    if holders:
        longest = max(holders, key=len)
        return longest, recognised[longest]
    return surface, recognised.get(surface, kind)


def _acceptable(surface: str, matcher: Matcher, rejected: set[str], byline: str | None) -> bool:
    if not MIN_NAME_LENGTH <= len(surface) <= MAX_NAME_LENGTH or not DIGITS_AND_PUNCTUATION.sub("", surface):
        return False
    if len(DIGITS_AND_PUNCTUATION.sub("", surface)) < MIN_NAME_LENGTH:
        return False
    if surface in GENERIC_WORDS or surface.endswith(GENERIC_SUFFIXES):
        return False
    if surface in rejected or matcher.knows(surface):
        return False
    return not (byline and surface in byline)


def _candidates(text: str, mentions: Sequence[Mention]) -> Iterator[tuple[str, str]]:
    yield from _quoted_candidates(text)
    for snippet, hmm in _cued_snippets(text, mentions):
        yield from _tagged_candidates(snippet, hmm=hmm)


def _is_ordinary_word(word: str) -> bool:
    """True if jieba's dictionary has `word` as something other than a name (“出圈”, “连接器”, “货”)."""
    jieba, posseg = _jieba()
    if not jieba.dt.FREQ.get(word):
        return False
    return posseg.dt.word_tag_tab.get(word, "x") not in NAME_TAGS


def _quoted_candidates(text: str) -> Iterator[tuple[str, str]]:
    """Quoted names next to a role word, or quoted text that jieba tags as one name."""
    for match in QUOTED.finditer(text):
        content = match.group(1).strip()
        if not content or _is_ordinary_word(content) or content in GENERIC_WORDS:
            continue
        before = text[max(0, match.start() - 8) : match.start()]
        after = text[match.end() : match.end() + 24]
        if ROLE_BEFORE_QUOTE.search(before) or ROLE_AFTER_QUOTE.match(after):
            yield content, "person"
            continue
        tokens = [(word, flag) for word, flag in _tag(content) if word.strip()]
        if len(tokens) == 1 and tokens[0][1] in NAME_TAGS:
            yield content, TAG_KINDS[tokens[0][1]]


def _cued_snippets(text: str, mentions: Sequence[Mention]) -> Iterator[tuple[str, bool]]:
    """Parts of clauses worth tagging, each with whether jieba's HMM should run on it.

    Known entities are cut out first (each piece between them is tagged on its own). Around a person
    cue (role, "老师", verb of saying) jieba runs with HMM, which is what discovers unknown names; around
    a place cue without HMM, since place names are nearly all in jieba's dictionary.
    """
    pieces: list[str] = []
    position = 0
    for mention in mentions:
        # A known name ends a clause, so jieba never glues it to its neighbours.
        pieces.append(text[position : mention.start])
        pieces.append("\n")
        position = mention.end
    pieces.append(text[position:])
    clauses = [clause.strip() for clause in CLAUSE_BREAK.split("".join(pieces))]
    clauses = [clause for clause in clauses if clause]
    has_role = [bool(ROLE.search(clause)) for clause in clauses]
    for index, clause in enumerate(clauses):
        windows = [
            (max(0, match.start() - CUE_WINDOW), match.end() + CUE_WINDOW, match.lastgroup == "person")
            for match in CUE.finditer(clause)
        ]
        # "麦昆，小红书商户部负责人": a role cues a name-sized clause just before it.
        if len(clause) <= 4 and any(has_role[index + 1 : index + 3]):
            windows.append((0, len(clause), True))
        for start, end, hmm in _merge(windows):
            yield clause[start:end], hmm


def _merge(windows: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Merge overlapping windows; a merged window uses HMM if any of its parts does."""
    merged: list[tuple[int, int, bool]] = []
    for start, end, hmm in sorted(windows):
        if merged and start <= merged[-1][1]:
            last_start, last_end, last_hmm = merged[-1]
            merged[-1] = (last_start, max(end, last_end), last_hmm or hmm)
        else:
            merged.append((start, end, hmm))
    return merged


def _tag(snippet: str, *, hmm: bool = True) -> list[tuple[str, str]]:
    """Words of `snippet` with jieba part-of-speech flags, at a fraction of `jieba.posseg.cut`'s cost.

    jieba's plain tokenizer (with its small HMM when `hmm`) splits the snippet; dictionary words take
    their dictionary flag; a word the HMM discovered, if it is name-sized, goes alone through the
    part-of-speech tagger, whose larger HMM is what tells a name from other new words. Running that
    tagger on whole clauses costs ten times more for the same verdicts on names.
    """
    jieba, posseg = _jieba()
    tags = posseg.dt.word_tag_tab
    tagged: list[tuple[str, str]] = []
    for word in jieba.cut(snippet, HMM=hmm):
        flag = tags.get(word)
        if flag is None:
            flag = "x"
            if hmm and _looks_like_person(word):
                flag = _tag_new_word(word)
        tagged.append((word, flag))
    return tagged


@lru_cache(maxsize=TAG_CACHE_SIZE)
def _tag_new_word(word: str) -> str:
    """jieba's part-of-speech flag for a word outside its dictionary, "x" if the tagger splits it."""
    _, posseg = _jieba()
    pairs = list(posseg.cut(word, HMM=True))
    return pairs[0].flag if len(pairs) == 1 else "x"


def _tagged_candidates(snippet: str, *, hmm: bool) -> Iterator[tuple[str, str]]:
    tokens = _tag(snippet, hmm=hmm)
    for index, (word, flag) in enumerate(tokens):
        if flag in NAME_TAGS:
            if flag in PERSON_TAGS and not _looks_like_person(word):
                continue
            yield word, TAG_KINDS[flag]
        elif flag == "x" and _looks_like_person(word) and _beside_a_person_cue(tokens, index):
            # A new word the tagger would not call a name, but shaped like one and placed like one:
            # "创始人李想近日…", "郭谨一表示…", "刘晓燕老师".
            yield word, "person"


def _beside_a_person_cue(tokens: list[tuple[str, str]], index: int) -> bool:
    before = tokens[index - 1][0] if index > 0 else ""
    after = tokens[index + 1][0] if index + 1 < len(tokens) else ""
    return before in ROLE_WORD_SET or after in SPEECH_VERB_SET or after == "老师" or len(tokens) == 1


def _looks_like_person(word: str) -> bool:
    # Cheapest test first: most words jieba yields are one character long.
    if not 2 <= len(word) <= 4:
        return False
    if not (word[0] in SURNAMES or word[0] in NICKNAME_PREFIXES or word[:2] in COMPOUND_SURNAMES):
        return False
    return is_all_han(word)
