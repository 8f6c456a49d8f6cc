"""One move method: every workflow move, recovery included, goes through `Brief.move` over the one table."""

import ast
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from briefs.desk import workflow
from briefs.desk.models import Brief, Transition
from briefs.desk.states import MOVES, Status, TransitionNotAllowed
from tests.desk.test_admin import client_for, form_data, messages_of
from tests.factories import make_brief

pytestmark = pytest.mark.django_db

# move, a state it starts from, the state it ends in, its comment
EACH_MOVE = [
    ("submit_for_review", Status.DRAFT, Status.IN_REVIEW, ""),
    ("request_changes", Status.IN_REVIEW, Status.DRAFT, "Add the merchants figure."),
    ("publish", Status.IN_REVIEW, Status.PUBLISHED, ""),
    ("withdraw", Status.PUBLISHED, Status.WITHDRAWN, "The source was retracted."),
    ("correct", Status.PUBLISHED, Status.PUBLISHED, "An earlier version misnamed the COO."),
    ("reopen", Status.WITHDRAWN, Status.DRAFT, ""),
    ("recover", Status.PUBLISHED, Status.DRAFT, "Recovered after deletion."),
]


def test_the_table_of_moves_is_the_one_exercised_here():
    assert sorted(MOVES) == sorted(name for name, *_ in EACH_MOVE)


@pytest.mark.parametrize(("name", "start", "end", "comment"), EACH_MOVE, ids=[name for name, *_ in EACH_MOVE])
def test_each_move_of_the_table_is_made_by_brief_move_and_recorded(editor, name, start, end, comment):
    brief = make_brief(status=start)
    before = brief.version
    brief.move(name, by=editor, comment=comment)
    saved = Brief.objects.get(pk=brief.pk)
    assert saved.status == end
    assert saved.version == before + 1
    transition = Transition.objects.get(brief=brief)
    assert (transition.from_status, transition.to_status, transition.by, transition.comment) == (
        start, end, editor, comment
    )
    revision = Version.objects.get_for_object(saved).get().revision
    assert revision.user == editor
    assert revision.get_comment().startswith(MOVES[name].label)


def test_recovering_unschedules_the_brief_so_it_goes_through_review_again(editor):
    brief = make_brief(status=Status.SCHEDULED)
    brief.move("recover", by=editor, comment="Recovered after deletion.")
    saved = Brief.objects.get(pk=brief.pk)
    assert (saved.status, saved.publish_at) == (Status.DRAFT, None)
    assert not Brief.objects.published().filter(pk=brief.pk).exists()


def test_recovering_a_brief_stored_as_a_draft_still_records_the_recovery(editor):
    brief = make_brief(status=Status.DRAFT)
    brief.move("recover", by=editor, comment="Recovered after deletion.")
    transition = Transition.objects.get(brief=brief)
    assert (transition.from_status, transition.to_status) == (Status.DRAFT, Status.DRAFT)


def test_only_editors_may_recover_a_brief(writer):
    brief = make_brief(author=writer, status=Status.DRAFT)
    with pytest.raises(TransitionNotAllowed, match="Only editors can recover deleted briefs"):
        brief.move("recover", by=writer, comment="Mine.")
    assert not Transition.objects.filter(brief=brief).exists()


def test_recover_is_no_button_on_the_brief_page_and_cannot_be_posted_there(editor):
    brief = make_brief(status=Status.PUBLISHED)
    assert "recover" not in dict(workflow.allowed_moves(brief, editor))
    response = client_for(editor).post(
        reverse("admin:desk_brief_move", args=[brief.pk]), {"move": "recover", "comment": "Sneaky."}, follow=True
    )
    assert any("recover" in message for message in messages_of(response))
    assert Brief.objects.get(pk=brief.pk).status == Status.PUBLISHED


def test_the_recovery_view_records_the_return_to_draft_as_a_move_with_a_revision(editor):
    brief = make_brief(status=Status.PUBLISHED, slug="gone-and-back")
    with reversion.create_revision():
        brief.save()
    version = Version.objects.get_for_object(brief).get()
    brief.delete()
    client = client_for(editor)
    url = reverse("admin:desk_brief_recover", args=[version.pk])
    shown = client.get(url).context["adminform"].form
    assert not Brief.objects.filter(slug="gone-and-back").exists()  # showing the form recovers nothing
    data = {name: version.field_dict[name] for name in ("title", "dek", "body")}
    data |= {"topics": "", "entities": [], "loaded_version": shown["loaded_version"].value()}
    for prefix in ("source_links", "key_facts"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    assert client.post(url, data).status_code == 302
    recovered = Brief.objects.get(slug="gone-and-back")
    assert recovered.status == Status.DRAFT
    transition = recovered.transitions.get()
    assert (transition.from_status, transition.by) == (Status.PUBLISHED, editor)
    comments = [version.revision.get_comment() for version in Version.objects.get_for_object(recovered)]
    assert any(comment.startswith("Recover:") for comment in comments)


def test_a_time_given_to_a_move_other_than_publish_is_not_a_publish_time(editor):
    brief = make_brief(status=Status.PUBLISHED)
    publish_at = Brief.objects.get(pk=brief.pk).publish_at
    brief.move("withdraw", by=editor, comment="Legal asked us to.", at=publish_at.replace(year=publish_at.year + 1))
    assert Brief.objects.get(pk=brief.pk).publish_at == publish_at


# ---- nobody else sets a brief's status -----------------------------------------------------------

def status_setters(path):
    """(line, enclosing function) of each `x.status = …` or `….update/create(status=…)` in the module at `path`."""
    tree = ast.parse(path.read_text())
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            targets = []
            if isinstance(child, ast.Assign):
                targets = [
                    element for target in child.targets
                    for element in (target.elts if isinstance(target, ast.Tuple) else [target])
                ]
            if any(isinstance(target, ast.Attribute) and target.attr == "status" for target in targets):
                found.append((child.lineno, function))
            if (
                isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                and child.func.attr in {"update", "create", "get_or_create", "update_or_create"}
                and any(keyword.arg == "status" for keyword in child.keywords)
            ):
                found.append((child.lineno, function))
            visit(child, name)

    visit(tree, None)
    return found


def test_only_brief_move_sets_a_brief_status():
    """The desk and the public site (the apps that hold briefs) set a status only inside `Brief.move`."""
    base = Path(settings.BASE_DIR) / "briefs"
    setters = [
        (str(path.relative_to(base)), line, function)
        for folder in ("desk", "public")
        for path in sorted((base / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for line, function in status_setters(path)
    ]
    assert {(path, function) for path, _, function in setters} == {("desk/models.py", "move")}, setters


# ---- the admin passes nothing between its methods on the request -------------------------------------

def test_the_admin_keeps_no_desk_state_on_the_request(writer_client, editor_client):
    from tests.factories import make_source_article

    article = make_source_article()
    added = writer_client.get(reverse("admin:desk_brief_add") + f"?from_article={article.pk}")
    assert added.status_code == 200
    brief = make_brief(status=Status.PUBLISHED)
    saved = editor_client.post(reverse("admin:desk_brief_change", args=[brief.pk]), form_data(brief))
    assert saved.status_code == 302
    for response in (added, saved):
        assert [name for name in vars(response.wsgi_request) if name.startswith("desk_")] == []
