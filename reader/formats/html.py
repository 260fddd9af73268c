"""Read saved HTML pages with trafilatura: title, date, author and the main text.

trafilatura drops navigation, asides, scripts and styles; it is given the
markup as a string and never fetches anything. Paragraphs come back one per
line and are spaced out into Reader's blank-line paragraphs.
"""

from __future__ import annotations

import logging

from reader.article import Document, DocumentMeta
from reader.errors import Rejected

log = logging.getLogger(__name__)

_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S",
}


def read_html(markup: str) -> Document:
    """Extract the article from an HTML page, or reject a page with no article text."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:
        log.warning("HTML extraction failed: %s", exc)
        raise Rejected(f"HTML page could not be read ({exc.__class__.__name__})") from exc
    if result is None or not (result.text or "").strip():
        raise Rejected("no article text found in the HTML page")
    paragraphs = [line.strip() for line in result.text.split("\n") if line.strip()]
    meta = DocumentMeta(
        title=result.title or None,
        published=result.date or None,
        author=result.author or None,
        source=result.sitename or None,
        url=result.url or None,
        tags=[t for t in (result.tags or []) if t],
    )
    return Document(text="\n\n".join(paragraphs), format="html", meta=meta, title_in_text=False)
