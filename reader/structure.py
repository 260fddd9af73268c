"""Turn the text of a saved article into title, date, source, bylines and body.

Real saved pages are messy: a title line, a date line, an outlet dateline,
"BACA JUGA:" read-also lines, editor lines and footer boilerplate. Files from
some corpora have no title or date line at all and open with a paragraph.
This module reads the text paragraph by paragraph and sorts each one into
metadata, read-also links, boilerplate or body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader import boilerplate
from reader.article import Article, Document
from reader.dateline import find_dateline
from reader.dates import parse_date, parse_date_line, to_iso
from reader.textclean import clean_text, detokenise, looks_tokenised

MAX_TITLE = 200
DERIVED_TITLE = 120
MIN_DERIVED_TITLE = 30
_HEADER_SCAN = 6

_READ_ALSO = re.compile(
    r"^[\[(]?\s*(?:baca[\s_]+juga|baca|lihat[\s_]+juga|simak[\s_]+juga|read[\s_]+more|"
    r"read[\s_]+also|also[\s_]+read|see[\s_]+also)\s*(?::\s*(?P<title>.*?)|(?P<bare>))\s*[\])]?\s*$",
    re.IGNORECASE,
)
_EDITOR = re.compile(r"^(?:redaktur|editor|penyunting)\s*:\s*(?P<name>.{2,80}?)\s*\.?$", re.I)
_AUTHOR = re.compile(
    r"^(?:penulis|reporter|pewarta|wartawan|writer|author|oleh|by)\s*:?\s+(?P<name>.{2,80}?)\s*\.?$",
    re.I,
)
_AUTHOR_NAME = re.compile(
    r"^[A-Z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,5}(?:\s*[,/&]\s*[A-Z][\w.' -]*)*$"
)
_META_SPLIT = re.compile(r"\s+[|·•]\s+")
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])\s+(?=[\"“'(]?[A-Z0-9])")
_FINAL_PUNCT = (".", ",", ";", ":")
_DANGLING_DATELINE = re.compile(r"^[^\n]{2,70}?\s[-–—]$")


@dataclass
class _Header:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    editor: str | None = None
    dates: list[str] = field(default_factory=list)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks stay inside."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def analyse(document: Document) -> Article:
    """Analyse a document into an article (language is filled in later)."""
    text = clean_text(document.text)
    if looks_tokenised(text):
        text = detokenise(text)
    meta = document.meta
    paragraphs = split_paragraphs(text)
    header = _Header()
    if meta.title:
        header.title = meta.title.strip()
        if paragraphs and _same_title(paragraphs[0], header.title):
            paragraphs.pop(0)
    elif document.title_in_text:
        paragraphs = _take_title(paragraphs, header)
    paragraphs = _take_header_meta(paragraphs, header)

    article = Article(title=header.title or "", body="")
    article.author = meta.author or header.author
    article.editor = header.editor
    article.url = meta.url
    article.tags = list(meta.tags)
    published = parse_date(meta.published) if meta.published else None
    article.published = to_iso(published) if published else header.published

    body, footer_source = _sort_body(paragraphs, article)
    if len(body) > 1 and _DANGLING_DATELINE.match(body[0]):
        body[0:2] = [f"{body[0]} {body[1]}"]
    if body:
        dateline = find_dateline(body[0])
        if dateline is not None:
            article.dateline = dateline.text
            rest = body[0][dateline.end :].strip()
            if rest:
                body[0] = rest
            else:
                body.pop(0)
            if dateline.outlet:
                article.source = dateline.outlet
    article.source = meta.source or article.source or footer_source or None
    article.body = "\n\n".join(body)
    if not article.title:
        article.title = derive_title(article.body)
        article.title_derived = True
    return article


def _same_title(paragraph: str, title: str) -> bool:
    return paragraph.strip().casefold() == title.strip().casefold()


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > MAX_TITLE or "\n" in line:
        return False
    if find_dateline(line) is not None:
        return False
    if line.endswith(_FINAL_PUNCT) and (len(line) > 100 or ". " in line):
        return False
    return not line.endswith((",", ";", ":"))


def _take_title(paragraphs: list[str], header: _Header) -> list[str]:
    """Take the first paragraph as the title when it reads like a headline."""
    while paragraphs and boilerplate.is_noise(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    heading = first.lstrip("#").strip() if first.startswith("#") else first
    lines = heading.split("\n")
    if _looks_like_title(lines[0]) and parse_date_line(lines[0]) is None:
        header.title = lines[0].strip()
        rest = "\n".join(lines[1:]).strip()
        return ([rest] if rest else []) + paragraphs[1:]
    return paragraphs


def _take_header_meta(paragraphs: list[str], header: _Header) -> list[str]:
    """Consume date lines and bylines just below the title (a few paragraphs at most)."""
    index = 0
    kept: list[str] = []
    scanned = 0
    while index < len(paragraphs) and scanned < _HEADER_SCAN:
        para = paragraphs[index]
        if boilerplate.is_noise(para):
            index += 1
            continue
        scanned += 1
        remaining = [line for line in para.split("\n") if not _header_line(line, header)]
        if len(remaining) == len(para.split("\n")) and not kept:
            # The first paragraph that is not header metadata starts the body.
            break
        if remaining:
            kept.append("\n".join(remaining))
            break
        index += 1
    return kept + paragraphs[index + (1 if kept else 0) :]


def _header_line(line: str, header: _Header) -> bool:
    """True if every segment of the line is a date or a byline (and record them)."""
    segments = _META_SPLIT.split(line.strip().strip("*_ "))
    found = []
    for segment in segments:
        segment = segment.strip("*_ ")
        if not segment:
            continue
        moment = parse_date_line(segment)
        if moment is not None:
            found.append(("date", to_iso(moment)))
            continue
        byline = _byline(segment)
        if byline is None:
            return False
        found.append(byline)
    if not found:
        return False
    for kind, value in found:
        if kind == "date":
            # A repeated date line (Wikinews repeats it as "Friday, January 4, 2019") is dropped.
            if header.published is None:
                header.published = value
        elif kind == "editor":
            header.editor = header.editor or value
        else:
            header.author = header.author or value
    return True


def _byline(line: str) -> tuple[str, str] | None:
    line = line.strip().strip("*_ ")
    match = _EDITOR.match(line)
    if match:
        return ("editor", match.group("name").strip("*_ "))
    match = _AUTHOR.match(line)
    if match and _AUTHOR_NAME.match(match.group("name").strip("*_ ")):
        return ("author", match.group("name").strip("*_ "))
    return None


def _sort_body(paragraphs: list[str], article: Article) -> tuple[list[str], str | None]:
    """Keep body paragraphs; move read-also, bylines and boilerplate out of the body."""
    body: list[str] = []
    footer_source = None
    pending_read_also = False
    for para in paragraphs:
        if boilerplate.is_footer_start(para):
            for rest in paragraphs[paragraphs.index(para) :]:
                owner = boilerplate.copyright_owner(rest)
                if owner:
                    footer_source = owner
            break
        if pending_read_also:
            pending_read_also = False
            if len(para) <= 160 and "\n" not in para and not para.endswith("."):
                article.read_also.append(para)
                continue
        if len(para) <= 300:
            match = _READ_ALSO.match(para)
            if match:
                title = (match.group("title") or "").strip()
                if title:
                    article.read_also.append(title)
                else:
                    pending_read_also = True
                continue
            if boilerplate.is_noise(para):
                continue
            owner = boilerplate.copyright_owner(para)
            if owner is not None:
                footer_source = footer_source or owner or None
                continue
            byline = _byline(para)
            if byline is not None:
                kind, name = byline
                if kind == "editor":
                    article.editor = article.editor or name
                else:
                    article.author = article.author or name
                continue
        body.append(para)
    return body, footer_source


def derive_title(body: str, limit: int = DERIVED_TITLE) -> str:
    """A title from the opening sentence(s), cut at a word boundary when long.

    Fragments (a stray comma, a photo credit) are passed over; a very short
    opening sentence ("Hai!") is joined with the next one.
    """
    paragraphs = split_paragraphs(body[: limit * 40])
    head = next((p for p in paragraphs if _substantial(p)), paragraphs[0] if paragraphs else "")
    head = head[: limit * 4].split("\n", 1)[0].strip()
    sentences = _SENTENCE_END.split(head)
    title = sentences[0].strip()
    for sentence in sentences[1:]:
        if len(title) >= MIN_DERIVED_TITLE:
            break
        title = f"{title} {sentence.strip()}"
    if len(title) <= limit:
        return title.rstrip(" .")
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return (cut or title[:limit]) + "…"


def _substantial(paragraph: str) -> bool:
    return len(paragraph.split()) >= 4 and (paragraph[0].isalnum() or paragraph[0] in "\"“'")
