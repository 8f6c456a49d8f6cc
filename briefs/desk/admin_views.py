"""The brief desk's admin views and page panels: moves pressed on a brief's page, the source beside the form.

`BriefAdmin` (admin.py) holds the configuration and calls these; every move goes through a `Brief`
method, and a refused move is reported with `message_user` and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from briefs.desk import workflow
from briefs.desk.checks import source_entities_of
from briefs.desk.forms import MoveForm
from briefs.desk.states import Status, TransitionNotAllowed
from briefs.desk.times import desk_time
from briefs.intake.highlight import Span, highlight
from briefs.intake.models import Mention
from briefs.text.numbers import find_figures


def run_action(model_admin, request, queryset, move, done):
    moved = 0
    for brief in queryset:
        try:
            move(brief)
            moved += 1
        except TransitionNotAllowed as refusal:
            model_admin.message_user(request, str(refusal), messages.ERROR)
    if moved:
        model_admin.message_user(request, f"{moved} brief(s) {done}.", messages.SUCCESS)


def make_move(model_admin, request, pk):
    """Make the move pressed on the brief's page; a refused move is reported and changes nothing."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    brief = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    if not model_admin.has_view_permission(request, brief):
        raise PermissionDenied
    form = MoveForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            model_admin.message_user(request, f"{field}: {' '.join(errors)}", messages.ERROR)
        return redirect("admin:desk_brief_change", brief.pk)
    move, comment, at = form.cleaned_data["move"], form.cleaned_data["comment"], form.cleaned_data["publish_at"]
    by = request.user
    calls = {
        "submit_for_review": lambda: brief.submit_for_review(by=by, comment=comment),
        "request_changes": lambda: brief.request_changes(by=by, comment=comment),
        "publish": lambda: brief.publish(by=by, at=at, comment=comment),
        "withdraw": lambda: brief.withdraw(by=by, reason=comment),
        "correct": lambda: brief.correct(by=by, note=comment),
        "reopen": lambda: brief.reopen(by=by, comment=comment),
    }
    try:
        calls[move]()
    except TransitionNotAllowed as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
    else:
        model_admin.message_user(
            request, f"“{brief}” is now {brief.get_status_display().lower()}"
            + (f" (publish at {desk_time(brief.publish_at)})." if brief.status == Status.SCHEDULED else "."),
            messages.SUCCESS,
        )
    return redirect("admin:desk_brief_change", brief.pk)


# ---- ready values for the templates ------------------------------------------------------------

def source_panel(article):
    """One source beside the form: its cleaned text with mentions marked, its glossary and its figures."""
    text = article.cleaned_text or article.raw_text
    mentions = article.mentions.exclude(status=Mention.Status.REJECTED).select_related("entity")
    spans = [
        Span(mention.start, mention.end, f"desk-mention desk-mention-{mention.status}", title=mention.entity.name)
        for mention in mentions
    ]
    return {
        "article": article,
        "text": highlight(text, spans),
        "glossary": source_entities_of([article]),
        "figures": find_figures(text),
        "admin_url": reverse("admin:intake_sourcearticle_change", args=[article.pk]),
    }


def brief_page_context(request, brief):
    """Checks, workflow buttons, the transition history and the reviewer's diff for the brief's page."""
    transitions = brief.transitions.select_related("by").order_by("-at", "-id")
    published = brief.last_published_snapshot()
    return {
        "desk_checks": brief.publish_checks(),
        "desk_moves": workflow.allowed_moves(brief, request.user),
        "desk_move_form": MoveForm(),
        "desk_move_url": reverse("admin:desk_brief_move", args=[brief.pk]),
        "desk_preview_url": reverse("admin:desk_brief_preview", args=[brief.pk]),
        "desk_transitions": [
            {"transition": transition, "at": desk_time(transition.at),
             "from": brief.Status(transition.from_status).label, "to": brief.Status(transition.to_status).label}
            for transition in transitions
        ],
        "desk_published_diff": brief.diff_against_last_published() if brief.status == brief.Status.IN_REVIEW else None,
        "desk_published_at": desk_time(published.at) if published else "",
        "desk_publish_time": desk_time(brief.publish_at),
        "desk_is_live": brief.is_published(),
    }
