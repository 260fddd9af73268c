"""The plain data that flows through the import pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DocumentMeta:
    """Metadata a format reader found outside the text (front matter, HTML tags)."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Document:
    """Text of an article as its format reader produced it, before structure analysis."""

    text: str
    format: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    #: True when the text is already a clean article body (e.g. extracted from HTML).
    title_in_text: bool = True


@dataclass
class Article:
    """An article as Reader stores it; ``body`` paragraphs are separated by blank lines."""

    title: str
    body: str
    published: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    dateline: str | None = None
    language: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    read_also: list[str] = field(default_factory=list)
    title_derived: bool = False
