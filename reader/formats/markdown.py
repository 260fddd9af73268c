"""Read Markdown articles: YAML front matter for metadata, markup reduced to paragraphs."""

from __future__ import annotations

import datetime as dt
import logging

import frontmatter
import markdown
from lxml import html as lxml_html

from reader.article import Document, DocumentMeta

log = logging.getLogger(__name__)

_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "td", "th", "dt", "dd"}


def read_markdown(text: str) -> Document:
    """Parse front matter (title, date, source, url, author, tags) and flatten the markup."""
    try:
        post = frontmatter.loads(text)
        metadata, content = post.metadata, post.content
    except Exception as exc:  # malformed YAML: keep the text, say so in the log
        log.warning("front matter could not be read (%s); using the text as is", exc)
        metadata, content = {}, text
    meta = DocumentMeta(
        title=_text(metadata.get("title")),
        published=_date(metadata.get("date") or metadata.get("published")),
        author=_text(metadata.get("author") or metadata.get("authors")),
        source=_text(metadata.get("source") or metadata.get("outlet")),
        url=_text(metadata.get("url") or metadata.get("link")),
        tags=_tags(metadata.get("tags")),
    )
    paragraphs, first_heading = markdown_paragraphs(content)
    if meta.title is None and first_heading is not None:
        meta.title = first_heading
        paragraphs = paragraphs[1:]
    return Document(text="\n\n".join(paragraphs), format="md", meta=meta, title_in_text=False)


def markdown_paragraphs(content: str) -> tuple[list[str], str | None]:
    """Render Markdown and return its text blocks, and the first H1 if it leads the text."""
    rendered = markdown.markdown(content, extensions=["extra", "sane_lists"])
    if not rendered.strip():
        return [], None
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    for bad in root.xpath("//script|//style|//img"):
        bad.drop_tree()
    paragraphs: list[str] = []
    first_heading = None
    for element in root.iter():
        if element.tag not in _BLOCKS or _inside_block(element):
            continue
        text = " ".join(element.text_content().split())
        if not text:
            continue
        if element.tag == "h1" and not paragraphs and first_heading is None:
            first_heading = text
        paragraphs.append(text)
    return paragraphs, first_heading


def _inside_block(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in _BLOCKS:
            return True
        parent = parent.getparent()
    return False


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    value = str(value).strip()
    return value or None


def _date(value) -> str | None:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _text(value)


def _tags(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(t).strip() for t in value if str(t).strip()]
