"""The knowledge base in the admin: search by any name, filter, merge, export."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from briefs.intake.models import Mention
from briefs.kb.entity_csv import load_entities
from briefs.kb.merging import MergeError, merge_entities
from briefs.kb.models import Entity
from tests.factories import make_article, make_entity
from tests.support.admin_forms import loaded_form, logged_in, two_saves_of_one_version

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:kb_entity_changelist")


def test_search_finds_an_entity_by_any_alias(editor_client):
    make_entity("Bilibili", name_zh="哔哩哔哩", aliases="B站\n嗶哩嗶哩")
    make_entity("Zhihu", name_zh="知乎")
    page = editor_client.get(CHANGELIST, {"q": "B站"}).content.decode()
    assert "Bilibili" in page
    assert "Zhihu" not in page


def test_filter_by_kind(editor_client):
    make_entity("Shanghai", kind=Entity.Kind.PLACE, name_zh="上海")
    make_entity("Zhihu", name_zh="知乎")
    page = editor_client.get(CHANGELIST, {"kind__exact": "place"}).content.decode()
    assert "Shanghai" in page
    assert "Zhihu" not in page


def test_merging_moves_mentions_and_tags_and_keeps_the_losers_names_as_aliases(editor_client):
    survivor = make_entity("Xiaohongshu", name_zh="小红书")
    loser = make_entity("Little Red Book", kind=Entity.Kind.BRAND, name_zh="", aliases="RED")
    article = make_article("标题\n\nLittle Red Book在上海。小红书很受欢迎。\n")
    article.entities.add(loser)
    assert article.mentions.filter(entity=loser).exists()
    response = editor_client.post(
        CHANGELIST,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [survivor.pk, loser.pk], "survivor": survivor.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not Entity.objects.filter(pk=loser.pk).exists()
    survivor.refresh_from_db()
    assert {"Little Red Book", "RED"} <= set(survivor.alias_list)
    assert list(article.entities.all()) == [survivor]
    assert set(Mention.objects.filter(article=article).values_list("entity", flat=True)) == {survivor.pk}


def test_merging_asks_which_entity_to_keep_first(editor_client):
    a, b = make_entity("Meituan", name_zh="美团"), make_entity("Meituan Dianping", name_zh="美团点评")
    response = editor_client.post(CHANGELIST, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [a.pk, b.pk]})
    assert "Which entity do you keep?" in response.content.decode()
    assert Entity.objects.count() == 2


def test_merging_needs_exactly_two(editor_client):
    a = make_entity("Meituan", name_zh="美团")
    response = editor_client.post(CHANGELIST, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [a.pk]}, follow=True)
    assert "Select exactly two entities to merge." in response.content.decode()


def test_an_entity_cannot_be_merged_into_itself():
    entity = make_entity("Meituan", name_zh="美团")
    with pytest.raises(MergeError):
        merge_entities(entity, entity)


def test_writers_cannot_merge(writer_client):
    a, b = make_entity("Meituan", name_zh="美团"), make_entity("Meituan Dianping", name_zh="美团点评")
    writer_client.post(
        CHANGELIST, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [a.pk, b.pk], "survivor": a.pk}
    )
    assert Entity.objects.count() == 2


def test_export_writes_the_load_entities_format(editor_client):
    make_entity("Bilibili", name_zh="哔哩哔哩", aliases="B站\n嗶哩嗶哩", description="Video platform")
    entity_ids = list(Entity.objects.values_list("pk", flat=True))
    response = editor_client.post(CHANGELIST, {"action": "export_csv", ACTION_CHECKBOX_NAME: entity_ids})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["name"] == "Bilibili"
    assert rows[0]["aliases"] == "B站|嗶哩嗶哩"


def entity_form(entity, **overrides):
    fields = ["name", "slug", "kind", "name_zh", "aliases", "pinyin", "description", "wikidata_id", "website"]
    return {field: getattr(entity, field) for field in fields} | {"loaded_version": entity.version} | overrides


def test_an_entity_slug_must_be_a_latin_address(editor_client):
    entity = make_entity("Xiaohongshu", name_zh="小红书")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    response = editor_client.post(url, entity_form(entity, slug="小红书"))
    assert response.status_code == 200
    assert "Enter a valid “slug”" in response.content.decode()
    entity.refresh_from_db()
    assert entity.slug == "xiaohongshu"


def test_writers_cannot_rename_an_entity(writer_client):
    entity = make_entity("Xiaohongshu", name_zh="小红书")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    writer_client.post(url, entity_form(entity, name="Renamed"))
    entity.refresh_from_db()
    assert entity.name == "Xiaohongshu"


def test_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(editor_client):
    make_entity('=HYPERLINK("https://evil.example","Click")', name_zh="", slug="hyperlink")
    make_entity("@SUM(1+1)", name_zh="", slug="at-sum", aliases="+cmd|安全", description="-2+3")
    entity_ids = list(Entity.objects.values_list("pk", flat=True))
    response = editor_client.post(CHANGELIST, {"action": "export_csv", ACTION_CHECKBOX_NAME: entity_ids})
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["hyperlink"]["name"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert (rows["at-sum"]["name"], rows["at-sum"]["aliases"], rows["at-sum"]["description"]) == (
        "'@SUM(1+1)", "'+cmd|安全", "'-2+3"
    )


def test_a_stale_entity_form_is_refused_naming_what_changed_and_keeps_the_second_editors_text(
    editor, second_editor
):
    entity = make_entity("Xiaohongshu", description="Lifestyle platform")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    response = two_saves_of_one_version(
        url, editor, second_editor, "description", "Lifestyle and e-commerce platform", "Social commerce app"
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "was changed after you opened it" in str(form.non_field_errors())
    assert "Description" in str(form.non_field_errors())
    assert form["description"].value() == "Social commerce app"
    entity.refresh_from_db()
    assert entity.description == "Lifestyle and e-commerce platform"


def test_saving_again_after_a_refusal_replaces_the_other_editors_text(editor, second_editor):
    entity = make_entity("Xiaohongshu", description="Lifestyle platform")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    first, second = logged_in(editor), logged_in(second_editor)
    first_form, second_form = loaded_form(first, url), loaded_form(second, url)
    first.post(url, first_form | {"description": "Lifestyle and e-commerce platform"})
    refused = second.post(url, second_form | {"description": "Social commerce app"}).context["adminform"].form
    second.post(url, {name: refused[name].value() for name in refused.fields if refused[name].value() is not None})
    entity.refresh_from_db()
    assert entity.description == "Social commerce app"


def test_loading_the_csv_while_an_entity_form_is_open_makes_that_form_stale(editor):
    entity = make_entity("Xiaohongshu", slug="xiaohongshu", description="Lifestyle platform")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    client = logged_in(editor)
    opened = loaded_form(client, url)
    header = "slug,name,kind,name_zh,aliases,pinyin,description,wikidata_id,website\n"
    load_entities(io.StringIO(header + "xiaohongshu,Xiaohongshu,company,小红书,RED,,From the CSV,,\n"))
    response = client.post(url, opened | {"website": "https://www.xiaohongshu.com"})
    assert response.status_code == 200
    entity.refresh_from_db()
    assert (entity.description, entity.aliases, entity.website) == ("From the CSV", "RED", "")


def test_merging_moves_the_survivor_to_a_new_version():
    survivor, loser = make_entity("Xiaohongshu"), make_entity("Little Red Book", name_zh="", description="RED")
    before = survivor.version
    merge_entities(survivor, loser)
    assert Entity.objects.get(pk=survivor.pk).version == before + 1


def new_entity_form(**fields):
    fields_shown = ["name", "slug", "kind", "name_zh", "aliases", "pinyin", "description", "wikidata_id", "website"]
    return dict.fromkeys(fields_shown, "") | {"kind": "company"} | fields


@pytest.mark.parametrize("client_fixture", ["writer_client", "editor_client"])
def test_a_new_entity_cannot_take_an_existing_entitys_chinese_name_or_alias(request, client_fixture):
    # Issue 11 follow-up: a writer's "Red Fake" with 小红书 as Chinese name and alias took every 小红书 mention.
    make_entity("Xiaohongshu", name_zh="小红书", slug="xiaohongshu", aliases="RED")
    client = request.getfixturevalue(client_fixture)
    response = client.post(
        reverse("admin:kb_entity_add"),
        new_entity_form(name="Red Fake", slug="red-fake", name_zh="小红书", aliases="小红书\nred"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Chinese name '小红书' is already a name of Xiaohongshu (company, slug 'xiaohongshu')" in errors["name_zh"][0]
    assert [message.split(" is already")[0] for message in errors["aliases"]] == ["alias '小红书'", "alias 'red'"]
    assert not Entity.objects.filter(slug="red-fake").exists()


def test_an_existing_entity_cannot_be_given_another_entitys_alias(editor_client):
    make_entity("Xiaohongshu", name_zh="小红书", slug="xiaohongshu", aliases="Little Red Book")
    douyin = make_entity("Douyin", name_zh="抖音", slug="douyin")
    url = reverse("admin:kb_entity_change", args=[douyin.pk])
    response = editor_client.post(url, entity_form(douyin, aliases="TikTok China\nlittle red book"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["aliases"][0].startswith("alias 'little red book' is already a name of Xiaohongshu")
    douyin.refresh_from_db()
    assert douyin.aliases == ""


def test_an_entity_keeps_its_own_names_when_saved_again(editor_client):
    entity = make_entity("Xiaohongshu", name_zh="小红书", slug="xiaohongshu", aliases="小红书App")
    url = reverse("admin:kb_entity_change", args=[entity.pk])
    response = editor_client.post(url, entity_form(entity, description="Lifestyle platform"))
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.description == "Lifestyle platform"


def test_the_admin_fills_pinyin_from_the_chinese_name_with_the_surname_reading(editor_client):
    editor_client.post(
        reverse("admin:kb_entity_add"),
        new_entity_form(name="Yue Jia", slug="yue-jia", kind="person", name_zh="乐嘉"),
    )
    assert Entity.objects.get(slug="yue-jia").pinyin == "yue jia"
