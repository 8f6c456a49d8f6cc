"""The knowledge base in the admin: search by any name, filter, merge, export."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from briefs.merging import MergeError, merge_entities
from briefs.models import Entity, Mention
from tests.factories import make_article, make_entity

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:briefs_entity_changelist")


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
    return {field: getattr(entity, field) for field in fields} | overrides


def test_an_entity_slug_must_be_a_latin_address(editor_client):
    entity = make_entity("Xiaohongshu", name_zh="小红书")
    url = reverse("admin:briefs_entity_change", args=[entity.pk])
    response = editor_client.post(url, entity_form(entity, slug="小红书"))
    assert response.status_code == 200
    assert "Enter a valid “slug”" in response.content.decode()
    entity.refresh_from_db()
    assert entity.slug == "xiaohongshu"


def test_writers_cannot_rename_an_entity(writer_client):
    entity = make_entity("Xiaohongshu", name_zh="小红书")
    url = reverse("admin:briefs_entity_change", args=[entity.pk])
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
