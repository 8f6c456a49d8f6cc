"""Run the text steps (clean, tag, suggest) with the rules and the knowledge base held in the database.

The compiled promo rules and the entity matcher are built once per process and rebuilt when
their table changes: each lookup costs one small aggregate query, so several app processes
never serve stale rules for longer than a request.

A promo rule never stops an import: one that does not compile (it reached the table without the
admin's checks) or runs out of time on an article (`rules.RULE_TIMEOUT_SECONDS`) is skipped for that
article and named in `Analysis.rule_failures`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max

from briefs.intake.models import PromoRule, Suggestion
from briefs.kb.models import Entity
from briefs.text import clean as clean_text
from briefs.text import ner, suggest, tag
from briefs.text import rules as promo_rules


@dataclass(frozen=True)
class Analysis:
    """What the text steps found in one article: strips in the raw text, mentions in the cleaned text."""

    raw_text: str
    cleaned_text: str
    strips: tuple[clean_text.Strip, ...]
    byline: str | None
    mentions: tuple[tag.Mention, ...]
    suggestions: tuple[suggest.SuggestedName, ...]
    rule_failures: tuple[promo_rules.RuleFailure, ...] = ()
    # Whether the NER model's names are among the suggestions (settings.NER_AT_IMPORT, model loaded).
    model_names: bool = False


@dataclass(frozen=True)
class TextTools:
    """Everything the text steps read from the database, fetched once for a run of many articles."""

    rules: promo_rules.CompiledRules
    matcher: tag.Matcher
    rejected: frozenset[str]


def current_tools() -> TextTools:
    """The rules, the matcher and the rejected names as they are now (three small queries)."""
    return TextTools(rules=current_rules(), matcher=current_matcher(), rejected=frozenset(rejected_surfaces()))


_compiled_rules = {"version": None, "value": None}
_matcher = {"version": None, "value": None}


def _table_version(queryset):
    summary = queryset.aggregate(count=Count("id"), changed=Max("updated_at"))
    return summary["count"], summary["changed"]


def current_rules():
    """The active promo rules, compiled; rebuilt when any rule is added, changed or removed."""
    version = _table_version(PromoRule.objects.all())
    if _compiled_rules["version"] != version:
        rules = [
            promo_rules.Rule(pattern=rule.pattern, kind=rule.kind, is_regex=rule.is_regex, note=rule.note)
            for rule in PromoRule.objects.filter(is_active=True)
        ]
        _compiled_rules.update(version=version, value=promo_rules.compile_rules(rules, skip_broken=True))
    return _compiled_rules["value"]


def known_entity(entity):
    return tag.KnownEntity(
        key=entity.slug,
        name=entity.name,
        kind=entity.kind,
        name_zh=entity.name_zh,
        aliases=tuple(entity.alias_list),
    )


def current_matcher():
    """The entity matcher over the whole knowledge base; rebuilt when any entity changes."""
    version = _table_version(Entity.objects.all())
    if _matcher["version"] != version:
        entities = Entity.objects.only("slug", "name", "kind", "name_zh", "aliases")
        _matcher.update(version=version, value=tag.build_matcher(known_entity(entity) for entity in entities))
    return _matcher["value"]


def rejected_surfaces():
    return set(Suggestion.objects.filter(status=Suggestion.Status.REJECTED).values_list("surface", flat=True))


def analyse(raw_text: str, tools: TextTools | None = None, *, model_names: bool | None = None) -> Analysis:
    """Clean the raw text, then tag and suggest over the cleaned text (promo text is never tagged).

    Pass `tools` when analysing many articles in a row, so the database is asked once, not per article.
    `model_names` runs the NER pass for suggestions too (default: settings.NER_AT_IMPORT).
    """
    tools = tools or current_tools()
    model_names = settings.NER_AT_IMPORT if model_names is None else model_names
    cleaned = clean_text.clean(raw_text, tools.rules)
    return Analysis(
        raw_text=raw_text,
        cleaned_text=cleaned.cleaned_text,
        strips=tuple(cleaned.strips),
        byline=cleaned.byline,
        rule_failures=cleaned.rule_failures,
        **find_entities(
            cleaned.cleaned_text,
            captions=caption_texts(cleaned.strips),
            byline=cleaned.byline,
            tools=tools,
            model_names=model_names,
        ),
    )


def caption_texts(strips) -> list[str]:
    """The stripped captions, with any promo phrase spliced into them cut out.

    Captions leave the cleaned text, but they often name people ("麦昆，某平台商户部负责人"),
    so names are looked for in them too; mentions stay in the cleaned text alone.
    """
    promo = sorted({s.text for s in strips if s.kind == "promo" and "\n" not in s.text}, key=len, reverse=True)
    captions = []
    for strip in strips:
        if strip.kind != "caption":
            continue
        text = strip.text
        for phrase in promo:
            text = text.replace(phrase, "")
        captions.append(text)
    return captions


def find_entities(
    cleaned_text: str,
    *,
    captions=(),
    byline: str | None = None,
    tools: TextTools | None = None,
    model_names: bool = True,
) -> dict:
    """Mentions of known entities in the cleaned text, and unknown names in it and in the captions.

    With `model_names`, names come from the NER pass too unless its model is unavailable
    (`ner_problem()` says why); "model_names" in the result says whether they did.
    """
    tools = tools or current_tools()
    names_text = "\n\n".join([cleaned_text, *captions])
    names = ner.find_names(names_text, model_dir=settings.NER_MODEL_DIR) if model_names else []
    return {
        "model_names": model_names and ner_problem() is None,
        "mentions": tuple(tag.find_mentions(cleaned_text, tools.matcher)),
        "suggestions": tuple(
            suggest.suggest_names(
                names_text, matcher=tools.matcher, rejected=tools.rejected, byline=byline, names=names
            )
        ),
    }


def ner_problem() -> str | None:
    """Why the NER model of name suggestions is unavailable in this process, or None when it works."""
    return ner.failure(model_dir=settings.NER_MODEL_DIR)
