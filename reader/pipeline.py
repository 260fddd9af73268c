"""The import pipeline for one file: bytes → text → document → article.

Everything an article is made of is derived from its raw decoded text and
its format, so :func:`parse_text` can re-derive a stored article after the
parser improves (``reader reparse``).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.article import Article
from reader.decode import read_text_file
from reader.errors import Rejected
from reader.fingerprint import Fingerprint, fingerprint
from reader.formats import format_for, read_document
from reader.language import detect_language
from reader.structure import analyse

#: Bump when parsing changes, so stored articles can be told apart and re-parsed.
PARSER_VERSION = 1

#: The path recorded for articles made from dropped or pasted text.
DROPPED_TEXT_PATH = "(dropped text)"

_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class ParsedFile:
    """A file that parsed into an article, with what is needed to store it."""

    path: str
    file_name: str
    size: int
    encoding: str
    format: str
    raw: str
    article: Article
    body_hash: str
    #: Entity mentions found in the body (filled by the importer when it extracts entities).
    mentions: list | None = None
    #: Keywords and MinHash of the article (computed with the parse, in the worker).
    fingerprint: Fingerprint | None = None


def parse_text(raw: str, fmt: str) -> Article:
    """Derive an article from decoded text in a given format, or reject it."""
    document = read_document(raw, fmt)
    article = analyse(document)
    if not article.body.strip():
        if article.title:
            raise Rejected("no article text (the file holds only a title)")
        raise Rejected("no article text")
    article.language = detect_language(article.body)
    return article


def parse_file(path: Path) -> ParsedFile:
    """Read, decode and parse one article file, or raise :class:`Rejected`."""
    fmt = format_for(path.suffix, "")  # reject unsupported extensions before reading
    decoded = read_text_file(path)
    fmt = format_for(path.suffix, decoded.text)
    article = parse_text(decoded.text, fmt)
    return ParsedFile(
        path=display_path(path),
        file_name=unicodedata.normalize("NFC", printable_name(path.name)),
        size=len(decoded.text.encode("utf-8")),
        encoding=decoded.encoding,
        format=fmt,
        raw=decoded.text,
        article=article,
        body_hash=body_hash(article.body),
        fingerprint=fingerprint(article.title, article.body),
    )


def parse_dropped_text(text: str) -> ParsedFile:
    """An article from text dropped or pasted onto the window (no file behind it)."""
    from reader.decode import normalise_text

    raw = normalise_text(text)
    if not raw.strip():
        raise Rejected("the dropped text is empty")
    article = parse_text(raw, "txt")
    return ParsedFile(
        path=DROPPED_TEXT_PATH,
        file_name="",
        size=len(raw.encode("utf-8")),
        encoding="utf-8",
        format="txt",
        raw=raw,
        article=article,
        body_hash=body_hash(article.body),
        fingerprint=fingerprint(article.title, article.body),
    )


def body_hash(body: str) -> str:
    """Hash of the body with case, punctuation and spacing folded away."""
    folded = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", body).casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def display_path(path: Path) -> str:
    """Absolute path in NFC (macOS may hand back decomposed names); bytes that are not UTF-8
    (a name from another system's encoding) are shown as \\xNN escapes."""
    return unicodedata.normalize("NFC", printable_name(os.path.abspath(path)))


def printable_name(name: str) -> str:
    """A file name that can be stored and printed: undecodable bytes become \\xNN."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name
