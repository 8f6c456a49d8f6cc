"""What editors do to an imported article: restore or re-strip passages, confirm entities, decide on names.

Every function here keeps the raw text untouched: the cleaned text is always recomputed from the
raw text and the strips still in force, and the mentions are found again in the new cleaned text.
"""

from django.db import transaction
from django.utils import timezone

from briefs.intake import pipeline
from briefs.intake.importing import save_mentions, save_suggestions
from briefs.intake.models import Mention, SourceArticle, Strip, Suggestion
from briefs.kb.models import Entity
from briefs.text.clean import apply_strips, cleaned_title
from briefs.text.clean import clean as clean_text
from briefs.text.names import search_pinyin


class CurationError(Exception):
    """An editor's request that cannot be carried out; the message says why and what to do."""


def recompute(article: SourceArticle) -> None:
    """Rebuild the cleaned text from the strips in force, then find mentions and names in it again.

    An editor's decision on an entity (confirmed or rejected) and on a name (accepted or rejected) survives.
    """
    in_force = list(article.strips.filter(status=Strip.Status.STRIPPED))
    article.cleaned_text = apply_strips(article.raw_text, [(s.start, s.end) for s in in_force])
    article.title = cleaned_title(article.cleaned_text, fallback=article.title)[:500]
    article.save(update_fields=["cleaned_text", "title"])

    decisions = dict(
        article.mentions.exclude(status=Mention.Status.FOUND).values_list("entity__slug", "status").distinct()
    )
    found = pipeline.find_entities(
        article.cleaned_text, captions=pipeline.caption_texts(in_force), byline=article.byline or None
    )
    article.mentions.all().delete()
    save_mentions(article, found["mentions"], decisions=decisions)

    decided = set(article.suggestions.exclude(status=Suggestion.Status.PENDING).values_list("surface", flat=True))
    article.suggestions.filter(status=Suggestion.Status.PENDING).delete()
    save_suggestions(article, [s for s in found["suggestions"] if s.surface not in decided])
    if found["model_names"] and not article.model_names_added:
        _mark_model_names_added(article)


def add_model_names(article: SourceArticle) -> bool:
    """Add the NER model's names to an article imported without them; True when it did.

    Imports skip the model for speed (settings.NER_AT_IMPORT); the article page calls this when it is
    first opened (about 50 ms once). Names already suggested or decided are left as they are; nothing
    happens when the model is unavailable, so the page still opens.
    """
    if article.model_names_added or pipeline.ner_problem() is not None:
        return False
    in_force = article.strips.filter(status=Strip.Status.STRIPPED)
    found = pipeline.find_entities(
        article.cleaned_text, captions=pipeline.caption_texts(in_force), byline=article.byline or None
    )
    with transaction.atomic():
        locked = SourceArticle.objects.select_for_update().get(pk=article.pk)
        if locked.model_names_added:
            return False  # another request added them meanwhile
        known = set(locked.suggestions.values_list("surface", flat=True))
        save_suggestions(locked, [s for s in found["suggestions"] if s.surface not in known])
        _mark_model_names_added(article)
    return True


def _mark_model_names_added(article: SourceArticle) -> None:
    # An update, not a save: the article's version (its optimistic lock) stays, so a form an editor
    # opened before is not made stale by names the desk added on its own.
    SourceArticle.objects.filter(pk=article.pk).update(model_names_added=True)
    article.model_names_added = True


def restore_strip(strip: Strip, *, by) -> None:
    """Put a stripped passage back into the cleaned text."""
    _move_strip(strip, Strip.Status.RESTORED, by)


def strip_again(strip: Strip, *, by) -> None:
    """Take a restored passage out of the cleaned text again."""
    _move_strip(strip, Strip.Status.STRIPPED, by)


@transaction.atomic
def _move_strip(strip: Strip, status: str, by) -> None:
    if strip.status == status:
        raise CurationError(f"That passage is already {Strip.Status(status).label.lower()}.")
    _decide(strip, status, by)
    recompute(strip.article)


def _decide(strip: Strip, status: str, by) -> None:
    strip.status = status
    strip.decided_by = by
    strip.decided_at = timezone.now()
    strip.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def strip_by_hand(article: SourceArticle, *, by, kind=Strip.Kind.PROMO, text="", start=None, end=None) -> list[Strip]:
    """Strip a passage an editor chose, by its text (every occurrence) or by raw-text offsets.

    Raises `CurationError` when the passage is not in the raw text or the offsets are out of range.
    """
    raw = article.raw_text
    if start is not None or end is not None:
        if start is None or end is None or not 0 <= start < end <= len(raw):
            raise CurationError(
                f"Offsets must satisfy 0 ≤ start < end ≤ {len(raw)} (the raw text's length); got {start}–{end}."
            )
        spans = [(start, end)]
    else:
        if not text.strip():
            raise CurationError("Give the passage to strip (paste its text) or its start and end offsets.")
        spans = _occurrences(raw, text)
        if not spans:
            raise CurationError(f"“{text[:60]}” does not occur in the raw text; copy it from the raw text panel.")
    made = []
    for span_start, span_end in spans:
        strip, created = Strip.objects.get_or_create(
            article=article,
            start=span_start,
            end=span_end,
            defaults={
                "kind": kind,
                "text": raw[span_start:span_end],
                "rule": f"stripped by hand by {by.get_username()}",
                "origin": Strip.Origin.EDITOR,
                "decided_by": by,
                "decided_at": timezone.now(),
            },
        )
        if not created and strip.status != Strip.Status.STRIPPED:
            _decide(strip, Strip.Status.STRIPPED, by)
        made.append(strip)
    recompute(article)
    return made


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, position = [], text.find(needle)
    while position != -1:
        spans.append((position, position + len(needle)))
        position = text.find(needle, position + len(needle))
    return spans


@transaction.atomic
def reclean(article: SourceArticle) -> dict:
    """Run the cleaner again with the current rules, keeping every editor decision.

    A strip an editor restored stays restored; a manual strip stays; a strip the cleaner no longer
    finds is dropped only if nobody ever decided on it. Returns counts of added and dropped strips,
    and `rule_failures`: the rules skipped because they ran out of time (rules.RULE_TIMEOUT_SECONDS
    each) or do not compile; the strips such a rule made before stay as they were.
    """
    cleaned = clean_text(article.raw_text, pipeline.current_rules())
    skipped = {failure.rule for failure in cleaned.rule_failures}
    found = {(s.start, s.end): s for s in cleaned.strips}
    existing = {(s.start, s.end): s for s in article.strips.all()}
    stale = [
        s.pk for span, s in existing.items()
        if span not in found and s.origin == Strip.Origin.CLEANER and s.decided_by_id is None
        and not _made_by(s, skipped)
    ]
    Strip.objects.filter(pk__in=stale).delete()
    new = [
        Strip(article=article, kind=s.kind, start=s.start, end=s.end, text=s.text, rule=s.rule[:300])
        for span, s in found.items()
        if span not in existing
    ]
    Strip.objects.bulk_create(new)
    recompute(article)
    return {"added": len(new), "dropped": len(stale), "rule_failures": cleaned.rule_failures}


def _made_by(strip: Strip, rule_names: set[str]) -> bool:
    """True when one of the named rules found the strip ("advert line (lexicon regex: …)" counts too)."""
    return any(name in strip.rule for name in rule_names)


@transaction.atomic
def confirm_entity(article: SourceArticle, entity: Entity) -> None:
    """The entity is really in the article: its mentions are confirmed and it becomes an entity tag."""
    article.mentions.filter(entity=entity).update(status=Mention.Status.CONFIRMED)
    article.entities.add(entity)


@transaction.atomic
def reject_entity(article: SourceArticle, entity: Entity) -> None:
    """The match was wrong here (say, a homonym): its mentions are rejected and the tag removed."""
    article.mentions.filter(entity=entity).update(status=Mention.Status.REJECTED)
    article.entities.remove(entity)


@transaction.atomic
def accept_suggestion(
    suggestion: Suggestion, *, by, name="", kind="", name_zh="", alias_of: Entity | None = None
) -> Entity:
    """Make a suggested name known: a new entity named `name`, or an alias of `alias_of`.

    `name_zh` is the Chinese name as the editor corrected it (the suggested surface when empty); it
    must occur in the article's cleaned text. A new entity gets its pinyin from it, a person's surname
    read as a surname. The article is tagged again so the name's mentions appear, and the entity is
    confirmed on it. Whether another entity holds the Chinese name is the caller's check
    (`AcceptSuggestionForm`, through `briefs.kb.names.NameOwners`).
    """
    if suggestion.status != Suggestion.Status.PENDING:
        raise CurationError(f"“{suggestion.surface}” was already {suggestion.get_status_display().lower()}.")
    name_zh = (name_zh or suggestion.surface).strip()
    _check_chinese_name(name_zh, suggestion.article)
    if alias_of is not None:
        entity = alias_of
        if name_zh not in entity.surface_forms():
            entity.aliases = "\n".join([*entity.alias_list, name_zh])
            entity.save(update_fields=["aliases", "updated_at"])
    else:
        name = (name or suggestion.proposed_name).strip()
        kind = kind or suggestion.kind
        if not name:
            raise CurationError("Give the English name the briefs should use.")
        limit = Entity._meta.get_field("name").max_length
        if len(name) > limit:
            raise CurationError(f"The English name is {len(name)} characters long; keep it to {limit}.")
        if kind not in Entity.Kind.values:
            raise CurationError(f"Unknown kind “{kind}”.")
        if Entity.objects.filter(name=name, kind=kind).exists():
            raise CurationError(
                f"An entity “{name}” ({Entity.Kind(kind).label.lower()}) already exists; "
                "add the name as its alias instead."
            )
        entity = Entity.objects.create(
            name=name,
            kind=kind,
            name_zh=name_zh,
            pinyin=_pinyin(name_zh, kind),
            source=Entity.Source.SUGGESTED,
        )
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.entity = entity
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "entity", "decided_by", "decided_at"])
    article = suggestion.article
    recompute(article)
    confirm_entity(article, entity)
    return entity


def _pinyin(name_zh: str, kind: str) -> str:
    """The search key an editor's form would fill in (briefs/kb/forms.py), cut to the field's length."""
    limit = Entity._meta.get_field("pinyin").max_length
    return search_pinyin(name_zh, person=kind == Entity.Kind.PERSON)[:limit]


def chinese_name_problem(name_zh: str, article: SourceArticle) -> str | None:
    """Why `name_zh` cannot name an entity accepted from this article's suggestion, or None.

    It must be 2 to 100 characters and occur in the article: in its cleaned text, or in its raw text,
    since names are also suggested from captions, which the cleaned text leaves out ("麦昆" in
    "小红书COO柯南 图片来源:小红书" style captions).
    """
    limit = Entity._meta.get_field("name_zh").max_length
    if not 2 <= len(name_zh) <= limit:
        return f"The Chinese name “{name_zh[:20]}” must be 2 to {limit} characters long."
    if name_zh not in article.cleaned_text and name_zh not in article.raw_text:
        return f"“{name_zh}” does not occur in the article; copy the name from its text."
    return None


def _check_chinese_name(name_zh: str, article: SourceArticle) -> None:
    if problem := chinese_name_problem(name_zh, article):
        raise CurationError(problem)


@transaction.atomic
def reject_suggestion(suggestion: Suggestion, *, by) -> None:
    """Not a name worth knowing; the tagger never suggests this surface again, in any article."""
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    Suggestion.objects.filter(surface=suggestion.surface, status=Suggestion.Status.PENDING).delete()
