"""Generated places (briefs/kb/reference_entities.py, manage.py load_reference_entities) next to editors' entities."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from briefs.kb.entity_csv import load_entities
from briefs.kb.models import Entity
from briefs.kb.reference_entities import load_reference_entities, take_names_from_generated
from briefs.text.reference_places import SOURCE_CLDR, SOURCE_PLACES, ReferencePlace
from tests.factories import make_brief, make_entity

pytestmark = pytest.mark.django_db

SEED_CSV = Path(__file__).resolve().parents[2] / "seeds" / "entities.csv"
HEADER = "slug,name,kind,name_zh,aliases,pinyin,description,wikidata_id,website\n"


def place(code, name_zh, name_en, *, source=SOURCE_PLACES, aliases=(), qualified="", description="A place"):
    return ReferencePlace(
        source=source,
        code=code,
        name_zh=name_zh,
        name_en=name_en,
        qualified_name_en=qualified,
        aliases=aliases,
        description=description,
        pinyin="",
    )


NANSHAN = place("440305", "南山区", "Nanshan District", aliases=("南山",), qualified="Nanshan District, Shenzhen")
MELBOURNE = place(
    "city:Australia/Melbourne", "墨尔本", "Melbourne", source=SOURCE_CLDR, qualified="Melbourne, Australia"
)


def run_command(*args):
    out = io.StringIO()
    call_command("load_reference_entities", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def curated_kb():
    with SEED_CSV.open(encoding="utf-8-sig", newline="") as file:
        report = load_entities(file)
    assert report.rejected == 0
    return report


def test_the_command_loads_both_sources_and_loading_again_changes_nothing(curated_kb):
    curated = Entity.objects.count()

    first = run_command()

    assert first["sources"]["places"]["added"] > 3000
    assert first["sources"]["cldr"]["added"] > 500
    generated = Entity.objects.generated()
    assert generated.count() == first["total"]["added"]
    assert Entity.objects.count() == curated + first["total"]["added"]
    assert set(generated.values_list("kind", flat=True)) == {Entity.Kind.PLACE}
    nanshan = Entity.objects.get(name_zh="南山区")
    assert (nanshan.name, nanshan.source, nanshan.source_code) == ("Nanshan District", "places", "440305")
    assert Entity.objects.get(name_zh="墨尔本").source == "cldr"

    second = run_command()

    assert second["total"] == {
        "added": 0,
        "updated": 0,
        "unchanged": first["total"]["added"],
        "skipped": first["total"]["skipped"],
    }


def test_a_curated_entity_with_the_same_chinese_name_wins_and_the_place_is_reported(curated_kb):
    shenzhen = Entity.objects.get(slug="shenzhen")
    before = (shenzhen.version, shenzhen.aliases, shenzhen.description)

    report = run_command()

    skipped = {(row["source"], row["name_zh"]): row["reason"] for row in report["skipped"]}
    assert "Shenzhen (place, curated, slug 'shenzhen')" in skipped["places", "深圳市"]
    assert ("cldr", "法国") in skipped
    shenzhen.refresh_from_db()
    assert (shenzhen.version, shenzhen.aliases, shenzhen.description) == before
    assert not Entity.objects.generated().filter(name_zh__in=["深圳市", "法国"]).exists()


def test_a_place_whose_short_form_an_editors_place_holds_is_skipped():
    make_entity("Nanshan", kind=Entity.Kind.PLACE, name_zh="", aliases="南山")

    report = load_reference_entities([NANSHAN])

    assert report.counts("places").skipped == 1
    assert "short form 南山" in report.skipped[0].reason


def test_a_short_form_another_kind_of_entity_holds_is_only_left_off_the_place():
    make_entity("Nanshan Group", kind=Entity.Kind.COMPANY, name_zh="南山集团", aliases="南山")

    load_reference_entities([NANSHAN])

    assert Entity.objects.get(name_zh="南山区").alias_list == []


def test_an_english_name_another_place_has_takes_the_parent():
    make_entity("Melbourne", kind=Entity.Kind.PLACE, name_zh="墨尔本市", slug="melbourne-florida")

    load_reference_entities([MELBOURNE])

    assert Entity.objects.get(name_zh="墨尔本").name == "Melbourne, Australia"


def test_a_place_whose_data_changed_is_updated_in_place():
    load_reference_entities([NANSHAN])
    entity = Entity.objects.get(source_code="440305")

    report = load_reference_entities(
        [place("440305", "南山区", "Nanshan District", description="District of Shenzhen")]
    )

    assert (report.counts("places").updated, Entity.objects.count()) == (1, 1)
    entity.refresh_from_db()
    assert (entity.description, entity.alias_list) == ("District of Shenzhen", [])


def test_a_generated_place_an_editor_changed_is_theirs_and_never_reloaded(editor_client):
    load_reference_entities([NANSHAN])
    entity = Entity.objects.get(source_code="440305")
    data = {
        "name": "Nanshan",
        "slug": entity.slug,
        "kind": "place",
        "name_zh": "南山区",
        "aliases": "南山",
        "pinyin": "",
        "description": "Shenzhen's tech district",
        "wikidata_id": "",
        "website": "",
        "loaded_version": entity.version,
    }
    form = editor_client.get(f"/admin/kb/entity/{entity.pk}/change/").context["adminform"].form
    data["loaded_values"] = form["loaded_values"].value()

    response = editor_client.post(f"/admin/kb/entity/{entity.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entity.refresh_from_db()
    assert (entity.source, entity.name) == (Entity.Source.CURATED, "Nanshan")
    report = load_reference_entities([NANSHAN])
    assert report.counts("places").skipped == 1
    entity.refresh_from_db()
    assert (entity.name, entity.description) == ("Nanshan", "Shenzhen's tech district")


def test_a_curated_row_takes_a_short_form_from_a_generated_place():
    load_reference_entities([NANSHAN])

    report = load_entities(io.StringIO(HEADER + "nanshan-holdings,Nanshan Holdings,company,南山控股,南山,,,,\n"))

    assert report.rejected == 0, report.rejections
    assert Entity.objects.get(slug="nanshan-holdings").alias_list == ["南山"]
    assert Entity.objects.get(name_zh="南山区").alias_list == []


def test_a_curated_row_with_a_generated_places_chinese_name_absorbs_it():
    load_reference_entities([MELBOURNE])
    generated = Entity.objects.get(name_zh="墨尔本")
    brief = make_brief(status="draft", ready=False)
    brief.entities.add(generated)

    report = load_entities(io.StringIO(HEADER + "melbourne-city,Melbourne City,place,墨尔本,,,,,\n"))

    assert report.rejected == 0, report.rejections
    curated = Entity.objects.get(name_zh="墨尔本")
    assert (curated.slug, curated.source) == ("melbourne-city", Entity.Source.CURATED)
    assert not Entity.objects.filter(pk=generated.pk).exists()
    assert list(brief.entities.all()) == [curated]


def test_taking_names_leaves_the_names_of_editors_entities_alone():
    holder = make_entity("Nanshan Group", kind=Entity.Kind.COMPANY, name_zh="南山集团", aliases="南山")
    other = Entity(name="Nanshan Bank", kind=Entity.Kind.COMPANY, name_zh="南山银行", aliases="南山")

    handover = take_names_from_generated(other)

    assert handover.lines() == []
    holder.refresh_from_db()
    assert holder.alias_list == ["南山"]


def test_a_generated_place_has_no_public_page_until_a_published_brief_mentions_it(client):
    load_reference_entities([NANSHAN])
    nanshan = Entity.objects.get(name_zh="南山区")
    draft = make_brief(status="draft")
    draft.entities.add(nanshan)

    assert client.get(f"/entities/{nanshan.slug}/").status_code == 404
    assert client.get(f"/entities/{nanshan.slug}/feed/rss/").status_code == 404
    assert "Nanshan District" not in client.get("/entities/").content.decode()
    assert f"/entities/{nanshan.slug}/" not in client.get("/sitemap.xml").content.decode()

    make_brief(status="published").entities.add(nanshan)

    assert client.get(f"/entities/{nanshan.slug}/").status_code == 200
    assert "Nanshan District" in client.get("/entities/").content.decode()
    assert f"/entities/{nanshan.slug}/" in client.get("/sitemap.xml").content.decode()
