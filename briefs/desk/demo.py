"""Demo content for `make run`: the desk's two demo users and the demo brief."""

import hashlib
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_USERS = (
    # username, group, environment variable that may give the password
    ("editor", "Editor", "BRIEFS_EDITOR_PASSWORD"),
    ("writer", "Writer", "BRIEFS_WRITER_PASSWORD"),
)


def ensure_demo_users():
    """Create the demo editor and writer when missing; return (username, password or None) per user.

    The password comes from the user's environment variable or is generated; it is returned only
    when the account was created (or reset from the environment), so it is printed once.
    """
    User = get_user_model()
    results = []
    for username, group_name, env_var in DEMO_USERS:
        given = os.environ.get(env_var, "")
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.com"}
        )
        password = None
        if created or given:
            password = given or secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = True
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        results.append((username, group_name, password, env_var))
    return results


# ---- the demo brief ----------------------------------------------------------------------------

DEMO_SEED = "seeds/000_601187230134c3b3.txt"
DEMO_TITLE = "Xiaohongshu declares “the era of buyers” in its first full e-commerce pitch"
DEMO_DEK = (
    "The lifestyle platform is betting on semi-professional “buyers” rather than livestream hosts, "
    "and will steer two pools of 50 billion impressions to them and to merchants."
)
DEMO_BODY = """\
On 24 August Xiaohongshu held a keynote in Shanghai for its e-commerce partner week under the title \
“The Era of Buyers Has Arrived”. It was the first time the platform presented its e-commerce business \
as a whole.

Chief operating officer Ke Nan said that over the past year or so Xiaohongshu had woven shopping into \
its community, joining up the path from reading notes and watching livestreams to placing an order. In \
a year and a half, he said, the number of buyers grew 27-fold, merchants 10-fold and the customers who \
shop through buyers 12-fold.

Buyers are Xiaohongshu’s answer to the livestream host. Most are semi-professional or amateur, Ke said: \
they start from what their followers ask for and then find products to match, while hosts elsewhere \
start from the goods and sell on price. Many go live only once or twice a week, so their everyday notes \
matter as much as their streams.

The platform has 260 million monthly active users and 26 million monthly active creators, yet its \
selling has looked slow next to Douyin and Kuaishou, which used short video and livestreaming to push \
deep into e-commerce. To keep its character, Xiaohongshu has to balance community and commerce rather \
than copy live selling built on impulse buying. Two other community platforms, Bilibili and Zhihu, have \
yet to make e-commerce work.

Next, Xiaohongshu will put 50 billion impressions of traffic behind buyers and another 50 billion \
behind merchants.
"""
DEMO_KEY_FACTS = (
    ("Xiaohongshu has 260 million monthly active users and 26 million monthly active creators",
     "该平台拥有2.6亿月活跃用户和2600万月活跃创作者,聚集了众多具有相当消费品味和能力的个体。"),
    ("In a year and a half, buyers grew 27x, merchants 10x and buyers’ customers 12x",
     "一年半以来,小红书电商买家和管理者数量增长了27倍,电商商家数量增长了10倍,代购用户数量增长了12倍。"),
    ("Xiaohongshu will put 50 billion impressions of traffic behind buyers and another 50 billion behind merchants",
     "接下来,小红书将投入500亿流量帮助买家成长,500亿流量支持商家更好地在小红书上运营。"),
    ("COO Ke Nan presented the strategy at “The Era of Buyers Has Arrived” in Shanghai on 24 August",
     "8月24日,小红书在上海举办“买手时代已来”链接电商合作伙伴周主题演讲。"),
)
DEMO_ENTITY_SLUGS = ("xiaohongshu", "ke-nan", "shanghai", "douyin", "kuaishou")
DEMO_TOPICS = ("e-commerce", "livestreaming", "social commerce")
DEMO_APPROVAL = "Demo brief, checked against the source."


def ensure_demo_brief():
    """Write and publish the demo brief of the seed article unless it exists; return a line saying what happened.

    The brief goes through the real workflow (written by the demo writer, submitted, approved by the
    demo editor), so its transitions are recorded. Needs the seed article imported and the demo users;
    entities missing from the knowledge base are skipped. Running it again changes nothing.
    """
    from briefs.desk.models import Brief, BriefSource, KeyFact
    from briefs.desk.states import TransitionNotAllowed
    from briefs.intake.models import SourceArticle
    from briefs.kb.models import Entity

    seed_sha256 = hashlib.sha256((settings.BASE_DIR / DEMO_SEED).read_bytes()).hexdigest()
    article = SourceArticle.objects.filter(sha256=seed_sha256).first()
    if article is None:
        return f"Demo brief skipped: the seed article {DEMO_SEED} is not imported (run import_articles seeds/ first)."
    User = get_user_model()
    writer, editor = User.objects.get(username="writer"), User.objects.get(username="editor")
    existing = Brief.objects.filter(author=writer, source_links__article=article, title=DEMO_TITLE).first()
    if existing is not None and existing.status != Brief.Status.IN_REVIEW:
        return f"Demo brief already there: “{existing}” ({existing.get_status_display().lower()})."
    if existing is not None:  # a checks failure stopped an earlier run; the entities may be loaded now
        try:
            existing.move("publish", by=editor, comment=DEMO_APPROVAL)
        except TransitionNotAllowed as refusal:
            return f"Demo brief still in review, not published: {refusal}"
        return f"Demo brief published: “{existing}”."
    with transaction.atomic():
        brief = Brief.objects.create(author=writer, title=DEMO_TITLE, dek=DEMO_DEK, body=DEMO_BODY)
        BriefSource.objects.create(brief=brief, article=article)
        for position, (text, sentence) in enumerate(DEMO_KEY_FACTS, start=1):
            KeyFact.objects.create(brief=brief, position=position, text=text, source_sentence=sentence)
        entities = list(Entity.objects.filter(slug__in=DEMO_ENTITY_SLUGS))
        brief.entities.set(entities)
        brief.topics.set(DEMO_TOPICS)
        missing = sorted(set(DEMO_ENTITY_SLUGS) - {entity.slug for entity in entities})
        try:
            brief.move("submit_for_review", by=writer)
            brief.move("publish", by=editor, comment=DEMO_APPROVAL)
        except TransitionNotAllowed as refusal:
            return f"Demo brief written but not published: {refusal}"
    skipped = f" (entities not in the knowledge base, skipped: {', '.join(missing)})" if missing else ""
    return f"Demo brief published: “{brief}”{skipped}."
