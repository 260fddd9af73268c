"""Format readers: each turns decoded file text into a :class:`~reader.article.Document`.

The extension chooses the reader; a ``.txt`` file that is really a saved HTML
page is read as HTML.
"""

from __future__ import annotations

import re

from reader.article import Document
from reader.errors import Rejected

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html[\s>])", re.IGNORECASE)


def format_for(suffix: str, text: str) -> str:
    """The format name ("txt", "md", "html") for a file suffix and its text."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES or _HTML_START.match(text[:1000]):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    raise Rejected(
        f"unsupported file type '{suffix or '(none)'}' (Reader imports .txt, .md, .html)"
    )


def read_document(text: str, fmt: str) -> Document:
    """Run the reader for ``fmt`` over decoded text."""
    if fmt == "html":
        from reader.formats.html import read_html

        return read_html(text)
    if fmt == "md":
        from reader.formats.markdown import read_markdown

        return read_markdown(text)
    if fmt == "txt":
        return Document(text=text, format="txt")
    raise ValueError(f"unknown format {fmt!r}")
