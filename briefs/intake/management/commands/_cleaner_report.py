"""How `evaluate_cleaner` shows a CorpusScore: a plain-text report for people, a dict for --json."""

from briefs.intake.management.commands._evaluation import in_context, share_text, tally_json
from briefs.text.evaluation import MIN_SHOWN_LIKENESS, ArticleScore, CorpusScore, Tally


def text_report(score: CorpusScore, *, folder, rule_count: int, raw_texts: dict, verbose: bool = False) -> list[str]:
    """The report's lines: per file, overall, by style, by family, then every passage left and sentence broken."""
    width = max([len("overall"), *(len(article.file) for article in score.articles)]) + 2
    lines = [
        f"Cleaner evaluation: {len(score.articles)} files in {folder}, {rule_count} active promo rules",
        "",
        f"{'file':<{width}}{'strip recall':>18}   {'keep rate':>18}",
    ]
    lines += [_row(article.file, article.strips, article.keeps, width) for article in score.articles]
    lines += [_row("overall", score.strips, score.keeps, width), ""]
    lines.append('by style (the annotation\'s "style")')
    lines += [_row(f"  {style}", strips, keeps, width) for style, (strips, keeps) in score.by_style.items()]
    lines += ["", "by passage family (guessed from each passage's text)"]
    lines += [f"  {family:<{width - 2}}{share_text(tally):>18}" for family, tally in score.by_family.items()]

    left = [(article, passage) for article in score.articles for passage in article.passages_left]
    lines += ["", f"passages left ({len(left)})"]
    for article, passage in left:
        lines.append(f"  {article.file}: “{passage.text}” [{passage.family}]")
        if verbose:
            raw = raw_texts[article.file]
            for start in passage.left_at:
                lines.append(f"      in the raw text: {in_context(raw, start, start + len(passage.text))}")
    broken = [(article, sentence) for article in score.articles for sentence in article.sentences_broken]
    lines += ["", f"sentences broken ({len(broken)})"]
    for article, sentence in broken:
        label = "title" if sentence.is_title else "sentence"
        lines.append(f"  {article.file}: {label} “{sentence.text}”")
        if sentence.nearest_line is None or sentence.likeness < MIN_SHOWN_LIKENESS:
            lines.append("      cleaned: nothing in the cleaned text resembles it (removed whole?)")
        else:
            lines.append(f"      cleaned: “{sentence.nearest_line}” ({sentence.likeness:.0%} alike)")
    if verbose:
        missing = [
            (article.file, passage.text)
            for article in score.articles
            for passage in article.passages
            if not passage.is_in_raw_text
        ]
        lines += ["", f"passages not in the raw text, counted removed ({len(missing)})"]
        lines += [f"  {file}: “{text}”" for file, text in missing]
    return lines


def _row(label: str, strips: Tally, keeps: Tally, width: int) -> str:
    return f"{label:<{width}}{share_text(strips):>18}   {share_text(keeps):>18}"


def json_report(score: CorpusScore, *, folder, rule_count: int, warnings: list[str]) -> dict:
    """The whole score as plain data: overall, by style and family, and each file with what went wrong."""
    return {
        "folder": str(folder),
        "rule_count": rule_count,
        "file_count": len(score.articles),
        "strip_recall": score.strips.share,
        "keep_rate": score.keeps.share,
        "passages": tally_json(score.strips),
        "sentences": tally_json(score.keeps),
        "by_style": {
            style: {"strip": tally_json(strips), "keep": tally_json(keeps)}
            for style, (strips, keeps) in score.by_style.items()
        },
        "by_family": {family: tally_json(tally) for family, tally in score.by_family.items()},
        "files": [_article(article) for article in score.articles],
        "warnings": warnings,
    }


def _article(article: ArticleScore) -> dict:
    return {
        "file": article.file,
        "style": article.style,
        "strip": tally_json(article.strips),
        "keep": tally_json(article.keeps),
        "passages_left": [
            {"text": passage.text, "family": passage.family, "left_at": list(passage.left_at)}
            for passage in article.passages_left
        ],
        "sentences_broken": [
            {
                "text": sentence.text,
                "is_title": sentence.is_title,
                "nearest_line": sentence.nearest_line,
                "likeness": round(sentence.likeness, 3),
            }
            for sentence in article.sentences_broken
        ],
    }
