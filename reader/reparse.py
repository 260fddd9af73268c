"""Re-derive every stored article from its raw text after the parser improves."""

from __future__ import annotations

import logging
from collections.abc import Callable

from reader.errors import Rejected
from reader.pipeline import body_hash, parse_text
from reader.storage.library import Library

log = logging.getLogger(__name__)


def reparse_library(library: Library, progress: Callable[[int, int], None] | None = None) -> dict:
    """Re-parse all articles; those that no longer parse keep their stored fields."""
    total = library.count()
    updated = 0
    failed: list[dict] = []
    clashes: list[int] = []
    done = 0
    for batch in library.raw_sources():
        for row in batch:
            done += 1
            try:
                article = parse_text(row["raw"], row["format"])
            except Rejected as exc:
                failed.append({"id": row["id"], "reason": exc.reason})
                continue
            if not library.update_article(row["id"], article, body_hash(article.body)):
                clashes.append(row["id"])
            updated += 1
        if progress:
            progress(done, total)
    if clashes:
        log.warning("after re-parsing, %d articles duplicate others: %s", len(clashes), clashes)
    return {"updated": updated, "failed": failed, "now_duplicates": clashes}
