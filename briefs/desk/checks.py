"""The publish checks: what stands in the way of publishing a brief, and what an editor should look at.

`Brief.move("publish")` refuses while `check_for_publishing` finds problems; the desk's form runs the same
`check_parts` on a live brief as submitted.
"""

import math
import re
from dataclasses import dataclass, field

from briefs.intake.models import Mention
from briefs.kb.models import Entity
from briefs.text.numbers import english_figure_values, find_figures

# Han ideographs, CJK punctuation, kana, Hangul and full-width forms: none belongs in an English body.
CJK = re.compile(
    r"[\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
PARENTHESES = re.compile(r"\(([^()]*)\)")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
MIN_WORDS, MAX_WORDS = 80, 600


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
    if (chinese := find_chinese_outside_entity_names(body or "", [entity.name for entity in entities])) is not None:
        checks.add_problem(
            f"The body must be English, but it has Chinese here: “…{chinese}…”. Chinese may appear only in "
            "brackets right after an entity’s English name, e.g. “Xiaohongshu (小红书)”.",
            "body",
        )
    source_values = figure_values_of(articles)
    for number, text in enumerate(key_facts, start=1):
        missing = [value for value in sorted(english_figure_values(text)) if not _among(value, source_values)]
        if missing and articles:
            figures = ", ".join(f"{value:,g}" for value in missing)
            checks.add_problem(
                f"Key fact {number} (“{text}”) has {figures}, which is not among the source’s figures: "
                "check it against the figures panel."
            )
    word_count = len(WORD.findall(body or ""))
    if word_count < MIN_WORDS or word_count > MAX_WORDS:
        checks.warnings.append(f"The body has {word_count} words; briefs usually run {MIN_WORDS} to {MAX_WORDS}.")
    for entity in source_entities_of(articles):
        if not mentions_entity(body or "", entity):
            checks.warnings.append(
                f"{entity.name} ({entity.name_zh or entity.kind}) is in the source but not in the body."
            )
    return checks


def find_chinese_outside_entity_names(body: str, entity_names: list[str]) -> str | None:
    """Return a snippet around the first CJK character that is not in brackets after an entity name, or None."""
    allowed = [name for name in entity_names if name]

    def blank_if_allowed(match: re.Match[str]) -> str:
        before = body[: match.start()].rstrip()
        if CJK.search(match[1]) and any(before.endswith(name) for name in allowed):
            return " " * len(match[0])
        return match[0]

    masked = PARENTHESES.sub(blank_if_allowed, body)
    found = CJK.search(masked)
    if found is None:
        return None
    return body[max(found.start() - 10, 0) : found.end() + 10].strip()


def figure_values_of(articles) -> set[float]:
    """Every numeric value the figures reader finds in the articles' cleaned text (both ends of ranges)."""
    values = set()
    for article in articles:
        for figure in find_figures(article.cleaned_text or article.raw_text):
            values.update(value for value in (figure.value, figure.upper_value) if value is not None)
    return values


def _among(value: float, values: set[float]) -> bool:
    return any(math.isclose(value, other, rel_tol=1e-9) for other in values)


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


def mentions_entity(body: str, entity) -> bool:
    """True when the body names the entity by its English name or one of its Latin-script aliases."""
    forms = [entity.name, *(alias for alias in entity.alias_list if alias.isascii())]
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", body, re.IGNORECASE) for form in forms if form)
