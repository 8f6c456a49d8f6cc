"""Repair the seam a cut leaves in the text: the inside of `clean.apply_strips`.

Offsets are Python string indices into the RAW text, half-open. Only the characters next to a cut
(punctuation, spaces, the line breaks of an emptied line) are ever changed; everything else is copied.

What a seam looks like after repair:
- A cut that empties a line removes the line, keeping the wider of the two paragraph breaks around it.
- A cut at the start of a line leaves no punctuation at the start of the line.
- A cut at the end of a line leaves no dangling "，" or ":"; the line keeps its full stop.
- A cut inside a line leaves one mark where two met ("接下来,X,小红书" → "接下来,小红书"), the stronger
  one ("。" over ";" over ":" over ","), and no empty bracket pair.
"""

from __future__ import annotations

from collections.abc import Iterable

# --- Line repair around cuts -------------------------------------------------------------------------
TERMINATORS = "。.!?！？…"
SEPARATORS_BY_STRENGTH = (";；", ":：", ",，、")
PUNCTUATION = frozenset(TERMINATORS + "".join(SEPARATORS_BY_STRENGTH))
HORIZONTAL_SPACE = frozenset(" \t\r\u3000\u00a0")
CUT_CLUSTER = PUNCTUATION | HORIZONTAL_SPACE
WHITESPACE = HORIZONTAL_SPACE | {"\n"}
BRACKET_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "“": "”", "‘": "’", "「": "」", "《": "》"}


class _Output:
    """The cleaned text being built, as pieces, with cheap access to its tail."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def append(self, piece: str) -> None:
        if piece:
            self.pieces.append(piece)

    def last_char(self) -> str:
        return self.pieces[-1][-1] if self.pieces else ""

    def pop_char(self) -> None:
        piece = self.pieces.pop()
        self.append(piece[:-1])

    def pop_while(self, chars: frozenset[str]) -> str:
        """Remove and return the longest tail made only of `chars`."""
        popped = []
        while self.pieces:
            piece = self.pieces[-1]
            keep = len(piece)
            while keep and piece[keep - 1] in chars:
                keep -= 1
            if keep:
                if keep < len(piece):
                    popped.append(piece[keep:])
                    self.pieces[-1] = piece[:keep]
                break
            popped.append(self.pieces.pop())
        return "".join(reversed(popped))

    def text(self) -> str:
        return "".join(self.pieces)


def remove_spans(raw: str, spans: Iterable[tuple[int, int]]) -> str:
    """`raw` minus the spans (RAW offsets, half-open), with each seam repaired; never raises.

    No spans (or only empty ones) gives back `raw` exactly.
    """
    cuts = _merge_cuts(raw, spans)
    if not cuts:
        return raw
    output = _Output()
    output.append(raw[: cuts[0][0]])
    for number, (start, end) in enumerate(cuts):
        following = cuts[number + 1][0] if number + 1 < len(cuts) else len(raw)
        _join_at_cut(output, raw[end:following], removed=raw[start:end])
    return output.text()


def _merge_cuts(raw: str, raw_spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans clamped to the text and merged when they overlap, touch, or are separated by punctuation
    and spaces only (the characters between two cuts on a line belong to the cuts' neighbourhood)."""
    spans = []
    for start, end in raw_spans:
        start, end = max(0, start), min(len(raw), end)
        if start < end:
            spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or all(char in CUT_CLUSTER for char in raw[merged[-1][1] : start])):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _join_at_cut(output: _Output, following: str, *, removed: str) -> None:
    """Append `following` (the raw text after a cut) to `output`, repairing the seam left by the cut."""
    left = output.pop_while(CUT_CLUSTER)
    right = _leading(following, CUT_CLUSTER)
    rest = following[len(right) :]
    # "（X）" with X cut leaves an empty pair: drop it and look again at what surrounds it.
    while (
        rest
        and BRACKET_PAIRS.get(output.last_char()) == rest[0]
        and not any(char in PUNCTUATION for char in left + right)
    ):
        output.pop_char()
        left = output.pop_while(CUT_CLUSTER) + left
        more = _leading(rest[1:], CUT_CLUSTER)
        right, rest = right + more, rest[1 + len(more) :]

    at_line_start = output.last_char() in ("", "\n")
    at_line_end = rest[:1] in ("", "\n")
    cluster = left + right
    if at_line_start and at_line_end:
        _remove_emptied_line(output, rest)
    elif at_line_start:
        indent = _leading(left, HORIZONTAL_SPACE) if output.last_char() else ""
        output.append(indent + rest)
    elif at_line_end:
        output.append(_closing_terminator(cluster, removed) + rest)
    else:
        output.append(_seam_punctuation(cluster) + rest)


def _remove_emptied_line(output: _Output, rest: str) -> None:
    """Drop a line the cut emptied, keeping the wider of the two paragraph breaks around it."""
    before = output.pop_while(WHITESPACE)
    after = _leading(rest, WHITESPACE)
    rest = rest[len(after) :]
    if not output.pieces:
        output.append(rest)
    elif not rest:
        output.append("\n" if "\n" in after else "")
    else:
        output.append((before if before.count("\n") >= after.count("\n") else after) + rest)


def _closing_terminator(cluster: str, removed: str) -> str:
    """The punctuation to end a line whose end was cut: its stop if it had one, never a dangling comma."""
    stops = [char for char in cluster if char in TERMINATORS]
    if stops:
        return stops[0]
    tail = removed.rstrip()[-1:]
    return tail if tail and tail in TERMINATORS else ""


def _seam_punctuation(cluster: str) -> str:
    """One mark (the strongest in the cluster) plus the spacing after it, for a cut inside a line."""
    marks = [char for char in cluster if char in PUNCTUATION]
    if not marks:
        return cluster[:1] if cluster else ""
    for group in (TERMINATORS, *SEPARATORS_BY_STRENGTH):
        chosen = next((char for char in marks if char in group), None)
        if chosen:
            break
    spacing = cluster[len(cluster.rstrip("".join(HORIZONTAL_SPACE))) :]
    return chosen + spacing


def _leading(text: str, chars: frozenset[str]) -> str:
    index = 0
    while index < len(text) and text[index] in chars:
        index += 1
    return text[:index]
