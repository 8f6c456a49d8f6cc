"""Turn the bytes of an uploaded or imported file into an article: decoded, checked, parsed.

Pure: bytes and a filename in, a `ParsedArticle` out, or an `IntakeError` whose message a
person understands. Nothing here touches the database or the file system.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import regex
from charset_normalizer import from_bytes

from .errors import IntakeError
from .script import HAN_CLASS, has_han

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_EXTENSIONS = (".html", ".htm")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

# Encodings the desk receives. GB18030 is a superset of GBK and GB2312, so it stands for all three.
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "big5")

# Characters of readable Chinese or English text, used to tell real UTF-16 from bytes that only start
# like it. Not "Chinese character" (that is `script.HAN`): this adds the blocks prose is set in.
ASCII_TEXT = r"\t\n\r\x20-\x7e"
GENERAL_PUNCTUATION = r"\u2000-\u206f"  # dashes, curly quotes, ellipsis: “ ” — …
CJK_SYMBOLS_AND_PUNCTUATION = r"\u3000-\u303f"  # ideographic space, 。、「」《》
HALFWIDTH_AND_FULLWIDTH_FORMS = r"\uff00-\uffef"  # full-width ，！（）Ａ１
READABLE = regex.compile(
    f"[{ASCII_TEXT}{GENERAL_PUNCTUATION}{CJK_SYMBOLS_AND_PUNCTUATION}{HALFWIDTH_AND_FULLWIDTH_FORMS}{HAN_CLASS}]"
)
MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")

# Leading bytes of formats people upload by mistake, named so the message can say what it was.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF binary)"),
)


@dataclass(frozen=True)
class ParsedArticle:
    """An article as the desk stores it.

    `raw_text` is the decoded text with line ends normalised to "\\n" and nothing else touched
    (for HTML, the main text extracted from the page). `title` and `paragraphs` are read from it.
    """

    raw_text: str
    encoding: str
    sha256: str
    title: str
    paragraphs: tuple[str, ...]
    source_url: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_article(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedArticle:
    """Decode and check one file; return the article or raise `IntakeError` saying why not.

    The checks run cheapest first, so a 3 MB image is refused for its size before anything is decoded.
    """
    extension = _extension(filename)
    if extension not in SUPPORTED_EXTENSIONS:
        shown = extension or "no extension"
        raise IntakeError(
            f"unsupported file type ({shown}); the desk imports .txt, .md and .html articles"
        )
    check_size(len(data), max_bytes=max_bytes)
    if not data.strip():
        raise IntakeError("file is empty" if not data else "file holds only whitespace")
    _refuse_binary(data)

    text, encoding = decode_text(data)
    text = normalise_newlines(text)
    source_url = ""
    if extension in HTML_EXTENSIONS:
        text, source_url = _extract_html_main_text(text)
    if not text.strip():
        raise IntakeError("file holds only whitespace once decoded")
    if not has_han(text):
        raise IntakeError(
            "no Chinese characters found; the desk imports Chinese source articles (is this the right file?)"
        )

    title, paragraphs = split_title_and_paragraphs(text, markdown=extension in (".md", ".markdown"))
    return ParsedArticle(
        raw_text=text,
        encoding=encoding,
        sha256=sha256_of(data),
        title=title,
        paragraphs=paragraphs,
        source_url=source_url,
    )


def check_size(size: int, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise `IntakeError` naming both sizes when a file of `size` bytes is over the limit.

    Callers that know a file's real size before reading it (an upload, a file on disk) call this
    first, so the message gives the real size rather than that of the part that was read.
    """
    if size > max_bytes:
        raise IntakeError(
            f"file is {_human_size(size)}, over the {_human_size(max_bytes)} limit; "
            "is this one article? Split it or raise MAX_UPLOAD_BYTES"
        )


def decode_text(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was in (utf-8, utf-8-sig, gb18030 or big5).

    UTF-8 is tried first and strictly, since valid UTF-8 is almost never an accident. Otherwise
    charset-normalizer chooses among the Chinese encodings, and the result must decode strictly.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise _undecodable(error) from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and _is_utf16(data):
        raise IntakeError("file is UTF-16; save it as UTF-8 (or GB18030/Big5) and import it again")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS[1:])).best()
    encodings = [best.encoding] if best is not None else []
    encodings += [name for name in CANDIDATE_ENCODINGS[1:] if name not in encodings]
    last_error = None
    for name in encodings:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as error:
            last_error = error
            continue
        if _looks_like_text(text):
            return text, _canonical_encoding(name)
    raise _undecodable(last_error)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_title_and_paragraphs(text: str, *, markdown: bool = False) -> tuple[str, tuple[str, ...]]:
    """The first non-blank line is the title; every other non-blank line is a paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "", ()
    title = MARKDOWN_HEADING_RE.sub("", lines[0]) if markdown else lines[0]
    return title, tuple(lines[1:])


def _extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def _refuse_binary(data: bytes) -> None:
    for signature, description in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise IntakeError(f"file is {description}, not a text article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and _is_utf16(data):
        return  # UTF-16 text is full of NUL bytes; decode_text names it
    if b"\x00" in data[:65536]:
        raise IntakeError("file is binary (it contains NUL bytes), not a text article")


def _looks_like_text(text: str) -> bool:
    """Refuse decodings that are mostly control or private-use characters: a wrong guess, not an article."""
    sample = text[:20000]
    if not sample:
        return False
    odd = sum(1 for char in sample if _is_odd_character(char))
    return odd / len(sample) < 0.01


def _is_odd_character(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Co", "Cs", "Cn") or (category == "Cc" and char not in "\n\r\t")


def _is_utf16(data: bytes) -> bool:
    """True for real UTF-16 text; random bytes after a BOM-like start decode to scattered code points."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    sample = text[:5000]
    readable = len(READABLE.findall(sample))
    return bool(sample) and readable / len(sample) > 0.95


def _canonical_encoding(name: str) -> str:
    return {"utf_8": "utf-8", "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5"}.get(
        name.lower(), name.lower()
    )


def _undecodable(error: UnicodeDecodeError | None) -> IntakeError:
    where = f" (bad bytes at offset {error.start})" if error is not None else ""
    return IntakeError(
        f"the text could not be decoded as UTF-8, GB18030/GBK or Big5{where}; "
        "save the file in one of these encodings and import it again"
    )


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def _extract_html_main_text(html: str) -> tuple[str, str]:
    """The page's main text (scripts, styles, navigation and comments dropped) and its canonical URL."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, include_images=False, favor_precision=True,
        with_metadata=True,
    )
    if extracted is None or not (extracted.text or "").strip():
        raise IntakeError("no article text found in the HTML page (is it a listing or an empty page?)")
    body = normalise_newlines(extracted.text).strip("\n")
    title = (extracted.title or "").strip()
    # trafilatura puts each block on its own line; the desk's articles separate paragraphs by a blank line.
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n", (extracted.url or "")
