"""Issue 11 on the brief desk: reverts touch only their own brief, live edits pass the publish checks,
writers see only their own drafts."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from briefs.desk.models import Brief, KeyFact, Transition
from briefs.desk.states import TransitionNotAllowed
from tests.desk.test_admin import change_url, client_for, form_data
from tests.factories import _READY_BODY, make_brief

pytestmark = pytest.mark.django_db

# Ids chosen so that a key fact of one brief shares its id with another brief: the shape of the attack.
SHARED_ID = 5000


def revision_url(brief_pk, version):
    return reverse("admin:desk_brief_revision", args=[brief_pk, version.pk])


def key_fact_sharing_an_id_with(draft, brief):
    """A key fact of `brief` whose id equals the id of `draft`, kept in a revision of `brief`."""
    with reversion.create_revision():
        KeyFact.objects.create(pk=draft.pk, brief=brief, position=2, text="A fact with the draft's id")
        brief.save()
    return Version.objects.get_for_object_reference(KeyFact, draft.pk).get()


# ---- 1: reverting through History -----------------------------------------------------------------

def test_a_writer_cannot_revert_another_brief_through_their_drafts_history(writer, editor, second_editor):
    draft = make_brief(author=writer, ready=False, pk=SHARED_ID)
    published = make_brief(author=second_editor, status="in_review")
    version = key_fact_sharing_an_id_with(draft, published)  # stored while `published` was in review
    published.move("publish", by=editor)
    writer_client = client_for(writer)

    assert writer_client.get(revision_url(draft.pk, version)).status_code == 404
    response = writer_client.post(revision_url(draft.pk, version), form_data(draft, body="Mine."))

    assert response.status_code == 404
    published.refresh_from_db()
    assert published.status == "published" and Brief.objects.published().filter(pk=published.pk).exists()
    assert Brief.objects.get(pk=draft.pk).body != "Mine."
    assert list(Transition.objects.filter(brief=published).values_list("to_status", flat=True)) == ["published"]


def test_a_publish_revision_cannot_bring_a_withdrawn_brief_back(writer, editor, second_editor):
    draft = make_brief(author=writer, ready=False, pk=SHARED_ID)
    brief = make_brief(author=second_editor, status="in_review")
    KeyFact.objects.create(pk=draft.pk, brief=brief, position=2, text="A fact with the draft's id")
    brief.move("publish", by=editor)  # its "Approve and publish" revision holds the key fact
    version = Version.objects.get_for_object_reference(KeyFact, draft.pk).get()
    brief.move("withdraw", by=editor, comment="Legal asked us to.")

    client_for(writer).post(revision_url(draft.pk, version), form_data(draft))
    brief_version = Version.objects.get_for_object(brief).get(revision=version.revision)
    editor_client = client_for(editor)
    form = editor_client.get(revision_url(brief.pk, brief_version)).context["adminform"].form
    editor_client.post(revision_url(brief.pk, brief_version),
                       form_data(brief, loaded_version=form["loaded_version"].value()))

    brief.refresh_from_db()
    assert brief.status == "withdrawn"
    assert not Brief.objects.published().filter(pk=brief.pk).exists()


def test_a_writer_cannot_open_a_revert_of_a_brief_they_may_not_edit(writer, editor):
    brief = make_brief(author=writer, status="in_review")
    with reversion.create_revision():
        brief.save()
    version = Version.objects.get_for_object(brief).get()
    assert client_for(writer).get(revision_url(brief.pk, version)).status_code == 403


def test_reverting_one_brief_leaves_the_other_briefs_of_its_revision_alone(editor, second_editor):
    first = make_brief(author=second_editor, status="in_review", body="First, as it was.")
    other = make_brief(author=second_editor, status="in_review", body="Other, as it was.")
    with reversion.create_revision():  # one revision holding both, as a bulk action makes
        first.save()
        other.save()
    version = Version.objects.get_for_object(first).get()
    other.move("publish", by=editor)
    Brief.objects.filter(pk=other.pk).update(body="Other, edited since.")
    Brief.objects.filter(pk=first.pk).update(body="First, edited since.")
    editor_client = client_for(editor)
    form = editor_client.get(revision_url(first.pk, version)).context["adminform"].form
    assert form["body"].value() == "First, as it was."

    response = editor_client.post(revision_url(first.pk, version), form_data(
        first, body="First, as it was.", loaded_version=form["loaded_version"].value()))

    assert response.status_code == 302
    assert Brief.objects.get(pk=first.pk).body == "First, as it was."
    other.refresh_from_db()
    assert (other.body, other.status) == ("Other, edited since.", "published")


def test_a_recovered_brief_records_its_return_to_draft(editor):
    brief = make_brief(status="published", slug="gone-and-back")
    with reversion.create_revision():
        brief.save()
    version = Version.objects.get_for_object(brief).get()
    brief.delete()
    data = form_data_of_version(version)
    client_for(editor).post(reverse("admin:desk_brief_recover", args=[version.pk]), data)
    recovered = Brief.objects.get(slug="gone-and-back")
    assert recovered.status == "draft"
    assert recovered.transitions.get().from_status == "published"


def form_data_of_version(version):
    fields = version.field_dict
    data = {name: fields[name] for name in ("title", "dek", "body")}
    data |= {"topics": "", "loaded_version": fields["version"] + 1, "entities": []}  # recovering bumps it
    for prefix in ("source_links", "key_facts"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0,
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    return data


# ---- 9: a save of a live brief passes every publish check --------------------------------------------

@pytest.mark.parametrize("status", ["published", "scheduled"])
def test_a_live_brief_is_not_saved_without_its_source_entities_or_with_a_figure_not_in_the_source(
    editor_client, status
):
    brief = make_brief(status=status)
    data = form_data(brief, entities=[], body="Rewritten body kept in the form.")
    data |= {"source_links-0-DELETE": "on", "key_facts-0-text": "Xiaohongshu has 999 million users"}

    response = editor_client.post(change_url(brief), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is no source article" in page and "There is no entity" in page and "999" in page
    assert "Rewritten body kept in the form." in page
    saved = Brief.objects.get(pk=brief.pk)
    assert saved.sources.count() == 1 and saved.entities.count() == 1
    assert saved.key_facts.get().text == "50 billion impressions of traffic for buyers"


def test_a_live_brief_that_passes_the_checks_saves(editor_client):
    brief = make_brief(status="published")
    response = editor_client.post(change_url(brief), form_data(brief, dek="A sharper dek."))
    assert response.status_code == 302
    assert Brief.objects.get(pk=brief.pk).dek == "A sharper dek."


def test_a_live_brief_is_not_saved_with_a_body_figure_that_is_not_in_the_source(editor_client):
    brief = make_brief(status="published")
    body = brief.body + " Xiaohongshu has 999 million users."

    response = editor_client.post(change_url(brief), form_data(brief, body=body))

    assert response.status_code == 200
    page = response.content.decode()
    assert "The body has “999 million”" in page and "correct it in the body" in page
    assert Brief.objects.get(pk=brief.pk).body != body


def test_a_body_figure_that_is_not_in_the_source_blocks_publishing(editor):
    brief = make_brief(status="in_review", body=_READY_BODY + " Merchants grew 15x in a year.")
    with pytest.raises(TransitionNotAllowed, match="15x"):
        brief.move("publish", by=editor)
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_body_figures_from_the_source_years_dates_and_small_counts_do_not_block_publishing(editor):
    body = _READY_BODY + " On 24 August 2023, in Q3, 50 billion impressions went to the top 10 buyers, twice."
    brief = make_brief(status="in_review", body=body)
    brief.move("publish", by=editor)
    assert Brief.objects.get(pk=brief.pk).status == "published"


# ---- issue 11 follow-up: reverting a live brief passes the publish checks ---------------------------

def posted_as_shown(response):
    """What a browser posts for the change form `response` shows, inlines included, unedited."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if bound.name == "topics":
                value = ""
            elif bound.name == "entities":
                value = list(value or [])
            if value is not None and value is not False:
                data[bound.html_name] = value
    return data


def revision_with_a_key_fact(brief, text):
    """A revision of `brief` holding an extra key fact `text`, which is then removed again."""
    fact = KeyFact.objects.create(brief=brief, position=2, text=text, source_sentence="")
    with reversion.create_revision():
        brief.save()
    fact.delete()
    return Version.objects.get_for_object(brief).get()


def posted_without_the_restored_rows(response):
    """The post of a form loaded before the revert: the words as shown, key facts and sources as they are now."""
    brief = response.context["original"]
    restored_words = posted_as_shown(response)
    return form_data(brief, **{name: restored_words[name] for name in ("title", "dek", "body", "loaded_version")})


@pytest.mark.parametrize("status", ["published", "scheduled"])
@pytest.mark.parametrize("posted", [posted_as_shown, posted_without_the_restored_rows])
def test_reverting_a_live_brief_to_a_revision_whose_key_fact_fails_the_checks_is_refused(editor, status, posted):
    brief = make_brief(status="draft")
    version = revision_with_a_key_fact(brief, "Xiaohongshu has 999 million users")
    brief.move("submit_for_review", by=brief.author)
    brief.move("publish", by=editor, at=timezone.now() + timedelta(days=1) if status == "scheduled" else None)
    before = Brief.objects.get(pk=brief.pk)
    editor_client = client_for(editor)
    shown = editor_client.get(revision_url(brief.pk, version))

    response = editor_client.post(revision_url(brief.pk, version), posted(shown))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Key fact 2" in page and "999 million" in page and "not among the source" in page
    after = Brief.objects.get(pk=brief.pk)
    assert [fact.text for fact in after.key_facts.all()] == ["50 billion impressions of traffic for buyers"]
    assert (after.status, after.version, after.body) == (status, before.version, before.body)
    assert Version.objects.get_for_object(brief).count() == Version.objects.get_for_object(before).count()


def test_the_revert_form_of_a_live_brief_says_beforehand_why_it_would_be_refused(editor):
    brief = make_brief(status="draft")
    version = revision_with_a_key_fact(brief, "Xiaohongshu has 999 million users")
    brief.move("submit_for_review", by=brief.author)
    brief.move("publish", by=editor)
    page = client_for(editor).get(revision_url(brief.pk, version)).content.decode()
    assert "999 million" in page and "not among the source" in page


def test_reverting_a_live_brief_to_a_revision_that_passes_the_checks_saves(editor):
    brief = make_brief(status="draft", dek="The dek as it was.")
    with reversion.create_revision():
        brief.save()
    version = Version.objects.get_for_object(brief).get()
    brief.move("submit_for_review", by=brief.author)
    brief.move("publish", by=editor)
    Brief.objects.filter(pk=brief.pk).update(dek="A dek edited since.")
    editor_client = client_for(editor)
    shown = editor_client.get(revision_url(brief.pk, version))

    response = editor_client.post(revision_url(brief.pk, version), posted_as_shown(shown))

    assert response.status_code == 302
    assert Brief.objects.get(pk=brief.pk).dek == "The dek as it was."


def test_a_draft_may_revert_to_a_revision_whose_key_fact_fails_the_checks(editor):
    brief = make_brief(status="draft")
    version = revision_with_a_key_fact(brief, "Xiaohongshu has 999 million users")
    editor_client = client_for(editor)
    shown = editor_client.get(revision_url(brief.pk, version))

    response = editor_client.post(revision_url(brief.pk, version), posted_as_shown(shown))

    assert response.status_code == 302
    assert "Xiaohongshu has 999 million users" in [fact.text for fact in brief.key_facts.all()]


# ---- 15: writers see their own briefs and everything past draft ------------------------------------

def test_writers_see_their_own_briefs_and_every_brief_past_draft_but_not_others_drafts(writer):
    own_draft = make_brief(author=writer, title="Own draft")
    others_draft = make_brief(title="Someone else's draft")
    visible = [make_brief(status=status, title=f"Other {status}")
               for status in ("in_review", "scheduled", "published", "withdrawn")]
    client = client_for(writer)

    listed = client.get(reverse("admin:desk_brief_changelist")).context["cl"].result_list
    assert set(listed) == {own_draft, *visible}
    for url in (
        change_url(others_draft),
        reverse("admin:desk_brief_history", args=[others_draft.pk]),
        reverse("admin:desk_brief_preview", args=[others_draft.pk]),
        reverse("admin:desk_brief_compare", args=[others_draft.pk]) + "?from=1&to=1",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(change_url(visible[0])).status_code == 200


def test_editors_see_every_draft(editor):
    draft = make_brief(title="A writer's draft")
    assert client_for(editor).get(change_url(draft)).status_code == 200
    assert Brief.objects.visible_to(editor).filter(pk=draft.pk).exists()
