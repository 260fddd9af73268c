"""Entity extraction for stored articles: recognise, apply corrections, store, versioned.

The extraction version combines the model file and the rules; when either
changes, articles extracted with an older version are extracted again. User
corrections are a separate layer applied over every extraction, so they are
never lost.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from functools import lru_cache

from reader.assets import resource_path
from reader.ner.corrections import Correction, apply
from reader.ner.gazetteer import FILES as gazetteer_files
from reader.ner.gazetteer import Gazetteer, of_names
from reader.ner.model import MODEL_PATH
from reader.ner.recognise import recognise_many
from reader.storage import entities as store
from reader.storage.library import Library

log = logging.getLogger(__name__)

#: Bump when the recognition rules change.
RULES_VERSION = 3
BATCH = 100


#: Files whose contents decide what the recogniser finds, besides the gazetteers.
_RECOGNITION_DATA = ("models/common_words.txt", "models/capitalisation.tsv")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The rules' version and a digest of the model and every list the recogniser reads: a
    new model or a longer gazetteer makes every article extracted again."""
    digest = hashlib.sha1(MODEL_PATH.read_bytes())
    for name in (*_RECOGNITION_DATA, *(name for name, _kind in gazetteer_files)):
        digest.update(resource_path(name).read_bytes())
    return f"{RULES_VERSION}-{digest.hexdigest()[:10]}"


#: (surface text, type, canonical name) of a name the recogniser should know.
KnownName = tuple[str, str, str]


def known_name_rows(library: Library) -> list[KnownName]:
    """Names the library has learned (confident in several articles) and names the user
    added everywhere: the recogniser knows them in every article. Plain tuples, cheap to
    hand to worker processes."""
    rows = list(store.learned_names(library))
    for correction in store.corrections_for(library, None):
        if correction.kind == "add" and correction.article_id is None:
            name = correction.new_name or correction.text
            rows.append((correction.text, correction.type or "PERSON", name))
    return rows


def known_names(library: Library) -> Gazetteer:
    return of_names(known_name_rows(library))


def extract_articles(
    library: Library,
    article_ids: list[int],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """(Re-)extract the given articles; each batch is one transaction."""
    known = known_names(library)
    version = extractor_version()
    global_corrections = store.corrections_for(library, None)
    article_corrections: dict[int, list[Correction]] = {}
    for correction in store.corrections_for_all_articles(library):
        article_corrections.setdefault(correction.article_id, []).append(correction)
    done = 0
    cache: dict = {}
    for start in range(0, len(article_ids), BATCH):
        requested = article_ids[start : start + BATCH]
        bodies = library.bodies(requested)
        batch = [article_id for article_id in requested if article_id in bodies]  # not deleted
        found = recognise_many([bodies[article_id] for article_id in batch], known)
        results = []
        for article_id, mentions in zip(batch, found, strict=True):
            corrections = sorted(
                global_corrections + article_corrections.get(article_id, []),
                key=lambda c: c.id or 0,
            )
            results.append((article_id, apply(bodies[article_id], mentions, corrections)))
        with library.write():
            for article_id, mentions in results:
                store.store_mentions(library, article_id, mentions, version, cache)
        done += len(requested)
        if progress:
            progress(done, len(article_ids))
        if cancel is not None and cancel.is_set():
            break
    return done


def extract_pending(library: Library, progress=None, cancel=None) -> int:
    """Extract every article not yet extracted with the current version."""
    pending = store.articles_needing_extraction(library, extractor_version(), limit=10_000_000)
    return extract_articles(library, pending, progress, cancel) if pending else 0


def correct(library: Library, correction: Correction) -> list[int]:
    """Store a correction and re-apply extraction where it matters; returns those articles."""
    correction_id = store.add_correction(library, correction)
    affected = store.articles_affected(library, correction)
    extract_articles(library, affected)
    log.info(
        "correction %d (%s %r) re-applied to %d articles",
        correction_id,
        correction.kind,
        correction.text,
        len(affected),
    )
    return affected


def undo_correction(library: Library, correction_id: int, active: bool = False) -> list[int]:
    """Switch a correction off (or back on) and re-extract the articles it touched."""
    correction = store.correction(library, correction_id)
    if correction is None:
        return []
    store.set_correction_active(library, correction_id, active)
    affected = store.articles_affected(library, correction)
    extract_articles(library, affected)
    return affected
