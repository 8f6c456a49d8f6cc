"""The rules of the brief desk's review workflow: who may move a brief where, and what publishing checks.

`Brief`'s action methods (`submit_for_review`, `publish`, …) call `check_move` against the one table
of moves below, and `check_for_publishing` before a brief goes out. The reviewer's diff against the
last published version is rendered here too.
"""

import difflib
import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from briefs.text.numbers import english_figure_values, find_figures

DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, WITHDRAWN = "draft", "in_review", "scheduled", "published", "withdrawn"
STATUS_LABELS = {
    DRAFT: "a draft", IN_REVIEW: "in review", SCHEDULED: "scheduled", PUBLISHED: "published", WITHDRAWN: "withdrawn",
}


@dataclass(frozen=True)
class Move:
    """One kind of workflow move: the states it starts from and who may make it."""

    verb: str  # as in "only editors can {verb}"
    label: str  # the button an editor presses
    sources: frozenset[str]
    editors_only: bool = True
    not_by_author: bool = False  # nobody approves their own brief
    needs_comment: str = ""  # what the comment must say, when one is required


MOVES = {
    "submit_for_review": Move(
        "submit briefs for review", "Submit for review", frozenset({DRAFT}), editors_only=False
    ),
    "request_changes": Move(
        "request changes", "Request changes", frozenset({IN_REVIEW}), needs_comment="what should change"
    ),
    # Publishing a scheduled brief again reschedules it, or publishes it now.
    "publish": Move(
        "approve and publish briefs", "Approve and publish", frozenset({IN_REVIEW, SCHEDULED}), not_by_author=True
    ),
    "withdraw": Move(
        "withdraw briefs", "Withdraw", frozenset({PUBLISHED, SCHEDULED}), needs_comment="why it is withdrawn"
    ),
    "correct": Move(
        "correct published briefs", "Publish a correction", frozenset({PUBLISHED, SCHEDULED}),
        needs_comment="the correction readers will see",
    ),
    # A withdrawn brief can be reworked and go through review again; the reviewer then sees the diff.
    "reopen": Move("reopen withdrawn briefs", "Reopen as draft", frozenset({WITHDRAWN})),
}


def is_editor(user) -> bool:
    """Editors (and superusers) approve, publish, schedule, withdraw and correct."""
    return user.has_perm("briefs.publish_brief")


def check_move(brief, move_name: str, by, comment: str = "") -> None:
    """Raise TransitionNotAllowed, in the editor's words, unless `by` may make this move on `brief` now."""
    from briefs.models import TransitionNotAllowed

    move = MOVES[move_name]
    editor = is_editor(by)
    if move.editors_only and not editor:
        raise TransitionNotAllowed(f"Only editors can {move.verb}; “{brief}” was not changed.")
    if not editor and brief.author_id != by.pk:
        raise TransitionNotAllowed(f"Writers act only on their own briefs; “{brief}” is {brief.author}’s.")
    if move.not_by_author and brief.author_id == by.pk:
        raise TransitionNotAllowed(
            f"You wrote “{brief}”, so another editor must approve it: nobody approves their own brief."
        )
    if brief.status not in move.sources:
        allowed = " or ".join(sorted(STATUS_LABELS[status] for status in move.sources))
        raise TransitionNotAllowed(
            f"“{brief}” is {STATUS_LABELS[brief.status]}; you can {move.label.lower()} only when it is {allowed}."
        )
    if move.needs_comment and not comment.strip():
        raise TransitionNotAllowed(f"To {move.label.lower()} “{brief}”, write {move.needs_comment} in the comment.")


def allowed_moves(brief, user) -> list[tuple[str, Move]]:
    """The moves `user` may make on `brief` now (comments aside), for the buttons on its page."""
    from briefs.models import TransitionNotAllowed

    moves = []
    for name, move in MOVES.items():
        try:
            check_move(brief, name, user, comment="(checked when pressed)")
        except TransitionNotAllowed:
            continue
        moves.append((name, move))
    return moves


# ---- publish checks --------------------------------------------------------------------------

# Han ideographs, CJK punctuation, kana, Hangul and full-width forms: none belongs in an English body.
CJK = re.compile(
    r"[\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
PARENTHESES = re.compile(r"\(([^()]*)\)")
WORD_AND_SPACE = re.compile(r"\S+\s*|\s+")
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

    @property
    def can_publish(self) -> bool:
        return not self.problems

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
    from briefs.models import Entity, Mention

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


# ---- what the reviewer compares ---------------------------------------------------------------

def snapshot_of(brief) -> dict:
    """The brief's words as readers see them, kept on the publishing Transition for later diffs."""
    return {
        "title": brief.title,
        "dek": brief.dek,
        "body": brief.body,
        "key_facts": [fact.text for fact in brief.key_facts.all()],
    }


def diff_words(old: str, new: str) -> SafeString:
    """Escaped `new` text with words removed since `old` in <del> and words added in <ins>."""
    # Each word keeps the space after it, so runs of changed words read as one change.
    old_words, new_words = WORD_AND_SPACE.findall(old or ""), WORD_AND_SPACE.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(new_words[new_start:new_end])))
            continue
        if old_end > old_start:
            parts.append(f"<del>{escape(''.join(old_words[old_start:old_end]))}</del>")
        if new_end > new_start:
            parts.append(f"<ins>{escape(''.join(new_words[new_start:new_end]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text was escaped above


def diff_snapshots(old: dict, new: dict) -> list[dict]:
    """One row per part of the brief (title, dek, body, key facts): its label, whether it changed, the diff."""
    rows = []
    for key, label in (("title", "Title"), ("dek", "Dek"), ("body", "Body"), ("key_facts", "Key facts")):
        before, after = old.get(key) or "", new.get(key) or ""
        if isinstance(before, list):
            before = "\n".join(before)
        if isinstance(after, list):
            after = "\n".join(after)
        rows.append({"label": label, "changed": before != after, "diff": diff_words(before, after)})
    return rows
