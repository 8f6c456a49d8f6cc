"""Search: ranked full text over published briefs in English and Chinese, with highlighted snippets."""

import pytest
from django.db import connection

from briefs.desk.models import Brief
from briefs.public import search
from tests.factories import make_brief, make_entity

pytestmark = pytest.mark.django_db


def published(slug, **fields):
    return make_brief(status="published", slug=slug, **fields)


def found_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.brief.title for result in response.context["results"]]


def test_an_english_word_finds_the_brief_whatever_its_form(client):
    published("a", title="Douyin opens a new store", body="Merchants are publishing more livestreams.")
    assert found_titles(client, "published") == ["Douyin opens a new store"]
    assert found_titles(client, "Livestream") == ["Douyin opens a new store"]


def test_every_word_of_the_query_must_match(client):
    published("a", title="Douyin opens a store", body="About Douyin.")
    published("b", title="Kuaishou opens a store", body="About Kuaishou.")
    assert found_titles(client, "opens douyin") == ["Douyin opens a store"]


def test_a_title_match_ranks_above_a_body_match(client):
    published("body", title="Quarterly results", body="Analysts mention Pinduoduo once.")
    published("title", title="Pinduoduo widens its lead", body="Quarterly numbers are out.")
    assert found_titles(client, "pinduoduo") == ["Pinduoduo widens its lead", "Quarterly results"]


def test_a_chinese_name_in_the_body_is_found_by_its_two_characters(client):
    published("zh", title="Short video", body="The note quotes 与抖音和快手相比,小红书更强调社区属性。")
    assert found_titles(client, "抖音") == ["Short video"]
    assert found_titles(client, "快手") == ["Short video"]


def test_a_chinese_query_finds_briefs_tagged_with_that_entity(client):
    published("tagged", title="Buyers get traffic")  # tagged Xiaohongshu (小红书) by the factory; English body
    assert "小红书" not in Brief.objects.get(slug="tagged").body
    assert found_titles(client, "小红书") == ["Buyers get traffic"]


def test_an_entity_alias_finds_its_briefs(client):
    bilibili = make_entity("Bilibili", name_zh="哔哩哔哩", aliases="B站\nbili", slug="bilibili")
    published("bili", title="Anime platform results", body="Plain body.").entities.add(bilibili)
    assert found_titles(client, "B站") == ["Anime platform results"]
    assert found_titles(client, "哔哩哔哩") == ["Anime platform results"]


def test_unpublished_briefs_are_never_found(client):
    make_brief(status="draft", title="Secret Meituan plan", body="Meituan draft.")
    make_brief(status="in_review", title="Meituan in review", body="Meituan review.")
    assert found_titles(client, "meituan") == []


def test_editing_a_brief_updates_what_finds_it(client):
    brief = published("edit", title="Old headline", body="Nothing here.")
    brief.title = "Temu expands in Europe"
    brief.save()
    assert found_titles(client, "temu") == ["Temu expands in Europe"]
    assert found_titles(client, "headline") == []


def test_tagging_and_untagging_an_entity_updates_what_finds_it(client):
    brief = published("tag", title="Delivery race", body="Plain body.")
    meituan = make_entity("Meituan", name_zh="美团", slug="meituan")
    brief.entities.add(meituan)
    assert found_titles(client, "美团") == ["Delivery race"]
    brief.entities.remove(meituan)
    assert found_titles(client, "美团") == []


def test_renaming_an_entity_updates_the_briefs_tagged_with_it(client):
    entity = make_entity("Pinduoduo", name_zh="拼多多", slug="pinduoduo")
    published("pdd", title="Discounts", body="Plain body.").entities.add(entity)
    entity.aliases = "PDD"
    entity.save()
    assert found_titles(client, "pdd") == ["Discounts"]


def test_a_deleted_brief_is_no_longer_found(client):
    brief = published("gone", title="JD logistics", body="JD body.")
    brief.delete()
    assert found_titles(client, "logistics") == []


def test_results_show_the_title_and_a_snippet_with_the_words_marked(client):
    published("mark", title="Shein moves", body="Shein said on Monday that it will open a warehouse in Poland.")
    html = client.get("/search/", {"q": "warehouse"}).content.decode()
    assert '<mark class="hit" title="">warehouse</mark>' in html


def test_snippets_escape_the_text_before_marking_it():
    html = search.snippet("Tags like <script>alert(1)</script> and 小红书 & more", ["小红书"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<mark class="hit" title="">小红书</mark> &amp; more' in html


def test_snippets_are_a_window_around_the_first_match():
    text = "Filler words. " * 50 + "The needle is here. " + "More filler. " * 50
    html = search.snippet(text, ["needle"])
    assert html.startswith("… ") and html.endswith(" …")
    assert '<mark class="hit" title="">needle</mark>' in html
    assert len(html) < search.SNIPPET_LENGTH + 80


def test_query_terms_segment_chinese_and_drop_operators():
    assert search.query_terms('小红书 "AND" (buyers)* NOT\x00') == ["小红书", "and", "buyers", "not"]


def test_a_han_character_from_a_newer_unicode_extension_is_found_on_its_own(client):
    # 𰻞 (U+30EDE, biang) is in CJK Extension G, past the old hand-written range that ended at U+2FFFF:
    # search segments Chinese with script.HAN_RUN, the desk's one definition of a Chinese character.
    published("biang", title="Noodle chain expands", body="The chain sells 𰻞𰻞面 in Xi'an.")
    assert found_titles(client, "𰻞") == ["Noodle chain expands"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_postgres_search_can_use_the_gin_index():
    from django.contrib.postgres.search import SearchQuery

    from briefs.public.search_postgres import INDEX_NAME, search_vector

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX_NAME])
        assert cursor.fetchone() is not None
        cursor.execute("SET enable_seqscan = off")
    query = Brief.objects.annotate(search=search_vector()).filter(search=SearchQuery("buyers", config="english"))
    assert INDEX_NAME in query.explain()


@pytest.mark.django_db
def test_rebuild_search_index_indexes_every_brief_again():
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import make_brief

    make_brief(status="published", slug="rebuilt-one")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().strip() == f"Indexed {Brief.objects.count()} briefs."
