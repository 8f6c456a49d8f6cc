"""The brief's History in the admin: list and compare revisions, revert a brief's words, recover a deleted brief.

A revert here is narrower than django-reversion's: reversion reverts every object of a revision, and
finds the version by object id alone, so a revision that also holds other briefs (an action that
published several at once) or another brief's key fact would change those too. The desk instead
accepts only a version of the brief named in the URL, checks that the user may edit that brief before
anything changes, and puts back only its words (title, dek, body) with its own key facts and source
links. Status, publishing times, author, reviewer, slug and the lock version never come from a revision.

A revert of a live brief (published or scheduled) puts words in front of readers, so it is kept only
when the brief as restored and saved passes every publish check (`Brief.publish_checks`); otherwise
it is rolled back and the revert form shows why. The check runs on the saved state, not on what the
form posted, because a restored key fact or source the post leaves out is live all the same.
"""

import copy

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion import set_comment
from reversion.models import Version
from reversion.utils import mute_signals

from briefs.desk import diff, workflow
from briefs.desk.models import Brief, BriefSource, KeyFact
from briefs.desk.times import desk_time

# What a revert puts back on the brief itself; everything else on the brief stays as it is now.
REVERTED_WORDS = ("title", "dek", "body")


class UndoPreview(Exception):
    """Carries the rendered revert form out of the transaction, so the preview's changes roll back."""

    def __init__(self, response):
        self.response = response


class RevertRefused(Exception):
    """A revert of a live brief whose restored state fails the publish checks; `problems` say which."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


def live_problems(brief_pk):
    """The publish checks' problems of the brief as it is now in the database if it is live, else []."""
    brief = Brief.objects.get(pk=brief_pk)
    if brief.status not in Brief.PUBLIC_STATUSES:
        return []
    return brief.publish_checks().problems


def restore_parts(brief, revision):
    """Make `brief`'s key facts and source links those `revision` stored for it; other objects are untouched.

    A stored row is skipped when its id now belongs to another brief or its article was deleted.
    """
    for model in (KeyFact, BriefSource):
        stored = [
            version._object_version.object
            for version in revision.version_set.filter(content_type__app_label=model._meta.app_label,
                                                       content_type__model=model._meta.model_name)
        ]
        stored = [row for row in stored if row.brief_id == brief.pk]
        model.objects.filter(brief=brief).exclude(pk__in=[row.pk for row in stored]).delete()
        for row in stored:
            if model.objects.filter(pk=row.pk).exclude(brief=brief).exists():
                continue
            article_model = BriefSource._meta.get_field("article").related_model
            if model is BriefSource and not article_model.objects.filter(pk=row.article_id).exists():
                continue
            row.save()


def restore_words(brief, version):
    """Put back the title, dek and body `version` stored for `brief`, and its own key facts and sources."""
    fields = version.field_dict
    Brief.objects.filter(pk=brief.pk).update(**{name: fields.get(name) or "" for name in REVERTED_WORDS})
    restore_parts(brief, version.revision)


class BriefHistoryMixin:
    """History, compare, revert and recover views for `BriefAdmin` (a django-reversion `VersionAdmin`)."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Revert form for one revision of this brief; 404 for any other object's version, 403 unless editable."""
        brief = self.get_object(request, unquote(object_id))
        if brief is None:
            raise Http404("No such brief.")
        # Checked before anything is put back, for showing the form as much as for saving it.
        if not brief.can_be_edited_by(request.user):
            raise PermissionDenied("You may not edit this brief, so you may not revert it.")
        version = get_object_or_404(Version.objects.get_for_object(brief), pk=version_id)
        context = {"title": f"Revert “{brief}”", "revert": True, **(extra_context or {})}
        comment = f"Reverted the words to the revision of {desk_time(version.revision.date_created)}"
        return self._words_form_view(
            request, brief.pk, lambda: restore_words(brief, version),
            self._reversion_get_template_list("revision_form.html"), context, comment,
        )

    def recoverlist_view(self, request, extra_context=None):
        if not workflow.is_editor(request.user):
            raise PermissionDenied("Only editors may recover deleted briefs.")
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted brief with its own key facts and sources; it comes back as a draft, recorded."""
        if not workflow.is_editor(request.user):
            raise PermissionDenied("Only editors may recover deleted briefs.")
        version = get_object_or_404(Version.objects.get_deleted(Brief), pk=version_id)
        brief_pk = int(version.object_id)

        def restore():
            version.revert()  # this brief's own row only, never the rest of its revision
            brief = Brief.objects.get(pk=brief_pk)
            restore_parts(brief, version.revision)
            brief.move("recover", by=request.user,
                       comment="Recovered after deletion; back to draft, to be reviewed again.")

        context = {"title": f"Recover “{version.object_repr}”", "recover": True, **(extra_context or {})}
        return self._words_form_view(
            request, brief_pk, restore, self._reversion_get_template_list("recover_form.html"), context,
            "Recovered after deletion, as a draft",
        )

    def _words_form_view(self, request, brief_pk, restore, template, context, comment, refused=False):
        """Run `restore`, then the change form over the result; keep the changes only if the form saves.

        A live brief's revert is kept only if the brief as saved passes the publish checks; if not,
        everything rolls back and the form is shown again over the restored words, naming the problems
        (`refused`). Showing the form for a live brief names them beforehand.
        """
        # Showing the form must change nothing anywhere: no cache or search upkeep for a preview.
        signals = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        try:
            with transaction.atomic():
                if request.method == "GET":
                    with signals:
                        restore()
                    self._say_why_a_revert_would_be_refused(request, brief_pk, refused)
                else:
                    restore()
                with self.create_revision(request):
                    response = self.changeform_view(request, str(brief_pk), request.path, context)
                    if request.method == "POST" and response.status_code == 302:
                        problems = live_problems(brief_pk)
                        if problems:
                            raise RevertRefused(problems)
                        set_comment(comment)
                        return response
                    if hasattr(response, "render"):
                        response.template_name = template
                        response.render()
                    raise UndoPreview(response)
        except UndoPreview as undo:
            return undo.response
        except RevertRefused:
            # Rolled back; show the revert form again as it first appeared, with the reasons.
            again = copy.copy(request)
            again.method = "GET"
            return self._words_form_view(again, brief_pk, restore, template, context, comment, refused=True)

    def _say_why_a_revert_would_be_refused(self, request, brief_pk, refused):
        problems = live_problems(brief_pk)
        if not problems:
            return
        brief = Brief.objects.get(pk=brief_pk)
        status = brief.get_status_display().lower()
        if refused:
            lead = f"Not reverted: “{brief}” is {status}, and this revision fails the publish checks."
        else:
            lead = (f"“{brief}” is {status}, so this revert is saved only if the restored brief passes "
                    "the publish checks, and it does not.")
        self.message_user(
            request, f"{lead} {' '.join(problems)} Revert to another revision, or withdraw the brief first.",
            messages.ERROR if refused else messages.WARNING,
        )

    def history_view(self, request, object_id, extra_context=None):
        brief = self.get_object(request, unquote(object_id))
        if brief is None:
            raise Http404("No such brief.")
        versions = Version.objects.get_for_object(brief).select_related("revision__user")
        rows = [
            {**revision_row(version), "revert_url": reverse("admin:desk_brief_revision", args=[brief.pk, version.pk])}
            for version in versions
        ]
        context = {"desk_revisions": rows, "can_revert": brief.can_be_edited_by(request.user)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def compare_view(self, request, pk):
        """A readable diff between two revisions of the brief (?from=<version id>&to=<version id>)."""
        brief = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, brief):
            raise PermissionDenied
        versions = Version.objects.get_for_object(brief).select_related("revision__user")
        older = get_object_or_404(versions, pk=version_id(request.GET.get("from")))
        newer = get_object_or_404(versions, pk=version_id(request.GET.get("to")))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": brief,
            "title": f"Compare revisions of “{brief}”",
            "older": revision_row(older),
            "newer": revision_row(newer),
            "rows": diff.diff_snapshots(snapshot_of_version(older, brief), snapshot_of_version(newer, brief)),
        }
        return TemplateResponse(request, "admin/desk/brief/compare.html", context)


def revision_row(version):
    user = version.revision.user
    return {
        "id": version.pk,
        "at": desk_time(version.revision.date_created),
        "user": user.get_username() if user else "—",
        "comment": version.revision.get_comment(),
    }


def snapshot_of_version(version, brief):
    """The words of `brief` as a revision stored them, in the shape `diff.diff_snapshots` compares.

    Only the brief's own key facts count: a revision may hold other briefs' too.
    """
    fields = version.field_dict
    facts = sorted(
        (
            fact.field_dict for fact in version.revision.version_set.all()
            if fact.content_type.model == "keyfact" and fact.field_dict.get("brief_id") == brief.pk
        ),
        key=lambda fact: (fact["position"], fact["id"]),
    )
    return {
        "title": fields.get("title", ""),
        "dek": fields.get("dek", ""),
        "body": fields.get("body", ""),
        "key_facts": [fact["text"] for fact in facts],
    }


def version_id(value):
    """A revision id from the query string; anything but a whole number is no revision (404)."""
    if not value or not value.isdigit() or len(value) > 18:
        raise Http404("No such revision.")
    return int(value)

