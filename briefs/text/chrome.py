"""Page chrome that content-farm copies of Chinese news carry, recognised by shape plus vocabulary.

Every function takes ONE line of normalised text (see `rules.normalise`: Latin lowered, full-width
punctuation folded to ASCII, so "：" is ":" and "（" is "("), already stripped of surrounding
whitespace. Offsets returned are Python string indices into that line, half-open.

`line_family` names the family of a line that is chrome as a whole; the cleaner strips such lines.
The families and the order they are tried in:
- Paragraph families, which may read like sentences and run long: "ai-notice" ("【ai导读】…"),
  "summary" ("核心提示:…", "【摘要】…"), "disclaimer" ("免责声明:…投资有风险…"), "credit"
  ("图为…。(新华社记者 王某 摄)"), "forum" sentences of forum software ("本帖最后由 xxx 于 … 编辑"),
  "source" headlines after 原标题, "advert" lines ("【广告】…", "…,一块起批,点击咨询>>"), "contact"
  adverts ("扫码进群领红包", "旧空调高价回收,电话同微信:139…"), and "share" prompts with their pitch
  ("点个在看,你最好看") or a linked headline after its heading ("延伸阅读:千元机还值得买吗?…").
  What an advert or a prompt says around its call is "pitch": short clauses that narrate nothing (no
  reporting verb, no figure from a report, no subject that "can").
- Then the prose guard: a line with a sentence stop inside, or one ending in a stop after a comma
  clause, is a sentence and never chrome ("猜你喜欢功能上线后,用户停留时长增加。").
- Short families, each a whole-line shape over its own vocabulary: "breadcrumb", "related-heading",
  "label", "share", "keywords", "source", "forum", "metadata". A line of rule characters only
  ("------") is a "divider".
Vocabulary alone never decides: "来源于供应链的压力正在加大。" starts like a source line and
"网友评论普遍认为…" like a comment widget, but neither has the shape.

`is_link_headline`, `contact_clauses` and `trailing_credit` find the pieces the cleaner cuts out of
lines that are not chrome as a whole: headlines listed under a related-articles heading, advert
clauses spliced into prose, and a photo credit closing a caption. `is_forum_username` and
`thread_tag` do the same for forum pages: a poster's name between forum lines, and a "[转帖]" tag
opening a thread's title.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from types import ModuleType

import regex

from briefs.text import splice
from briefs.text.script import HAN_CLASS

# --- Shared shapes -------------------------------------------------------------------------------------
# Decoration around a chrome line: brackets, bullets, arrows, rules and emoji pointers ("【相关阅读】",
# "▲点击阅读原文", "—— end ——", "-完-"). Stripped before a line is compared with a family's shape.
LEADING_DECORATION = " \t\u3000\u00a0([{【「『《“\"'*#>|·•●○■□◆◇▲△▼▽★☆▶►→↓↑☞✓✔-—=~_:👉👇🔥▍▌▎┃"
TRAILING_DECORATION = " \t\u3000\u00a0)]}】」』》”\"'*|·•●○■□◆◇▲△▼▽★☆◀←↓↑-—=~_:。.!…"
# Clause ends after normalising (full-width ，；。！？ are ASCII by then; 。 has no ASCII form).
SENTENCE_STOP_PATTERN = re.compile(r"[。!?]")
CLAUSE_SPLIT_PATTERN = re.compile(r"[,;。!?、]+")

DATE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"\d{1,2}-\d{1,2}(?![\d:]))"
)
TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?)"
DATETIME = rf"(?:{DATE}(?:\s*{TIME})?|{TIME})"

# A short line may be chrome; longer lines are sentences or paragraphs, except for the paragraph
# families, which set their own limits below.
MAX_SHORT_CHROME_LINE = 100

# News narrates: a reporting verb, a figure from a report, a company announcing something. The pitch
# clauses around an advert or a follow prompt ("每天带你看懂科技圈", "日结分润", "学费分期") do none of
# that, so a clause with these words is never pitch. "据" only in its reporting compounds, as 数据 is
# everywhere; "发布" but not "发布会".
NARRATION_PATTERN = re.compile(
    r"表示|声称|宣称|认为|显示|指出|透露|介绍|宣布|公布|披露|发布|推出|报道|据(?:悉|了解|介绍|报道|统计|称)|记者|"
    r"分析(?:师|人士|称)|预计|同比|环比|营收|营业收入|净利|财报|季度|年报|公告|股价|市值"
)
# Pitch clauses are cut at any clause mark, a colon or a space ("一键三连:点赞、收藏、转发").
PITCH_SPLIT_PATTERN = re.compile(r"[,;。!?、:|\s]+")
MAX_PITCH_CLAUSE = 20  # "免费测算你家屋顶能装多少千瓦" is 14; a clause of news runs longer
MAX_PITCH_CLAUSES = 5


# A rule drawn across the page ("------", "=====", "* * *"); it says nothing and goes.
DIVIDER_PATTERN = re.compile(r"(?:[-—–=_*~#·•─━═]\s*){3,}")
# A closing bracket whose opening bracket is inside the line belongs to it ("评论(12)").
BRACKET_OPENERS = {")": "(", "]": "[", "}": "{", "】": "【", "」": "「", "』": "『", "》": "《", "”": "“"}


def _strip_decoration(line: str) -> str:
    core = line.lstrip(LEADING_DECORATION)
    end = len(core.rstrip(TRAILING_DECORATION))
    while end < len(core) and core[end] in BRACKET_OPENERS:
        closer = core[end]
        if core.count(BRACKET_OPENERS[closer], 0, end) <= core.count(closer, 0, end):
            break
        end += 1
    return core[:end]


def _reads_as_prose(line: str) -> bool:
    """True when a line is a sentence: a stop before its last character, or a comma clause then a stop."""
    body = line.rstrip(TRAILING_DECORATION)
    if SENTENCE_STOP_PATTERN.search(body):
        return True
    return body != line and "," in body and SENTENCE_STOP_PATTERN.search(line[len(body) :]) is not None


def _is_pitch(text: str) -> bool:
    """True when every clause of `text` is short and narrates nothing (see NARRATION_PATTERN)."""
    clauses = [clause for clause in PITCH_SPLIT_PATTERN.split(text) if clause]
    return len(clauses) <= MAX_PITCH_CLAUSES and all(
        len(clause) <= MAX_PITCH_CLAUSE
        and not NARRATION_PATTERN.search(clause)
        and not NARRATED_SUBJECT_PATTERN.search(clause)
        for clause in clauses
    )


# --- ai-notice -----------------------------------------------------------------------------------------
# "【ai导读】…", "ai速览:…": a label that opens a machine summary; the whole paragraph goes, at any length.
AI_LABEL_PATTERN = re.compile(
    r"[【\[(]?\s*(?:ai|人工智能|智能)\s*(?:导读|速览|速读|摘要|总结|划重点|要点|提炼|解读|帮你读|概要|生成摘要)"
    r"\s*(?:[:|】\])]|$)"
)
AI = r"(?:生成式ai|ai大模型|ai工具|ai技术|aigc|ai|人工智能|大模型|智能助手)"
# A clause saying a machine wrote the text: "本文部分内容由人工智能辅助生成", "内容由ai生成".
# Anchored at the clause start, so a news clause about ai-written content ("该公司称其文案由ai生成")
# is not a notice.
AI_NOTICE_CLAUSE_PATTERN = re.compile(
    r"(?:本文|本篇(?:文章)?|文章|全文|以上|以下|此文|该文|页面|该|此|本)?的?(?:部分|全部|主要)?"
    r"(?:内容|文字|文本|图片|摘要|正文|信息)?(?:均|系|为|是)?"
    rf"(?:(?:由|使用|借助|采用|利用|通过|经)了?{AI}(?:助手|工具|模型|写作)?(?:辅助|参与)?"
    r"(?:(?:根据|基于|依据|结合)[^,;。]{1,12}?)?"  # "由ai助手根据公开资料整理生成"
    rf"|含有?{AI}|{AI}(?:辅助)?)"
    r"(?:整理|汇总|辅助)?(?:生成|创作|撰写|写作|整理|合成|编写|改写|完成)(?:的)?(?:内容)?"
)
MAX_AI_NOTICE_STATEMENT = 150  # "本文部分内容由人工智能辅助生成,仅供参考" and its longer cousins
# What may follow the notice in its clause ("…生成的。"); more means the clause is news about ai
# ("ai生成式搜索正在改变行业").
MAX_AI_NOTICE_REST = 2
# Clauses that go with a notice or a disclaimer but say nothing on their own: the editors' review, an
# apology for errors, who provided the footage ("经编辑审核后发布", "如有疏漏敬请指正", "本视频由…提供").
NOTICE_COMPANION_PATTERN = re.compile(
    r"经(?:过)?(?:编辑|人工|专业人员|记者|作者)?(?:审核|核实|校对|把关|审校|核对)|"
    r"(?:如|若)(?:有|存在|发现)(?:疏漏|错漏|错误|不妥|不当|谬误|纰漏|偏差)|(?:敬请|欢迎|请)(?:读者)?(?:批评)?(?:指正|谅解)|"
    r"(?:本文|文中|文章|本|该|此)?(?:视频|图片|图文|素材|内容|数据)(?:素材)?由.{1,20}?提供"
)

# --- summary -------------------------------------------------------------------------------------------
# "核心提示:…", "【摘要】…": a farm's digest of the article above it, the whole paragraph at any length.
# A lede ("导语:…") is the article's own opening and stays; a label alone is a "label" line.
SUMMARY_LABEL_PATTERN = re.compile(
    r"(?:(?:内容|文章|本文|全文)?摘要|核心提示|(?:内容|本文)?提要|划重点|(?:本文|核心)要点|要点速览|一句话总结)"
    r"\s*[:|】\]]\s*"
)
SUMMARY_OPENING_CHARS = frozenset("内文本全摘核提划要一")


# --- disclaimer ----------------------------------------------------------------------------------------
# A paragraph opening with one of these labels is a disclaimer at any length ("免责声明:…").
STRONG_DISCLAIMER_LABEL_PATTERN = re.compile(r"(?:免责声明|版权声明|原创声明|版权说明|风险提示)\s*(?:[:|】\])]|$)")
# These labels also open statements and service notes, so the paragraph must hold disclaimer
# vocabulary too ("声明:本文仅代表作者观点…" but not "特别提示:今晚有暴雨").
WEAK_DISCLAIMER_LABEL_PATTERN = re.compile(
    r"(?:特别声明|郑重声明|声明|特别提示|温馨提示|重要提示|特别说明)\s*[:|】\])]"
)
# What a disclaimer clause opens with ("本文", "图片", "注:"): the vocabulary below must follow at once.
DISCLAIMER_SUBJECT = (
    r"(?:(?:注|注意|ps|备注|说明)\s*:\s*)?"
    r"(?:本文|本站|本网站?|本号|本平台|本公众号|文章|文中|文中图片|部分图片|图片|配图|内容|以上内容|以上|该文|此文|"
    r"文章内容|本文内容|本文观点|文章观点|部分内容|素材|视频)?"
    r"(?:的)?(?:仅|均|系|为|只|纯属)?"
)
DISCLAIMER_VOCABULARY = (
    r"(?:代表)?作者(?:个人|本人|独立)?(?:的)?观点|代表(?:作者|个人)|不代表(?:本站|本网站?|本号|本平台|本公众号|我们|平台)?(?:的)?"
    r"(?:立场|观点)|供(?:参考|学习|交流|阅读|读者参考)|不构成(?:任何)?(?:投资)?(?:建议|依据)|投资有风险|"
    r"入市需谨慎|风险自担|据此操作|作者授权|授权(?:发布|发表|转载)|原创(?:文章|内容|作品|稿件)?$|"
    r"未经(?:本站|本网|作者|本号)?(?:许可|授权|允许|同意|书面授权)(?:$|(?:不得|禁止|请勿|严禁|谢绝|任何(?:单位|个人|媒体)?不得)"
    r"(?:转载|摘编|复制|镜像|转发|使用))|(?:不得|禁止|严禁|请勿|谢绝)(?:转载|摘编|复制|镜像|抄袭)|转载(?:请|须|需|务必)|"
    r"如需转载|欢迎转载|版权归(?:原作者|作者|原创作者|本站|本网|原著|.{1,12}所有)|版权(?:所有|属于)|copyright|©|"
    r"all rights reserved|如(?:有|涉及|涉|发现)(?:侵权|版权)|若有侵权|侵权(?:请)?(?:联系)?(?:删除|必究)|侵删|"
    r"请联系(?:我们|本站|小编|作者)?(?:删除|处理)|"
    r"(?:来源|来自|源于|取自|转自|整理自|图源|图片源)于?(?:网络|互联网)(?=$|如|若|侵|版权|仅)|(?:提供)?信息存储空间服务|自发贡献|"
    r"仅作(?:为)?(?:信息)?(?:分享|交流|传递)|不(?:承担|负)(?:任何)?(?:法律)?责任|"
    r"(?:请)?(?:读者)?(?:自行|谨慎|注意)(?:核实|甄别|判断|辨别)|不对.{0,12}(?:负责|承担|作任何保证)"
)
DISCLAIMER_CLAUSE_PATTERN = re.compile(DISCLAIMER_SUBJECT + "(?:" + DISCLAIMER_VOCABULARY + ")")
# A cheap first look: one literal of each vocabulary entry above; a line holding none of them skips
# splitting into clauses.
DISCLAIMER_HINT_PATTERN = re.compile(
    r"代表|供参考|供学习|供交流|供阅读|供读者|不构成|投资有风险|入市|风险自担|据此|授权|原创|未经|不得|禁止|严禁|请勿|"
    r"谢绝|转载|版权|copyright|©|rights reserved|侵|请联系|网络|存储空间|自发贡献|仅作|责任|核实|甄别|判断|辨别|不对"
)
# Without a label, most of the line's letters must sit in disclaimer clauses: "本网站所刊载信息,不代表
# 本站观点" is one, "腾讯称,该文章仅代表作者观点" has no clause opening with the vocabulary.
DISCLAIMER_COVERAGE = 0.5
MAX_UNLABELLED_DISCLAIMER = 300  # the longest risk notices farms paste run to about 250 characters


# --- credit --------------------------------------------------------------------------------------------
# Agencies and picture desks that sign photos ("新华社发", "视觉中国供图", "(受访者供图)").
AGENCY = (
    r"(?:新华社|中新社|中新网|人民网|人民日报|央视新闻|央视网?|本报|本刊|本台|本网|澎湃新闻|视觉中国|东方ic|ic photo|"
    r"图虫创意|图虫|cfp|getty images|受访者|网络|资料|官方|企业|公司)"
)
PERSON = rf"(?:[{HAN_CLASS}·]{{2,5}}|[a-z][a-z.\-]*(?: [a-z][a-z.\-]*){{0,2}})"
PERSONS = rf"{PERSON}(?:\s*[、,和与 ]\s*{PERSON}){{0,3}}"
REPORTER = r"(?:(?:特约|实习|首席|摄影)?记者|通讯员|摄影师?)"
# A credit's value after "图/" or "图片来源:": a name, never a phrase with grammar words in it
# ("图/文结合的报道方式" is no credit).
CREDIT_NAME = r"[^\s,。;!?()\[\]【】的了是]{1,12}(?: [^\s,。;!?()\[\]【】的了是]{1,12}){0,2}"
# What a credit's value follows: "图/", "图片来源:", "视频画面:".
CREDIT_LABEL = (
    r"图|图片|配图|摄影|摄|图源|图片来源|图片来自|图片提供|图文|视频来源|视频画面|视频截图|画面|画面来源|素材来源"
)
# Credit forms in brackets may follow any character ("雷军在发布会上演讲(记者林小明/摄影)").
BRACKETED_CREDIT_FORMS = (
    rf"(?:{AGENCY}\s*(?:发\s*)?)?(?:{REPORTER}\s*)?{PERSONS}\s*/?\s*(?:摄影?|拍摄)",  # (记者林小明/摄影)
    rf"(?:{CREDIT_LABEL})\s*[/|:]\s*{CREDIT_NAME}",  # (图/新华社), (视频画面:亿航智能提供)
    rf"(?:{AGENCY}|{PERSONS})?\s*(?:发|供图|提供)",  # (新华社发), (受访者供图)
    r"图片?由.{1,16}提供",  # (图片由小米提供)
    r"资料图片?|示意图|效果图|网络图片|(?:视频|网络|网页|屏幕)?截图|截屏",  # (资料图), (视频截图)
)
# Unbracketed forms start the line or follow a space, a stop or a closing bracket. A photographer's
# credit then needs spaces or a slash around the name ("记者 张三 摄", "张三/摄"), so "…记者现场拍摄" stays.
PLAIN_CREDIT_FORMS = (
    rf"(?:{AGENCY}\s*(?:发\s*)?)?{REPORTER}\s+{PERSONS}\s*/?\s*摄影?",  # 新华社记者 王某 摄
    rf"(?:{AGENCY}\s*(?:发\s*)?)?(?:{REPORTER}\s*)?{PERSONS}(?:\s+|\s*/\s*)摄影?",  # 王某 摄, 王某/摄
    rf"(?:{CREDIT_LABEL})\s*[/|:]\s*{CREDIT_NAME}",  # 图/视觉中国
    rf"(?:{AGENCY}|{PERSONS})\s*供图",  # 视觉中国供图
    r"资料图片?",
    r"(?:图片)?(?:来自|来源于?|源自)\s*(?:网络|互联网)",  # …现场 图片来源于网络
    # A plain "来源:X" closes a caption only after it ("…负责人。 来源:小红书"); at the start of a
    # line it is a source line.
    r"(?<=[\s。.])来源\s*:\s*[^\s,。;:!?]{1,16}",
)
# A credit, matched from one of its possible starts to the end of the line. `regex`, not `re`: a
# person's name is Han characters as `script` defines them.
CREDIT_PATTERN = regex.compile(
    rf"[(\[【]\s*(?:{'|'.join(BRACKETED_CREDIT_FORMS)})\s*[)\]】]|(?:{'|'.join(PLAIN_CREDIT_FORMS)})"
)
# Where a credit may start: an opening bracket, or a character after a space, a stop or a closing
# bracket. Trying the credit forms only there takes half the time of searching every position.
CREDIT_START_PATTERN = re.compile(r"[(\[【]|(?<=[\s。.!?,)\]】])(?=\S)")
# Every credit holds one of these characters (摄, 图, 供图, 来源, 网络, a bracket) and one of the
# hints; a line ending without them skips the credit search. The character class is checked first
# because it is three times cheaper.
CREDIT_CHAR_PATTERN = re.compile(r"[摄图供源络网)\]】]")
CREDIT_HINT_PATTERN = re.compile(
    r"摄|图\s*[/|:]|图片|图源|图文|供图|资料图|示意图|效果图|截图|截屏|画面|来源|(?:来自|源自)\s*(?:网络|互联网)|发\s*[)\]】]|"
    r"提供\s*[)\]】]"
)
# Credits are short; the search only looks at the end of the line.
MAX_CREDIT_LENGTH = 40
# What may precede a credit for the whole line to be a caption: a short description ("旅客在客舱内拍照
# 留念。"), or a caption opening with "图为" at any reasonable length. A longer sentence closing on a
# credit is news with the credit glued on ("视频中,一架…完成了起飞、悬停和降落的演示。(视频画面:…)"):
# only the credit goes, through `trailing_credit`.
MAX_CAPTION_BEFORE_CREDIT = 30
# A plain "来源:X" proves less (news paragraphs cite sources too): only a shorter caption goes with it.
MAX_CAPTION_BEFORE_SOURCE = 24
MAX_CAPTION_LINE = 250
CAPTION_OPENER_PATTERN = re.compile(r"(?:图为|图片为|图中|上图|下图|左图|右图|组图|图\s*:|图\d)")


# --- contact adverts -----------------------------------------------------------------------------------
# Advert cues: what a contact advert asks the reader to do or promises. "加" only before a contact
# ("加微信", "加v"), since 增加/参加/加速 are everywhere in news; "领" only as 领取/领红包. Every
# branch starts with a literal, so `re` skips ahead at C speed (a look-behind made it 10x slower).
CONTACT_CUE_PATTERN = re.compile(
    r"加\s*(?:微信|微|v|wx|q|扣扣|群|我|好友|客服|老师|助理|:)|添加|联系|咨询|私信|私聊|扫码|扫描|"
    r"进群|入群|加群|领取|领(?:红包|福利|券|资料|奖)|报价|合作|代理|加盟|招商|下单|订购|优惠|折扣|免费|资料|获取|索取|"
    r"详询|垂询|预约|报名|后台回复|评论区留言|备注|福利|红包|返利|兼职|带你|教你|手把手|了解更多|详情"
)
# What the other clauses of a contact advert line offer ("旧空调高价回收", "日结分润", "学费分期",
# "想开奶茶店的朋友看过来"): trades farms advertise, price floors and hooks.
OFFER_PATTERN = re.compile(
    r"回收|上门|加盟|代理|招募|招商|批发|直供|直销|厂家|起批|代发|包过|包邮|分期|一站式|低至|特价|高价|出租|租赁|转让|"
    r"挂靠|挂证|代开|代办|代练|代打|代刷|代写|承接|日结|秒到|兼职|培训|招生|安装|装机|维修|清洗|移机|看过来|想学|想开|"
    r"想做|上分|涨粉|同城|全国|报价|货源|交流群|拉你|\d+\s*(?:元|万)起"
)
# Labels that announce a contact id. Obfuscated labels (vx, v信, 薇信, +v) exist only to dodge filters,
# so such a label with an id is an advert by itself; so is any label followed by ":" ("微信:abc123").
WECHAT_LABEL = r"(?:微信号?|weixin|wechat|wx|vx|v信|薇信|威信|徽信|微x|卫星号|\+v|加v|v)"
QQ_LABEL = r"(?:qq群?号?|q群|扣扣|企鹅号?|\+q|加q|q号|群号)"
OBFUSCATED_LABEL_PATTERN = re.compile(r"vx|v信|薇信|威信|徽信|微x|卫星号|\+v|加v|扣扣|企鹅|\+q|加q|q群|v\s*:")
# A cue or an obfuscated label: the first look at every line, one pass for both.
CONTACT_HINT_PATTERN = re.compile(
    f"{CONTACT_CUE_PATTERN.pattern}|{OBFUSCATED_LABEL_PATTERN.pattern}|点击(?:下方)?链接|戳链接|长按"
)
# The label sits right before its id: within this many characters ("添加微信号: " is 7).
MAX_ID_LABEL = 8
WECHAT_ID_LABEL_PATTERN = re.compile(WECHAT_LABEL + r"\s*[:：]?\s*$")
QQ_ID_LABEL_PATTERN = re.compile(QQ_LABEL + r"\s*[:：]?\s*$")
# jionlp finds URLs only with a scheme or "www."; farms also print bare domains after a label
# ("官网:abc123.top"). News names sites without the colon ("官网mi.com显示"), so that form is no id.
BARE_DOMAIN_PATTERN = re.compile(
    r"(?:网址|官网|网站|链接|地址|域名|主页)\s*:\s*(?P<domain>[a-z0-9][a-z0-9-]{1,30}(?:\.[a-z0-9-]{1,30})*\."
    r"(?:com|cn|net|org|top|xyz|vip|cc|io|me|shop|club|site|ltd|info|tv|co)(?![a-z0-9-]))"
)
# A contact channel and a colon right before an id ("电话同微信:139…", "whatsapp查询:6123 4567",
# "客服qq:339…", "官网:www.x.com") announce an advert by themselves, as "微信:" always did. After a
# colon a URL needs no channel ("更多行业资讯:www.x.com"). A clause that narrates is still news
# ("市场监管局公布举报电话:…"), see `contact_clauses`.
CONTACT_CHANNEL_LABEL_PATTERN = re.compile(
    r"(?<![a-z])(?:电话|热线|手机|座机|专线|微信号?|weixin|wechat|wx|vx|v信|qq群?号?|q群|whatsapp|line|telegram|tg|"
    r"官网|网址|网站|链接|邮箱|email|v)(?:号码?|同号|同微信|查询|咨询|id)?\s*$"
)
CONTACT_ID_PATTERN = re.compile(
    r"\s*(?:(?P<url>(?:https?://|www\.)[^\s,;。!?()]+)|(?P<phone>\+?\d[\d -]{5,}\d)|"
    r"(?P<handle>[a-z0-9_.-]+@[a-z0-9.-]+\.[a-z]+|@?[a-z][a-z0-9_.-]{3,}[a-z0-9]))"
)
MIN_PHONE_DIGITS = 7
MAX_CHANNEL_LABEL = 14  # "whatsapp查询:", "电话同微信:"
MAX_ID_TAIL = 12  # "领取提示词大全", "(全国可上门)", "(微信同号)"
MAX_PLAIN_ID_TAIL = 4
ID_REMARK_PATTERN = re.compile(r"\s*[(\[【][^()\[\]【】]{1,10}[)\]】]")
ID_PREDICATE_PATTERN = re.compile(r"\s*[已将正仍也都是的被在曾于为会能现]")
# Public service lines and narration: a clause holding them is news even with a labelled number.
PUBLIC_SERVICE_PATTERN = re.compile(r"举报|投诉|监督|维权|报警|急救|求助|提醒|呼吁|开通|设立")
# News tells what readers may do ("消费者可拨打400-…咨询"); an advert tells the reader. A clause
# with such a subject is narration, not an advert.
NARRATED_SUBJECT_PATTERN = re.compile(
    r"(?:消费者|用户|车主|客户|市民|网友|买家|卖家|商家|投资者|患者|乘客|旅客|家长|学生|读者|观众|玩家)们?也?"
    r"(?:可以?|可通过|能够?|需要?|均可|都可以?)"
)
# Each jionlp extractor is only asked when the line could hold what it finds: a phone number has
# seven digits or more ("13812345678", "010-12345678", "400-123-4567"), a URL a scheme or "www.", and
# WeChat and QQ ids count only after their label. Most lines of news ask none of them.
PHONE_HINT_PATTERN = re.compile(r"\d{3,}[-\s]?\d{4}")
WECHAT_LABEL_HINT_PATTERN = re.compile(r"微信|weixin|wechat|wx|vx|v信|薇信|威信|徽信|微x|卫星号|\+v|加v|v\s*:")
QQ_LABEL_HINT_PATTERN = re.compile(r"qq|q群|扣扣|企鹅|\+q|加q|q号|群号")
# Prompts with no id: a call to act (扫码, 私信, 进群, 后台回复) opening the clause, and a reward or
# purpose after it ("扫码进群领红包", "私信获取报价"). Opening the clause keeps news about such
# prompts ("不少用户被诱导扫码进群领红包") out; so does a gap free of grammar words ("私信功能上线后获取…").
PROMPT_VERB = (
    r"扫码|扫描(?:下方|上方|图中)?二维码|长按(?:识别)?二维码|私信|私聊|后台回复|评论区留言|进群|入群|加群|"
    r"加(?:微信|v|vx|好友|客服)|添加(?:客服|微信|好友|小助手)|戳链接|点击链接|点击下方链接"
)
CONTACT_PROMPT_PATTERN = re.compile(
    rf"(?:请|欢迎|可|可以|即可|速|赶紧|立即|马上|快)?(?:{PROMPT_VERB})"
    r"[^的了后将已在被]{0,8}?(?:领|获取|索取|报价|咨询|免费|优惠|福利|红包|资料|下单|了解|入群|进群|预约|报名|试用|购买|"
    r"预订|抢购|订购)"
)
# A request to get in touch closing a short clause, after what is on offer: "代练代打请私信",
# "需要的老板请私信", "有意者请联系". The offer or the hook in front keeps "如有疑问请联系" out.
CONTACT_REQUEST_PATTERN = re.compile(
    r"[^,]{0,10}?(?:需要|有意|老板|代练|代打|代办|代开|批发|加盟|回收|出租|价格|报价|合作|货源|详情)[^,]{0,6}?"
    r"(?:请|欢迎)(?:私信|私聊|联系|咨询|留言)(?:我们?|小编|客服|博主)?"
)
# A hook clause asking what the reader wants, right before the advert in the same sentence, goes
# with it: "想了解工业机器人采购方案,欢迎私信获取报价".
HOOK_PATTERN = re.compile(r"想(?:了解|学|开|做|要|找|赚|入手)|有意|有需要|需要的|如需|若需")
MAX_HOOK_CLAUSE = 16
# The verbs alone, to search a whole line for: every branch starts with a literal, so it is fast.
PROMPT_VERB_PATTERN = re.compile(PROMPT_VERB)
MAX_PROMPT_CLAUSE = 24  # "扫码进群领红包" is 7 characters; a clause of prose about one runs longer
# A clause split for contact adverts: like CLAUSE_SPLIT_PATTERN but a colon stays inside, since it
# joins a label to its id ("vx:abc123"), and a bar ends a clause, since farms chain an advert to a
# headline with it ("京东物流营收1828亿元|物流专线报价vx:wl56886").
CONTACT_CLAUSE_PATTERN = re.compile(r"[^,;。!?|]+")
# A whole line is a contact advert when its other clauses are only cue words ("欢迎咨询", "更多资料"),
# or pitch with an offer in it ("家用光伏安装,0元装机,咨询热线:400-…").
MAX_CUE_CLAUSE = 12
MAX_CONTACT_LINE = 100


# --- forum ---------------------------------------------------------------------------------------------
# Sentences forum software (Discuz and its clones) prints, which the prose guard would otherwise keep.
FORUM_SENTENCE_PATTERN = re.compile(
    rf"本帖最后由\s*.{{1,30}}?\s*于\s*{DATETIME}\s*编辑|马上注册|立即注册|您需要\s*登录|登录后才(?:能|可以)|"
    r"本帖(?:子中包含更多资源|隐藏的内容)|回复(?:后|本帖)可见|(?:个性)?签名\s*[:|]"
)
MAX_FORUM_SENTENCE = 80
FORUM_TOKEN = (
    rf"(?:回复|回覆|查看|帖子|主题|精华|积分|金钱|威望|贡献|在线时间|听众|收听)\s*:?\s*\d+\s*(?:小时)?|"
    rf"(?:发表于|回复于|发布于)\s*(?:{DATETIME}|\d+\s*(?:分钟|小时|天)前|昨天\s*{TIME}|前天\s*{TIME})|"
    rf"引用\s*.{{1,20}}?\s*(?:发表于\s*{DATETIME}|的(?:回复|帖子))|"
    # replies that only bump the thread ("顶一个,楼主辛苦", "感谢分享!"), before the shorter tokens
    r"顶一个|顶一下|顶+|支持一下|支持楼主|楼主辛苦了?|楼主威武|辛苦了|感谢(?:楼主|分享)|谢谢(?:楼主|分享)|多谢分享|"
    r"路过|mark|学习了|收藏了|围观|前排|占楼|好帖|赞一个|"
    r"楼主|沙发|板凳|地板|地下室|\d+\s*(?:楼|#)|#\d+|只看(?:该作者|楼主)|倒序浏览|正序浏览|阅读模式|举报|引用|"
    r"回复|回覆|点评|使用道具|评分|支持|反对|电梯直达|跳转到指定楼层|显示全部楼层|"
    # thread-type tags standing alone ("[转帖]")
    r"转帖|转贴|转载|求助|灌水|置顶|热帖|新帖|讨论"
)
FORUM_LINE_PATTERN = re.compile(rf"(?>{FORUM_TOKEN})(?:[\s|/,·]*(?>{FORUM_TOKEN}))*")
# A forum username on its own line: letters, digits and "_-.·", no space or punctuation ("冷暖小王子",
# "小透明123"). Alone it is as likely a heading ("市场格局"); see `is_forum_username`.
FORUM_USERNAME_PATTERN = regex.compile(rf"[{HAN_CLASS}a-z0-9_\-.·]{{2,16}}")
# A thread-type tag opening a thread's title ("[转帖] 一季度空调内销…", "【分享】2024年…").
THREAD_TAG_PATTERN = re.compile(r"[\[【](?:转帖|转贴|转载|原创|分享|讨论|求助|灌水|置顶|精华|热帖|新帖)[\]】]\s*")


# --- breadcrumb ----------------------------------------------------------------------------------------
BREADCRUMB_LABEL_PATTERN = re.compile(r"(?:您?(?:当前|现在)?(?:的|所在的?)?位置|当前页面|所在栏目)\s*(?:是)?\s*:\s*")
BREADCRUMB_SEPARATOR_PATTERN = re.compile(r"\s*(?:>+|»|›|→|/|\\)\s*")
# A segment proving the line is site navigation: home, the article page, or a section name.
BREADCRUMB_SEGMENT_PATTERN = regex.compile(
    r"首页|主页|网站首页|正文|详情|内容|文章|资讯|新闻|列表|home|正文内容|内容详情|文章详情|主题|查看主题|帖子|帖子详情|"
    rf"[{HAN_CLASS}a-z0-9]{{1,10}}(?:频道|栏目|首页|中心|资讯|新闻|专区|板块|版块|专题|网|在线|社区|论坛|讨论区|贴吧)"
)
# Forum titles chain their sections with a spaced dash ("游戏玩家社区 - 游戏综合讨论区 - 查看主题"); so do
# page titles ("小米发布新品 - 中关村在线"), so with a dash every segment must name a section or page.
BREADCRUMB_DASH_PATTERN = re.compile(r"\s+[-–—]\s+")
MAX_BREADCRUMB_SEGMENT = 16  # section names; only the last segment may be a headline
MAX_BREADCRUMB_HEADLINE = 50
MAX_BREADCRUMB_SEGMENTS = 8
# The link home alone is a breadcrumb of one segment.
HOME_PATTERN = re.compile(r"首页|主页|网站首页|home")
# A breadcrumb has a separator or a position label; lines without either skip the split.
BREADCRUMB_HINT_PATTERN = re.compile(r"[>»›→/\\]|位置|页面|栏目")


# --- related-heading, label ----------------------------------------------------------------------------
# Headings of a list of links to other articles; the cleaner strips the headlines under them.
RELATED_HEADING_PATTERN = re.compile(
    r"相关(?:文章|阅读|推荐|新闻|资讯|链接|报道|内容|专题)|推荐阅读|延伸阅读|扩展阅读|拓展阅读|更多阅读|"
    r"热门(?:文章|推荐|资讯|阅读|新闻|视频)|热文推荐|往期(?:回顾|推荐|精选|精彩|文章)|猜你喜欢|精彩推荐|编辑推荐|"
    r"(?:相关|推荐|更多|精彩|热播)视频|"
    r"今日推荐|精选推荐|推荐文章|最新文章|最新资讯|大家都在看|你可能(?:还)?(?:感兴趣|喜欢)|看了本文的人还看了|"
    r"more|related(?: articles| news)?"
)
# Words that name a part of the page rather than say anything ("导语", "【摘要】", "核心提示").
LABEL_PATTERN = re.compile(
    r"导语|导读|正文|摘要|核心提示|内容提要|提要|编者按|要点|划重点|本文要点|核心要点|全文摘要|内容摘要|文章摘要|"
    r"文章导读|本文导读|阅读提示|内容简介"
)


# --- share (widgets, players, end markers) -------------------------------------------------------------
SHARE_TARGET = (
    r"微信(?:好友|朋友圈)?|朋友圈|新浪微博|腾讯微博|微博|qq空间|qq好友|qq|豆瓣|人人网?|facebook|twitter|x|line|"
    r"whatsapp|linkedin|复制链接|链接|更多|邮件|\+"
)
SHARE_TOKEN = (
    # share buttons
    rf"分享(?:到|至|本文|文章|给朋友|此文)?(?:\s*:?\s*(?:{SHARE_TARGET}))*|一键分享|转发给朋友|"
    # "open the app" walls and read-more folds
    r"(?:打开|下载|安装|前往).{0,8}?(?:app|客户端)(?:阅读|查看|观看|获取)?(?:全文|更多(?:精彩)?|完整内容|原文|"
    r"精彩内容|高清视频|体验更佳)?|(?:在)?(?:app|客户端)内(?:打开|阅读|查看)|app阅读全文|"
    r"(?:点击)?(?:展开|阅读|查看)(?:全文|原文)|展开剩余\d+%|继续阅读|点击展开|展开阅读全文|全文阅读|"
    # QR codes and follow prompts
    r"长按(?:识别)?(?:图中|下方|上方)?二维码(?:关注|添加|识别)?(?:我们)?|(?:微信)?扫码关注(?:我们)?|"
    r"(?:微信)?(?:扫一扫|扫描(?:下方|上方|图中)?二维码|扫码)(?:关注|下载|阅读)?(?:我们)?|识别二维码|二维码|"
    r"点击上方(?:蓝字|\"[^\"]{1,12}\"|“[^”]{1,12}”)?(?:关注|订阅)(?:我们)?|点击关注|关注我们|欢迎关注.{0,12}|"
    r"关注公众号|订阅我们|设为星标|星标(?:我们|公众号)|点个在看|点赞在看|在看|点赞|点亮在看|喜欢就点个赞吧?|(?:一键)?三连|"
    r"转发|走起|支持一下|"
    r"不错过.{0,10}|第一时间(?:获取|接收|了解).{0,10}|"
    r"加入line好友|追踪我们|按赞|订阅频道|"
    # comment box
    r"发表评论|我要评论|网友评论|评论列表|查看评论|全部评论|写评论|写下你的评论|评论区|最新评论|热门评论|精彩评论|"
    r"用户评论|暂无评论|评论\(\d+\)|(?:共|已有)?\d+条评论|请?文明上网\s*,?\s*理性发言|提交评论|登录后(?:参与)?评论|"
    r"发布评论|评论|"
    # navigation and page tools
    r"返回(?:首页|顶部|列表|上一页|搜狐)|回到顶部|打印本页|打印|关闭窗口|收藏本文|收藏|加载更多|点击加载更多|"
    r"(?:举报\s*/\s*)?(?:意见)?反馈|我要纠错|纠错|"
    r"(?:点击)?(?:阅读|查看|浏览|获取)?更多(?:精彩)?(?:内容|资讯|文章|新闻|报道|视频)?>*|点击进入|进入专题|查看详情|"
    # video player
    r"视频加载中|加载中|请稍候|请稍后|视频加载失败|点击播放|播放|暂停|静音|重播|倍速|全屏|退出全屏|清晰度|高清|标清|超清|流畅|"
    r"\d{3,4}p|\d(?:\.\d+)?x|"
    rf"{TIME}\s*/\s*{TIME}|该视频由.{{1,20}}提供|您的浏览器不支持(?:video|视频)(?:标签|播放)?|"
    # end markers
    r"the end|end|全文完|本文完|完毕|完"
)
SHARE_LINE_PATTERN = re.compile(rf"(?>{SHARE_TOKEN})(?:[\s|/,、·]*(?>{SHARE_TOKEN}))*")
# "上一篇:另一篇文章的标题": a link to the neighbouring article.
NEIGHBOUR_LINK_PATTERN = re.compile(r"(?:上一篇|下一篇|上一页|下一页|上篇|下篇)(?:\s*:.{0,60})?")
# "相关阅读:另一篇文章的标题" on one line: a recommendation link, not a heading.
RELATED_LINK_PATTERN = re.compile(rf"(?:{RELATED_HEADING_PATTERN.pattern})\s*[:|]\s*[^。]{{2,60}}")
# The same before the prose guard, for a headline with a "?" in it ("延伸阅读:千元机还值得买吗?这三款闭眼入").
RELATED_LINK_HEAD_PATTERN = re.compile(rf"(?:{RELATED_HEADING_PATTERN.pattern})\s*[:|]\s*")
MAX_SHARE_LINE = 60


# --- calls to action (share, advert) -------------------------------------------------------------------
# What a follow, app or reward prompt opens with: an order to the reader with its object ("点击上方蓝字",
# "关注公众号", "下载“x”app", "加入line好友", "长按识别二维码", "扫码加入…群"). Bare verbs are not enough:
# 点击率, 关注度, 下载量, 扫码支付 and 加入世贸组织 open sentences of news.
CTA_OPENER_PATTERN = re.compile(
    r"点击(?:上方|下方|文末|底部|左下角|右下角|右上角|链接|这里|此处|图片|蓝字|关注|进入|购买|预订|预定|下载|咨询|领取|"
    r"报名|查看|阅读原文|收听|观看|订阅)|"
    r"长按(?:识别|扫描|扫码)?(?:图中|下方|上方|图片中?的?)?(?:二维码|小程序码)|"
    r"(?:微信)?(?:扫码|扫一扫|扫描(?:下方|上方|图中)?二维码)"
    r"(?=关注|加入|进入|进群|入群|领|添加|下载|预约|报名|咨询|了解|获取|查看|观看|阅读|购买|下单|[,:\s]|$)|"
    r"关注(?:我们|本号|小编|作者|公众号|微信公众号|视频号|抖音号?|头条号|服务号|订阅号|官方微信|官方微博|"
    r"“[^”]{1,16}”|\"[^\"]{1,16}\"|@[^\s,]{1,16}?(?=[\s,]|$))|"
    r"(?:下载|打开|安装|登录|前往)(?:“[^”]{1,12}”|「[^」]{1,12}」|\"[^\"]{1,12}\"|[^\s,了的]{1,8}?)?(?:官方)?(?:app|客户端|小程序)|"
    r"加入(?:line|whatsapp|telegram|tg|微信|qq|我们的?)?(?:好友|会员|[^\s,。的]{0,10}?群)|"
    r"添加(?:小编|客服|好友|微信|小助手|助理|老师)|(?:后台)?回复(?:关键词|关键字)?\s*[“\"「]|"
    r"文末(?:有|送|领)?(?:福利|彩蛋|抽奖|红包|惊喜|资料|入口|链接)|"
    r"点个在看|点亮在看|一键三连"
)
# A prompt goes on with its object or a pitch; a grammar word right after it means the verb is the
# subject of a sentence ("打开app后,…", "关注公众号的用户…", "长按识别二维码的功能…").
CTA_GRAMMAR_PATTERN = re.compile(r"[的了后时是将已会能可也就都还在量率数度者过着得]")
# Nor may the rest of the prompt's clause ("添加客服微信后,对方要求转账" is news about a scam).
CTA_CLAUSE_GRAMMAR_PATTERN = re.compile(r"[后时的了被将已曾]|正在")
# Steps of a how-to in a service article ("打开支付宝app,搜索“消费券”,即可领取。") are not pitch.
INSTRUCTION_PATTERN = re.compile(r"即可|填写|输入|按钮|页面|步骤|操作")
# The first characters of the openers above: most lines of prose are turned away on this alone.
CTA_OPENING_CHARS = frozenset("点长微扫关下打安登前加添后回文一")
# "【美妆福利】关注公众号…": a short bracketed tag in front of the prompt.
CTA_TAG_PATTERN = re.compile(r"[^】\]\s,]{1,8}[】\]]\s*")
MAX_CTA_TAG = 10
MAX_CTA_LINE = 60
# An advert closing on a call to act: "光伏板批发厂家直供,一块起批,点击咨询>>".
CTA_CLOSER_PATTERN = re.compile(
    r"(?:点击|立即|马上|赶紧|赶快|速来?|火速)(?:咨询|购买|抢购|下单|预订|预定|预约|报名|领取|了解|查看详情|进入|试用|体验|"
    r"申请|办理)\s*(?:>+|→+|👉)?$"
)
# "【广告】…", "[推广]…": a paragraph labelled as an advert, at any length up to MAX_ADVERT_PARAGRAPH.
ADVERT_LABEL_PATTERN = re.compile(
    r"[\s★☆▶►→👉]*[【\[(]\s*(?:广告|推广|赞助|商业推广|品牌推广|软文|ad|sponsored|promoted)\s*[】\])]"
)
ADVERT_LABEL_OPENING_CHARS = frozenset(" ★☆▶►→👉【[(")
ADVERT_SLOT_PATTERN = re.compile(r"广告|推广|广告位|赞助内容|sponsored|ad")
MAX_ADVERT_SLOT = 9
MAX_CTA_CLOSER = 12  # "点击查看详情>>" and its arrows
MAX_ADVERT_PARAGRAPH = 200
MAX_CTA_ADVERT_LINE = 80


# --- keywords, source ----------------------------------------------------------------------------------
# Each keyword is a term of at most 12 characters, so "标签:这款产品的最大卖点是续航" is no list.
# The Latin labels need a colon: "tag the people you love" is English prose.
KEYWORDS_PATTERN = re.compile(
    r"(?:(?:关键词|关键字|相关标签|文章标签|本文标签|热门标签|标签|相关词)(?:\s*[:|]|\s+|$)|(?:tags?|keywords?)\s*:)"
    r"\s*(?:[^\s,、|;。!?]{1,12}+(?:[\s,、|;]++[^\s,、|;。!?]{1,12}+)*+)?"
)
# "来源:xx公众号", "来源 | 综合自多家媒体报道", "原文链接:…". The tail is a name, not a clause,
# so it carries no comma (except a headline after 原标题 or a link).
SOURCE_LABEL_PATTERN = re.compile(
    r"(?:(?:文章|本文|新闻|信息|资料|稿件|内容|消息|原文|数据|视频|图文)?来源|出处|转自|转载自|转载于|综合自|编译自|"
    r"(?P<open>原文链接|原文地址|本文链接|原文网址|文章链接|原标题|via))\s*[:|]\s*"
)
MAX_SOURCE_TAIL = 40
MAX_SOURCE_LINK_TAIL = 90  # a headline after 原标题, or a URL after 原文链接
SOURCE_LINK_OPENING_CHARS = frozenset("原本文v")
# "本文来自微信公众号:xx(id:xx),作者:xx": the repost note names where the article came from.
REPOST_NOTE_PATTERN = re.compile(
    r"(?:本文|文章|此文|该文)(?:经授权)?(?:来自|来源于?|转载自|转载于|转自|首发于|原载于|选自|摘自|综合自|整理自)"
)
MAX_REPOST_NOTE = 100
# "记者林小明/综合报导", "综合外电报道": who compiled the report, on its own line.
REPORT_CREDIT_PATTERN = regex.compile(
    rf"(?:(?:本报|本刊|特约|实习|首席)?记者\s*{PERSONS}\s*[/|]?|{PERSONS}\s*[/|])\s*(?:综合|编译|整理)?(?:外电)?(?:报导|报道)|"
    r"(?:综合|编译)(?:外电|媒体)?(?:报导|报道)"
)


# --- metadata ------------------------------------------------------------------------------------------
# One item of a metadata line: a date, a counter, the font-size switch, a labelled field or a bare
# counter button. A metadata line is items separated by spaces, bars or commas.
META_FIELD = (
    r"发布者|发布人|发布单位|作者|编辑|责任编辑|责编|小编|编者|来源|出处|录入|录入者|整理|审核|校对|栏目|分类|所属栏目|"
    r"所属分类|类别|频道|字数|阅读时长|预计阅读时间|时间|发布时间|发表时间|更新时间|发稿时间|上传时间|日期|发布日期|更新日期"
)
META_COUNTER = r"阅读|浏览|点阅|阅览|点击|评论|点赞|赞|收藏|转发|分享|热度|人气|在看|播放|观看|围观|参与"
NUMBER = r"\d+(?:[.,]\d+)*\s*[万kw]?\+?"
META_ITEM_PATTERN = re.compile(
    rf"(?P<date>{DATETIME}|(?:星期|周)[一二三四五六日天]|\d+\s*(?:秒|分钟|小时|天)前|刚刚|昨天|今天|前天)|"
    rf"(?P<counter>(?:{META_COUNTER})(?:量|数|次数|人数)?\s*[:(]?\s*{NUMBER}\s*\)?\s*(?:次|人|条)?|"
    rf"{NUMBER}\s*(?:次|人|条)?\s*(?:{META_COUNTER}|看过)|已有\s*\d+\s*人\s*(?:{META_COUNTER}|看过)|"
    rf"\d+\s*人(?:已)?(?:{META_COUNTER}|看过)|(?:全文|本文)(?:共|约)?\d+字|"
    r"(?:预计)?阅读(?:需要|约需|大约|时间)?\s*:?\s*约?\d+\s*分钟)|"
    r"(?P<size>字[号体]\s*:?(?:\s*[大中小]|\s*默认|\s*标准)+|[大中小]\s+[大中小](?:\s+[大中小])?)|"
    rf"(?P<field>(?P<label>{META_FIELD})\s*(?::\s*|\s+)(?:{DATETIME}|[^\s,;。!?|:]{{1,20}}))|"
    # Where a self-media post was sent from ("发布于北京", "来自广东", "ip属地:上海").
    r"(?P<place>(?:发布于|来自|ip属地\s*:?)\s*[\u4e00-\u9fff]{2,6})"
    # A bare button among counters ("点赞(56) | 收藏(12) | 分享", "+关注"), tried last: "阅读时长:5分钟" is a field.
    rf"|(?P<button>{META_COUNTER}|举报|打印|关闭|\+\s*关注|已关注|关注|\+\s*订阅|订阅)"
)
META_SEPARATOR_PATTERN = re.compile(r"[\s|/·,;、\[\]【】]*")
# A self-media header opens with the account's name, unlabelled ("数码老炮儿 2025-04-22 08:12 来自广东 ·
# 已关注"). It counts only before a date and something more, so "小米 2025-03-02" is no header.
META_NAME_PATTERN = re.compile(r"[^\s|·,;:。!?]{2,12}+(?=[\s|·])")
# A lone author field is a byline (the cleaner reads the name from it); a lone date is a dateline a
# reader may need. Either becomes metadata only beside another item.
AUTHOR_LABELS = frozenset({"作者"})


# --- link headlines ------------------------------------------------------------------------------------
# Numbering, bullets and dates a related-articles list wraps around each headline.
HEADLINE_PREFIX_PATTERN = re.compile(r"(?:\d{1,2}\s*[.、)]|\[\d{1,2}\]|[·•●○■□◆◇▪▶►→-])\s*")
HEADLINE_SUFFIX_PATTERN = re.compile(rf"\s*[(\[]?\s*(?:{DATETIME})\s*[)\]]?$")
HEADLINE_STOP_PATTERN = re.compile(r"[!?]")
MIN_HEADLINE = 6  # "小米SU7" alone is a name, not a headline
MAX_HEADLINE = 50  # news headlines run to about 30 characters, long SEO titles to 50
# Openers of a sentence that continues an argument; a listed headline never starts like this.
PROSE_OPENER_PATTERN = re.compile(
    r"据悉|据了解|此外|另外|同时|不过|但是|然而|因此|所以|其中|对此|目前|此前|值得注意的是|需要注意的是|总之|综上|首先|"
    r"其次|最后|他表示|她表示|他说|她说|记者|笔者|我们|我"
)


def line_family(line: str) -> str | None:
    """The chrome family when the WHOLE normalised line is chrome-shaped, else None.

    `line` is one line of normalised text without surrounding whitespace. Families: "breadcrumb",
    "metadata", "share", "disclaimer", "ai-notice", "summary", "source", "contact", "advert", "credit",
    "label", "forum", "keywords", "related-heading", "divider". A sentence of prose is never chrome
    unless it is a disclaimer, an ai-notice, a summary, a caption with its credit, forum boilerplate,
    a contact advert, a prompt to the reader or an advert (see the module docstring).
    """
    core = _strip_decoration(line)
    if not core:
        return "divider" if DIVIDER_PATTERN.fullmatch(line) else None
    for family, detector in PARAGRAPH_DETECTORS:
        if detector(line, core):
            return family
    if len(core) > MAX_SHORT_CHROME_LINE or _reads_as_prose(line):
        return None
    for family, detector in SHORT_DETECTORS:
        if detector(line, core):
            return family
    return None


# --- Paragraph detectors: (line, core) -> bool ---------------------------------------------------------


def _is_ai_notice(line: str, core: str) -> bool:
    """ai-notice: "【ai导读】……" (any length), "本文部分内容由人工智能辅助生成", "内容由ai生成,仅供参考"."""
    if AI_LABEL_PATTERN.match(core):
        return True
    if len(core) > MAX_AI_NOTICE_STATEMENT or ("ai" not in core and "人工智能" not in core and "大模型" not in core):
        return False
    clauses = [clause for clause in CLAUSE_SPLIT_PATTERN.split(core) if clause.strip()]
    found = False
    for clause in clauses:
        clause = clause.strip()
        notice = AI_NOTICE_CLAUSE_PATTERN.match(clause)
        rest = clause[notice.end() :] if notice else clause
        if notice and (len(rest) <= MAX_AI_NOTICE_REST or DISCLAIMER_CLAUSE_PATTERN.match(rest)):
            found = True
        elif not (DISCLAIMER_CLAUSE_PATTERN.match(clause) or NOTICE_COMPANION_PATTERN.match(clause)):
            return False
    return found


def _is_summary(line: str, core: str) -> bool:
    """summary: "核心提示:…", "【摘要】…", "划重点:…": a labelled digest of the article, at any length."""
    opening = line.lstrip(LEADING_DECORATION)
    if opening[:1] not in SUMMARY_OPENING_CHARS:
        return False
    label = SUMMARY_LABEL_PATTERN.match(opening)
    return label is not None and bool(opening[label.end() :].strip(TRAILING_DECORATION))


def _is_disclaimer(line: str, core: str) -> bool:
    """disclaimer: "免责声明:…不构成投资建议" (any length), "转载请注明出处", "图片来源于网络,侵删"."""
    opening = line.lstrip(LEADING_DECORATION)
    if STRONG_DISCLAIMER_LABEL_PATTERN.match(opening):
        return True
    label = WEAK_DISCLAIMER_LABEL_PATTERN.match(opening)
    if (not label and len(core) > MAX_UNLABELLED_DISCLAIMER) or not DISCLAIMER_HINT_PATTERN.search(core):
        return False
    if label:
        rest = opening[label.end() :]
        return any(DISCLAIMER_CLAUSE_PATTERN.match(clause.strip()) for clause in CLAUSE_SPLIT_PATTERN.split(rest))
    covered = total = 0
    found = False
    for clause in CLAUSE_SPLIT_PATTERN.split(core):
        clause = clause.strip()
        total += len(clause)
        if DISCLAIMER_CLAUSE_PATTERN.match(clause):
            covered += len(clause)
            found = True
        elif NOTICE_COMPANION_PATTERN.match(clause):
            covered += len(clause)
    return found and covered >= DISCLAIMER_COVERAGE * total


def _is_credit(line: str, core: str) -> bool:
    """credit: "记者 张三 摄", "图/视觉中国", "图为…。(新华社记者 王某 摄)": a credit alone or closing a caption."""
    if len(line) > MAX_CAPTION_LINE:
        return False
    span = trailing_credit(line)
    if span is None:
        return False
    caption = line[: span[0]].strip()
    if not caption or not caption.strip(LEADING_DECORATION + TRAILING_DECORATION):
        return True
    if _is_metadata(caption, caption):
        return False  # "发布时间:2025-03-02 来源:中国新闻网" is a metadata line, not a caption
    if CAPTION_OPENER_PATTERN.match(caption):
        return True
    if line[span[0] :].startswith("来源"):
        return len(caption) <= MAX_CAPTION_BEFORE_SOURCE
    return len(caption) <= MAX_CAPTION_BEFORE_CREDIT


def _is_forum_sentence(line: str, core: str) -> bool:
    """forum: what forum software prints as sentences ("本帖最后由 xxx 于 2025-3-2 10:21 编辑", "签名:…")."""
    return len(core) <= MAX_FORUM_SENTENCE and FORUM_SENTENCE_PATTERN.match(core) is not None


def _is_contact_line(line: str, core: str) -> bool:
    """contact: an advert line ("扫码进群领红包", "vx:abc123", "加微信abc12345领取资料,欢迎咨询")."""
    if len(line) > MAX_CONTACT_LINE:
        return False
    spans = contact_clauses(line)
    if not spans:
        return False
    rest = line
    for start, end in reversed(spans):
        rest = rest[:start] + "," + rest[end:]
    clauses = [clause for clause in map(_strip_decoration, CLAUSE_SPLIT_PATTERN.split(rest)) if clause.strip()]
    if all(len(clause) <= MAX_CUE_CLAUSE and CONTACT_CUE_PATTERN.search(clause) for clause in clauses):
        return True
    return _is_pitch(rest) and (OFFER_PATTERN.search(rest) or CONTACT_CUE_PATTERN.search(rest)) is not None


def _is_call_to_action(line: str, core: str) -> bool:
    """share: a follow, app or reward prompt with its pitch ("点个在看,你最好看", "下载“x”app,新人立领礼包")."""
    if len(core) > MAX_CTA_LINE:
        return False
    # Its opening bracket went with the decoration; "]" or "】" this early is the tag's closing one.
    tag = CTA_TAG_PATTERN.match(core) if "】" in core[:MAX_CTA_TAG] or "]" in core[:MAX_CTA_TAG] else None
    text = core[tag.end() :] if tag else core
    if text[:1] not in CTA_OPENING_CHARS:
        return False
    opener = CTA_OPENER_PATTERN.match(text)
    if opener is None or CTA_GRAMMAR_PATTERN.match(text, opener.end()):
        return False
    rest = text[opener.end() :]
    first_clause = PITCH_SPLIT_PATTERN.split(rest, maxsplit=1)[0]
    return (
        not CTA_CLAUSE_GRAMMAR_PATTERN.search(first_clause) and not INSTRUCTION_PATTERN.search(rest) and _is_pitch(rest)
    )


def _is_related_link(line: str, core: str) -> bool:
    """share: "延伸阅读:千元机还值得买吗?这三款闭眼入", a heading and a linked headline on one line."""
    head = RELATED_LINK_HEAD_PATTERN.match(core)
    return head is not None and is_link_headline(core[head.end() :])


def _is_source_link(line: str, core: str) -> bool:
    """source: "原标题:外国游客扫码付款,难点还剩哪些?", "原文链接:https://…": a headline or link after its label."""
    if core[:1] not in SOURCE_LINK_OPENING_CHARS:
        return False
    label = SOURCE_LABEL_PATTERN.match(core)
    return label is not None and label.group("open") is not None and len(core) - label.end() <= MAX_SOURCE_LINK_TAIL


def _is_advert(line: str, core: str) -> bool:
    """advert: "【广告】…" (a labelled paragraph), "广告", or pitch closing on a call ("…,一块起批,点击咨询>>")."""
    if line[0] in ADVERT_LABEL_OPENING_CHARS and ADVERT_LABEL_PATTERN.match(line):
        return len(core) <= MAX_ADVERT_PARAGRAPH
    if len(core) > MAX_CTA_ADVERT_LINE:
        return False
    if len(core) <= MAX_ADVERT_SLOT:
        return ADVERT_SLOT_PATTERN.fullmatch(core) is not None
    closer = CTA_CLOSER_PATTERN.search(core, len(core) - MAX_CTA_CLOSER)
    return closer is not None and _is_pitch(core[: closer.start()])


# --- Short-line detectors: (line, core) -> bool --------------------------------------------------------


def _is_breadcrumb(line: str, core: str) -> bool:
    """breadcrumb: "当前位置:首页 > 科技 > 正文", "xx网 > 财经频道 > 正文", "首页 / 新闻 / 科技"."""
    if (
        not BREADCRUMB_HINT_PATTERN.search(line)
        and HOME_PATTERN.fullmatch(core) is None
        and " - " not in line
        and " – " not in line
        and " — " not in line
    ):
        return False
    text = line.lstrip(LEADING_DECORATION.replace(">", "")).rstrip(TRAILING_DECORATION)
    if not BREADCRUMB_SEPARATOR_PATTERN.search(text) and BREADCRUMB_DASH_PATTERN.search(text):
        segments = BREADCRUMB_DASH_PATTERN.split(text)
        return len(segments) <= MAX_BREADCRUMB_SEGMENTS and all(
            BREADCRUMB_SEGMENT_PATTERN.fullmatch(segment) for segment in segments
        )
    label = BREADCRUMB_LABEL_PATTERN.match(text)
    segments = [
        segment for segment in BREADCRUMB_SEPARATOR_PATTERN.split(text[label.end() if label else 0 :]) if segment
    ]
    if not segments or len(segments) > MAX_BREADCRUMB_SEGMENTS:
        return False
    if not label and len(segments) == 1:
        return HOME_PATTERN.fullmatch(segments[0]) is not None
    *sections, last = segments
    if len(last) > MAX_BREADCRUMB_HEADLINE or any(
        len(segment) > MAX_BREADCRUMB_SEGMENT or SENTENCE_STOP_PATTERN.search(segment) or "," in segment
        for segment in sections
    ):
        return False
    named = any(BREADCRUMB_SEGMENT_PATTERN.fullmatch(segment) for segment in segments)
    return named or (label is not None and len(segments) >= 2)


def _is_related_heading(line: str, core: str) -> bool:
    """related-heading: "相关阅读:", "【延伸阅读】", "热门推荐", "往期回顾", "猜你喜欢"."""
    return RELATED_HEADING_PATTERN.fullmatch(core) is not None


def _is_label(line: str, core: str) -> bool:
    """label: "导语", "正文", "【摘要】", "摘要:" and "核心提示" standing alone."""
    return LABEL_PATTERN.fullmatch(core) is not None


def _is_share(line: str, core: str) -> bool:
    """share: share/QR/app/follow/comment widgets, player labels, end markers ("分享到:微信 微博", "(完)")."""
    if len(core) > MAX_SHARE_LINE:
        return bool(NEIGHBOUR_LINK_PATTERN.fullmatch(core) or RELATED_LINK_PATTERN.fullmatch(core))
    return bool(
        SHARE_LINE_PATTERN.fullmatch(core)
        or NEIGHBOUR_LINK_PATTERN.fullmatch(core)
        or RELATED_LINK_PATTERN.fullmatch(core)
    )


def _is_keywords(line: str, core: str) -> bool:
    """keywords: "关键词:小米 汽车 su7", "标签:…", "tags:…", "相关标签:…"."""
    return KEYWORDS_PATTERN.fullmatch(core) is not None


def _is_source(line: str, core: str) -> bool:
    """source: "来源:xx公众号", "来源 | 综合自多家媒体报道", "转自:…", "原文链接:…", "本文来自微信公众号…"."""
    label = SOURCE_LABEL_PATTERN.match(core)
    if label:
        tail = core[label.end() :]
        if label.group("open"):
            return len(tail) <= MAX_SOURCE_LINK_TAIL
        return 0 < len(tail) <= MAX_SOURCE_TAIL and "," not in tail
    if len(core) <= MAX_REPOST_NOTE and REPOST_NOTE_PATTERN.match(core):
        return True
    return ("报道" in core or "报导" in core) and REPORT_CREDIT_PATTERN.fullmatch(core) is not None


def _is_forum(line: str, core: str) -> bool:
    """forum: "楼主", "沙发", "只看该作者", "回复 12 | 查看 3456", "发表于 2025-3-2 10:21", "举报"."""
    return FORUM_LINE_PATTERN.fullmatch(core) is not None


def _is_metadata(line: str, core: str) -> bool:
    """metadata: "编辑:admin 时间:2025-01-02 10:21 浏览次数:2381", "已有88人点赞", "字号: 大 中 小"."""
    kinds = []
    position = 0
    while position < len(core):
        item = META_ITEM_PATTERN.match(core, position)
        if item is not None:
            kind = item.lastgroup if item.lastgroup != "label" else "field"
            if kind == "field" and item.group("label") in AUTHOR_LABELS:
                kind = "author"
        elif position == 0 and (name := META_NAME_PATTERN.match(core)):
            item, kind = name, "name"  # a self-media header opens with the account's name
        else:
            return False
        kinds.append(kind)
        position = META_SEPARATOR_PATTERN.match(core, item.end()).end()
    if kinds[0] == "name":
        return "date" in kinds and not set(kinds) <= {"name", "date"}
    if len(kinds) == 1:
        return kinds[0] not in ("date", "author", "button", "place")
    return not set(kinds) <= {"date", "button"}


PARAGRAPH_DETECTORS = (
    ("ai-notice", _is_ai_notice),
    ("summary", _is_summary),
    ("disclaimer", _is_disclaimer),
    ("credit", _is_credit),
    ("forum", _is_forum_sentence),
    ("source", _is_source_link),
    ("advert", _is_advert),
    ("contact", _is_contact_line),
    ("share", _is_call_to_action),
    ("share", _is_related_link),
)
SHORT_DETECTORS = (
    ("breadcrumb", _is_breadcrumb),
    ("related-heading", _is_related_heading),
    ("label", _is_label),
    ("share", _is_share),
    ("keywords", _is_keywords),
    ("source", _is_source),
    ("forum", _is_forum),
    ("metadata", _is_metadata),
)


# --- Pieces of lines -----------------------------------------------------------------------------------


def is_link_headline(line: str) -> bool:
    """True for a short headline-shaped normalised line, as listed under a related-articles heading.

    Headline-shaped: 6 to 50 characters once list numbering and a trailing date are set aside, no
    full stop or semicolon, at most one comma and one "?" or "!" inside (click-bait headlines read
    "50岁阿姨月入过万?真相来了"), and not opening like a continued argument ("据悉", "此外"). The
    cleaner strips such lines only right after a related-heading line.
    """
    text = HEADLINE_PREFIX_PATTERN.sub("", line, count=1)
    if text[-1:].isdigit() or text.endswith((")", "]")):
        text = HEADLINE_SUFFIX_PATTERN.sub("", text)
    text = text.strip().strip('《》“”"')
    if not MIN_HEADLINE <= len(text) <= MAX_HEADLINE:
        return False
    if (
        "。" in text
        or ";" in text
        or text.count(",") > 1
        or len(HEADLINE_STOP_PATTERN.findall(text, 0, len(text) - 1)) > 1
    ):
        return False
    if PROSE_OPENER_PATTERN.match(text):
        return False
    return any(char.isalpha() for char in text)


def is_forum_username(line: str) -> bool:
    """True for a normalised line shaped like a forum username ("冷暖小王子", "小透明123", "kt_fan88").

    Shape only: 2 to 16 letters, digits, "_", "-", "." or "·", no space and no punctuation. Forum pages
    print the poster's name on its own line between forum chrome ("楼主" or "沙发", then the name, then
    "发表于 …"), so the cleaner strips such a line only when the lines on both sides are "forum" lines;
    alone it is as likely a heading ("市场格局").
    """
    return FORUM_USERNAME_PATTERN.fullmatch(line) is not None


def thread_tag(line: str) -> tuple[int, int] | None:
    """The span of a forum thread-type tag opening a normalised line, offsets into `line`, else None.

    Tags: "[转帖]", "【分享】", "[原创]", "[求助]", "[讨论]"…, in square or lenticular brackets, with the
    spaces after them ("[转帖] 一季度空调内销…" gives (0, 5)). What follows is the thread's title.
    """
    tag = THREAD_TAG_PATTERN.match(line)
    return tag.span() if tag else None


def contact_clauses(line: str) -> list[tuple[int, int]]:
    """Spans of contact-advert clauses inside a normalised line, offsets into `line`, half-open.

    A clause (split at , ; 。 ! ?; a colon stays inside, joining a label to its id) is an advert when
    it holds a WeChat/QQ id, a phone number or a URL (found with jionlp, plus labelled ids and bare
    domains it misses) and an advert cue (加微信, 联系, 咨询, 私信, 领取, 报价, 优惠, 免费, 资料…) or a
    channel label with a colon ("电话同微信:139…", "whatsapp:+852…"); when it is a prompt without an
    id that opens the clause ("扫码进群领红包", "私信获取报价"); or when it asks to get in touch about
    an offer ("代练代打请私信"). A hook clause right before an advert in the same sentence goes with it
    ("想了解采购方案,欢迎私信获取报价", "想学ai副业?加v:…"), and so does a run of offer pitch opening
    the sentence ("执业药师证挂靠,年薪3万起,电话:138…"): such a span holds the commas between them. A
    run-on sentence after an id is not the advert's ("电话:138…国家医保局…" ends at the id, or after
    a bracketed remark such as "(全国可上门)"). A number in a news clause stays: "客服热线95188已恢复",
    "拨打12315投诉", "热线:400-…已恢复正常". Clauses about cracking down on such adverts, clauses that
    narrate and public service lines (举报, 投诉) are never adverts. Spans exclude the separating
    punctuation at their ends.
    """
    labelled = _labelled_ids(line) if ":" in line else []
    if not labelled and not CONTACT_HINT_PATTERN.search(line):
        return []
    ids = labelled + _contact_ids(line)
    if not ids and not PROMPT_VERB_PATTERN.search(line) and "请" not in line and "欢迎" not in line:
        return []
    spans = []
    # Where an advert in this clause would start: earlier, after a hook clause or a run of pitch
    # clauses opening the sentence ("执业药师证挂靠,年薪3万起,电话:138…"); None for here.
    lead_in = None
    opens_sentence = True
    for clause in CONTACT_CLAUSE_PATTERN.finditer(line):
        start, end = _trim(line, clause.start(), clause.end())
        text = line[start:end]
        held = [(id_end, self_cue) for id_start, id_end, self_cue in ids if start <= id_start < end]
        if held:
            # Farms that drop punctuation run the next sentence on after the id ("电话:138…国家医保局…");
            # what follows the last id is the advert's only when short and selling ("领取提示词大全").
            # A predicate after the id makes the number the subject of news ("热线:400-…已恢复正常").
            last_id_end = max(id_end for id_end, _ in held)
            tail = line[last_id_end:end]
            if len(tail) > MAX_ID_TAIL or (
                len(tail) > MAX_PLAIN_ID_TAIL
                and tail.lstrip()[:1] not in "([【"
                and not (CONTACT_CUE_PATTERN.search(tail) or OFFER_PATTERN.search(tail))
            ):
                remark = ID_REMARK_PATTERN.match(line, last_id_end)  # "(全国可上门)" stays the advert's
                end = remark.end() if remark else last_id_end
                text = line[start:end]
            is_advert = not ID_PREDICATE_PATTERN.match(line, last_id_end) and (
                any(self_cue for _, self_cue in held) or CONTACT_CUE_PATTERN.search(text) is not None
            )
        else:
            core = _strip_decoration(text)
            is_advert = len(text) <= MAX_PROMPT_CLAUSE and bool(
                CONTACT_PROMPT_PATTERN.match(core) or CONTACT_REQUEST_PATTERN.fullmatch(core)
            )
        is_advert = is_advert and not _narrates(text)
        if is_advert:
            spans.append((start if lead_in is None else lead_in, end))
        separator = line[clause.end() : clause.end() + 1]
        is_hook = len(text) <= MAX_HOOK_CLAUSE and HOOK_PATTERN.match(text) is not None and not _narrates(text)
        is_pitch = (
            not is_advert
            and (opens_sentence or lead_in is not None)
            and len(text) <= MAX_PITCH_CLAUSE
            and (OFFER_PATTERN.search(text) or CONTACT_CUE_PATTERN.search(text)) is not None
            and not _narrates(text)
        )
        if is_hook and separator in (",", ";", "?"):
            lead_in = start
        elif is_pitch and separator in (",", ";"):
            lead_in = start if lead_in is None else lead_in
        else:
            lead_in = None
        opens_sentence = separator not in (",", ";")
    return spans


def trailing_credit(line: str) -> tuple[int, int] | None:
    """The span of a photo credit closing a normalised line, offsets into `line`, else None.

    Credits: "(新华社记者 王某 摄)", "记者 张三 摄", "(记者林小明/摄影)", "图/视觉中国", "视觉中国供图",
    "图片来源:网络" and "来源:X" after a caption. The span runs from the credit's first character
    (its opening bracket, if any) to the end of the line.
    """
    offset = max(0, len(line) - MAX_CREDIT_LENGTH)
    if not CREDIT_CHAR_PATTERN.search(line, offset) or not CREDIT_HINT_PATTERN.search(line, offset):
        return None
    starts = [match.start() for match in CREDIT_START_PATTERN.finditer(line, offset)]
    for start in [0, *starts] if offset == 0 else starts:
        if CREDIT_PATTERN.fullmatch(line, start):
            return start, len(line)
    return None


# --- Contact ids -----------------------------------------------------------------------------------


@functools.cache
def _jionlp() -> ModuleType:
    """jionlp, imported on first use: the import takes about 0.3 s and prints a banner to stdout."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    return jionlp


def _contact_ids(line: str) -> list[tuple[int, int, bool]]:
    """Contact ids in a line: (start, end, whether the id's label alone makes it an advert)."""
    found = [(*match.span("domain"), False) for match in BARE_DOMAIN_PATTERN.finditer(line)]
    if PHONE_HINT_PATTERN.search(line):
        found += [(*item["offset"], False) for item in _jionlp().extract_phone_number(line, detail=True)]
    if "www." in line or "://" in line:
        found += [(*item["offset"], False) for item in _jionlp().extract_url(line, detail=True)]
    # jionlp's strict modes look for "微信"/"qq" anywhere before the id; ask for candidates and check
    # the label right before each one instead, so "vx:abc123" counts and a stray "qq" elsewhere does not.
    if WECHAT_LABEL_HINT_PATTERN.search(line):
        candidates = _jionlp().extract_wechat_id(line, detail=True, strict=False)
        found += _candidate_ids(line, candidates, WECHAT_ID_LABEL_PATTERN)
    if QQ_LABEL_HINT_PATTERN.search(line):
        candidates = _jionlp().extract_qq(line, detail=True, strict=False)
        found += _candidate_ids(line, candidates, QQ_ID_LABEL_PATTERN)
    return found


def _narrates(clause: str) -> bool:
    """True for a clause of news around a contact: a crackdown, a narrated subject, a report, a public line."""
    return (
        splice.mentions_enforcement(clause)
        or NARRATED_SUBJECT_PATTERN.search(clause) is not None
        or NARRATION_PATTERN.search(clause) is not None
        or PUBLIC_SERVICE_PATTERN.search(clause) is not None
    )


def _labelled_ids(line: str) -> list[tuple[int, int, bool]]:
    """Ids right after a colon with a contact channel before it ("电话:139…", "vx:abc"), or URLs after any colon."""
    found = []
    colon = line.find(":")
    while colon != -1:
        contact_id = CONTACT_ID_PATTERN.match(line, colon + 1)
        if contact_id and (
            contact_id.group("url")
            or (
                CONTACT_CHANNEL_LABEL_PATTERN.search(line, max(0, colon - MAX_CHANNEL_LABEL), colon)
                and (not contact_id.group("phone") or sum(map(str.isdigit, contact_id.group())) >= MIN_PHONE_DIGITS)
            )
        ):
            start = contact_id.start() + len(contact_id.group()) - len(contact_id.group().lstrip())
            found.append((start, contact_id.end(), True))
        colon = line.find(":", colon + 1)
    return found


def _candidate_ids(line: str, candidates: list[dict], label_pattern: re.Pattern) -> list[tuple[int, int, bool]]:
    """The candidate ids (jionlp's detail dicts) with a label right before them, as in `_contact_ids`."""
    found = []
    for candidate in candidates:
        start, end = candidate["offset"]
        label = label_pattern.search(line, max(0, start - MAX_ID_LABEL), start)
        if label:
            found.append((start, end, _is_self_announcing(label.group())))
    return found


def _is_self_announcing(label: str) -> bool:
    """True for an id label that makes an advert by itself: an obfuscated one, or one ending in ":"."""
    return label.rstrip().endswith((":", "：")) or OBFUSCATED_LABEL_PATTERN.search(label) is not None


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
