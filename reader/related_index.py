"""Bring the related-article index up to date for articles stored before it existed.

New articles are fingerprinted and linked as they are imported; this catches up the rest
(a library from an older Reader, or an import interrupted between its two steps), in
batches of one transaction each, with progress and cancel like every long task.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from reader.fingerprint import fingerprint
from reader.storage import related as store
from reader.storage.library import Library

BATCH = 200


def pending(library: Library) -> bool:
    return bool(store.articles_without_fingerprint(library, limit=1))


def index_pending(
    library: Library,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Fingerprint the articles that have none and resolve their read-also links; the number
    of articles indexed."""
    ids = store.articles_without_fingerprint(library, limit=10_000_000)
    done = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        rows = store.titles_and_bodies(library, batch)
        prints = {i: fingerprint(title, body) for i, (title, body) in rows.items()}
        with library.write():
            for article_id, fp in prints.items():
                store.store_fingerprint(library, article_id, fp)
            store.resolve_links_from(library, batch)
            store.resolve_links_to(library, batch)
        done += len(batch)
        if progress:
            progress(done, len(ids))
        if cancel is not None and cancel.is_set():
            break
    return done
