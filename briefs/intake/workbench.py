"""The editor's view of one article: strips, mentions and suggestions, each with its decision buttons.

The admin's change page for a source article shows these panels under the form. Every button posts
to `article_action`, which checks the permission, checks the decision with a small form
(briefs/intake/forms.py), calls one function of `briefs.intake.curation`, reports the result with a
message and returns to the article.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from briefs.intake import curation
from briefs.intake.forms import (
    AcceptSuggestionForm,
    EntityChoiceForm,
    StripByHandForm,
    StripDecisionForm,
    SuggestionDecisionForm,
    form_errors,
)
from briefs.intake.highlight import Span, highlight
from briefs.intake.models import Mention, SourceArticle, Strip, Suggestion
from briefs.kb.models import Entity

STRIP_CHANGE = "intake.change_strip"
ARTICLE_CHANGE = "intake.change_sourcearticle"
# An alias changes an existing entity everywhere it is used (tagging, search, its public page), so it
# needs change_entity; accepting a name as a new entity needs only add_entity, which writers hold.
ENTITY_CHANGE = "kb.change_entity"


def workbench_context(article: SourceArticle) -> dict:
    """Ready-made values for the workbench panels of `article`."""
    strips = list(article.strips.select_related("decided_by"))
    mentions = list(article.mentions.select_related("entity"))
    return {
        "raw_html": highlight(article.raw_text, [_strip_span(strip) for strip in strips]),
        "cleaned_html": highlight(article.cleaned_text, [_mention_span(mention) for mention in mentions]),
        "strips": strips,
        "strip_kinds": Strip.Kind.choices,
        "found_entities": _entities_found(mentions),
        "suggestions": list(article.suggestions.select_related("entity").order_by("status", "-count", "surface")),
        "entity_kinds": Entity.Kind.choices,
        "all_entities": Entity.objects.order_by("name").only("slug", "name"),
        "tagged_entities": list(article.entities.all()),
    }


def _strip_span(strip: Strip) -> Span:
    state = "stripped" if strip.is_stripped else "restored"
    return Span(
        strip.start,
        strip.end,
        css_class=f"strip strip-{strip.kind} strip-{state}",
        title=f"{strip.get_kind_display()} ({state}) — rule: {strip.rule}",
        element="del" if strip.is_stripped else "mark",
        element_id=f"strip-{strip.pk}",
    )


def _mention_span(mention: Mention) -> Span:
    entity = mention.entity
    return Span(
        mention.start,
        mention.end,
        css_class=f"mention mention-{entity.kind} mention-{mention.status}",
        title=f"{entity.name} ({entity.get_kind_display().lower()}, {mention.get_status_display().lower()})",
    )


def _entities_found(mentions: list[Mention]) -> list[dict]:
    by_entity = {}
    for mention in mentions:
        row = by_entity.setdefault(
            mention.entity_id, {"entity": mention.entity, "count": 0, "surfaces": set(), "status": mention.status}
        )
        row["count"] += 1
        row["surfaces"].add(mention.surface)
    rows = sorted(by_entity.values(), key=lambda row: (-row["count"], row["entity"].name))
    for row in rows:
        row["surfaces"] = "、".join(sorted(row["surfaces"]))
    return rows


def _strip_decision(to, decide, done):
    """A workbench decision moving one strip `to` a status through `decide(strip, by=)`, reported as `done`."""

    def decision(request, article, pk):
        form = StripDecisionForm({"strip": pk}, article=article, to=to)
        if not form.is_valid():
            return None, form_errors(form)
        strip = form.cleaned_data["strip"]
        decide(strip, by=request.user)
        return done.format(text=strip.text[:40]), None

    return decision


_restore = _strip_decision(
    Strip.Status.RESTORED, curation.restore_strip, "Restored “{text}”; the cleaned text has it back."
)
_strip_again = _strip_decision(Strip.Status.STRIPPED, curation.strip_again, "Stripped “{text}” again.")


def _strip_by_hand(request, article, pk):
    form = StripByHandForm(request.POST, article=article)
    if not form.is_valid():
        return None, form_errors(form)
    made = curation.strip_by_hand(article, by=request.user, **form.cleaned_data)
    return f"Stripped {len(made)} passage{'s' if len(made) != 1 else ''} by hand.", None


def _reclean(request, article, pk):
    counts = curation.reclean(article)
    for failure in counts["rule_failures"]:
        messages.warning(request, f"Rule error: {failure}")
    return f"Cleaned again with the current rules: {counts['added']} new strips, {counts['dropped']} dropped.", None


def _entity_decision(decide, done):
    """A workbench decision on one found entity: `decide(article, entity)`, reported as `done` names it."""

    def decision(request, article, pk):
        form = EntityChoiceForm({"entity": pk}, article=article)
        if not form.is_valid():
            return None, form_errors(form)
        entity = form.cleaned_data["entity"]
        decide(article, entity)
        return done.format(name=entity.name), None

    return decision


_confirm_entity = _entity_decision(
    curation.confirm_entity, "Confirmed {name}; it is now one of the article's entities."
)
_reject_entity = _entity_decision(curation.reject_entity, "Rejected {name} for this article.")


def _accept_suggestion(request, article, pk):
    if request.POST.get("alias_of", "").strip() and not request.user.has_perm(ENTITY_CHANGE):
        surface = Suggestion.objects.filter(pk=pk, article=article).values_list("surface", flat=True).first()
        return None, (
            f"Adding “{surface or 'a name'}” as an alias changes an existing entity, and you do not have "
            "permission to change entities. Accept it as a new entity, or ask an editor to add the alias."
        )
    form = AcceptSuggestionForm({**request.POST.dict(), "suggestion": pk}, article=article)
    if not form.is_valid():
        return None, form_errors(form)
    suggestion, alias_of, name_zh = (form.cleaned_data[field] for field in ("suggestion", "alias_of", "name_zh"))
    entity = curation.accept_suggestion(
        suggestion,
        by=request.user,
        name=form.cleaned_data["name"],
        kind=form.cleaned_data["kind"],
        name_zh=name_zh,
        alias_of=alias_of,
    )
    if alias_of is not None:
        return f"“{name_zh}” is now an alias of {entity.name}.", None
    return f"Added {entity.name} ({entity.get_kind_display().lower()}) to the knowledge base.", None


def _reject_suggestion(request, article, pk):
    form = SuggestionDecisionForm({"suggestion": pk}, article=article)
    if not form.is_valid():
        return None, form_errors(form)
    suggestion = form.cleaned_data["suggestion"]
    curation.reject_suggestion(suggestion, by=request.user)
    return f"“{suggestion.surface}” will not be suggested again.", None


ACTIONS = {
    # action: (handler, permission needed)
    "restore": (_restore, STRIP_CHANGE),
    "strip-again": (_strip_again, STRIP_CHANGE),
    "strip-by-hand": (_strip_by_hand, "intake.add_strip"),
    "reclean": (_reclean, STRIP_CHANGE),
    "confirm-entity": (_confirm_entity, ARTICLE_CHANGE),
    "reject-entity": (_reject_entity, ARTICLE_CHANGE),
    "accept-suggestion": (_accept_suggestion, "kb.add_entity"),
    "reject-suggestion": (_reject_suggestion, "intake.change_suggestion"),
}


@require_POST
def article_action(request, article_id, action, pk=0):
    """Carry out one workbench button for the article and go back to it.

    Each handler checks its input with a small form (briefs/intake/forms.py) and returns
    (success message, None) or (None, why it was refused); a refused decision changes nothing.
    """
    if action not in ACTIONS:
        raise Http404("No such action.")
    handler, permission = ACTIONS[action]
    if not request.user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action.replace('-', ' ')}.")
    article = get_object_or_404(SourceArticle, pk=article_id)
    done, refused = handler(request, article, pk)
    if refused:
        messages.error(request, refused)
    else:
        messages.success(request, done)
    return redirect("admin:intake_sourcearticle_change", article.pk)
