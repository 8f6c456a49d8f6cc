"""Factory functions: each test spells out only what matters to it."""

import itertools

from briefs.desk.models import Brief, BriefSource, KeyFact
from briefs.intake.importing import import_bytes
from briefs.intake.models import SourceArticle
from briefs.kb.models import Entity

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


_READY_BODY = (
    "Xiaohongshu held a keynote in Shanghai for its e-commerce partners. Its chief operating officer, Ke Nan, "
    "said the platform will put 50 billion impressions of traffic behind buyers who sell through notes and "
    "livestreams, and another 50 billion behind merchants. The company wants commerce to grow out of its "
    "community rather than copy the live selling of Douyin and Kuaishou, where hosts lead with goods and low "
    "prices. Buyers on Xiaohongshu start from what their followers ask for and then find products to match. "
    "Many go live only once or twice a week, so their everyday notes matter as much as their streams."
)


def make_source_article(cleaned_text=None, **fields) -> SourceArticle:
    """A source article stored directly, without the import pipeline: for tests of the brief desk."""
    number = next(_counter)
    text = cleaned_text if cleaned_text is not None else DEFAULT_ARTICLE
    defaults = {
        "raw_text": text, "cleaned_text": text, "sha256": f"{number:064x}",
        "original_filename": f"article-{number}.txt", "encoding": "utf-8", "title": "小红书电商发布新计划",
    }
    return SourceArticle.objects.create(**{**defaults, **fields})


def make_brief(*, author=None, status="draft", ready=True, **fields) -> Brief:
    """A brief by `author` (a new writer when None) in `status`; with `ready`, it passes every publish check.

    The status is set directly, as a fixture would load it: tests of the moves themselves start from here.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    if author is None:
        author = get_user_model().objects.create_user(username=f"writer-{next(_counter)}", is_staff=True)
        author.groups.add(Group.objects.get(name="Writer"))
    defaults = {"title": f"Xiaohongshu bets on buyers {next(_counter)}"}
    if ready:
        defaults |= {"dek": "Xiaohongshu will steer traffic to buyers and merchants.", "body": _READY_BODY}
    if status in ("published", "scheduled"):
        defaults |= {"publish_at": timezone.now(), "published_at": timezone.now()}
    brief = Brief.objects.create(author=author, status=status, **{**defaults, **fields})
    if ready:
        article = make_source_article()
        BriefSource.objects.create(brief=brief, article=article)
        entity = Entity.objects.filter(slug="xiaohongshu").first() or make_entity(slug="xiaohongshu")
        brief.entities.add(entity)
        KeyFact.objects.create(
            brief=brief, position=1, text="50 billion impressions of traffic for buyers",
            source_sentence="小红书COO柯南表示,平台将投入500亿流量帮助买手成长。",
        )
    return brief
