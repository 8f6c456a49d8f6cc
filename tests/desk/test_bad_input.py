"""Bad input on the brief desk's forms and URLs gets a clear message, never a 500, and loses nothing."""

import pytest
from django.urls import reverse

from briefs.desk.models import Brief
from tests.desk.test_admin import change_url, form_data, messages_of
from tests.factories import make_brief

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        ("!!!, e-commerce", "has no letters or digits"),
        ("t" * 150, "is longer than 100 characters"),
    ],
)
def test_a_topic_that_cannot_have_a_page_is_refused_and_the_text_kept(editor_client, topics, message):
    brief = make_brief(status="draft")
    response = editor_client.post(change_url(brief), form_data(brief, topics=topics, body="My new paragraph."))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "My new paragraph." in page
    assert Brief.objects.get(pk=brief.pk).body != "My new paragraph."


@pytest.mark.parametrize("value", ["abc", "1.5", "%00", "", "9" * 40])
def test_comparing_revisions_with_a_malformed_id_is_404(editor_client, value):
    brief = make_brief(status="draft")
    url = reverse("admin:desk_brief_compare", args=[brief.pk])
    assert editor_client.get(url, {"from": value, "to": "1"}).status_code == 404


@pytest.mark.parametrize("publish_at", ["0001-01-01T00:00", "1999-05-01T10:00", "9999-12-31T23:59"])
def test_publishing_at_an_impossible_time_is_refused_with_a_message(editor_client, publish_at):
    brief = make_brief(status="in_review")
    response = editor_client.post(
        reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "publish", "publish_at": publish_at}, follow=True
    )
    assert response.status_code == 200
    assert any("between the year 2000 and" in message for message in messages_of(response)) or (
        "between the year 2000 and" in response.content.decode()
    )
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_writers_cannot_open_the_list_of_deleted_briefs(writer_client):
    assert writer_client.get(reverse("admin:desk_brief_recoverlist")).status_code == 403


def test_a_recovered_brief_comes_back_as_a_draft(editor_client, editor):
    import reversion
    from reversion.models import Version

    brief = make_brief(status="published", slug="to-be-recovered")
    with reversion.create_revision():
        reversion.set_user(editor)
        brief.save()
    version = Version.objects.get_for_object(brief).first()
    brief.delete()
    url = reverse("admin:desk_brief_recover", args=[version.pk])
    shown = editor_client.get(url).context["adminform"].form
    editor_client.post(url, form_data_for_recover(version, loaded_version=shown["loaded_version"].value()))
    recovered = Brief.objects.get(slug="to-be-recovered")
    assert recovered.status == "draft"
    assert not Brief.objects.published().filter(pk=recovered.pk).exists()


def form_data_for_recover(version, *, loaded_version):
    """The recover form as posted; `loaded_version` as the form showed it (recovering is a move: it bumps it)."""
    data = dict(version.field_dict)
    data = {key: value for key, value in data.items() if isinstance(value, str | int)}
    data |= {"topics": "", "loaded_version": loaded_version, "entities": []}
    for prefix in ("source_links", "key_facts"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0,
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dek", "", "The dek is empty."),
        ("body", "小红书宣布了新的电商计划。", "The body must be English"),
    ],
)
def test_an_edit_to_a_live_brief_keeps_the_publish_checks_on_its_words(editor_client, field, value, message):
    brief = make_brief(status="published", slug="live-brief")
    before = getattr(brief, field)
    response = editor_client.post(change_url(brief), form_data(brief, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert getattr(Brief.objects.get(pk=brief.pk), field) == before
