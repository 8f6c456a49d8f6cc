"""How `evaluate_tagger` shows a CorpusTaggingScore: a plain-text report for people, a dict for --json."""

from briefs.intake.management.commands._evaluation import in_context, share_text, tally_json
from briefs.text.evaluation import CorpusTaggingScore, EntityResult, FoundResult, TaggingScore, Tally


def text_report(
    score: CorpusTaggingScore, *, folder, entity_count: int, rule_count: int, texts: dict, verbose: bool = False
) -> list[str]:
    """The report's lines: per file, overall, recall by kind, then every miss and every false suggestion.

    `texts` maps each file to its cleaned text, where --verbose shows each false name in context.
    """
    width = max([len("overall"), *(len(article.file) for article in score.articles)]) + 2
    lines = [
        f"Tagger evaluation: {len(score.articles)} files in {folder}, {entity_count} known entities, "
        f"{rule_count} active promo rules",
        "",
        f"{'file':<{width}}{'recall':>18}   {'precision':>18}",
    ]
    lines += [_row(article.file, article.recall, article.precision, width) for article in score.articles]
    lines += [_row("overall", score.recall, score.precision, width), ""]
    lines.append('recall by kind (the annotation\'s "kind")')
    lines += [f"  {kind:<{width - 2}}{share_text(tally):>18}" for kind, tally in score.by_kind.items()]
    partly = [(article, entity) for article in score.articles for entity in article.partly_found]
    lines += [
        "",
        f"found with the annotated kind: {share_text(score.kind_agreement).strip()} of the entities found",
        f"found partly (a suggestion inside or around the annotated surface): {len(partly)}",
    ]

    misses = [(article, entity) for article in score.articles for entity in article.misses]
    lines += ["", f"misses ({len(misses)})"]
    lines += [f"  {article.file}: {_label(entity)}{_where(entity)}" for article, entity in misses]
    false = [(article, name) for article in score.articles for name in article.false_names]
    lines += ["", f"false suggestions ({len(false)})"]
    for article, name in false:
        lines.append(f"  {article.file}: {_found(name)}")
        if verbose:
            text = texts.get(article.file, "")
            for surface in name.surfaces:
                if (start := text.find(surface)) != -1:
                    lines.append(f"      in the cleaned text: {in_context(text, start, start + len(surface))}")
    if verbose:
        lines += ["", f"found partly ({len(partly)})"]
        lines += [f"  {article.file}: {_label(entity)} by {_found(entity.found)}" for article, entity in partly]
        promo = [(article, name) for article in score.articles for name in article.promo_only]
        lines += ["", f"known entities only inside promo passages, not counted ({len(promo)})"]
        lines += [f"  {article.file}: {_found(name)}" for article, name in promo]
    return lines


def _row(label: str, recall: Tally, precision: Tally, width: int) -> str:
    return f"{label:<{width}}{share_text(recall):>18}   {share_text(precision):>18}"


def _label(entity: EntityResult) -> str:
    label = entity.label
    return f"“{label.zh}” {label.en} [{label.kind}]"


def _where(entity: EntityResult) -> str:
    return " (not in the cleaned text: the cleaner removed it)" if entity.is_in_cleaned_text is False else ""


def _found(name: FoundResult) -> str:
    surfaces = " / ".join(f"“{surface}”" for surface in name.surfaces)
    how = "suggested" if name.is_suggestion else "known entity"
    return f"{surfaces} → {name.name_en} [{name.kind}], {how}"


def json_report(score: CorpusTaggingScore, *, folder, entity_count: int, rule_count: int, warnings: list[str]) -> dict:
    """The whole score as plain data: overall, recall by kind, and each file with what went wrong."""
    return {
        "folder": str(folder),
        "entity_count": entity_count,
        "rule_count": rule_count,
        "file_count": len(score.articles),
        "recall": score.recall.share,
        "precision": score.precision.share,
        "entities": tally_json(score.recall),
        "found_names": tally_json(score.precision),
        "kind_agreement": tally_json(score.kind_agreement),
        "partly_found_count": sum(len(article.partly_found) for article in score.articles),
        "by_kind": {kind: tally_json(tally) for kind, tally in score.by_kind.items()},
        "files": [_article(article) for article in score.articles],
        "warnings": warnings,
    }


def _article(article: TaggingScore) -> dict:
    return {
        "file": article.file,
        "style": article.style,
        "recall": tally_json(article.recall),
        "precision": tally_json(article.precision),
        "misses": [_entity(entity) for entity in article.misses],
        "false_suggestions": [_name(name) for name in article.false_names],
        "partly_found": [_entity(entity) | {"by": _name(entity.found)} for entity in article.partly_found],
        "promo_only": [_name(name) for name in article.promo_only],
    }


def _entity(entity: EntityResult) -> dict:
    label = entity.label
    return {"zh": label.zh, "en": label.en, "kind": label.kind, "is_in_cleaned_text": entity.is_in_cleaned_text}


def _name(name: FoundResult) -> dict:
    return {
        "surfaces": list(name.surfaces),
        "name_en": name.name_en,
        "kind": name.kind,
        "is_suggestion": name.is_suggestion,
    }
