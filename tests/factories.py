"""Factory functions: each test spells out only what matters to it."""

import itertools

from briefs.importing import import_bytes
from briefs.models import Entity, SourceArticle

_counter = itertools.count(1)

DEFAULT_ARTICLE = (
    "小红书电商发布新计划\n\n"
    "8月24日,小红书在上海举办电商合作伙伴周。 小红书COO柯南表示,平台将投入500亿流量帮助买手成长。\n\n"
    "与抖音和快手相比,小红书更强调社区属性。\n"
)


def make_article(text=None, *, filename=None, user=None) -> SourceArticle:
    """Import an article through the real intake and pipeline; a unique text each call unless given."""
    if text is None:
        text = DEFAULT_ARTICLE + f"\n第{next(_counter)}篇。\n"
    outcome = import_bytes(text.encode("utf-8"), filename or f"article-{next(_counter)}.txt", user=user)
    assert outcome.status in ("imported", "unchanged"), outcome.error
    return outcome.article


def make_entity(name="Xiaohongshu", *, kind=Entity.Kind.COMPANY, name_zh="小红书", aliases="", **fields) -> Entity:
    return Entity.objects.create(name=name, kind=kind, name_zh=name_zh, aliases=aliases, **fields)
