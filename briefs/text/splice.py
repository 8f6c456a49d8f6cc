"""Line shapes the cleaner recognises: advert titles, spliced title segments, captions and bylines.

Everything here reads the *normalised* text made by `rules.normalise` (Latin lowered, full-width
punctuation folded to ASCII, Traditional characters folded to Simplified by OpenCC). Normalising keeps
one character for one character, so an offset into the normalised text is an offset into the raw text.

Why these heuristics: content farms replace an article's title with a click-farm advert
("ks免费刷平台推广:小红书业务下单"), then splice the advert, or a segment of it, into sentences
("接下来小红书业务下单,小红书将投入…"). A segment is worth looking for when it pairs a platform name with
promo vocabulary; an occurrence proves a splice when cutting it leaves a sentence, which in practice
means it ends at a clause boundary and is not the object of a preposition ("在小红书推广" is grammar,
"接下来小红书业务下单," is a splice).
"""

from __future__ import annotations

import re

import ahocorasick_rs

# Platforms the farms sell fake engagement for (normalised: Latin lowered, Simplified).
PLATFORM_PATTERN = re.compile(
    r"抖音|快手|小红书|红书|b站|哔哩哔哩|微博|微信|视频号|公众号|火山|西瓜视频|今日头条|头条|淘宝|拼多多|闲鱼|知乎|"
    r"全民k歌|qq空间|qq|tiktok|ins|ks|dy|dou\+|vx|wx"
)
# Click-farm vocabulary. Strong cues are rarely innocent next to a platform name; weak cues are
# ordinary business words that only count when several gather in one short line.
# 刷 is excluded where it starts an ordinary word: 刷新 (refresh/break a record), 刷卡, 刷脸, 刷屏, 牙刷.
STRONG_CUE_PATTERN = re.compile(
    r"(?<!牙)刷(?![新卡脸屏子牙])|赞|粉|卡盟|自助|秒到|秒单|免费|低价|便宜|24小时|代刷|代挂|涨|双击|领取|播放量|人气"
)
WEAK_CUE_PATTERN = re.compile(r"推广|下单|业务|平台|网站|官网|软件|购买|服务|营销|引流|流量|在线")
# What farms of other trades sell in the same adverts: franchises, wholesale stock, servers, repairs,
# loans. Each is one cue point, like the weak cues.
SERVICE_CUES = (
    "加盟", "代理", "货源", "代发", "批发", "租用", "出租", "回收", "上门", "代办", "代开", "培训",
    "报价", "哪家好", "厂家", "直销", "特价", "最平", "一站式", "免备案", "高防", "开店", "同城",
    "维修", "兼职", "日结", "贷款", "套现", "微商",
)
SERVICE_CUE_PATTERN = re.compile("|".join(SERVICE_CUES))

# Title separators farms use between advert segments: ":" "|" "-" "_" "," and look-alikes.
SEGMENT_SEPARATOR_PATTERN = re.compile(r"[\s:|\-_,、/丨—–~]+")
# A title longer than this, or holding a full stop, is a sentence rather than an advert.
MAX_TITLE_LENGTH = 60
# SEO adverts chain short segments with these ("云服务器租用_高防服务器_BGP机房"); news headlines do not.
SEO_SEPARATOR_PATTERN = re.compile(r"[_|丨]")
MAX_SEO_SEGMENT = 20
# Contact details in a title segment make it advert ("物流专线报价vx:wl56886", "加v:zfb668").
CONTACT_DETAIL_PATTERN = re.compile(r"vx|wx|v:|微信|qq|whatsapp|line|\d{7,}|www\.|\.com|电话|热线")

# A spliced phrase is not the object of these: "在小红书推广" and "从看直播到下单" are grammar.
OBJECT_TAKING_CHARS = frozenset("在于从到对向把被给让和与及跟的是为将由往朝用以去来过")
# Characters that end a clause; a splice usually sits right before one.
CLAUSE_BOUNDARY_CHARS = frozenset(",.;:!?。、;!?…)]》」』”’ \t\n\r\u3000")

# Sentences about the crackdown on click farms are news, not promo: a lexicon hit in the same
# sentence as one of these words is kept ("平台将严厉打击刷粉、刷赞等行为").
ENFORCEMENT_PATTERN = re.compile(
    r"打击|整治|治理|违规|违法|违反|禁止|严禁|严打|查处|封禁|封号|处罚|清理|黑产|黑灰产|警方|公安|起诉|判决|判处|"
    r"涉嫌|诈骗|欺诈|虚假流量|造假|监管|约谈|罚款|取缔|举报|法院|审理|检察|被告|获刑|有期徒刑|非法经营|专项行动"
)
SENTENCE_END_CHARS = frozenset("。!?;!?;\n")

# Bylines: "作者 | 吴洪建", "作者:X", "文/X", "文 | X", "记者 X", "本报记者 X Y".
BYLINE_PATTERN = re.compile(
    r"(?:作者|撰文|文字|撰稿|文|(?:本报|本刊|特约|实习|首席)?记者)\s*(?:[|/:]\s*|\s+)"
    r"(?P<name>[^\s|/:,.;!?。、()]{1,16}(?:[ ·][^\s|/:,.;!?。、()]{1,16}){0,3})"
)
MAX_BYLINE_LENGTH = 40

# Captions and credits; the whole (short) line is a caption, promo spliced inside it included.
CAPTION_PATTERNS = (
    re.compile(r"图片来源\s*:|图源\s*:|图片提供\s*:"),  # "小红书COO柯南 图片来源:小红书"
    re.compile(r"^[(\[]?\s*(?:图|图片|配图|图文|摄影|摄|视觉)\s*(?:[/|:]|来源|来自|由)"),  # "图/视觉中国", "摄影:张三"
    re.compile(r"(?:^|[\s。.,)])来源\s*:\s*[^\s。,:;]{1,20}\s*[)]?$"),  # "…负责人。 来源:小红书"
    re.compile(
        r"^[(\[]?\s*(?:图片?|图文|视频|素材)?(?:来自|来源于?|源自)\s*(?:网络|互联网)\s*[)\]]?$"
    ),  # "（图片来自网络）"
    re.compile(r"(?:^|\s)[^\s。,]{1,12}\s+摄$|^(?:记者|通讯员).{1,12}摄$"),  # "记者 张三 摄"
)
MAX_CAPTION_LENGTH = 80


# Calls to action and sales talk of adverts for any trade ("需要的老板请私信", "一件代发", "价格低至999元",
# "AI变现训练营火热招生中"): two points each in `advert_clause_score`.
CALLS_TO_ACTION = (
    "私信", "详询", "咨询热线", "欢迎来电", "欢迎合作", "欢迎加盟", "欢迎咨询", "欢迎订购", "招生",
    "招募代理", "报名电话", "报名热线", "可租可售", "低至", "包过", "名额有限", "先到先得", "免费领",
    "免费用", "免费送", "领取", "进群", "加群", "入群", "交流群", "入口见文末", "点击链接", "点击咨询",
    "点击购买", "点击预订", "点击下载", "老板", "代练", "上分", "代打", "挂靠", "秒出", "一件代发",
    "厂家直销", "厂家直供", "火热", "速来", "限时", "优惠券", "福利", "变现", "副业", "包邮", "招商",
    "关注公众号", "请关注", "免费发布",
)
# What click farms promise: counted in a clause where the engagement words themselves (赞, 粉, 双击,
# 播放量) are not, since news about platforms uses those every day. Two points each.
FARM_PROMISES = ("卡盟", "自助", "秒到", "秒单", "低价", "便宜", "24小时", "代刷", "代挂")
# A clause with these is reporting news, whatever sales words it quotes ("公司表示将加大推广", "营收同比增长").
NEWS_MARKER_PATTERN = re.compile(
    r"表示|显示|认为|指出|透露|介绍|报道|据|财报|同比|环比|季度|营收|净利|亿元|增长|下降|份额|宣布|公司|市场|用户|消费者"
)
# One automaton for the three lists (leftmost-longest, so "一件代发" is one call to action, not "代发"
# as well): a regex alternation of 80 words costs 18 µs a line where this costs 1.
_ADVERT_CUES = tuple(
    {word: points for points, words in ((1, SERVICE_CUES), (2, CALLS_TO_ACTION), (2, FARM_PROMISES)) for word in words}
    .items()
)
_ADVERT_CUE_AUTOMATON = ahocorasick_rs.AhoCorasick(
    [word for word, _ in _ADVERT_CUES], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
)


def advert_cues(text: str) -> list[tuple[int, int, int]]:
    """(start, end, points) of every call to action, trade cue and farm promise in a normalised text."""
    return [
        (start, end, _ADVERT_CUES[index][1])
        for index, start, end in _ADVERT_CUE_AUTOMATON.find_matches_as_indexes(text)
    ]


def advert_clause_score(clause: str) -> int:
    """How much a normalised clause sounds like an advert: calls to action, trade cues, farm promises."""
    return sum(points for _, _, points in advert_cues(clause))


def cue_score(segment: str) -> int:
    """Two points per strong click-farm cue, one per weak cue or trade cue, in a normalised segment."""
    return (
        2 * len(STRONG_CUE_PATTERN.findall(segment))
        + len(WEAK_CUE_PATTERN.findall(segment))
        + len(SERVICE_CUE_PATTERN.findall(segment))
    )


def split_title(title: str) -> list[str]:
    """The non-empty segments of a normalised title, split at farm separators (":", "|", "-", "_", ",")."""
    return [part for part in SEGMENT_SEPARATOR_PATTERN.split(title) if part]


def is_title_like(line: str) -> bool:
    """True for a short line without a sentence stop inside: a title or heading, not a paragraph."""
    return len(line) <= MAX_TITLE_LENGTH and not re.search(r"[。!?!?]", line[:-1])


def looks_like_advert_title(title: str) -> bool:
    """True when a normalised title has the click-farm shape without any lexicon hit.

    The shape: a short line of two or more segments, a platform name, a strong cue, and at least four
    cue points overall ("ks免费刷平台推广:小红书业务下单"). "抖音电商推广平台：品牌如何下单" has weak
    cues only and stays a title.
    """
    if not is_title_like(title) or len(split_title(title)) < 2:
        return False
    if not PLATFORM_PATTERN.search(title) or not STRONG_CUE_PATTERN.search(title):
        return False
    return cue_score(title) >= 4


def looks_like_seo_advert(line: str) -> bool:
    """True when a normalised line is an SEO advert: short segments chained by "_" or "|", selling.

    "美妆批发一件代发_微商化妆品货源网_正品大牌货源", "云服务器租用_高防服务器_BGP机房": two segments
    or more, none longer than MAX_SEO_SEGMENT, with a click-farm or trade cue or contact details in
    the last, or three segments or more.
    """
    if not is_title_like(line):
        return False
    segments = [part for part in SEO_SEPARATOR_PATTERN.split(line) if part.strip()]
    if len(segments) < 2 or max(len(part.strip()) for part in segments) > MAX_SEO_SEGMENT:
        return False
    return len(segments) >= 3 or cue_score(line) >= 2 or CONTACT_DETAIL_PATTERN.search(segments[-1]) is not None


def is_spliced(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` (normalised) reads as spliced in: cutting it leaves a sentence.

    The occurrence must end at a clause boundary (punctuation, space or line end) and must not follow
    a preposition or particle that needs it as an object.
    """
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return before not in OBJECT_TAKING_CHARS and after in CLAUSE_BOUNDARY_CHARS


def mentions_enforcement(line: str) -> bool:
    """True when a normalised line mentions the crackdown on click farms anywhere (a cheap first check)."""
    return ENFORCEMENT_PATTERN.search(line) is not None


def is_enforcement_context(line: str, start: int, end: int) -> bool:
    """True when the sentence around `line[start:end]` talks about cracking down on click farms."""
    left = start
    while left > 0 and line[left - 1] not in SENTENCE_END_CHARS:
        left -= 1
    right = end
    while right < len(line) and line[right] not in SENTENCE_END_CHARS:
        right += 1
    return ENFORCEMENT_PATTERN.search(line, left, right) is not None


def find_byline_name(line: str) -> tuple[int, int] | None:
    """The (start, end) of the author's name when the whole normalised line is a byline, else None."""
    if len(line) > MAX_BYLINE_LENGTH:
        return None
    match = BYLINE_PATTERN.fullmatch(line)
    return match.span("name") if match else None


def is_caption(line: str) -> bool:
    """True when a normalised line is a photo caption or a source credit."""
    if len(line) > MAX_CAPTION_LENGTH:
        return False
    return any(pattern.search(line) for pattern in CAPTION_PATTERNS)
