"""Hostile input: arbitrary bytes and Unicode, giant lines, nested or broken HTML, Markdown
with raw HTML, and search strings made of query syntax. Never a crash or a hang: an article
or a clear rejection, and nothing is ever fetched or run when an article is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import Rejected
from reader.pipeline import parse_file, parse_text
from reader.render import article_html

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
#: Right-to-left text, combining marks, zero-width and bidi controls, emoji, CJK.
AWKWARD = st.sampled_from(
    list("\u05d0\u05e9\u0627\u0644\u0301\u0308\u200b\u200d\u200e\u202e\u2066\ufeff\U0001f600\u4e2d")
)
TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), AWKWARD), max_size=3000
)


def _parse(path: Path):
    """An article, or None for a clear rejection; anything else is a bug."""
    try:
        return parse_file(path)
    except Rejected as exc:
        assert exc.reason and isinstance(exc.reason, str)
        return None


@SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_arbitrary_bytes(tmp_path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    parsed = _parse(path)
    if parsed is not None:
        assert parsed.article.body.strip()
        article_html({"title": parsed.article.title, "body": parsed.article.body})


@SETTINGS
@given(text=TEXT, fmt=st.sampled_from(["txt", "md", "html"]))
def test_arbitrary_unicode(text: str, fmt: str) -> None:
    try:
        article = parse_text(text, fmt)
    except Rejected:
        return
    assert article.body.strip()
    html = article_html({"title": article.title, "body": article.body})
    assert "<script" not in html.lower()


@SETTINGS
@given(text=TEXT)
def test_surrogate_escaped_bytes(tmp_path, text: str) -> None:
    """File contents that are not valid UTF-8 (lone surrogates written via surrogateescape)."""
    raw = text.encode("utf-8", "surrogatepass") + b"\xff\xfe\xed\xa0\x80 akhir"
    path = tmp_path / "escaped.txt"
    path.write_bytes(raw)
    _parse(path)


def test_giant_single_line(tmp_path) -> None:
    path = tmp_path / "giant.txt"
    path.write_text("Jakarta - " + "kata " * 400_000, encoding="utf-8")  # 2 MB, one line
    parsed = _parse(path)
    assert parsed is not None and len(parsed.article.title) <= 200


def test_deeply_nested_and_broken_html(tmp_path) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text(
        "<html><body>"
        + "<div>" * 5000
        + "<p>Teks artikel yang terkubur dalam.</p>"
        + "</div>" * 5000
        + "</body></html>",
        encoding="utf-8",
    )
    _parse(nested)
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<html><head><title>Judul</title><body><p>Satu<p>Dua <b>tebal <i>miring</p></b>"
        "<table><tr><td>sel<tr><td>" + "<" * 2000 + "</html",
        encoding="utf-8",
    )
    _parse(broken)


def test_markdown_with_raw_html_and_script_is_shown_as_text(tmp_path) -> None:
    path = tmp_path / "script.md"
    path.write_text(
        "# Judul\n\nParagraf <script>alert('x')</script> dengan gambar"
        ' <img src="http://example.com/pixel.png" onerror="alert(1)">'
        " dan [tautan](javascript:alert(2)).\n",
        encoding="utf-8",
    )
    parsed = _parse(path)
    assert parsed is not None
    html = article_html({"title": parsed.article.title, "body": parsed.article.body})
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.lower()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "NEAR(",
        "NEAR(a b",
        "AND",
        "OR",
        "NOT",
        "-",
        "- -",
        "a OR",
        "(",
        ")",
        "title:",
        "^",
        "x" * 10_000,
        "kata " * 2000,
        "'; DROP TABLE articles; --",
        "\x00",
        "\u202e",
    ],
)
def test_search_never_raises(library, seed_file, query: str) -> None:
    from reader.importer import Importer
    from reader.storage import annotations

    Importer(library, workers=1, entities=False).run([str(seed_file)])
    assert isinstance(library.search(query), list)
    assert isinstance(annotations.search(library, query), list)
    assert library.count() == 1


@pytest.mark.gui
def test_reading_pane_never_loads_resources(qtbot) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from reader.ui.reading_pane import ReadingPane

    pane = ReadingPane()
    qtbot.addWidget(pane)
    for url in ("http://example.com/pixel.png", "file:///etc/passwd", "https://x/y.css"):
        assert pane.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None
    pane.setHtml('<p>teks <img src="http://example.com/pixel.png"></p>')
    assert "teks" in pane.toPlainText()
