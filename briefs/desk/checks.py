"""The publish checks: what stands in the way of publishing a brief, and what an editor should look at.

`Brief.move("publish")` refuses while `check_for_publishing` finds problems; the desk's form runs the same
`check_parts` on a live brief as submitted.
"""

from dataclasses import dataclass, field

from briefs.intake.models import Mention
from briefs.kb.models import Entity
from briefs.text import english
from briefs.text.english_numbers import format_english
from briefs.text.numbers import find_figures


@dataclass
class PublishChecks:
    """What stands in the way of publishing (`problems`) and what an editor should look at (`warnings`).

    `located` pairs each problem with the form field it is about (None for the brief as a whole), so a
    form can show it beside the field.
    """

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    located: list[tuple[str | None, str]] = field(default_factory=list)

    def add_problem(self, message: str, field_name: str | None = None) -> None:
        self.problems.append(message)
        self.located.append((field_name, message))


def check_for_publishing(brief) -> PublishChecks:
    """Run every publish check on a saved brief; blocking ones become `problems`, the others `warnings`."""
    return check_parts(
        title=brief.title, dek=brief.dek, body=brief.body, articles=list(brief.sources.all()),
        entities=list(brief.entities.all()), key_facts=[fact.text for fact in brief.key_facts.all()],
    )


def check_parts(*, title: str, dek: str, body: str, articles, entities, key_facts: list[str]) -> PublishChecks:
    """Run every publish check on a brief's parts, saved or as just submitted in a form.

    `articles` are SourceArticles, `entities` Entities, `key_facts` the facts' texts in order. The
    one definition of "ready for readers": publishing and every save of a live brief go through it.
    """
    checks = PublishChecks()
    for name, value in (("title", title), ("dek", dek), ("body", body)):
        if not (value or "").strip():
            checks.add_problem(f"The {name} is empty.", name)
    if not articles:
        checks.add_problem("There is no source article: add the article the brief is based on.")
    if not entities:
        checks.add_problem("There is no entity: tag at least one company, person or place.", "entities")
    entity_names = [entity.name for entity in entities]
    if (chinese := english.find_chinese_outside_entity_names(body or "", entity_names=entity_names)) is not None:
        checks.add_problem(
            f"The body must be English, but it has Chinese here: “…{chinese}…”. Chinese may appear only in "
            "brackets right after an entity’s English name, e.g. “Xiaohongshu (小红书)”.",
            "body",
        )
    source_values = figure_values_of(articles)
    for number, text in enumerate(key_facts, start=1):
        missing = english.figures_missing_from(text, source_values=source_values)
        if missing and articles:
            figures = ", ".join(format_english(value) for value in missing)  # "999 million", not 9.99e+08
            checks.add_problem(
                f"Key fact {number} (“{text}”) has {figures}, which is not among the source’s figures: "
                "check it against the figures panel."
            )
    if articles:
        for figure in english.body_figures_missing_from(body or "", source_values=source_values):
            checks.add_problem(
                f"The body has “{figure}”, which is not among the source’s figures: correct it in the body, "
                "checking it against the figures panel.",
                "body",
            )
    word_count = english.word_count(body or "")
    if not english.is_usual_length(body or ""):
        checks.warnings.append(
            f"The body has {word_count} words; briefs usually run {english.MIN_WORDS} to {english.MAX_WORDS}."
        )
    for entity in source_entities_of(articles):
        if not english.mentions_name(body or "", name=entity.name, aliases=entity.alias_list):
            checks.warnings.append(
                f"{entity.name} ({entity.name_zh or entity.kind}) is in the source but not in the body."
            )
    return checks


def figure_values_of(articles) -> set[float]:
    """Every numeric value the figures reader finds in the articles' cleaned text (both ends of ranges)."""
    values = set()
    for article in articles:
        for figure in find_figures(article.cleaned_text or article.raw_text):
            values.update(value for value in (figure.value, figure.upper_value) if value is not None)
    return values


def source_entities_of(articles) -> list:
    """The entities of the articles: those an editor confirmed, or else those the tagger found (not rejected)."""
    entities = {}
    for article in articles:
        confirmed = list(article.entities.all())
        if not confirmed:
            found = article.mentions.exclude(status=Mention.Status.REJECTED).values_list("entity", flat=True)
            confirmed = list(Entity.objects.filter(pk__in=found))
        for entity in confirmed:
            entities.setdefault(entity.pk, entity)
    return sorted(entities.values(), key=lambda entity: entity.name.lower())
