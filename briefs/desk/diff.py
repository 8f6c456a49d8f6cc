"""What the reviewer compares: a brief's words as published, and word-level diffs between two versions."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD_AND_SPACE = re.compile(r"\S+\s*|\s+")


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
