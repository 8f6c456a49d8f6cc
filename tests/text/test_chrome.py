"""Page-chrome detectors (briefs/text/chrome.py): whole chrome lines, link headlines, contact adverts, credits.

Every input is one line as the cleaner hands it over: normalised (`rules.normalise`: full-width
punctuation folded to ASCII, Latin lowered) and stripped of surrounding whitespace.
"""

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.text.chrome import (
    contact_clauses,
    is_forum_username,
    is_link_headline,
    line_family,
    thread_tag,
    trailing_credit,
)
from briefs.text.rules import normalise

ROOT = Path(__file__).resolve().parents[2]


def family(text: str) -> str | None:
    return line_family(normalise(text).strip())


# --- Whole chrome lines, by family ---------------------------------------------------------------------

CHROME_LINES = {
    "breadcrumb": [
        "当前位置:首页 > 科技 > 正文",
        "您所在的位置:主页>>资讯",
        "XX网 > 财经频道 > 正文",
        "首页 / 新闻 / 科技",
        "位置：首页»互联网»正文",
        "您现在的位置：网站首页 › 数码 › 手机",
        "首页 > 汽车 > 小米SU7交付量突破十万辆",
        "当前位置：首页",
        "► 科技频道 > 互联网 > 正文",
        "您的位置：首页 >> 汽车 >> 新能源",
        "首页",
        "汽车论坛 > 新能源车 > 查看主题",
        "数码吧 › 手机 › 帖子详情",
        "车友社区 - 新能源汽车论坛 - 查看主题",
        "財經論壇 - 港股版塊 - 帖子詳情",
    ],
    "metadata": [
        "发布者:小编 2025-01-02 阅读 3.2万",
        "编辑:admin 时间:2025-01-02 10:21 浏览次数:2381",
        "已有88人点赞",
        "点击:88次",
        "2024-06-18 09:30 来源:网络 作者:佚名",
        "字号: 大 中 小",
        "发布时间:2025年3月2日",
        "阅读(123) 评论(0)",
        "更新时间：2025-03-02 08:00:12",
        "2025-03-02 | 浏览量：1.5万",
        "3.2万阅读 · 12条评论",
        "时间:2025/1/2 作者:科技君 热度:998",
        "1234人已阅读",
        "发布时间：2025-03-02 10:21:33  来源：中国新闻网",
        "点赞(56) | 收藏(12) | 分享",
        "全文约3000字，阅读需要8分钟",
        "作者：佚名  来源：网络  时间：2025-01-02",
        # a self-media header: the account, a date, where it posted from, the follow button
        "财经老司机  2025-05-12 21:30  发布于上海  +关注",
        "數碼小王子 2025-04-22 08:12 來自台灣 · 已關注",
        "科技早知道 | 2025-03-07 | IP属地：浙江 | 关注",
        "2025/05/01 08:00\u3000點閱：12,034",
        "[字体:大 中 小] [打印] [关闭]",
    ],
    "share": [
        "分享到:",
        "分享到: 微信 微博 qq空间",
        "分享至：微信好友 朋友圈 新浪微博 复制链接",
        "一键分享",
        "打开APP阅读全文",
        "打开新浪新闻APP，查看更多",
        "APP内打开",
        "展开全文",
        "阅读全文",
        "点击阅读原文",
        "展开剩余72%",
        "长按识别二维码",
        "长按识别二维码关注我们",
        "扫码关注",
        "点击上方蓝字关注我们",
        "点击上方“科技前沿”关注我们",
        "点个在看",
        "分享、点赞、在看",
        "发表评论",
        "我要评论",
        "评论(12)",
        "请文明上网理性发言",
        "返回首页",
        "返回顶部",
        "返回搜狐，查看更多",
        "视频加载中...",
        "00:00 / 03:25",
        "点击播放",
        "倍速 全屏",
        "1.5x 高清 全屏",
        "该视频由小米汽车提供",
        "—— end ——",
        "-END-",
        "end",
        "(完)",
        "【完】",
        "全文完",
        "加入LINE好友",
        "上一篇：华为发布Mate 70系列",
        "相关阅读：小米SU7 Ultra正式交付",
        "▲点击阅读原文",
        "↓↓↓ 点击阅读原文 ↓↓↓",
        "打开今日头条APP，阅读更多精彩内容",
        "设为星标，不错过每一篇推送",
        "视频加载中，请稍候...",
        "您的浏览器不支持video标签",
        "打印本页 关闭窗口",
        "举报/反馈",
        "意见反馈",
        # follow, app and reward prompts with their pitch
        "点个在看，你最好看",
        "點個在看，好運一整年",
        "点击上方“财经早知道”关注，每天三分钟读懂市场",
        "点击上方蓝字关注我们，每天带你看懂科技圈",
        "长按识别小程序码，领取新人专享券",
        "长按识别二维码，加入新能源车主交流群",
        "★加入WhatsApp好友，第一時間收到優惠資訊★",
        "加入LINE好友，即時接收財經快訊",
        "下載「車訊快報」App，看更多獨家試駕",
        "下载“趣游旅行”APP，新人立领888元出游礼包",
        "打开抖音App，搜索“数码小王”看完整评测",
        "打开APP，查看更多高清大图",
        "扫码进入粉丝群，每周抽三台手机",
        "一键三连支持一下！",
        "一键三连：点赞、收藏、转发",
        "点赞、在看、转发三连走起！",
        "关注@科技小鱼，带你玩转数码圈",
        "关注公众号回复“报告”，领取完整版PDF",
        "【粉丝福利】关注公众号“家电圈”，回复“清洗”免费领取保养手册，名额有限！",
        "文末送福利，记得看到最后",
        # a heading and its linked headline on one line
        "相关阅读：iPhone 17为何卖爆？答案在这里",
        "延伸閱讀：比亞迪海外建廠提速？工廠選址曝光",
        "推荐阅读｜月薪3万的程序员都在用哪些AI工具？",
    ],
    "advert": [
        "【广告】暑期游学营报名中，名额仅剩20个，咨询电话：021-5555-8888",
        "[推广] 新车首付一成起，点击了解详情",
        "【廣告】iPhone 16 限時特價，立即搶購>>",
        "二手挖掘机批发，全国包邮，点击咨询>>",
        "考研英语一对一辅导，签约保过，立即报名→",
        "广告",
    ],
    "disclaimer": [
        "声明:本文仅代表作者观点,不代表本站立场",
        "本文系作者授权发表,未经许可不得转载",
        "转载请注明出处",
        "转载请注明出处。",
        "免责声明：本文内容仅供参考，不构成投资建议。投资有风险，入市需谨慎。"
        "本站不对文中信息的真实性、准确性、完整性作任何保证，读者据此操作，风险自担。"
        "如有疑问请与本站联系，本站将在第一时间处理相关事宜，谢谢合作。",
        "版权归原作者所有，如有侵权请联系删除",
        "图片来源于网络，侵删",
        "【免责声明】",
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，本平台仅提供信息存储空间服务。",
        "本文仅代表作者个人观点，与本站无关。",
        "版权所有 © 2025 某某科技网 All Rights Reserved",
        "风险提示：市场有风险，投资需谨慎。",
        "文章来源于网络,如有侵权请联系我们删除",
        "本文为原创",
        "未经授权，禁止转载",
        "(图片来自网络)",
        "本文为作者独立观点，不代表本站立场。",
        "文章转载自网络，如有侵权，请联系删除。",
        "图源网络，如有侵权请联系删除",
        "圖源網絡，侵刪",
        "本视频由合作方“车评快报”提供，版权归原作者所有",
        "本文数据由第三方机构提供，仅供参考，不构成投资建议。",
    ],
    "ai-notice": [
        "本文部分内容由人工智能辅助生成",
        "【AI导读】小米集团今日发布2024年财报，营收同比增长35%，汽车业务首次贡献利润。"
        "分析人士认为，这标志着小米“人车家全生态”战略进入收获期，但其手机业务面临的竞争压力仍不容忽视。",
        "AI速览：华为发布新一代鸿蒙系统，支持更多设备。",
        "AI摘要:比亚迪上月销量创新高。",
        "内容由AI生成，仅供参考",
        "本文由AI生成",
        "以上内容由AI大模型生成，仅供参考，请注意甄别",
        "[AI划重点]",
        "该内容由AI辅助创作",
        "本文由AI辅助撰写，经人工核实后发布，如有错漏欢迎指正。",
        "以上內容由AI助手根據公開資料整理生成，不代表本站觀點，請讀者注意甄別。",
        "全文由大模型基于公开财报汇总生成，仅供参考。",
        "该文由AI工具根据新闻稿改写，请读者注意甄别",
    ],
    "summary": [
        "核心提示：比亚迪一季度销量再创新高，海外市场贡献近四成；价格战仍在持续。",
        "【摘要】寧德時代登陸港交所，募資約410億港元，為年內全球最大IPO。",
        "划重点：①华为发布Mate 70；②售价5499元起；③12月开售。",
        "内容提要：美团外卖日单量突破9000万，即时零售成新增长点。",
    ],
    "source": [
        "来源 | 综合自多家媒体报道",
        "来源:xx公众号",
        "来源：新华社",
        "文章来源:网络",
        "本文来源:互联网",
        "本文来源：互联网。",
        "转自:科技日报",
        "原文链接:https://example.com/news/123.html",
        "数据来源：国家统计局",
        "本文来自微信公众号：晚点LatePost（ID：latepost），作者：张三",
        "原标题：小米汽车交付量再创新高，雷军：感谢每一位车主",
        "本文转载自：21世纪经济报道",
        "原标题：新能源车价格战还要打多久？",
        "原標題：蘋果為何押注AI？",
        "原文链接：https://example.com/a?id=3",
        "記者陳怡君／綜合報導",
        "记者 王磊/编译报道",
        "張小華/綜合報導",
        "综合外电报道",
    ],
    "divider": [
        "------------------------------",
        "======",
        "* * *",
        "————————",
    ],
    "contact": [
        "扫码进群领红包",
        "私信获取报价",
        "vx:abc123",
        "VX：xiaomi_fan88",
        "加微信abc12345领取资料",
        "添加微信号 xiaomi_fan88 咨询",
        "QQ群：123456789，进群领取资料",
        "咨询热线：13812345678",
        "合作联系：13812345678（微信同号）",
        "加v:wxid_abc123,免费领取行业报告",
        "更多资料请访问 www.example-ai.com 免费领取",
        "后台回复“资料”领取",
        "添加客服微信：abc_123456，领取福利",
        "加我微信xiaomi888，带你了解新车",
        # a labelled id alone, or closing short pitch that offers a trade
        "QQ：3308812765",
        "微信：tea_shop2025",
        "WhatsApp：+852 9123 4567",
        "官网：www.xx-huishou.cn",
        "更多茶饮行业资讯：www.chayin365.com",
        "二手手机回收 上门验机 服务热线：400-655-1234",
        "旧电脑高价回收，电话同微信：13712345678",
        "代办营业执照 QQ：2233445566",
        "招募外卖骑手，日结工资，微信：qishou_zp88",
        "想学短视频剪辑？加V：jianji_study领取课程",
        "LINE查詢：@car_deal88",
        "想開咖啡店的朋友看過來，品牌加盟全程扶持，WhatsApp：+852 6123 0000",
        "婚纱摄影特价套餐，全城包接送，预约电话：0571-8888 6666",
        "空调移机加氟 同城上门 微信同号：kt_yiji365",
        "点击链接预订端午特价酒店>>",
        "（点击链接购买同款运动相机）",
    ],
    "credit": [
        "记者 张三 摄",
        "(记者林小明/摄影)",
        "图/视觉中国",
        "图片来源:视觉中国",
        "摄影:李四",
        "图为2025年3月2日，小米SU7在北京车展亮相。(新华社记者 王某 摄)",
        "（新华社发）",
        "视觉中国供图",
        "小米集团创始人雷军 图片来源:小米",
        "雷军在发布会现场。 来源:小红书",
        "(受访者供图)",
        "新华社记者 王某 摄",
        "摄影 | 李四",
        "（图片由受访者提供）",
        "（视频画面：亿航智能提供）",
        "（畫面來源：比亞迪官方）",
        "（视频截图）",
        "视频截图：新华社",
    ],
    "label": [
        "导语",
        "正文",
        "【摘要】",
        "摘要:",
        "核心提示",
        "编者按",
        "【内容提要】",
    ],
    "forum": [
        "楼主",
        "发表于 2025-3-2 10:21",
        "只看该作者",
        "回复 12 | 查看 3456",
        "举报",
        "本帖最后由 xiaomi_fan 于 2025-3-2 10:21 编辑",
        "沙发",
        "引用",
        "签名:人生苦短，我用小米",
        "楼主| 发表于 2025-3-2 10:21 | 只看该作者",
        "3#",
        "马上注册，结交更多好友，享用更多功能，让你轻松玩转社区。",
        "查看: 3456|回复: 12",
        "只看楼主",
        "发表于 3 天前",
        "回覆 15 | 查看 4302",
        "回覆 引用 舉報",
        "感谢分享！",
        "支持楼主，学习了",
        "頂一下",
        "[转载]",
        "【求助】",
    ],
    "keywords": [
        "关键词:小米 汽车 su7",
        "标签：华为 鸿蒙 手机",
        "tags: xiaomi, ev, su7",
        "相关标签:比亚迪、新能源、出海",
        "关键字：芯片,半导体,中芯国际",
        "热门标签：新能源 汽车 电池",
    ],
    "related-heading": [
        "相关阅读:",
        "延伸阅读",
        "推荐阅读",
        "热门推荐",
        "往期回顾",
        "相关文章",
        "【相关阅读】",
        "猜你喜欢",
        "—— 往期推荐 ——",
        "大家都在看",
        "你可能感兴趣",
        "相关视频",
        "热门视频",
        "更多視頻",
    ],
}


FAMILIES = {None, *CHROME_LINES}


@pytest.mark.parametrize(("expected", "line"), [(name, line) for name, lines in CHROME_LINES.items() for line in lines])
def test_chrome_line_is_named_by_its_family(expected, line):
    assert family(line) == expected


# Lines that share a family's opening words or vocabulary but are news, headlines or datelines.
NEAR_MISSES = [
    # prose that starts with a chrome word
    "猜你喜欢功能上线后，用户停留时长增加。",
    "网友评论普遍认为这款手机定价偏高。",
    "返回首页后，用户可以看到新的推荐流。",
    "来源于供应链的压力正在加大。",
    "分享经济的模式正在发生变化。",
    "举报人称，该平台存在刷单行为。",
    "扫码支付已覆盖全国绝大多数商户。",
    "标签化管理正在成为零售行业的趋势。",
    "关键词搜索广告仍是百度的主要收入来源。",
    "摘要显示，该公司第四季度营收同比增长12%。",
    "正文部分详细介绍了新车的配置。",
    "热门推荐算法让抖音的日活用户突破7亿。",
    "位置服务是高德地图的核心能力。",
    "沙发品牌顾家家居发布年报。",
    "楼主表示，这台手机用了三年依然流畅。",
    "相关文章显示，小米汽车的订单已排到明年。",
    # news with dates, counts, numbers
    "2025年1月2日，小米发布新款手机。",
    "2025年3月5日",
    "2025-03-02 10:21",
    "阅读量超过10万的文章中，有三成来自短视频平台。",
    "发布时间定在下周，华为尚未公布具体价格。",
    "客服热线95188已恢复",
    "消费者可拨打12315投诉",
    "用户可访问官网apple.com.cn查询",
    "作者:吴洪建",  # a byline: the cleaner reads the author from it
    # news about the things the families strip
    "腾讯称，该文章仅代表作者个人观点。",
    "该公司称其广告文案由AI生成的比例已达30%。",
    "AI生成式搜索正在改变行业格局。",
    "版权归属问题引发了音乐平台之间的争议。",
    "未经许可擅自使用他人商标的行为将被处罚。",
    "来自互联网行业的压力持续增加。",
    "不少用户被诱导扫码进群领红包，警方提醒注意防范。",
    "私信功能上线后获取了大量用户。",
    "监管部门要求平台清理“加微信领取资料”类引流广告。",
    "这组照片由他在北京拍摄。",
    "小米宣布为用户免费更换电池，详情见官网mi.com。",
    # headings and short content lines
    "小米SU7 Ultra正式交付",
    "一、市场格局生变",
    "图/文结合的报道方式",
    "抖音/快手/小红书",
    "tag the people you love",
    "标签:这款产品的最大卖点是超长续航能力",
    "位置:北京市朝阳区",
    "小米 / 华为 / 苹果",
    "文 | 张三",
    "记者 张三",
    "新华社北京3月2日电",
    "导语：小米汽车交付再创新高，雷军称感谢用户。",
    "AI摘要功能上线后，用户阅读时长增加了两成。",
    "核心提示功能上线后，用户可以更快读完长文。",
    "这组数据由国家统计局提供。",
    "视频画面显示，事故发生在凌晨。",
    "网友截图显示，该商品曾标价9.9元。",
    "经编辑审核后，该平台下架了相关商品。",
    # a name and a date are a headline or a dateline, not a self-media header
    "小米 2025-03-02",
    "来自广东",
    "北京 2025年3月5日 新华社",
    "支持楼主观点的网友并不多。",
    "顶级配置的小米15 Ultra售价6499元",
    "小米发布新品 - 中关村在线",
    "国内媒体报道",
    "……",
    "--",
    "免责声明的法律效力一直存在争议。",
    "声明称，公司从未从事任何违规业务。",
    "阅读全文需要登录，这是不少新闻App的做法。",
    "点击播放量是衡量短视频热度的指标之一。",
    "延伸阅读材料已发放给与会者。",
    "一键分享功能让用户可以把商品链接发给好友。",
    "小米集团今日宣布，2024年全年营收突破3000亿元，同比增长35%，创历史新高。 来源:新华社",
    # sentences that open with a prompt's verb, and news about prompts and adverts
    "打开App后，用户可以在首页看到新的推荐流。",
    "关注公众号的用户数量在一年内翻了一番。",
    "下载量在上线首周突破1000万次。",
    "加入世界贸易组织以来，中国的出口额大幅增长。",
    "点击率下降，广告主开始转向短视频平台。",
    "长按识别二维码的功能由微信在2014年推出。",
    "點讚、評論量均創下新高。",
    "点赞、转发量均创新高",
    "关注“双11”的消费者会发现，今年的规则简单了很多。",
    "添加客服微信后，对方要求转账",
    "打开支付宝App，搜索“消费券”，即可领取。",
    "一键三连的玩法在B站流行",
    "加入会员后可享受9折优惠",
    "文末的彩蛋引发热议",
    # a one-word heading and a quoted username in prose
    "市场格局",
    "网友“冷暖小王子”称，这次的空调补贴很实在。",
    "小米表示，用户可以在App内立即购买。",
    "广告收入同比增长24%，点击率也有所回升。",
    "推广费用是中小商家最大的一笔支出。",
    "广告法",
    "该公司称，新品将于下周开售，消费者可提前预约。",
    "这篇原标题为《小米的十年》的文章引发热议。",
    # contact details in news
    "小米客服热线：400-100-5818已恢复正常。",
    "市场监管局公布举报电话：010-12345678",
    "消费者可拨打热线：400-820-8820咨询。",
    "京东物流称，全国整车零担业务同比增长三成，电话：400-603-3600。",
    "官网显示，小米15起售价4499元。",
    "用户可在APP内下单。",
    "相关阅读材料显示，该公司去年亏损扩大。",
]


@pytest.mark.parametrize("line", NEAR_MISSES)
def test_news_that_shares_chrome_words_is_not_chrome(line):
    assert family(line) is None


def test_a_caption_closed_by_its_source_is_a_credit_line_but_a_news_paragraph_is_not():
    assert family("麦昆,小红书商户部负责人。 来源:小红书") == "credit"
    paragraph = normalise("小米集团今日宣布，2024年全年营收突破3000亿元，同比增长35%，创历史新高。 来源:新华社")
    assert line_family(paragraph) is None
    start, end = trailing_credit(paragraph)
    assert paragraph[start:end] == "来源:新华社"


def test_a_long_disclaimer_paragraph_opening_with_its_label_is_a_disclaimer():
    paragraph = "免责声明:" + "本网站所载内容仅供参考,据此操作风险自担,市场有风险,投资需谨慎。" * 12
    assert len(paragraph) > 300
    assert family(paragraph) == "disclaimer"


def test_a_long_ai_digest_is_an_ai_notice_only_when_it_opens_with_the_label():
    digest = "小米集团今日发布财报,营收同比增长35%,汽车业务首次贡献利润。" * 5
    assert family("【AI导读】" + digest) == "ai-notice"
    assert family(digest) is None


# --- Link headlines under a related-articles heading ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "小米SU7交付破万,雷军:感谢每一位用户",
        "华为发布Mate 70系列 售价5499元起",
        "1. 比亚迪海外销量再创新高",
        "· 蔚来换电站突破3000座",
        "《理想汽车发布2024年财报》",
        "宁德时代发布神行电池 2025-03-02",
        "苹果为何押注AI?",
        "月薪3000在北京能活下去吗？答案扎心了",
        "震惊！这种充电习惯正在毁掉你的手机",
        "▶ 無人機送外賣實測：15分鐘真能送到嗎？",
    ],
)
def test_headline_shaped_lines_are_link_headlines(line):
    assert is_link_headline(normalise(line))


@pytest.mark.parametrize(
    "line",
    [
        "小米今天发布了新车。售价21.59万元。",
        "据悉,该公司今年营收增长,利润下降,现金流紧张",
        "此外小米还发布了新款平板",
        "他表示很满意。",
        "小米su7",
        "接下来,小米将继续加大研发投入;同时拓展海外市场",
        "他很满意!价格也合适!下次还买",
    ],
)
def test_sentences_and_bare_names_are_not_link_headlines(line):
    assert not is_link_headline(normalise(line))


# --- Contact adverts inside prose ------------------------------------------------------------------------


def cut(line: str) -> list[str]:
    text = normalise(line)
    return [text[start:end] for start, end in contact_clauses(text)]


@pytest.mark.parametrize(
    ("line", "advert"),
    [
        ("小米发布新款平板,加微信abc12345领取评测资料,售价1999元。", "加微信abc12345领取评测资料"),
        ("业内人士分析称,需求回暖。如需行业报告请联系13812345678。", "如需行业报告请联系13812345678"),
        ("新车将于下月上市,vx:car_fan2025 预约试驾。", "vx:car_fan2025 预约试驾"),
        ("比亚迪销量大涨,扫码进群领红包,海外市场表现亮眼。", "扫码进群领红包"),
        ("华为新机开售,私信获取报价。", "私信获取报价"),
        ("详情请访问https://www.example.com/promo 免费领取", "详情请访问https://www.example.com/promo 免费领取"),
        ("QQ:123456789 咨询代理加盟,名额有限", "qq:123456789 咨询代理加盟"),
        ("工业机器人销量回升,想了解采购方案,欢迎私信获取报价。", "想了解采购方案,欢迎私信获取报价"),
        ("该游戏已上线全平台。（代练代打请私信）", "(代练代打请私信)"),
        ("连锁药店数量持续增加,需要的老板请私信", "需要的老板请私信"),
        ("新店开业,有意者请联系", "有意者请联系"),
        ("新车发布会定在周五。家电以旧换新,电话：13800138000", "电话:13800138000"),
        ("该作已登陆全平台。（点击链接购买同款手柄）", "(点击链接购买同款手柄)"),
        # the pitch opening the advert's sentence, and a question hook, go with it
        ("门店客流回升。旧家电高价回收,同城上门,电话：13800138000", "旧家电高价回收,同城上门,电话:13800138000"),
        ("新模型已开源。想学AI剪辑？加V：jianji_66领取教程", "想学ai剪辑?加v:jianji_66领取教程"),
        # a farm that drops punctuation runs the next sentence on after the id
        ("执业药师证挂靠,电话:13800138000国家医保局开展飞行检查。", "执业药师证挂靠,电话:13800138000"),
        ("租赁热线:400-886-2317（全国可上门）工信部此前发布指导意见", "租赁热线:400-886-2317(全国可上门)"),
    ],
)
def test_contact_advert_clauses_are_found_inside_prose(line, advert):
    assert cut(line) == [advert]


@pytest.mark.parametrize(
    "line",
    [
        "客服热线95188已恢复",
        "拨打12315投诉",
        "访问官网apple.com.cn查询",
        "该公司官网www.mi.com显示,新机将于3月上市。",
        "小米客服电话400-100-5678已恢复正常。",
        "不少用户被诱导扫码进群领红包。",
        "警方提醒,凡是要求加微信abc12345领取返利的都是诈骗。",
        "小米集团营收同比增长12%,免费服务用户达1.2亿。",
        "市场监管局公布举报电话：010-12345678",
        "小米客服热线：400-100-5818已恢复正常",
        "消费者可拨打热线：400-820-8820咨询",
        "公司在公告中披露了投资者热线：021-12345678。",
        "雷军：小米汽车今年交付目标是35万辆",
        "如有疑问请联系客服",
        "公司表示,如有需要请联系当地门店。",
        "去年营收增长三成,全国门店超过3000家",
        "官网：apple.com.cn显示,新机售价5999元",
        "QQ音乐：用户规模突破6亿",
    ],
)
def test_numbers_and_links_in_news_clauses_are_not_contact_adverts(line):
    assert cut(line) == []


def test_contact_spans_point_into_the_line_and_exclude_the_separators():
    line = normalise("新车下月上市,加微信abc12345领取资料。")
    spans = contact_clauses(line)
    assert spans == [(7, 22)]
    assert line[7:22] == "加微信abc12345领取资料"


# --- Credits closing a line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("小米SU7在北京车展亮相。(新华社记者 王某 摄)", "(新华社记者 王某 摄)"),
        ("记者 张三 摄", "记者 张三 摄"),
        ("雷军在发布会上演讲(记者林小明/摄影)", "(记者林小明/摄影)"),
        ("比亚迪深圳总部 图/视觉中国", "图/视觉中国"),
        ("华为门店内景 图片来源:网络", "图片来源:网络"),
        ("蔚来换电站。视觉中国供图", "视觉中国供图"),
        ("理想L9在工厂下线。(受访者供图)", "(受访者供图)"),
        ("宁德时代展台 王某 摄", "王某 摄"),
    ],
)
def test_trailing_credit_spans_the_credit_at_the_end_of_the_line(line, credit):
    text = normalise(line)
    span = trailing_credit(text)
    assert span is not None
    assert text[span[0] : span[1]] == normalise(credit)
    assert span[1] == len(text)


@pytest.mark.parametrize(
    "line",
    [
        "这组照片由他在北京拍摄",
        "记者现场拍摄",
        "小米发布新款平板,售价1999元。",
        "图片来源是这次诉讼的焦点。",
        "比亚迪2024年销量突破400万辆,海外市场贡献超过一成,其中欧洲市场增长最快,公司发",
    ],
)
def test_lines_without_a_closing_credit_have_none(line):
    assert trailing_credit(normalise(line)) is None


def test_a_credit_after_a_long_paragraph_is_cut_but_the_paragraph_is_no_credit_line():
    paragraph = "小米集团今日发布财报,营收同比增长35%,汽车业务首次贡献利润,分析人士认为这标志着战略进入收获期。" * 3
    line = normalise(paragraph + "(新华社记者 王某 摄)")
    assert trailing_credit(line) == (len(line) - len("(新华社记者 王某 摄)"), len(line))
    assert line_family(line) is None


# --- Forum pages: usernames between forum lines, thread-type tags ------------------------------------


@pytest.mark.parametrize("line", ["冷暖小王子", "空调达人老李", "tea_lover", "數碼控2025", "kt-fan.88"])
def test_a_short_unpunctuated_line_is_shaped_like_a_forum_username(line):
    assert is_forum_username(normalise(line))


@pytest.mark.parametrize(
    "line",
    [
        "转一篇新闻，大家看看。",
        "发表于 2025-4-18",
        "小米 SU7",
        "王",
        "这一行没有任何标点但是已经超过了十六个字的长度",
        "网友“冷暖小王子”称空调补贴很实在",
    ],
)
def test_sentences_spaced_lines_and_long_lines_are_not_forum_usernames(line):
    assert not is_forum_username(normalise(line))


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("[转帖] 一季度空调内销同比增长超两成", "[转帖] "),
        ("【分享】2024年国内游戏市场收入3257.83亿元", "【分享】"),
        ("[求助]电动车冬天续航掉得厉害怎么办", "[求助]"),
        ("【轉載】比亞迪海外工廠進展", "【转载】"),
    ],
)
def test_thread_tag_spans_the_forum_tag_opening_a_title(line, tag):
    text = normalise(line)
    span = thread_tag(text)
    assert span is not None
    assert span[0] == 0
    assert text[: span[1]] == tag


@pytest.mark.parametrize("line", ["【独家】小米汽车二季度交付超10万辆", "[1] 比亚迪海外销量", "转帖的人越来越多"])
def test_media_tags_list_numbers_and_prose_have_no_thread_tag(line):
    assert thread_tag(normalise(line)) is None


# --- jionlp stays out of the way ------------------------------------------------------------------------


def test_jionlp_loads_only_when_a_line_could_hold_a_contact_id_and_prints_nothing():
    """Commands print JSON lines on stdout, so jionlp's import banner must not reach it."""
    script = (
        "import sys\n"
        "from briefs.text.chrome import contact_clauses, line_family\n"
        "line_family('小米集团今日发布财报,营收同比增长35%。')\n"
        "loaded_for_prose = 'jionlp' in sys.modules\n"
        "spans = contact_clauses('加微信abc12345领取资料')\n"
        "print(loaded_for_prose, 'jionlp' in sys.modules, spans)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == "False True [(0, 15)]\n"


# --- Any text at all -------------------------------------------------------------------------------------

CHROME_ALPHABET = (
    "首页>/|:,。!?()【】 分享微信评论阅读2025-01记者张三摄图片来源网络vx加qq123456789abc_免费领取扫码进群完end"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHROME_ALPHABET, max_size=120) | st.text(max_size=120))
def test_detectors_never_raise_and_keep_their_offsets_in_the_line(text):
    line = normalise(text).strip()
    assert line_family(line) in FAMILIES
    spans = contact_clauses(line)
    assert spans == sorted(spans)
    for start, end in spans:
        assert 0 <= start < end <= len(line)
        assert line[start:end] == line[start:end].strip()
    assert all(end <= following for (_, end), (following, _) in pairwise(spans))
    credit = trailing_credit(line)
    assert credit is None or 0 <= credit[0] < credit[1] == len(line)
    assert is_link_headline(line) in (True, False)
    assert is_forum_username(line) in (True, False)
    tag = thread_tag(line)
    assert tag is None or 0 == tag[0] < tag[1] <= len(line)
