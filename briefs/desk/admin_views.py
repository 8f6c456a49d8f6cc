"""The brief desk's admin views and page panels: moves pressed on a brief's page, the source beside the form.

`BriefAdmin` (admin.py) holds the configuration and calls these; every move goes through
`Brief.move`, and a refused move is reported with `message_user` and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from briefs.desk import workflow
from briefs.desk.checks import source_entities_of
from briefs.desk.forms import MoveForm
from briefs.desk.markdown import MarkdownTooComplex, render_markdown
from briefs.desk.states import Status, TransitionNotAllowed
from briefs.desk.times import desk_time
from briefs.intake.highlight import Span, highlight
from briefs.intake.models import Mention, SourceArticle
from briefs.text.numbers import find_figures

# ---- the views behind the extra URLs ------------------------------------------------------------

def from_article(model_admin, request, article_pk):
    """A new brief beside this article: the add page, told by its query string what to prefill."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    article = get_object_or_404(SourceArticle, pk=article_pk)
    return redirect(f"{reverse('admin:desk_brief_add')}?from_article={article.pk}")


def preview_markdown(model_admin, request):
    """The live preview: posted Markdown back as the sanitised HTML readers would get."""
    if request.method != "POST":
        return JsonResponse({"error": "POST the Markdown as `body`."}, status=405)
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    try:
        return JsonResponse({"html": render_markdown(request.POST.get("body", ""))})
    except MarkdownTooComplex as refusal:
        # The same limits as saving: the editor sees why, and no worker is tied up rendering it.
        return JsonResponse({"error": " ".join(refusal.problems)}, status=400)


def preview(model_admin, request, pk):
    """The brief as its public page will look, for staff only, never indexed or cached."""
    brief = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    if not model_admin.has_view_permission(request, brief):
        raise PermissionDenied
    response = TemplateResponse(request, "public/brief_detail.html", {"brief": brief, "is_preview": True})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def run_action(model_admin, request, queryset, move_name, done):
    """Make the move `move_name` on each selected brief; each refusal is reported, the rest still move."""
    moved = 0
    for brief in queryset:
        try:
            brief.move(move_name, by=request.user)
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
    try:
        brief.move(
            form.cleaned_data["move"], by=request.user, comment=form.cleaned_data["comment"],
            at=form.cleaned_data["publish_at"],
        )
    except TransitionNotAllowed as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
    else:
        model_admin.message_user(
            request, f"“{brief}” is now {brief.get_status_display().lower()}"
            + (f" (publish at {desk_time(brief.publish_at)})." if brief.status == Status.SCHEDULED else "."),
            messages.SUCCESS,
        )
    return redirect("admin:desk_brief_change", brief.pk)


# ---- the change form: what it starts with, what it checks, what is beside it --------------------

def article_to_prefill(request):
    """The source article named by `?from_article=<pk>` (see `from_article`), or None."""
    article_pk = request.GET.get("from_article", "")
    if not article_pk.isdigit():
        return None
    return SourceArticle.objects.filter(pk=article_pk).first()


def submitted_formsets(model_admin, request, brief):
    """The inline formsets posted with `brief`'s change form, built from the POST as the admin builds its own.

    A second, independent copy of Django's (ModelAdmin._create_formsets): BriefForm validates the brief
    as submitted, sources and key facts included, before Django validates these. The prefix is each
    formset's default, as Django gives it when no two inlines share a model.
    """
    return [
        formset_class(**model_admin.get_formset_kwargs(request, brief, inline, formset_class.get_default_prefix()))
        for formset_class, inline in model_admin.get_formsets_with_inlines(request, brief)
    ]


def change_form_context(request, context, brief):
    """The panels of the add and change pages: sources beside the form, a save conflict, the workflow."""
    articles = list(brief.sources.all()) if brief is not None else []
    if not articles and (article := article_to_prefill(request)) is not None:
        articles = [article]
    form = context["adminform"].form if context.get("adminform") else None
    extra = {
        "desk_sources": [source_panel(article) for article in articles],
        "desk_conflict": getattr(form, "conflict", None),
        "preview_url": reverse("admin:desk_brief_preview_markdown"),
    }
    if brief is not None and brief.pk:
        extra.update(brief_page_context(request, brief))
    return extra


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
