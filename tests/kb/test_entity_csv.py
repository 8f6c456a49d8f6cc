"""load_entities and briefs.kb.entity_csv: checked rows, idempotent upsert by slug, export round trip, the seed KB."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from briefs.kb.entity_csv import COLUMNS, load_entities, read_entity_rows, write_entities_csv
from briefs.kb.models import Entity

pytestmark = pytest.mark.django_db

SEED_CSV = Path(__file__).resolve().parents[2] / "seeds" / "entities.csv"
HEADER = ",".join(COLUMNS) + "\n"
# Names in the seed article that the tagger must offer to editors as unknown, so the KB must not know them.
UNKNOWN_IN_SEED_ARTICLE = ["张小慧", "阿紫紫", "衣衣KK", "麦昆", "吴洪建"]


def run_load(path, *args):
    """Run the command; return (printed lines, exit code)."""
    out = StringIO()
    try:
        call_command("load_entities", str(path), *args, stdout=out)
        code = 0
    except CommandError as error:
        code = error.returncode
    return out.getvalue().splitlines(), code


def write_csv(tmp_path, *rows, header=HEADER, name="entities.csv"):
    path = tmp_path / name
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def seed_kb():
    lines, code = run_load(SEED_CSV)
    assert code == 0, lines
    return Entity.objects.all()


def seed_rows():
    with SEED_CSV.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_the_seed_knowledge_base_loads_without_rejected_rows():
    lines, code = run_load(SEED_CSV)
    assert code == 0
    count = Entity.objects.count()
    assert count >= 200
    assert lines == [f"{SEED_CSV}: added {count}, updated 0, unchanged 0, rejected 0"]


def test_loading_the_seed_knowledge_base_again_reports_every_row_unchanged(seed_kb):
    count = seed_kb.count()
    lines, code = run_load(SEED_CSV)
    assert (lines, code) == ([f"{SEED_CSV}: added 0, updated 0, unchanged {count}, rejected 0"], 0)


def test_bad_rows_are_rejected_with_their_line_numbers_while_good_rows_load(tmp_path):
    path = write_csv(
        tmp_path,
        "xiaohongshu,Xiaohongshu,company,小红书,RED|小紅書,,Chinese lifestyle platform,,https://www.xiaohongshu.com",
        "nameless,,company,无名,,,,,",
        "typo,Typo Corp,compnay,,,,,,",
        "xiaohongshu,Xiaohongshu Again,brand,,,,,,",
        "bad-url,Bad URL Ltd,company,,,,,,not a url",
        "shanghai,Shanghai,place,上海,上海市,,Chinese city,,",
    )
    lines, code = run_load(path)
    assert code == 1
    assert lines == [
        f"{path}: added 2, updated 0, unchanged 0, rejected 4",
        "line 3: name is empty",
        "line 4: unknown kind 'compnay' (expected one of company, brand, product, person, place, organisation, other)",
        "line 5: duplicate slug 'xiaohongshu': already used on line 2",
        "line 6: website 'not a url' is not a URL (expected e.g. https://www.example.com)",
    ]
    assert sorted(Entity.objects.values_list("slug", flat=True)) == ["shanghai", "xiaohongshu"]


def test_a_name_used_twice_for_the_same_kind_is_rejected_but_allowed_across_kinds(tmp_path):
    path = write_csv(
        tmp_path,
        "hainan,Hainan,place,海南,,,,,",
        "hainan-airlines,Hainan,place,海南航空,,,,,",
        "hainan-company,Hainan,company,海南控股,,,,,",
    )
    lines, code = run_load(path)
    assert code == 1
    assert lines[1:] == ["line 3: duplicate name: a place named 'Hainan' is already on line 2"]
    assert sorted(Entity.objects.values_list("slug", flat=True)) == ["hainan", "hainan-company"]


def test_a_row_with_several_problems_lists_them_all(tmp_path):
    path = write_csv(tmp_path, "Not A Slug,,,,x,,,Q-1,")
    lines, _ = run_load(path)
    assert lines[1] == (
        "line 2: name is empty; kind is empty (expected one of company, brand, product, person, place, organisation, other); "
        "slug 'Not A Slug' is not a valid slug (lowercase letters, digits and hyphens, e.g. 'not-a-slug'); "
        "alias 'x' is a single character; the tagger would find it inside other words; "
        "wikidata_id 'Q-1' is not a Wikidata ID (expected Q and digits, e.g. Q148)"
    )


def test_a_rejection_names_the_line_a_multiline_row_starts_on(tmp_path):
    path = write_csv(tmp_path, 'ok,OK Corp,company,,,,"first line', 'second line",,', "bad,Bad,compnay,,,,,,")
    lines, _ = run_load(path)
    assert lines[1:] == [
        "line 2: description must be a single line",
        "line 4: unknown kind 'compnay' (expected one of company, brand, product, person, place, organisation, other)",
    ]


def test_a_row_with_an_unquoted_comma_is_rejected(tmp_path):
    path = write_csv(tmp_path, "acme,Acme,company,,,,Makes things, and more,,")
    lines, _ = run_load(path)
    assert lines[1] == "line 2: 10 values for 9 columns; quote any field that contains a comma"


def test_loading_a_row_again_by_slug_updates_its_fields(tmp_path):
    run_load(write_csv(tmp_path, "ke-nan,Ke Nan,person,柯南,,,Executive at Xiaohongshu,,"))
    path = write_csv(tmp_path, "ke-nan,Ke Nan,person,柯南,Cobo Ke|柯南COO,,COO of Xiaohongshu,,", name="v2.csv")
    lines, code = run_load(path)
    assert (lines, code) == ([f"{path}: added 0, updated 1, unchanged 0, rejected 0"], 0)
    entity = Entity.objects.get(slug="ke-nan")
    assert entity.description == "COO of Xiaohongshu"
    assert entity.alias_list == ["Cobo Ke", "柯南COO"]


def test_an_explicit_slug_can_rename_its_entity(tmp_path):
    run_load(write_csv(tmp_path, "rednote,Rednote,company,小红书,,,,,"))
    run_load(write_csv(tmp_path, "rednote,Xiaohongshu,company,小红书,,,,,", name="v2.csv"))
    assert list(Entity.objects.values_list("slug", "name")) == [("rednote", "Xiaohongshu")]


def test_a_row_without_slug_gets_one_from_its_name_and_reloads_unchanged(tmp_path):
    path = write_csv(tmp_path, ",Li Auto,company,理想汽车,,,Chinese electric car maker,,")
    run_load(path)
    assert Entity.objects.get().slug == "li-auto"
    lines, _ = run_load(path)
    assert lines == [f"{path}: added 0, updated 0, unchanged 1, rejected 0"]


def test_a_derived_slug_that_belongs_to_another_entity_is_rejected(tmp_path):
    run_load(write_csv(tmp_path, "li-ning,Li-Ning,company,李宁,,,,,"))
    path = write_csv(tmp_path, ",Li Ning,person,李宁,,,,,", name="people.csv")
    lines, code = run_load(path)
    assert code == 1
    assert lines[1] == (
        "line 2: slug 'li-ning' (derived from the name) belongs to Li-Ning (company); give this row its own slug"
    )
    assert Entity.objects.count() == 1


def test_a_name_already_held_by_another_slug_is_rejected_and_nothing_is_written(tmp_path):
    run_load(write_csv(tmp_path, "shanghai,Shanghai,place,上海,,,,,"))
    path = write_csv(tmp_path, "shanghai-city,Shanghai,place,上海市,,,,,", name="v2.csv")
    lines, code = run_load(path)
    assert code == 1
    assert (
        lines[1] == "line 2: a place named 'Shanghai' already exists with slug 'shanghai'; use that slug to update it"
    )
    assert list(Entity.objects.values_list("slug", flat=True)) == ["shanghai"]


def test_pinyin_is_filled_from_the_chinese_name_when_the_file_leaves_it_empty(tmp_path):
    path = write_csv(
        tmp_path,
        "ke-nan,Ke Nan,person,柯南,,,,,",
        "robin-zeng,Robin Zeng,person,曾毓群,,,,,",
        "shanghai,Shanghai,place,上海,,,,,",
        "oppo,Oppo,company,,OPPO,,,,",
        "given,Given,company,重庆啤酒,,Chongqing Beer,,,",
        "yue-jia,Yue Jia,person,乐嘉,,,,,",
        "xiaomi-su7,Xiaomi SU7,brand,小米SU7,,,,,",
    )
    run_load(path)
    assert dict(Entity.objects.values_list("slug", "pinyin")) == {
        "ke-nan": "ke nan",
        "robin-zeng": "zeng yu qun",
        "shanghai": "shang hai",
        "oppo": "",
        "given": "Chongqing Beer",
        "yue-jia": "yue jia",
        "xiaomi-su7": "xiao mi su7",
    }


def test_an_export_loads_back_unchanged(seed_kb, tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        written = write_entities_csv(Entity.objects.all(), stream)
    assert written == seed_kb.count()
    lines, code = run_load(path)
    assert (lines, code) == ([f"{path}: added 0, updated 0, unchanged {written}, rejected 0"], 0)


def test_an_export_recreates_the_same_entities_in_an_empty_knowledge_base(tmp_path):
    run_load(write_csv(tmp_path, 'bilibili,Bilibili,company,哔哩哔哩,B站|嗶哩嗶哩,,"Video platform, for the young",,'))
    before = list(Entity.objects.values(*COLUMNS))
    stream = StringIO()
    write_entities_csv(Entity.objects.all(), stream)
    Entity.objects.all().delete()
    stream.seek(0)
    report = load_entities(stream)
    assert (report.added, report.rejected) == (1, 0)
    assert list(Entity.objects.values(*COLUMNS)) == before


def test_an_export_has_the_csv_columns_and_joins_aliases_with_a_bar():
    Entity.objects.create(slug="bilibili", name="Bilibili", kind="company", name_zh="哔哩哔哩", aliases="B站\n嗶哩嗶哩")
    stream = StringIO()
    write_entities_csv(Entity.objects.all(), stream)
    assert stream.getvalue().splitlines() == [
        '"slug","name","kind","name_zh","aliases","pinyin","description","wikidata_id","website"',
        '"bilibili","Bilibili","company","哔哩哔哩","B站|嗶哩嗶哩","","","",""',
    ]


def test_a_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER + "beijing,Beijing,place,北京,,,,,\n").encode("utf-8"))
    lines, code = run_load(path)
    assert (lines, code) == ([f"{path}: added 1, updated 0, unchanged 0, rejected 0"], 0)


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_entities", str(tmp_path / "missing.csv"), stdout=StringIO())


def test_a_file_that_is_not_utf8_is_a_command_error(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "beijing,Beijing,place,北京,,,,,\n").encode("gbk"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        call_command("load_entities", str(path), stdout=StringIO())


def test_a_header_without_the_expected_columns_names_the_missing_ones(tmp_path):
    path = write_csv(tmp_path, "beijing,Beijing,place", header="slug,name,kind\n")
    with pytest.raises(CommandError) as raised:
        call_command("load_entities", str(path), stdout=StringIO())
    assert str(raised.value) == (
        f"{path}: missing column(s) name_zh, aliases, pinyin, description, wikidata_id, website in the header; "
        "expected: slug,name,kind,name_zh,aliases,pinyin,description,wikidata_id,website"
    )
    assert raised.value.returncode == 1
    assert not Entity.objects.exists()


def test_an_article_given_instead_of_the_csv_is_a_command_error(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("小红书电商发布新计划\n\n小红书COO柯南表示,平台将投入500亿流量。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="the first line is not an entities CSV header"):
        call_command("load_entities", str(path), stdout=StringIO())


def test_quiet_prints_only_the_rejected_rows(tmp_path):
    path = write_csv(tmp_path, "beijing,Beijing,place,北京,,,,,", "typo,Typo,compnay,,,,,,")
    lines, code = run_load(path, "--quiet")
    assert code == 1
    assert lines == [
        "line 3: unknown kind 'compnay' (expected one of company, brand, product, person, place, organisation, other)"
    ]
    assert run_load(write_csv(tmp_path, "beijing,Beijing,place,北京,,,,,", name="ok.csv"), "--quiet") == ([], 0)


def test_reading_rows_touches_no_database(django_assert_num_queries):
    stream = StringIO(HEADER + "beijing,Beijing,place,北京,北京市,,,,\n")
    with django_assert_num_queries(0):
        rows = read_entity_rows(stream)
    assert [(row.line, row.cells["slug"], row.cells["aliases"]) for row in rows] == [(2, "beijing", "北京市")]


def test_the_knowledge_base_knows_ke_nan_as_coo_of_xiaohongshu(seed_kb):
    ke_nan = seed_kb.get(name_zh="柯南", kind=Entity.Kind.PERSON)
    assert ke_nan.name == "Ke Nan"
    assert "COO of Xiaohongshu" in ke_nan.description


def test_the_knowledge_base_knows_dong_jie_bilibili_and_shanghai(seed_kb):
    assert seed_kb.get(name_zh="董洁").name == "Dong Jie"
    assert "B站" in seed_kb.get(name="Bilibili").alias_list
    assert seed_kb.get(name="Shanghai", kind=Entity.Kind.PLACE).name_zh == "上海"
    assert seed_kb.get(name="Xiaohongshu").alias_list[:2] == ["RED", "小紅書"]


@pytest.mark.parametrize("surface", UNKNOWN_IN_SEED_ARTICLE)
def test_the_knowledge_base_leaves_the_seed_articles_unknown_names_to_the_editors(seed_kb, surface):
    assert not [entity for entity in seed_kb if surface in entity.surface_forms()]


def test_seed_aliases_are_never_one_character_or_farm_slang():
    # Two-letter Latin aliases match inside promo slang ("ks免费刷", "dy") unless they are well known.
    allowed_two_letter = {"JD", "EU"}
    for row in seed_rows():
        for alias in filter(None, row["aliases"].split("|")):
            assert len(alias) > 1, (row["slug"], alias)
            if len(alias) == 2 and alias.isascii():
                assert alias in allowed_two_letter, (row["slug"], alias)
            assert alias.lower() not in {"ks", "dy", "qq"}, (row["slug"], alias)


def test_seed_rows_give_every_entity_a_description_and_people_a_chinese_name_or_its_pinyin():
    # A namesake of an entity that holds the Chinese name (张勇, 李宁) keeps only its pinyin: a Chinese
    # name belongs to one entity (briefs/kb/names.py).
    rows = seed_rows()
    assert all(row["description"] for row in rows)
    assert all(row["name_zh"] or row["pinyin"] for row in rows if row["kind"] == "person")


def test_an_export_with_formula_like_names_loads_back_as_the_same_names(tmp_path):
    # The export quotes cells a spreadsheet would run (issue 11, finding 13); loading takes the quote off
    # again, so names that really start with "-", "+", "=" or "@" (or with a quote before one) survive.
    names = ["-80 Degrees", "+86 Club", "=Equals", "@Handle", "'=Quoted already", "O'Neil", "Li-Ning"]
    for number, name in enumerate(names):
        Entity.objects.create(slug=f"e{number}", name=name, kind="company", aliases=f"-{number}x\n{name} Ltd")
    before = list(Entity.objects.values(*COLUMNS))
    stream = StringIO()
    write_entities_csv(Entity.objects.all(), stream)
    stream.seek(0)
    assert load_entities(stream).unchanged == len(names)
    Entity.objects.all().delete()
    stream.seek(0)
    report = load_entities(stream)
    assert (report.added, report.rejected) == (len(names), 0)
    assert list(Entity.objects.values(*COLUMNS)) == before


def test_a_row_taking_another_entitys_chinese_name_is_rejected_naming_that_entity(tmp_path):
    # Issue 11 follow-up: a second entity holding 小红书 would get Xiaohongshu's mentions.
    run_load(write_csv(tmp_path, "xiaohongshu,Xiaohongshu,company,小红书,RED,,,,"))
    path = write_csv(tmp_path, "red-fake,Red Fake,company,小红书,,,,,", name="v2.csv")
    lines, code = run_load(path)
    assert code == 1
    assert lines[1].startswith(
        "line 2: Chinese name '小红书' is already a name of Xiaohongshu (company, slug 'xiaohongshu')"
    )
    assert "merge them" in lines[1] and "aliases" in lines[1]
    assert list(Entity.objects.values_list("slug", flat=True)) == ["xiaohongshu"]


def test_an_alias_equal_to_another_entitys_alias_after_the_taggers_normalisation_is_rejected(tmp_path):
    path = write_csv(
        tmp_path,
        "xiaohongshu,Xiaohongshu,company,小红书,RED|小紅書,,,,",
        "red-fake,Red Fake,brand,红薯,ＲＥＤ,,,,",
        "zhang-yong,Zhang Yong,person,张勇,,,,,",
        "other-zhang,Other Zhang,person,,张勇,,,,",
    )
    lines, _ = run_load(path)
    assert [line.split(":")[0] for line in lines[1:]] == ["line 3", "line 5"]
    assert lines[1].startswith("line 3: alias 'ＲＥＤ' is already a name of Xiaohongshu")
    assert lines[2].startswith("line 5: alias '张勇' is already a name of Zhang Yong")


def test_an_entity_may_repeat_its_own_chinese_name_among_its_aliases_and_reload_unchanged(tmp_path):
    path = write_csv(tmp_path, "xiaohongshu,Xiaohongshu,company,小红书,小红书|RED,,,,")
    assert run_load(path) == ([f"{path}: added 1, updated 0, unchanged 0, rejected 0"], 0)
    assert run_load(path) == ([f"{path}: added 0, updated 0, unchanged 1, rejected 0"], 0)


def test_a_name_freed_earlier_in_the_same_file_can_be_taken_by_a_later_row(tmp_path):
    run_load(write_csv(tmp_path, "old,Old Name,company,旧名字,,,,,"))
    path = write_csv(tmp_path, "old,Old Name,company,新名字,,,,,", "new,New Co,company,旧名字,,,,,", name="v2.csv")
    lines, code = run_load(path)
    assert (lines, code) == ([f"{path}: added 1, updated 1, unchanged 0, rejected 0"], 0)


def test_an_export_quotes_every_cell_so_a_semicolon_stays_inside_its_cell():
    # Issue 11 follow-up: spreadsheets that split on ";" must not see "=1+1" as a cell of its own.
    Entity.objects.create(slug="acme", name="Acme;=1+1", kind="company", description='Says "hi"; =2')
    stream = StringIO()
    write_entities_csv(Entity.objects.all(), stream)
    assert stream.getvalue().splitlines()[1] == '"acme","Acme;=1+1","company","","","","Says ""hi""; =2","",""'
    stream.seek(0)
    assert load_entities(stream).unchanged == 1


def test_a_product_row_loads_as_a_curated_product(tmp_path):
    path = write_csv(tmp_path, "iphone-16-pro,iPhone 16 Pro,product,,iPhone16Pro,,Apple smartphone,,")
    lines, code = run_load(path)
    assert code == 0, lines
    product = Entity.objects.get(slug="iphone-16-pro")
    assert (product.kind, product.source) == (Entity.Kind.PRODUCT, Entity.Source.CURATED)
