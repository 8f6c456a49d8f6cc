"""The brief desk in the admin: the page beside the source, workflow buttons, locking, revisions, previews."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from briefs.desk.models import Brief, Transition
from briefs.intake.models import Mention
from briefs.kb.models import Entity
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = pytest.mark.django_db

SOURCE = "8月24日,小红书在上海举办活动。该平台拥有2.6亿月活跃用户和2600万月活跃创作者。\n商家数量增长了10倍。"


def change_url(brief):
    return reverse("admin:desk_brief_change", args=[brief.pk])


def form_data(brief, **overrides):
    """The change form as the browser would post it, for the brief as it is in the database."""
    brief = Brief.objects.get(pk=brief.pk)
    data = {
        "title": brief.title, "dek": brief.dek, "body": brief.body,
        "entities": [entity.pk for entity in brief.entities.all()], "topics": "",
        "loaded_version": brief.version,
    }
    for prefix, rows, fields in (
        ("source_links", brief.source_links.all(), ["article", "publisher_name", "publisher_url"]),
        ("key_facts", brief.key_facts.all(), ["position", "text", "source_sentence"]),
    ):
        rows = list(rows)
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
        for number, row in enumerate(rows):
            data[f"{prefix}-{number}-id"] = row.pk
            data[f"{prefix}-{number}-brief"] = brief.pk
            for name in fields:
                value = getattr(row, f"{name}_id" if name == "article" else name)
                data[f"{prefix}-{number}-{name}"] = value
    return data | overrides


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# ---- the page beside the source ---------------------------------------------------------------

def test_the_change_page_shows_the_cleaned_source_with_mentions_marked(editor_client):
    article = make_source_article(SOURCE)
    shanghai = make_entity("Shanghai", kind=Entity.Kind.PLACE, name_zh="上海")
    Mention.objects.create(article=article, entity=shanghai, surface="上海", start=10, end=12)
    brief = make_brief()
    brief.source_links.create(article=article)
    page = editor_client.get(change_url(brief)).content.decode()
    assert '<mark class="desk-mention desk-mention-found" title="Shanghai">上海</mark>' in page
    assert 'lang="zh"' in page


def test_the_change_page_shows_a_glossary_of_the_source_entities(editor_client):
    article = make_source_article(SOURCE)
    ke_nan = make_entity("Ke Nan", kind=Entity.Kind.PERSON, name_zh="柯南")
    article.entities.add(ke_nan)
    brief = make_brief()
    brief.source_links.create(article=article)
    page = editor_client.get(change_url(brief)).content.decode()
    assert '<td lang="zh">柯南</td><td>Ke Nan</td><td>Person</td>' in page


def test_the_change_page_shows_each_figure_read_into_english_with_its_sentence(editor_client):
    brief = make_brief()
    brief.source_links.create(article=make_source_article(SOURCE))
    page = editor_client.get(change_url(brief)).content.decode()
    assert '<td lang="zh">2.6亿</td><td>260 million</td><td lang="zh">该平台拥有2.6亿月活跃用户和2600万月活跃创作者</td>' in page
    assert "<td>10x</td>" in page and "<td>24 August</td>" in page


def test_the_change_page_lists_blocking_checks_and_warnings(editor_client):
    brief = make_brief(dek="", body="Short.")
    page = editor_client.get(change_url(brief)).content.decode()
    assert "Before it can be published" in page and "The dek is empty." in page
    assert "The body has 1 words" in page


def test_a_new_brief_from_an_article_is_prefilled_with_source_entities_and_figures(writer_client):
    article = make_source_article(SOURCE)
    xiaohongshu = make_entity()
    article.entities.add(xiaohongshu)
    response = writer_client.get(reverse("admin:desk_brief_from_article", args=[article.pk]), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"?from_article={article.pk}")
    form = response.context["adminform"].form
    assert form.initial["entities"] == [xiaohongshu.pk]
    formsets = {formset.formset.prefix: formset.formset for formset in response.context["inline_admin_formsets"]}
    assert [f.initial["article"] for f in formsets["source_links"].forms] == [article.pk]
    facts = [f.initial for f in formsets["key_facts"].forms]
    assert {"position": 1, "text": "260 million", "source_sentence": "该平台拥有2.6亿月活跃用户和2600万月活跃创作者"} in facts
    assert all(fact["text"] != "24 August" for fact in facts)  # dates are not key figures


def test_a_new_brief_from_an_article_without_confirmed_entities_takes_the_found_mentions(writer_client):
    article = make_source_article(SOURCE)
    shanghai = make_entity("Shanghai", kind=Entity.Kind.PLACE, name_zh="上海")
    Mention.objects.create(article=article, entity=shanghai, surface="上海", start=10, end=12)
    response = writer_client.get(reverse("admin:desk_brief_add") + f"?from_article={article.pk}")
    assert response.context["adminform"].form.initial["entities"] == [shanghai.pk]


def test_a_writer_adds_a_brief_and_becomes_its_author(writer_client, writer):
    article = make_source_article(SOURCE)
    data = {
        "title": "Xiaohongshu courts buyers", "dek": "", "body": "Text.", "topics": "e-commerce",
        "source_links-TOTAL_FORMS": 1, "source_links-INITIAL_FORMS": 0, "source_links-0-article": article.pk,
        "key_facts-TOTAL_FORMS": 0, "key_facts-INITIAL_FORMS": 0,
    }
    response = writer_client.post(reverse("admin:desk_brief_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    brief = Brief.objects.get(title="Xiaohongshu courts buyers")
    assert (brief.author, brief.status, list(brief.sources.all())) == (writer, "draft", [article])


# ---- live preview and draft preview -----------------------------------------------------------

def test_the_live_preview_returns_sanitised_html(editor_client):
    response = editor_client.post(
        reverse("admin:desk_brief_preview_markdown"), {"body": "**Hi** <script>x()</script>"}
    )
    assert json.loads(response.content) == {"html": "<p><strong>Hi</strong> </p>"}


def test_the_live_preview_is_for_staff_only(client):
    response = client.post(reverse("admin:desk_brief_preview_markdown"), {"body": "Hi"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_draft_preview_renders_the_public_page_with_noindex_and_no_caching(editor_client):
    brief = make_brief(title="A draft to preview")
    response = editor_client.get(reverse("admin:desk_brief_preview", args=[brief.pk]))
    assert response.status_code == 200
    assert response.templates[0].name == "public/brief_detail.html"
    assert response.context["is_preview"] is True
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"
    assert "A draft to preview" in response.content.decode()


def test_the_draft_preview_is_not_public(client):
    brief = make_brief()
    response = client.get(reverse("admin:desk_brief_preview", args=[brief.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


# ---- roles in the admin ----------------------------------------------------------------------

def test_a_writer_edits_their_own_draft(writer_client, writer):
    brief = make_brief(author=writer)
    response = writer_client.post(change_url(brief), form_data(brief, body="Rewritten."))
    assert response.status_code == 302
    assert Brief.objects.get(pk=brief.pk).body == "Rewritten."


def test_a_writer_cannot_edit_another_writers_draft(writer_client):
    brief = make_brief()
    response = writer_client.post(change_url(brief), form_data(brief, body="Hijacked."))
    assert response.status_code == 404  # another writer's draft is not even visible
    assert Brief.objects.get(pk=brief.pk).body != "Hijacked."


def test_a_writer_cannot_edit_their_brief_once_it_is_in_review(writer_client, writer):
    brief = make_brief(author=writer, status="in_review")
    assert 'name="body"' not in writer_client.get(change_url(brief)).content.decode()
    response = writer_client.post(change_url(brief), form_data(brief, body="Sneaked in."))
    assert response.status_code == 403
    assert Brief.objects.get(pk=brief.pk).body != "Sneaked in."


def test_a_writer_posting_publish_to_the_move_url_is_refused_and_nothing_changes(writer_client, writer):
    brief = make_brief(author=writer, status="in_review")
    url = reverse("admin:desk_brief_move", args=[brief.pk])
    response = writer_client.post(url, {"move": "publish"}, follow=True)
    assert any("Only editors can approve and publish" in message for message in messages_of(response))
    assert Brief.objects.get(pk=brief.pk).status == "in_review"
    assert not Transition.objects.filter(brief=brief).exists()


@pytest.mark.parametrize("move", ["request_changes", "withdraw", "correct", "reopen"])
def test_a_writer_cannot_reach_any_editor_move_by_a_crafted_post(writer_client, writer, move):
    start = {"request_changes": "in_review", "withdraw": "published", "correct": "published", "reopen": "withdrawn"}
    brief = make_brief(author=writer, status=start[move])
    writer_client.post(reverse("admin:desk_brief_move", args=[brief.pk]), {"move": move, "comment": "Because."})
    assert Brief.objects.get(pk=brief.pk).status == start[move]
    assert not Transition.objects.filter(brief=brief).exists()


def test_a_writer_posting_the_publish_action_to_the_list_changes_nothing(writer_client, writer):
    brief = make_brief(author=writer, status="in_review")
    writer_client.post(
        reverse("admin:desk_brief_changelist"),
        {"action": "publish_selected_now", "_selected_action": [brief.pk]},
    )
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_the_writer_sees_only_the_submit_button_on_their_draft(writer_client, writer):
    page = writer_client.get(change_url(make_brief(author=writer))).content.decode()
    assert 'value="submit_for_review"' in page
    assert 'value="publish"' not in page


def test_a_writer_submits_their_draft_through_the_button(writer_client, writer):
    brief = make_brief(author=writer)
    writer_client.post(reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "submit_for_review"})
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_an_editor_publishes_through_the_button_and_the_move_is_shown(editor_client, editor):
    brief = make_brief(status="in_review")
    response = editor_client.post(
        reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "publish", "comment": "Good."}, follow=True
    )
    assert Brief.objects.get(pk=brief.pk).status == "published"
    page = response.content.decode()
    assert "Workflow history" in page and "<td>In review</td><td>Published</td><td>Good.</td>" in page


def test_an_editor_cannot_publish_their_own_brief_through_the_button(editor_client, editor):
    brief = make_brief(author=editor, status="in_review")
    response = editor_client.post(reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "publish"}, follow=True)
    assert any("nobody approves their own brief" in message for message in messages_of(response))
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_a_blocked_publish_shows_the_problems_and_changes_nothing(editor_client):
    brief = make_brief(status="in_review", dek="")
    response = editor_client.post(reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "publish"}, follow=True)
    assert any("The dek is empty." in message for message in messages_of(response))
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_the_publish_action_refuses_own_briefs_and_publishes_others(editor_client, editor):
    own = make_brief(author=editor, status="in_review")
    other = make_brief(status="in_review")
    editor_client.post(
        reverse("admin:desk_brief_changelist"),
        {"action": "publish_selected_now", "_selected_action": [own.pk, other.pk]},
    )
    assert Brief.objects.get(pk=own.pk).status == "in_review"
    assert Brief.objects.get(pk=other.pk).status == "published"


# ---- scheduling and times with their zone ----------------------------------------------------

NEXT_YEAR = dt.date.today().year + 1


def schedule_for_next_year(editor_client):
    """A brief in review that an editor schedules for 24 August next year, 18:00 desk time."""
    brief = make_brief(status="in_review")
    editor_client.post(
        reverse("admin:desk_brief_move", args=[brief.pk]),
        {"move": "publish", "publish_at": f"{NEXT_YEAR}-08-24T18:00"},
    )
    return brief


def test_scheduling_reads_the_time_in_the_desk_zone_and_stores_utc(editor_client, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    brief = schedule_for_next_year(editor_client)
    brief.refresh_from_db()
    assert brief.status == "scheduled"
    assert brief.publish_at == dt.datetime(NEXT_YEAR, 8, 24, 10, 0, tzinfo=dt.UTC)


def test_times_on_the_brief_page_name_the_zone(editor_client, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    brief = schedule_for_next_year(editor_client)
    page = editor_client.get(change_url(brief)).content.decode()
    assert f"24 Aug {NEXT_YEAR}, 18:00 CST (Asia/Shanghai)" in page
    listing = editor_client.get(reverse("admin:desk_brief_changelist")).content.decode()
    assert f"24 Aug {NEXT_YEAR}, 18:00 CST (Asia/Shanghai)" in listing


def test_the_schedule_input_names_the_desk_zone(editor_client, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    page = editor_client.get(change_url(make_brief(status="in_review"))).content.decode()
    assert "Publish at (Asia/Shanghai, CST)" in page


# ---- the reviewer's diff ---------------------------------------------------------------------

def test_a_brief_back_in_review_shows_its_changes_since_last_published(editor_client, editor, second_editor):
    brief = make_brief(author=second_editor, status="in_review")
    brief.move("publish", by=editor)
    brief.move("withdraw", by=editor, comment="Recheck.")
    brief.move("reopen", by=editor)
    brief.dek = "A sharper dek."
    brief.save()
    brief.move("submit_for_review", by=second_editor)
    page = editor_client.get(change_url(brief)).content.decode()
    assert "Changes since it was last published" in page
    assert "<ins>A sharper dek.</ins>" in page


# ---- optimistic locking ----------------------------------------------------------------------

def test_the_second_of_two_saves_of_the_same_version_is_refused_naming_the_first(editor, second_editor):
    brief = make_brief()
    first, second = client_for(editor), client_for(second_editor)
    first_form, second_form = form_data(brief), form_data(brief)  # both loaded version 1
    first.get(change_url(brief))
    second.get(change_url(brief))
    response = first.post(change_url(brief), first_form | {"body": "Eddie's version of the body."})
    assert response.status_code == 302
    response = second.post(change_url(brief), second_form | {"body": "Erin's version of the body."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "was changed by eddie on" in page and "(Asia/Shanghai)" in page
    assert "Erin&#x27;s version of the body." in page  # her text is back in the form
    assert Brief.objects.get(pk=brief.pk).body == "Eddie's version of the body."  # his is saved


def test_after_a_conflict_saving_again_is_a_deliberate_replace(editor, second_editor):
    brief = make_brief()
    first, second = client_for(editor), client_for(second_editor)
    stale = form_data(brief) | {"body": "Erin's version."}
    first.post(change_url(brief), form_data(brief) | {"body": "Eddie's version."})
    response = second.post(change_url(brief), stale)
    current_version = response.context["adminform"].form["loaded_version"].value()
    second.post(change_url(brief), stale | {"loaded_version": current_version})
    assert Brief.objects.get(pk=brief.pk).body == "Erin's version."


def test_an_edit_form_opened_before_a_workflow_move_cannot_overwrite_it(editor_client, second_editor):
    brief = make_brief(status="in_review")
    stale = form_data(brief) | {"body": "Edited after it was published."}
    brief.move("publish", by=second_editor)
    response = editor_client.post(change_url(brief), stale)
    assert "was changed by erin" in response.content.decode()
    assert Brief.objects.get(pk=brief.pk).body != "Edited after it was published."


# ---- revisions -------------------------------------------------------------------------------

def edit_twice(client, brief):
    client.post(change_url(brief), form_data(brief, body="First body."))
    client.post(change_url(brief), form_data(brief, body="Second body."))


def test_every_save_keeps_a_revision_listed_in_the_history(editor_client):
    brief = make_brief()
    edit_twice(editor_client, brief)
    assert Version.objects.get_for_object(brief).count() == 2
    page = editor_client.get(reverse("admin:desk_brief_history", args=[brief.pk])).content.decode()
    assert page.count("Revert to this…") == 2 and "(Asia/Shanghai)" in page


def test_two_revisions_can_be_compared(editor_client):
    brief = make_brief()
    edit_twice(editor_client, brief)
    newer, older = Version.objects.get_for_object(brief)
    response = editor_client.get(
        reverse("admin:desk_brief_compare", args=[brief.pk]), {"from": older.pk, "to": newer.pk}
    )
    page = response.content.decode()
    assert "<del>First </del><ins>Second </ins>body." in page


def test_reverting_restores_the_words_as_a_new_revision_and_keeps_the_workflow_state(editor_client):
    brief = make_brief(status="in_review")
    edit_twice(editor_client, brief)
    older = Version.objects.get_for_object(brief).last()
    revert_url = reverse("admin:desk_brief_revision", args=[brief.pk, older.pk])
    form = editor_client.get(revert_url).context["adminform"].form
    assert form["body"].value() == "First body."
    response = editor_client.post(revert_url, form_data(brief, body="First body.",
                                                        loaded_version=form["loaded_version"].value()))
    assert response.status_code == 302
    reverted = Brief.objects.get(pk=brief.pk)
    assert (reverted.body, reverted.status) == ("First body.", "in_review")
    assert Version.objects.get_for_object(brief).count() == 3


def test_reverting_a_published_brief_does_not_unpublish_it(editor_client, second_editor):
    brief = make_brief(status="in_review", author=second_editor)
    edit_twice(editor_client, brief)
    brief.refresh_from_db()
    brief.move("publish", by=client_user(editor_client))
    versions = list(Version.objects.get_for_object(brief))
    oldest = versions[-1]
    revert_url = reverse("admin:desk_brief_revision", args=[brief.pk, oldest.pk])
    form = editor_client.get(revert_url).context["adminform"].form
    editor_client.post(revert_url, form_data(brief, body="First body.", loaded_version=form["loaded_version"].value()))
    reverted = Brief.objects.get(pk=brief.pk)
    assert (reverted.body, reverted.status) == ("First body.", "published")
    assert Brief.objects.published().filter(pk=brief.pk).exists()


def client_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_writers_group_cannot_delete_briefs():
    assert not Group.objects.get(name="Writer").permissions.filter(codename="delete_brief").exists()
