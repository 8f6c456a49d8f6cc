"""The article workbench: restore and re-strip passages, strip by hand, decide on entities and names."""

import pytest
from django.urls import reverse

from briefs.intake.models import Mention, Strip, StripKind, Suggestion
from briefs.kb.models import Entity
from tests.factories import make_article, make_entity

pytestmark = pytest.mark.django_db

ARTICLE = (
    "抖音刷赞平台:快手业务自助下单\n\n"
    "作者 | 李明\n\n"
    "8月24日,小红书在上海举办买手大会。 小红书COO柯南表示,平台将投入500亿流量帮助买手成长。\n\n"
    "时尚买手“林小雨”单场直播卖出了100万元。 她说,用户更看重内容。\n\n"
    "发表评论\n"
)


def action_url(article, action, pk=None):
    args = [article.pk, action] + ([pk] if pk is not None else [])
    return reverse("admin:intake_sourcearticle_action", args=args)


def page_of(client, article):
    return client.get(reverse("admin:intake_sourcearticle_change", args=[article.pk])).content.decode()


@pytest.fixture
def known():
    return [
        make_entity("Xiaohongshu", name_zh="小红书", aliases="小紅書\nRED"),
        make_entity("Ke Nan", kind=Entity.Kind.PERSON, name_zh="柯南", description="COO of Xiaohongshu"),
        make_entity("Shanghai", kind=Entity.Kind.PLACE, name_zh="上海"),
    ]


@pytest.fixture
def article(known):
    return make_article(ARTICLE)


def test_the_workbench_shows_each_strip_struck_through_with_its_rule(writer_client, article):
    page = page_of(writer_client, article)
    for strip in article.strips.all():
        assert f'id="strip-{strip.pk}"' in page
        assert strip.rule[:20] in page
    assert '<del class="strip strip-boilerplate strip-stripped"' in page


def test_restoring_a_strip_puts_its_text_back_and_strip_again_takes_it_out(writer_client, article):
    strip = article.strips.get(text="发表评论")
    assert "发表评论" not in article.cleaned_text
    writer_client.post(action_url(article, "restore", strip.pk))
    article.refresh_from_db()
    strip.refresh_from_db()
    assert strip.status == Strip.Status.RESTORED
    assert "发表评论" in article.cleaned_text
    writer_client.post(action_url(article, "strip-again", strip.pk))
    article.refresh_from_db()
    assert "发表评论" not in article.cleaned_text
    assert article.raw_text == ARTICLE


def test_mentions_follow_the_cleaned_text_after_a_restore(writer_client, article):
    strip = article.strips.get(text="发表评论")
    writer_client.post(action_url(article, "restore", strip.pk))
    article.refresh_from_db()
    for mention in article.mentions.all():
        assert article.cleaned_text[mention.start : mention.end] == mention.surface


def test_stripping_by_hand_removes_every_occurrence_of_the_passage(writer_client, article):
    response = writer_client.post(action_url(article, "strip-by-hand"), {"text": "她说,", "kind": "promo"}, follow=True)
    article.refresh_from_db()
    assert "她说" not in article.cleaned_text
    manual = article.strips.get(origin=Strip.Origin.EDITOR)
    assert manual.text == "她说,"
    assert "Stripped 1 passage by hand." in [str(m) for m in response.context["messages"]]


def test_stripping_by_hand_by_offsets_is_checked_against_the_raw_text(writer_client, article):
    response = writer_client.post(
        action_url(article, "strip-by-hand"), {"start": "5", "end": "999999", "kind": "promo"}, follow=True
    )
    assert any("0 ≤ start < end ≤" in str(m) for m in response.context["messages"])
    response = writer_client.post(
        action_url(article, "strip-by-hand"), {"text": "不在原文里的句子"}, follow=True
    )
    assert any("does not occur in the raw text" in str(m) for m in response.context["messages"])
    assert not article.strips.filter(origin=Strip.Origin.EDITOR).exists()


def test_cleaning_again_keeps_every_editor_decision(writer_client, article):
    restored = article.strips.get(text="发表评论")
    writer_client.post(action_url(article, "restore", restored.pk))
    writer_client.post(action_url(article, "strip-by-hand"), {"text": "她说,"})
    writer_client.post(action_url(article, "reclean"))
    restored.refresh_from_db()
    assert restored.status == Strip.Status.RESTORED
    assert article.strips.filter(origin=Strip.Origin.EDITOR, status=Strip.Status.STRIPPED).count() == 1
    article.refresh_from_db()
    assert "发表评论" in article.cleaned_text
    assert "她说" not in article.cleaned_text


def test_confirming_an_entity_makes_it_an_article_tag(writer_client, article, known):
    xiaohongshu = known[0]
    writer_client.post(action_url(article, "confirm-entity", xiaohongshu.pk))
    assert list(article.entities.all()) == [xiaohongshu]
    assert set(article.mentions.filter(entity=xiaohongshu).values_list("status", flat=True)) == {"confirmed"}


def test_rejecting_an_entity_marks_its_mentions_and_removes_the_tag(writer_client, article, known):
    shanghai = known[2]
    writer_client.post(action_url(article, "confirm-entity", shanghai.pk))
    writer_client.post(action_url(article, "reject-entity", shanghai.pk))
    assert shanghai not in article.entities.all()
    assert set(article.mentions.filter(entity=shanghai).values_list("status", flat=True)) == {"rejected"}


def test_accepting_a_suggestion_with_an_edited_name_creates_and_confirms_the_entity(writer_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name": "Lin Xiaoyu (buyer)", "kind": "person"}
    )
    entity = Entity.objects.get(name="Lin Xiaoyu (buyer)")
    assert (entity.kind, entity.name_zh) == ("person", "林小雨")
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert entity in article.entities.all()
    mention = article.mentions.get(entity=entity)
    assert (mention.surface, mention.status) == ("林小雨", Mention.Status.CONFIRMED)


def test_accepting_a_suggestion_as_an_alias_extends_the_existing_entity(editor_client, article, known):
    suggestion = article.suggestions.get(surface="林小雨")
    ke_nan = known[1]
    editor_client.post(action_url(article, "accept-suggestion", suggestion.pk), {"alias_of": ke_nan.slug})
    ke_nan.refresh_from_db()
    assert "林小雨" in ke_nan.alias_list


def test_a_rejected_name_is_never_suggested_again(writer_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    writer_client.post(action_url(article, "reject-suggestion", suggestion.pk))
    other = make_article(ARTICLE.replace("她说", "他说"))
    assert not other.suggestions.filter(surface="林小雨").exists()


def test_the_byline_fills_the_article_field(article):
    assert article.byline == "李明"
    assert article.strips.filter(kind=StripKind.BYLINE, text="作者 | 李明").exists()


def test_an_unknown_action_is_404_and_a_get_is_refused(writer_client, article):
    assert writer_client.post(action_url(article, "explode")).status_code == 404
    strip = article.strips.first()
    assert writer_client.get(action_url(article, "restore", strip.pk)).status_code == 405


def test_anonymous_visitors_cannot_restore(client, article):
    strip = article.strips.first()
    response = client.post(action_url(article, "restore", strip.pk))
    assert response.status_code == 302
    strip.refresh_from_db()
    assert strip.status == Strip.Status.STRIPPED


def test_a_broken_regex_rule_is_refused_in_the_admin_with_the_reason(editor_client):
    from briefs.intake.models import PromoRule

    response = editor_client.post(
        reverse("admin:intake_promorule_add"),
        {"pattern": "刷(赞|粉", "is_regex": "on", "kind": "promo", "note": "", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "fix it or untick" in response.content.decode()
    assert not PromoRule.objects.filter(pattern="刷(赞|粉").exists()


def test_a_one_character_rule_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:intake_promorule_add"), {"pattern": "刷", "kind": "promo", "is_active": "on"}
    )
    assert "A single character would strip ordinary text" in response.content.decode()


def test_a_new_rule_takes_effect_when_articles_are_cleaned_again(editor_client, article):
    from briefs.intake.models import PromoRule

    editor_client.post(
        reverse("admin:intake_promorule_add"),
        {"pattern": "她说,", "kind": "promo", "note": "test", "is_active": "on"},
    )
    assert PromoRule.objects.filter(pattern="她说,").exists()
    editor_client.post(
        reverse("admin:intake_sourcearticle_changelist"),
        {"action": "reclean_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert "她说" not in article.cleaned_text


def test_the_article_page_links_to_a_new_brief_from_it(writer_client, article):
    page = page_of(writer_client, article)
    assert reverse("admin:desk_brief_from_article", args=[article.pk]) in page


def test_accepting_a_name_longer_than_the_field_is_refused_with_a_message(writer_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name": "N" * 150, "kind": "person"}, follow=True
    )
    assert any("keep it to 100" in str(m) for m in response.context["messages"])
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_accepting_as_an_alias_of_a_malformed_id_says_what_to_do(editor_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    response = editor_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"alias_of": "abc"}, follow=True
    )
    assert any("No entity has the address “abc”" in str(m) for m in response.context["messages"])


def test_the_article_page_runs_as_many_queries_for_a_long_article_as_for_a_short_one(
    writer_client, known
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    short = make_article(ARTICLE)
    long = make_article(ARTICLE + "\n\n".join(f"第{n}段:小红书与抖音在上海,快手也在。" for n in range(40)) + "\n")
    assert long.mentions.count() > 3 * short.mentions.count()
    counts = []
    for article in (short, long):  # warm per-process caches; the first visit adds the model's names
        writer_client.get(reverse("admin:intake_sourcearticle_change", args=[article.pk]))
    for article in (short, long):
        with CaptureQueriesContext(connection) as queries:
            assert writer_client.get(reverse("admin:intake_sourcearticle_change", args=[article.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_writer_cannot_add_an_alias_to_an_existing_entity(writer_client, article, known):
    # Writers hold add_entity but not change_entity (desk migration 0002_roles): an alias changes an existing entity.
    suggestion = article.suggestions.get(surface="林小雨")
    ke_nan = known[1]
    before = ke_nan.aliases
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"alias_of": ke_nan.slug}, follow=True
    )
    assert any("permission to change entities" in str(m) for m in response.context["messages"])
    ke_nan.refresh_from_db()
    assert ke_nan.aliases == before
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.entity) == (Suggestion.Status.PENDING, None)
    assert not article.entities.filter(pk=ke_nan.pk).exists()


def test_the_alias_choice_is_offered_only_to_users_who_may_change_entities(client, writer, editor, article):
    client.force_login(writer)
    assert 'name="alias_of"' not in page_of(client, article)
    client.force_login(editor)
    assert 'name="alias_of"' in page_of(client, article)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_restoring_a_strip_of_another_article_is_refused_with_a_message(writer_client, article):
    other = make_article(ARTICLE.replace("她说", "他说"))
    strip = other.strips.get(text="发表评论")
    response = writer_client.post(action_url(article, "restore", strip.pk), follow=True)
    assert messages_of(response) == ["That passage is not one of this article's strips; reload the article."]
    strip.refresh_from_db()
    assert strip.status == Strip.Status.STRIPPED


def test_confirming_an_entity_that_no_longer_exists_says_so(writer_client, article):
    response = writer_client.post(action_url(article, "confirm-entity", 999_999), follow=True)
    assert messages_of(response) == ["That entity is no longer in the knowledge base; reload the article."]
    assert not article.entities.exists()


def test_a_name_already_rejected_cannot_be_rejected_again(writer_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    writer_client.post(action_url(article, "reject-suggestion", suggestion.pk), follow=True)
    response = writer_client.post(action_url(article, "reject-suggestion", suggestion.pk), follow=True)
    assert messages_of(response) == ["“林小雨” was already rejected."]


def test_a_suggested_name_another_entity_holds_cannot_become_a_new_entity(writer_client, article, known):
    # Issue 11 follow-up: the suggestion predates the alias; a new entity with it would take its mentions.
    suggestion = article.suggestions.get(surface="林小雨")
    make_entity("Lin Xiaoyu", kind=Entity.Kind.PERSON, name_zh="", aliases="林小雨")
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name": "Lin Xiaoyu (buyer)", "kind": "person"},
        follow=True,
    )
    assert messages_of(response) == [
        "“林小雨” is already a name of Lin Xiaoyu (person, slug 'lin-xiaoyu'); accept it as an alias of that entity."
    ]
    assert not Entity.objects.filter(name="Lin Xiaoyu (buyer)").exists()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


# --- The NER model's names, added when the article page is first opened ------------------------------

MODEL_NAMED = "监管动态\n\n国家市场监督管理总局近日约谈了多家平台。菜鸟网络宣布扩建海外仓。\n"


def test_an_import_suggests_jiebas_names_and_the_article_page_adds_the_models_once(writer_client, settings):
    settings.NER_AT_IMPORT = False  # the default: imports keep their speed
    article = make_article(MODEL_NAMED)
    assert not article.model_names_added
    assert "国家市场监督管理总局" not in set(article.suggestions.values_list("surface", flat=True))

    page = page_of(writer_client, article)

    article.refresh_from_db()
    assert article.model_names_added
    assert {"国家市场监督管理总局", "菜鸟网络"} <= set(article.suggestions.values_list("surface", flat=True))
    assert "国家市场监督管理总局" in page
    suggestions = article.suggestions.count()
    page_of(writer_client, article)  # a second visit adds nothing
    assert article.suggestions.count() == suggestions


def test_a_name_rejected_before_the_model_ran_is_not_suggested_again(writer_client, settings):
    settings.NER_AT_IMPORT = False
    article = make_article(MODEL_NAMED)
    Suggestion.objects.create(article=article, surface="菜鸟网络", status=Suggestion.Status.REJECTED)

    page_of(writer_client, article)

    assert list(article.suggestions.filter(surface="菜鸟网络").values_list("status", flat=True)) == [
        Suggestion.Status.REJECTED
    ]


def test_with_the_model_at_import_the_names_are_there_at_once(settings):
    settings.NER_AT_IMPORT = True
    article = make_article(MODEL_NAMED)

    assert article.model_names_added
    assert "国家市场监督管理总局" in set(article.suggestions.values_list("surface", flat=True))


# --- Correcting a suggestion before accepting it (issue 14) -------------------------------------------

ANALYST = "分析师单立宇认为,买手模式仍在早期。"


@pytest.fixture
def cut_short(known):
    """An article whose suggestion cut a three-character name short, as jieba's HMM does ("谢阗" for "谢阗宇")."""
    article = make_article(ARTICLE + ANALYST + "\n")
    suggestion, _ = Suggestion.objects.update_or_create(
        article=article, surface="单立", defaults={"kind": "person", "proposed_name": "Dan Li", "count": 1}
    )
    return article, suggestion


def test_accepting_with_a_lengthened_chinese_name_creates_the_whole_name_with_its_pinyin(writer_client, cut_short):
    article, suggestion = cut_short
    writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk),
        {"name_zh": "单立宇", "name": "Shan Liyu", "kind": "person"},
    )
    entity = Entity.objects.get(name="Shan Liyu")
    assert (entity.name_zh, entity.pinyin, entity.source) == ("单立宇", "shan li yu", Entity.Source.SUGGESTED)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.entity) == (Suggestion.Status.ACCEPTED, entity)
    mention = article.mentions.get(entity=entity)
    assert (mention.surface, mention.status) == ("单立宇", Mention.Status.CONFIRMED)


def test_an_entity_accepted_as_suggested_gets_its_pinyin(writer_client, article):
    suggestion = article.suggestions.get(surface="林小雨")
    writer_client.post(action_url(article, "accept-suggestion", suggestion.pk), {"kind": "person"})
    assert Entity.objects.get(name_zh="林小雨").pinyin == "lin xiao yu"


def test_the_accept_form_offers_the_suggested_chinese_name_for_correction(writer_client, cut_short):
    article, suggestion = cut_short
    page = page_of(writer_client, article)
    assert f'<label for="name-zh-{suggestion.pk}">Chinese name</label>' in page
    assert f'id="name-zh-{suggestion.pk}" name="name_zh" value="单立"' in page


def test_a_chinese_name_not_in_the_text_is_refused_and_nothing_is_created(writer_client, cut_short):
    article, suggestion = cut_short
    entities = Entity.objects.count()
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk),
        {"name_zh": "单立新", "name": "Shan Lixin", "kind": "person"}, follow=True,
    )
    assert messages_of(response) == ["“单立新” does not occur in the article; copy the name from its text."]
    assert Entity.objects.count() == entities
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_a_single_character_chinese_name_is_refused(writer_client, cut_short):
    article, suggestion = cut_short
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name_zh": "单", "kind": "person"}, follow=True
    )
    assert messages_of(response) == ["The Chinese name “单” is a single character; give the whole name."]
    assert not Entity.objects.filter(name_zh="单").exists()


def test_a_corrected_chinese_name_another_entity_holds_is_refused_naming_it(writer_client, cut_short):
    article, suggestion = cut_short
    make_entity("Shan Liyu", kind=Entity.Kind.PERSON, name_zh="", aliases="单立宇")
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk),
        {"name_zh": "单立宇", "name": "Shan Liyu (analyst)", "kind": "person"}, follow=True,
    )
    assert messages_of(response) == [
        "“单立宇” is already a name of Shan Liyu (person, slug 'shan-liyu'); accept it as an alias of that entity."
    ]
    assert not Entity.objects.filter(name="Shan Liyu (analyst)").exists()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_a_writer_can_accept_with_a_corrected_english_and_chinese_name(writer_client, cut_short):
    article, suggestion = cut_short
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk),
        {"name_zh": "单立宇", "name": "Shan Liyu", "kind": "person"}, follow=True,
    )
    assert messages_of(response) == ["Added Shan Liyu (person) to the knowledge base."]
    assert article.entities.filter(name="Shan Liyu", name_zh="单立宇").exists()


def test_an_editor_adding_a_corrected_name_as_an_alias_adds_the_corrected_form(editor_client, cut_short, known):
    article, suggestion = cut_short
    ke_nan = known[1]
    response = editor_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name_zh": "单立宇", "alias_of": ke_nan.slug},
        follow=True,
    )
    assert messages_of(response) == ["“单立宇” is now an alias of Ke Nan."]
    ke_nan.refresh_from_db()
    assert "单立宇" in ke_nan.alias_list and "单立" not in ke_nan.alias_list


def test_a_writer_still_cannot_add_a_corrected_name_as_an_alias(writer_client, cut_short, known):
    article, suggestion = cut_short
    ke_nan = known[1]
    before = ke_nan.aliases
    response = writer_client.post(
        action_url(article, "accept-suggestion", suggestion.pk), {"name_zh": "单立宇", "alias_of": ke_nan.slug},
        follow=True,
    )
    assert any("permission to change entities" in message for message in messages_of(response))
    ke_nan.refresh_from_db()
    assert ke_nan.aliases == before
