"""The brief workflow: who may make which move from which state, what publishing checks, what is recorded."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from briefs.desk.models import Brief, BriefChangedMeanwhile, KeyFact, Transition
from briefs.desk.states import TransitionNotAllowed
from briefs.desk.times import desk_time
from briefs.intake.models import Mention
from tests.factories import make_brief, make_entity, make_source_article

pytestmark = pytest.mark.django_db

AUTHOR_WRITER, OTHER_WRITER, EDITOR, AUTHOR_EDITOR = "author writer", "other writer", "editor", "author editor"


@pytest.fixture
def people(writer, editor, django_user_model):
    other = django_user_model.objects.create_user(username="walt", is_staff=True)
    other.groups.add(Group.objects.get(name="Writer"))
    return {AUTHOR_WRITER: writer, OTHER_WRITER: other, EDITOR: editor, AUTHOR_EDITOR: editor}


def make_move(brief, move, user):
    moves = {
        "submit_for_review": lambda: brief.move("submit_for_review", by=user),
        "request_changes": lambda: brief.move("request_changes", by=user, comment="Add the merchants figure."),
        "publish": lambda: brief.move("publish", by=user),
        "schedule": lambda: brief.move("publish", by=user, at=timezone.now() + dt.timedelta(days=1)),
        "withdraw": lambda: brief.move("withdraw", by=user, comment="The source was retracted."),
        "correct": lambda: brief.move("correct", by=user, comment="An earlier version misnamed the COO."),
        "reopen": lambda: brief.move("reopen", by=user),
    }
    moves[move]()


# move, the state it starts from, who tries it, the state it ends in (None: refused)
MATRIX = [
    ("submit_for_review", "draft", AUTHOR_WRITER, "in_review"),
    ("submit_for_review", "draft", OTHER_WRITER, None),
    ("submit_for_review", "draft", EDITOR, "in_review"),
    ("submit_for_review", "in_review", AUTHOR_WRITER, None),
    ("submit_for_review", "published", EDITOR, None),
    ("request_changes", "in_review", EDITOR, "draft"),
    ("request_changes", "in_review", AUTHOR_WRITER, None),
    ("request_changes", "draft", EDITOR, None),
    ("publish", "in_review", EDITOR, "published"),
    ("publish", "in_review", AUTHOR_WRITER, None),
    ("publish", "in_review", OTHER_WRITER, None),
    ("publish", "in_review", AUTHOR_EDITOR, None),
    ("publish", "draft", EDITOR, None),
    ("publish", "withdrawn", EDITOR, None),
    ("schedule", "in_review", EDITOR, "scheduled"),
    ("schedule", "in_review", AUTHOR_WRITER, None),
    ("schedule", "in_review", AUTHOR_EDITOR, None),
    ("schedule", "scheduled", EDITOR, "scheduled"),
    ("schedule", "draft", EDITOR, None),
    ("withdraw", "published", EDITOR, "withdrawn"),
    ("withdraw", "scheduled", EDITOR, "withdrawn"),
    ("withdraw", "published", AUTHOR_EDITOR, "withdrawn"),
    ("withdraw", "published", AUTHOR_WRITER, None),
    ("withdraw", "draft", EDITOR, None),
    ("correct", "published", EDITOR, "published"),
    ("correct", "published", AUTHOR_WRITER, None),
    ("correct", "in_review", EDITOR, None),
    ("reopen", "withdrawn", EDITOR, "draft"),
    ("reopen", "withdrawn", AUTHOR_WRITER, None),
    ("reopen", "published", EDITOR, None),
]


@pytest.mark.parametrize(("move", "start", "actor", "end"), MATRIX, ids=[f"{m}-{s}-{a}" for m, s, a, _ in MATRIX])
def test_each_role_may_make_only_the_moves_the_table_allows(people, move, start, actor, end):
    author = people[AUTHOR_EDITOR] if actor == AUTHOR_EDITOR else people[AUTHOR_WRITER]
    brief = make_brief(author=author, status=start)
    if end is None:
        with pytest.raises(TransitionNotAllowed):
            make_move(brief, move, people[actor])
        assert Brief.objects.get(pk=brief.pk).status == start
        assert not Transition.objects.filter(brief=brief).exists()
    else:
        make_move(brief, move, people[actor])
        assert Brief.objects.get(pk=brief.pk).status == end
        assert Transition.objects.filter(brief=brief, from_status=start, to_status=end, by=people[actor]).exists()


def test_an_editor_cannot_approve_their_own_brief_and_is_told_why(editor):
    brief = make_brief(author=editor, status="in_review")
    with pytest.raises(TransitionNotAllowed, match="nobody approves their own brief"):
        brief.move("publish", by=editor)


def test_a_writer_trying_to_publish_is_told_only_editors_can(writer):
    brief = make_brief(author=writer, status="in_review")
    with pytest.raises(TransitionNotAllowed, match="Only editors can approve and publish"):
        brief.move("publish", by=writer)


def test_requesting_changes_needs_a_comment(editor):
    brief = make_brief(status="in_review")
    with pytest.raises(TransitionNotAllowed, match="write what should change"):
        brief.move("request_changes", by=editor, comment="  ")
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_a_move_records_who_when_from_to_and_the_comment(editor):
    brief = make_brief(status="in_review")
    with time_machine.travel(dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC), tick=False):
        brief.move("request_changes", by=editor, comment="Say where the event was.")
    transition = Transition.objects.get(brief=brief)
    assert (transition.by, transition.from_status, transition.to_status) == (editor, "in_review", "draft")
    assert transition.comment == "Say where the event was."
    assert transition.at == dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC)


def test_publishing_sets_publish_time_reviewer_and_keeps_a_snapshot(editor):
    brief = make_brief(status="in_review")
    brief.move("publish", by=editor)
    brief.refresh_from_db()
    assert brief.reviewer == editor
    assert brief.publish_at is not None and brief.published_at is not None
    snapshot = Transition.objects.get(brief=brief).snapshot
    assert snapshot["body"] == brief.body
    assert snapshot["key_facts"] == ["50 billion impressions of traffic for buyers"]


def test_a_move_bumps_the_version_so_open_edit_forms_notice_it(editor):
    brief = make_brief(status="in_review")
    before = brief.version
    brief.move("publish", by=editor)
    assert Brief.objects.get(pk=brief.pk).version == before + 1


# ---- scheduled visibility --------------------------------------------------------------------

def test_a_scheduled_brief_is_invisible_before_its_time_and_visible_after(editor):
    brief = make_brief(status="in_review")
    at = dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(at - dt.timedelta(days=1), tick=False):
        brief.move("publish", by=editor, at=at)
        assert Brief.objects.get(pk=brief.pk).status == "scheduled"
        assert not Brief.objects.published().filter(pk=brief.pk).exists()
    with time_machine.travel(at - dt.timedelta(seconds=1), tick=False):
        assert not Brief.objects.published().filter(pk=brief.pk).exists()
    with time_machine.travel(at + dt.timedelta(seconds=1), tick=False):
        assert Brief.objects.published().filter(pk=brief.pk).exists()


def test_publishing_without_a_time_makes_the_brief_visible_at_once(editor):
    brief = make_brief(status="in_review")
    brief.move("publish", by=editor)
    assert Brief.objects.published().filter(pk=brief.pk).exists()


# ---- publish checks --------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "message"), [("title", "title is empty"), ("dek", "dek is empty"),
                                                ("body", "body is empty")])
def test_publishing_is_blocked_by_an_empty_title_dek_or_body(editor, field, message):
    brief = make_brief(status="in_review")
    Brief.objects.filter(pk=brief.pk).update(**{field: ""})
    brief.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match=message):
        brief.move("publish", by=editor)
    assert Brief.objects.get(pk=brief.pk).status == "in_review"


def test_publishing_is_blocked_without_a_source(editor):
    brief = make_brief(status="in_review")
    brief.source_links.all().delete()
    with pytest.raises(TransitionNotAllowed, match="no source article"):
        brief.move("publish", by=editor)


def test_publishing_is_blocked_without_an_entity(editor):
    brief = make_brief(status="in_review")
    brief.entities.clear()
    with pytest.raises(TransitionNotAllowed, match="no entity"):
        brief.move("publish", by=editor)


def test_publishing_is_blocked_by_chinese_in_the_body(editor):
    brief = make_brief(status="in_review")
    brief.body += " The event was called 买手时代已来."
    brief.save()
    with pytest.raises(TransitionNotAllowed, match=r"must be English.*买手时代已来"):
        brief.move("publish", by=editor)


def test_chinese_in_brackets_after_an_entity_name_is_allowed(editor):
    brief = make_brief(status="in_review")
    brief.body = brief.body.replace("Xiaohongshu held", "Xiaohongshu (小红书) held")
    brief.save()
    assert brief.publish_checks().problems == []


def test_chinese_in_brackets_after_a_word_that_is_not_an_entity_is_refused(editor):
    brief = make_brief(status="in_review")
    brief.body += " Buyers (买手) matter."
    brief.save()
    assert any("must be English" in problem for problem in brief.publish_checks().problems)


def test_publishing_is_blocked_by_a_key_fact_figure_missing_from_the_source(editor):
    brief = make_brief(status="in_review")
    KeyFact.objects.create(brief=brief, position=2, text="Merchants grew 15x")
    with pytest.raises(TransitionNotAllowed, match=r"Key fact 2 .*15"):
        brief.move("publish", by=editor)


def test_key_fact_figures_read_from_the_source_pass(editor):
    article = make_source_article("该平台拥有2.6亿月活跃用户和2600万月活跃创作者。商家数量增长了10倍。")
    brief = make_brief(status="in_review")
    brief.source_links.create(article=article)
    KeyFact.objects.create(brief=brief, position=2, text="260 million monthly users, 26 million creators")
    KeyFact.objects.create(brief=brief, position=3, text="Merchants up 10x")
    assert brief.publish_checks().problems == []


def test_a_short_body_warns_without_blocking(editor):
    brief = make_brief(status="in_review", body="Xiaohongshu will give buyers 50 billion impressions.")
    checks = brief.publish_checks()
    assert any("words" in warning for warning in checks.warnings)
    brief.move("publish", by=editor)
    assert Brief.objects.get(pk=brief.pk).status == "published"


def test_a_long_body_warns():
    brief = make_brief(body="Xiaohongshu sells. " * 400)
    assert any("800 words" in warning for warning in brief.publish_checks().warnings)


def test_a_source_entity_missing_from_the_body_warns():
    brief = make_brief()
    article = brief.sources.get()
    bilibili = make_entity("Bilibili", name_zh="哔哩哔哩")
    Mention.objects.create(article=article, entity=bilibili, surface="哔哩哔哩", start=0, end=4)
    warnings = brief.publish_checks().warnings
    assert any(warning.startswith("Bilibili (哔哩哔哩) is in the source but not in the body") for warning in warnings)


def test_a_rejected_mention_does_not_count_as_a_source_entity():
    brief = make_brief()
    bilibili = make_entity("Bilibili", name_zh="哔哩哔哩")
    Mention.objects.create(article=brief.sources.get(), entity=bilibili, surface="哔哩哔哩", start=0, end=4,
                           status=Mention.Status.REJECTED)
    assert not any("Bilibili" in warning for warning in brief.publish_checks().warnings)


# ---- slug, body_html, locking ----------------------------------------------------------------

def test_the_slug_comes_from_the_title_and_gets_a_suffix_on_a_clash():
    first = make_brief(title="Xiaohongshu bets on buyers", ready=False)
    second = make_brief(title="Xiaohongshu bets on buyers", ready=False)
    third = make_brief(title="Xiaohongshu bets on buyers", ready=False)
    assert (first.slug, second.slug, third.slug) == (
        "xiaohongshu-bets-on-buyers", "xiaohongshu-bets-on-buyers-2", "xiaohongshu-bets-on-buyers-3"
    )


def test_the_slug_follows_the_title_until_the_brief_is_published(editor):
    brief = make_brief(title="Old title", status="in_review")
    brief.title = "New title"
    brief.save()
    assert brief.slug == "new-title"
    brief.move("publish", by=editor)
    brief.title = "Newer title"
    brief.save()
    assert Brief.objects.get(pk=brief.pk).slug == "new-title"


def test_body_html_is_rendered_and_sanitised_on_save():
    brief = make_brief(body="**Buyers** <script>alert(1)</script>", ready=False)
    assert brief.body_html == "<p><strong>Buyers</strong> </p>"


def test_an_edit_of_the_current_version_saves_and_bumps_the_version():
    brief = make_brief()
    brief.body = "New body."
    brief.save_edit(loaded_version=brief.version)
    saved = Brief.objects.get(pk=brief.pk)
    assert (saved.body, saved.version) == ("New body.", 2)


def test_of_two_edits_of_the_same_version_the_second_is_refused():
    brief = make_brief()
    first, second = Brief.objects.get(pk=brief.pk), Brief.objects.get(pk=brief.pk)
    first.body = "First editor's text."
    first.save_edit(loaded_version=1)
    second.body = "Second editor's text."
    with pytest.raises(BriefChangedMeanwhile, match="was changed by"):
        second.save_edit(loaded_version=1)
    assert Brief.objects.get(pk=brief.pk).body == "First editor's text."


# ---- the reviewer's diff and times -----------------------------------------------------------

def test_a_brief_back_in_review_diffs_against_its_last_published_version(editor, second_editor):
    brief = make_brief(status="in_review", author=second_editor)
    brief.move("publish", by=editor)
    brief.move("withdraw", by=editor, comment="Figures to check.")
    brief.move("reopen", by=editor)
    brief.body = brief.body.replace("Ke Nan", "COO Ke Nan")
    brief.save()
    brief.move("submit_for_review", by=second_editor)
    rows = {row["label"]: row for row in brief.diff_against_last_published()}
    assert rows["Body"]["changed"] and not rows["Title"]["changed"]
    assert "officer, <ins>COO </ins>Ke Nan" in rows["Body"]["diff"]


def test_a_brief_never_published_has_no_diff():
    assert make_brief(status="in_review").diff_against_last_published() is None


def test_the_diff_escapes_html_typed_in_the_text():
    brief = make_brief(status="published")
    Transition.objects.create(brief=brief, from_status="in_review", to_status="published",
                              snapshot={"title": brief.title, "dek": "", "body": "<b>old</b>", "key_facts": []})
    brief.body = "<b>new</b>"
    body = next(row for row in brief.diff_against_last_published() if row["label"] == "Body")
    assert "&lt;b&gt;" in body["diff"] and "<b>" not in body["diff"]


def test_desk_times_are_shown_in_the_desk_zone_with_the_zone_named(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    assert desk_time(dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC)) == "24 Aug 2026, 18:00 CST (Asia/Shanghai)"
