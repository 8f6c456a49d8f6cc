"""The editor's view of one article: strips, mentions and suggestions, each with its decision buttons.

The admin's change page for a source article shows these panels under the form. Every button posts
to `article_action`, which checks the permission, calls one function of `briefs.intake.curation`, reports
the result with a message and returns to the article.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from briefs.intake import curation
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


def _restore(request, article, pk):
    strip = get_object_or_404(Strip, pk=pk, article=article)
    curation.restore_strip(strip, by=request.user)
    return f"Restored “{strip.text[:40]}”; the cleaned text has it back."


def _strip_again(request, article, pk):
    strip = get_object_or_404(Strip, pk=pk, article=article)
    curation.strip_again(strip, by=request.user)
    return f"Stripped “{strip.text[:40]}” again."


def _strip_by_hand(request, article, pk):
    kind = request.POST.get("kind", Strip.Kind.PROMO)
    if kind not in Strip.Kind.values:
        raise curation.CurationError(f"Unknown kind of strip “{kind}”.")
    start, end = _offset(request.POST.get("start")), _offset(request.POST.get("end"))
    made = curation.strip_by_hand(article, by=request.user, kind=kind, text=request.POST.get("text", ""),
                                  start=start, end=end)
    return f"Stripped {len(made)} passage{'s' if len(made) != 1 else ''} by hand."


def _offset(value):
    if value is None or value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError as error:
        raise curation.CurationError(f"Offsets are whole numbers; “{value[:20]}” is not.") from error


def _reclean(request, article, pk):
    counts = curation.reclean(article)
    for failure in counts["rule_failures"]:
        messages.warning(request, f"Rule error: {failure}")
    return f"Cleaned again with the current rules: {counts['added']} new strips, {counts['dropped']} dropped."


def _confirm_entity(request, article, pk):
    entity = get_object_or_404(Entity, pk=pk)
    curation.confirm_entity(article, entity)
    return f"Confirmed {entity.name}; it is now one of the article's entities."


def _reject_entity(request, article, pk):
    entity = get_object_or_404(Entity, pk=pk)
    curation.reject_entity(article, entity)
    return f"Rejected {entity.name} for this article."


def _accept_suggestion(request, article, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk, article=article)
    alias_of = None
    alias_slug = request.POST.get("alias_of", "").strip()
    if alias_slug and not request.user.has_perm(ENTITY_CHANGE):
        raise PermissionDenied(
            f"Adding “{suggestion.surface}” as an alias changes an existing entity, and you do not have "
            "permission to change entities. Accept it as a new entity, or ask an editor to add the alias."
        )
    if alias_slug:
        alias_of = Entity.objects.filter(slug=alias_slug[:100]).first()
        if alias_of is None:
            raise curation.CurationError(
                f"No entity has the address “{alias_slug[:40]}”; choose one from the list, or leave it empty."
            )
    entity = curation.accept_suggestion(
        suggestion,
        by=request.user,
        name=request.POST.get("name", ""),
        kind=request.POST.get("kind", ""),
        alias_of=alias_of,
    )
    if alias_of is not None:
        return f"“{suggestion.surface}” is now an alias of {entity.name}."
    return f"Added {entity.name} ({entity.get_kind_display().lower()}) to the knowledge base."


def _reject_suggestion(request, article, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk, article=article)
    curation.reject_suggestion(suggestion, by=request.user)
    return f"“{suggestion.surface}” will not be suggested again."


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
    """Carry out one workbench button for the article and go back to it."""
    if action not in ACTIONS:
        raise Http404("No such action.")
    handler, permission = ACTIONS[action]
    if not request.user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action.replace('-', ' ')}.")
    article = get_object_or_404(SourceArticle, pk=article_id)
    try:
        messages.success(request, handler(request, article, pk))
    except (curation.CurationError, PermissionDenied) as error:
        # A handler refuses before changing anything; the editor stays on the article with the reason.
        messages.error(request, str(error))
    return redirect("admin:intake_sourcearticle_change", article.pk)
