r"""The seeded promo and page-chrome vocabulary; a data migration copies it into the PromoRule table.

Patterns are matched against the normalised text (see `rules.normalise`): Latin is lower case,
full-width punctuation is ASCII (":" not "："), Traditional characters are Simplified (OpenCC). So one
rule covers "刷赞", "刷讚" and "ＫＳ刷赞". Regex rules run with MULTILINE ("^" and "$" are line
ends) and their Latin lowered to match the text; they use "[ \t]" and "[^\w\n]" rather than "\s"
and "\W" so that no match runs into the next line.

What belongs here: phrases that are promo or chrome wherever they appear. No common word alone
(推广, 下单, 双击, 刷新, 涨粉, 举报, 相关文章 are ordinary Chinese); a word that is chrome only when
it is the whole line gets an anchored regex instead. Promo in a sentence about the crackdown on click
farms ("打击刷粉、刷赞") is kept by the cleaner, so news about them survives.
"""

from __future__ import annotations

from briefs.text.rules import Rule

# Platforms the farms sell engagement for. No look-behind guards the Latin handles ("ks" after an
# English word): every branch starting with a literal lets `re` skip ahead at C speed, 10x faster.
_PLATFORM = (
    r"(?:抖音|快手|小红书|红书|b站|哔哩哔哩|微博|微信|视频号|公众号|火山|西瓜|头条|淘宝|拼多多|闲鱼|知乎|全民k歌|k歌|"
    r"qq|ks|dy|vx|wx|ins|tiktok|dou\+)"
)
# What they sell.
_ENGAGEMENT = r"(?:赞|粉丝?|双击|播放量?|评论|关注|人气|访客|浏览量?|收藏|转发|分享|会员|钻|热门|作品|直播间?人气)"

_PROMO_PHRASES = (
    ("刷赞", "Buying likes: the core click-farm product."),
    ("刷粉", "Buying followers."),
    ("刷双击", "Buying double-taps (Douyin/Kuaishou likes)."),
    ("刷播放量", "Buying video views."),
    ("刷评论", "Buying comments."),
    ("刷关注", "Buying follows."),
    ("刷人气", "Buying live-stream popularity."),
    ("刷访客", "Buying profile visits (QQ Zone)."),
    ("刷浏览量", "Buying page views."),
    ("刷钻", "Buying QQ membership diamonds."),
    ("代刷", "'Brushing on your behalf': the farms' name for their service."),
    ("代刷网", "Click-farm shop sites call themselves 代刷网."),
    ("代挂", "QQ level boosting service."),
    ("卡盟", "Card-league shops that resell click-farm services."),
    ("秒刷", "'Instant brushing' delivery promise."),
    ("秒赞", "'Instant likes' delivery promise."),
    ("名片赞", "QQ profile-card likes, sold by the thousand."),
    ("空间人气", "QQ Zone popularity, sold by farms."),
    ("互赞群", "Like-for-like groups advertised by farms."),
    ("互粉", "Follow-for-follow promo."),
    ("买粉", "Buying followers."),
    ("买赞", "Buying likes."),
    ("涨粉神器", "Follower-growth tool advert."),
    ("快速涨粉", "Follower-growth advert ('涨粉' alone is ordinary news language)."),
    ("免费涨粉", "Free-follower bait."),
    ("免费刷", "Free-brushing bait ('ks免费刷平台')."),
    ("低价刷", "Cheap-brushing bait."),
    ("自助下单平台", "Self-service order page of a farm ('自助下单' alone is also a restaurant kiosk)."),
    ("自助下单网", "Self-service order site of a farm."),
    ("业务自助下单", "Farm order-page wording."),
    ("24小时自助", "Round-the-clock self-service farm shops."),
    ("刷单平台", "Fake-order platforms ('刷单' alone appears in crackdown news)."),
)

_PROMO_REGEXES = (
    (
        _PLATFORM + r"[ \t]*(?:免费|低价|在线|自助|代)?[ \t]*(?:刷|秒刷|买|涨)" + _ENGAGEMENT,
        "A platform name followed by buying engagement: '抖音刷赞', '快手买粉', 'ks免费刷双击'.",
    ),
    (
        _PLATFORM + r"[ \t]*(?:免费|低价|在线|自助|代)?[ \t]*刷[ \t]*(?:平台|网站?|业务|软件)",
        "A platform name and a brushing service: 'ks免费刷平台', '抖音刷网站'.",
    ),
    (
        _PLATFORM + r"[ \t]*(?:业务|自助)[ \t]*(?:下单|网站?|商城|自助下单)",
        "Farm order pages named after a platform: '小红书业务下单', '抖音自助网'.",
    ),
    (
        _PLATFORM + r"[ \t]*(?:点赞|涨粉|粉丝|刷粉|刷赞|双击|播放量?)[ \t]*(?:下单|平台|网站?|软件|商城)",
        "Engagement shops named after a platform: '抖音点赞平台', '快手涨粉网站'.",
    ),
    (
        r"(?:刷|代刷|秒刷|买)" + _ENGAGEMENT + r"[ \t]*(?:平台|网站?|软件|下单|神器|业务|链接)",
        "Engagement shops: '刷赞平台', '买粉网站', '刷双击软件'.",
    ),
    (
        r"(?:24|二十四)[ \t]*小时[ \t]*(?:自助|在线|秒)[ \t]*(?:下单|刷|平台|业务|发货|到账)",
        "Round-the-clock delivery promise of farm shops.",
    ),
    (
        r"免费(?:领取|领|刷|涨|得)[ \t]*\d*[ \t]*(?:个|万)?[ \t]*" + _ENGAGEMENT,
        "Free-engagement bait: '免费领取100个赞'.",
    ),
    (
        r"\d+(?:\.\d+)?[ \t]*元[ \t]*\d+[ \t]*(?:个|万)?[ \t]*(?:赞|粉丝?|双击|播放量?|评论|关注)",
        "Price lists: '1元100个赞'.",
    ),
    (
        r"(?:低价|最低价|全网最低)[ \t]*(?:刷|代刷|涨粉|买粉|买赞)",
        "Cheap-engagement bait.",
    ),
)

# Rules added after the first seeding (migration intake.0003 adds them to existing databases).
_MORE_PROMO_REGEXES = (
    (
        r"(?:刷|代刷|秒刷)[ \t]*(?:" + _ENGAGEMENT[3:-1] + r"|销量|好评|票数?|热度|在线人数)",
        "Brushing any engagement or sales figure: '刷粉丝', '刷销量', '刷好评'. Cut only where it reads as "
        "spliced in (the cleaner keeps '快手刷评论区' and other grammar).",
    ),
    (
        r"(?:[\d.]+|[一二两三四五六七八九十百千万]+)[ \t]*元[ \t]*"
        r"(?:[\d.]+|[一二两三四五六七八九十百千万]+)[ \t]*个?[ \t]*(?:赞|粉丝?|双击|播放量?|评论|关注)",
        "Price lists in any numerals: '一元千赞', '5元1000粉'.",
    ),
    (
        _PLATFORM + r"[ \t]*(?:上|冲|买|刷)[ \t]*热门",
        "Paid trending placement: '抖音上热门', 'dou+冲热门'.",
    ),
)

_CHROME_PHRASES = (
    ("发表评论", "Comment-box button of the farm page."),
    ("我要评论", "Comment-box button."),
    ("网友评论", "Comment section heading."),
    ("查看评论", "Comment link."),
    ("评论列表", "Comment section heading."),
    ("本文来源于网络", "Farm disclaimer: copied from the web."),
    ("来源于网络", "Farm disclaimer, short form (only whole-line or chrome-dominated lines are cut)."),
    ("版权归原作者所有", "Copyright disclaimer of copied articles."),
    ("版权归原作者", "Copyright disclaimer, short form."),
    ("如有侵权请联系删除", "Takedown notice of copied articles."),
    ("如有侵权", "Takedown notice, short form."),
    ("侵权请联系删除", "Takedown notice, short form."),
    ("侵删", "Takedown notice, shortest form."),
    ("免责声明", "Disclaimer paragraph of the hosting site."),
    ("转载请注明出处", "Reprint notice."),
    ("未经授权禁止转载", "Reprint notice."),
    ("扫码关注", "QR-code follow prompt."),
    ("扫描二维码", "QR-code prompt."),
    ("长按识别二维码", "QR-code prompt (WeChat)."),
    ("点击上方蓝字", "WeChat follow prompt."),
    ("点击阅读原文", "Link prompt of WeChat reposts."),
    ("返回顶部", "Page navigation."),
    ("返回首页", "Page navigation."),
    ("打印本页", "Page tools."),
    ("关闭窗口", "Page tools."),
    ("收藏本文", "Page tools."),
    ("猜你喜欢", "Recommendation widget heading."),
)

_CHROME_REGEXES = (
    (
        r"^[^\w\n]*(?:相关(?:文章|阅读|推荐|新闻|资讯)|推荐阅读|延伸阅读|热门(?:文章|推荐|资讯)|往期(?:回顾|推荐))[^\w\n]*$",
        "Related-articles heading, only as a whole line ('相关文章显示' is a sentence).",
    ),
    (
        r"^[^\w\n]*(?:上一篇|下一篇|上一页|下一页)[ \t]*:?.{0,80}$",
        "Previous/next links with the other article's title.",
    ),
    (
        r"^[^\w\n]*(?:责任编辑|责编|编辑|校对|审核|审校|编审|主编|值班编辑)[ \t]*[:|/][ \t]*\S.{0,20}$",
        "Editor credit line ('责任编辑：张三'); the author's byline is handled separately.",
    ),
    (r"^[^\w\n]*分享(?:到|至)[ \t]*:?.{0,30}$", "Share buttons line ('分享到：微信 微博')."),
    (
        r"^(?:[^\w\n]*(?:阅读|浏览|点击|评论|点赞|收藏|转发|分享|赞|热度)(?:量|数|次数)?"
        r"[ \t]*[(:]?[ \t]*[\d.,]+[ \t]*[万kw]?[ \t]*\)?[ \t]*次?)+[^\w\n]*$",
        "Counters line ('阅读(123) 评论(0)').",
    ),
    (
        r"^[^\w\n]*(?:发布|发表|更新|编辑)(?:时间|日期|于)[ \t]*:?[ \t]*\d{4}[-/.年]\d{1,2}.{0,80}$",
        "Publication-time meta line of the hosting site.",
    ),
    (r"^[^\w\n]*(?:当前位置[ \t]*:[ \t]*)?首页[ \t]*[>»›/].{0,80}$", "Breadcrumb ('首页 > 科技 > 正文')."),
    (
        r"^[^\w\n]*(?:本文|文章|此文)(?:来自|来源于?|转载自|转自|首发于|原载于|选自)",
        "Provenance note of a repost ('本文来自微信公众号…').",
    ),
    (r"^[^\w\n]*(?:举报|投诉|纠错|点击关注|关注我们|阅读原文)[^\w\n]*$", "Page buttons, only as a whole line."),
    (r"^[^\w\n]*声明[ \t]*:", "Disclaimer paragraph ('声明：本文仅代表作者观点')."),
)

DEFAULT_RULES: tuple[Rule, ...] = (
    *(Rule(pattern, kind="promo", note=note) for pattern, note in _PROMO_PHRASES),
    *(Rule(pattern, kind="promo", is_regex=True, note=note) for pattern, note in _PROMO_REGEXES),
    *(Rule(pattern, kind="promo", is_regex=True, note=note) for pattern, note in _MORE_PROMO_REGEXES),
    *(Rule(pattern, kind="boilerplate", note=note) for pattern, note in _CHROME_PHRASES),
    *(Rule(pattern, kind="boilerplate", is_regex=True, note=note) for pattern, note in _CHROME_REGEXES),
)
