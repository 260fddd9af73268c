"""Read a file's bytes and turn them into clean text, or refuse it.

Order matters: size and binary checks come before any decoding, because
latin-1 decodes every byte string and "it decoded" proves nothing. Then a
byte-order mark decides, then strict UTF-8, then charset-normalizer for
legacy encodings (cp1252 articles are common in saved Windows files).
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.errors import Rejected

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of files people rename by mistake (images, archives, PDFs).
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
)

_WESTERN_GUESSES = frozenset(
    {
        "ascii",
        "latin_1",
        "iso8859_1",
        "iso8859_2",
        "iso8859_15",
        "cp1250",
        "cp1252",
        "cp1254",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
    }
)

# Decoded control characters that never occur in text; U+0085 (NEL) is left to newline handling.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")

# Control bytes that never occur in text (tab, newlines and form feed do).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a file, with the encoding that was used."""

    text: str
    encoding: str


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a file, refusing unreadable, oversized and empty files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Rejected(f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise Rejected(
            f"file is {size / 1_048_576:.1f} MB, over the {max_bytes // 1_048_576} MB limit"
            " (not an article)"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise Rejected("cannot read file: permission denied") from exc
    except OSError as exc:
        raise Rejected(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise Rejected(f"file is over the {max_bytes // 1_048_576} MB limit (not an article)")
    if not data:
        raise Rejected("file is empty")
    return data


def decode_bytes(data: bytes) -> DecodedText:
    """Decode article bytes to normalised text (LF newlines, NFC)."""
    if not data:
        raise Rejected("file is empty")
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            data = data[len(bom) :]
            break
    if encoding is None:
        _reject_binary(data)
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect_legacy(data)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise Rejected(f"file claims {encoding} (byte-order mark) but does not decode") from exc
    text = normalise_text(text)
    if _control_share(text) > 0.01:
        raise Rejected("not a text file (control characters)")
    if not text.strip():
        raise Rejected("file is empty (only whitespace)")
    return DecodedText(text=text, encoding=encoding)


def normalise_text(text: str) -> str:
    """Unify newlines (CRLF, bare CR, NEL, LS/PS) to LF and compose to NFC."""
    text = text.replace("\ufeff", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for sep in ("\u2028", "\u2029"):
        if sep in text:
            text = text.replace(sep, "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def read_text_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> DecodedText:
    """Read and decode one article file, or raise :class:`Rejected`."""
    return decode_bytes(read_bytes(path, max_bytes))


def _reject_binary(data: bytes) -> None:
    head = data[:16]
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        raise Rejected("not a text file (looks like an image, archive or other binary file)")
    sample = data[:65536]
    if b"\x00" in sample:
        raise Rejected("not a text file (contains NUL bytes)")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(2, len(sample) // 100):
        raise Rejected("not a text file (too many control characters)")


def _detect_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with charset-normalizer, preferring cp1252 over latin-1."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Rejected("not a text file (no text encoding fits)")
    encoding = best.encoding
    # Single-byte Latin guesses are often ambiguous between code pages; cp1252
    # (Windows Western) is by far the most common for saved articles, and its
    # 0x80-0x9F range holds quotes and dashes where latin-1 has invisible controls.
    if encoding in _WESTERN_GUESSES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    log.debug("charset-normalizer chose %s", encoding)
    return str(best), encoding


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL_CHARS.findall(sample)) / len(sample)
