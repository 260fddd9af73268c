"""Reading and decoding files: encodings, line endings and refusals."""

from __future__ import annotations

import codecs
import os

import pytest

from reader.decode import decode_bytes, read_text_file
from reader.errors import Rejected

ARTICLE = "Judul Berita\r\n\r\nKafe “Le Petit Café” – 5 € …\r\nBaris dua"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le"),
        (ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == ARTICLE.replace("\r\n", "\n")
    assert "\ufeff" not in decoded.text and "\r" not in decoded.text


def test_bare_carriage_returns_are_line_breaks() -> None:
    assert decode_bytes(b"Title\rDate\r\n\rBody").text == "Title\nDate\n\nBody"


def test_text_is_composed_to_nfc() -> None:
    assert decode_bytes("Cafe\u0301".encode()).text == "Caf\u00e9"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b" \t\r\n \n", "only whitespace"),
        ("\u00a0\u3000\u2003".encode(), "only whitespace"),
        (b"abc\x00def" * 10, "NUL"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 50, "binary"),
        (bytes(range(1, 9)) * 40, "control characters"),
    ],
)
def test_refusals_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(Rejected, match=reason):
        decode_bytes(data)


def test_text_that_starts_like_a_bitmap_header_is_text() -> None:
    assert decode_bytes(b"BMW Group Indonesia akan membawa model baru").text.startswith("BMW")


def test_size_limit(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"kata " * 300_000)
    with pytest.raises(Rejected, match="over the 1 MB limit"):
        read_text_file(big, max_bytes=1024 * 1024)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(Rejected, match="cannot read file"):
        read_text_file(tmp_path / "gone.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Judul\n\nIsi berita.")
    locked.chmod(0)
    with pytest.raises(Rejected, match="permission denied"):
        read_text_file(locked)


def test_folder_named_like_an_article(tmp_path) -> None:
    folder = tmp_path / "looks.txt"
    folder.mkdir()
    with pytest.raises(Rejected, match="cannot read file"):
        read_text_file(folder)
