"""The SQL behind related-article navigation: read-also links and backlinks, fingerprints,
candidate articles by shared entities, keywords and MinHash bands, pins and dismissals.

The scoring and the wording of reasons live in :mod:`reader.related`; this module only reads
and writes rows. Every query is bounded (per-term and per-entity limits), so its cost does not
grow with the size of the library.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reader.fingerprint import Fingerprint
from reader.storage.sqlparams import chunks, marks
from reader.titles import (
    MATCH_RATIO,
    best_match,
    blocking_words,
    content_words,
    similarity,
)

if TYPE_CHECKING:
    from reader.storage.library import Library

log = logging.getLogger(__name__)


# --- writing, called inside the import transaction ------------------------------------------


def store_fingerprint(library: Library, article_id: int, fp: Fingerprint) -> None:
    conn = library.conn
    conn.execute("DELETE FROM article_keywords WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO article_keywords (article_id, term, weight) VALUES (?,?,?)",
        [(article_id, term, weight) for term, weight in fp.keywords.items()],
    )
    conn.execute(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?,?)",
        (article_id, fp.signature),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band, article_id) VALUES (?,?)",
        [(band, article_id) for band in fp.bands],
    )


def articles_without_fingerprint(library: Library, limit: int = 1000) -> list[int]:
    """Articles stored before fingerprints existed (or whose indexing was interrupted)."""
    rows = library.conn.execute(
        "SELECT id FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id) ORDER BY id LIMIT ?",
        (limit,),
    )
    return [r[0] for r in rows]


def titles_and_bodies(library: Library, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    rows = library.conn.execute(
        f"SELECT id, title, body FROM articles WHERE id IN ({marks(ids)})", list(ids)
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def store_title_words(library: Library, article_id: int, key: str) -> None:
    library.conn.execute("DELETE FROM title_words WHERE article_id = ?", (article_id,))
    library.conn.executemany(
        "INSERT OR IGNORE INTO title_words (word, article_id) VALUES (?, ?)",
        [(word, article_id) for word in blocking_words(key)],
    )


def _title_candidates(library: Library, key: str, exclude: int) -> list[tuple[int, str]]:
    """Articles one of whose two rarest title words is in ``key`` (bounded per word)."""
    found: dict[int, str] = {}
    for word in sorted(content_words(key)):
        for article_id, title_key in library.conn.execute(
            "SELECT a.id, a.title_key FROM title_words w JOIN articles a ON a.id = w.article_id"
            " WHERE w.word = ? AND a.id != ? LIMIT 200",
            (word, exclude),
        ):
            found[article_id] = title_key
    return list(found.items())


def resolve_links_from(library: Library, article_ids: Iterable[int]) -> int:
    """Point the unresolved read-also lines of these articles at library articles; the
    number resolved."""
    conn = library.conn
    resolved = 0
    for article_id in article_ids:
        links = conn.execute(
            "SELECT id, key FROM read_also WHERE article_id = ? AND target_id IS NULL",
            (article_id,),
        ).fetchall()
        for link_id, key in links:
            if not key:
                continue
            exact = conn.execute(
                "SELECT id FROM articles WHERE title_key = ? AND id != ? ORDER BY id LIMIT 1",
                (key, article_id),
            ).fetchone()
            if exact is not None:
                target = exact[0]
            else:
                match = best_match(key, _title_candidates(library, key, article_id))
                if match is None:
                    continue
                target = match[0]
            conn.execute("UPDATE read_also SET target_id = ? WHERE id = ?", (target, link_id))
            resolved += 1
    return resolved


def resolve_links_to(library: Library, article_ids: Sequence[int]) -> int:
    """Point other articles' unresolved read-also lines at these (newly stored) articles:
    lines with the same title key, or sharing a rare title word and close enough."""
    conn = library.conn
    resolved = 0
    if not article_ids:
        return 0
    rows = conn.execute(
        f"SELECT id, title_key FROM articles WHERE id IN ({marks(article_ids)})", list(article_ids)
    ).fetchall()
    for article_id, key in rows:
        if not key:
            continue
        cursor = conn.execute(
            "UPDATE read_also SET target_id = ? WHERE target_id IS NULL AND key = ?"
            " AND article_id != ?",
            (article_id, key, article_id),
        )
        resolved += cursor.rowcount
        words = sorted(content_words(key))
        if not words:
            continue
        candidates = conn.execute(
            # The planner would take the primary key (every line with the word) over the
            # partial index of unresolved lines: ten times slower at 100,000 articles.
            "SELECT DISTINCT r.id, r.key FROM read_also_words w"
            " INDEXED BY idx_read_also_words_unresolved JOIN read_also r ON r.id = w.link_id"
            f" WHERE w.word IN ({marks(words)}) AND w.unresolved = 1 AND r.target_id IS NULL"
            " AND r.article_id != ?",
            [*words, article_id],
        ).fetchall()
        close = [
            link_id for link_id, link_key in candidates if similarity(key, link_key) >= MATCH_RATIO
        ]
        if close:
            cursor = conn.execute(
                f"UPDATE read_also SET target_id = ? WHERE id IN ({marks(close)})",
                [article_id, *close],
            )
            resolved += cursor.rowcount
    return resolved


# --- reading ----------------------------------------------------------------------------------


def read_also(library: Library, article_id: int) -> list[dict[str, Any]]:
    """The article's read-also lines in order: text and target_id (None while the article it
    names is not in the library)."""
    rows = library.conn.execute(
        "SELECT text, target_id FROM read_also WHERE article_id = ? ORDER BY position",
        (article_id,),
    )
    return [{"text": text, "target_id": target} for text, target in rows]


def backlinks(library: Library, article_id: int) -> list[int]:
    """Articles whose read-also lines point at this one."""
    rows = library.conn.execute(
        "SELECT DISTINCT article_id FROM read_also WHERE target_id = ? AND article_id != ?",
        (article_id, article_id),
    )
    return [r[0] for r in rows]


def summaries(library: Library, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for chunk in chunks(ids):
        for row in library._rows(
            "SELECT id, title, source, published, language FROM articles"
            f" WHERE id IN ({marks(chunk)}) AND trashed_at IS NULL",
            chunk,
        ):
            found[row["id"]] = dict(row)
    return found


def keywords(library: Library, article_id: int) -> dict[str, float]:
    rows = library.conn.execute(
        "SELECT term, weight FROM article_keywords WHERE article_id = ?", (article_id,)
    )
    return dict(rows.fetchall())


def keyword_neighbours(
    library: Library, terms: Iterable[str], exclude: int, per_term: int = 300
) -> dict[int, dict[str, float]]:
    """Articles having one of ``terms`` among their keywords: {id: {term: weight}}, at most
    ``per_term`` articles per term (those for which the term weighs most)."""
    found: dict[int, dict[str, float]] = defaultdict(dict)
    for term in terms:
        for other, weight in library.conn.execute(
            "SELECT article_id, weight FROM article_keywords WHERE term = ?"
            " ORDER BY weight DESC LIMIT ?",
            (term, per_term),
        ):
            if other != exclude:
                found[other][term] = weight
    return found


def keywords_of(library: Library, ids: Sequence[int], terms: Sequence[str]) -> dict[int, dict]:
    """Weights of ``terms`` among the keywords of articles ``ids``."""
    found: dict[int, dict[str, float]] = defaultdict(dict)
    if not ids or not terms:
        return found
    for other, term, weight in library.conn.execute(
        f"SELECT article_id, term, weight FROM article_keywords WHERE article_id IN ({marks(ids)})"
        f" AND term IN ({marks(terms)})",
        [*ids, *terms],
    ):
        found[other][term] = weight
    return found


def entity_profile(library: Library, article_id: int) -> list[dict[str, Any]]:
    """The article's people, organisations and places: id, name, type, mentions here and
    the number of articles that mention them."""
    rows = library._rows(
        "SELECT e.id, e.canonical, e.type, ae.mentions, e.articles FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ? AND e.type != 'DATE'",
        [article_id],
    )
    return [dict(r) for r in rows]


def namesakes(library: Library, entity_ids: Sequence[int]) -> dict[int, int]:
    """Entities of another type with the same name ("First Travel" taken as a place in one
    article and an organisation in another): {namesake id: id among ``entity_ids``}."""
    found: dict[int, int] = {}
    if not entity_ids:
        return found
    for other, own in library.conn.execute(
        "SELECT o.id, e.id FROM entities e JOIN entities o"
        " ON o.canonical = e.canonical AND o.id != e.id AND o.type != 'DATE'"
        f" WHERE e.id IN ({marks(entity_ids)})",
        list(entity_ids),
    ):
        found[other] = own
    return found


def entity_neighbours(
    library: Library, entity_ids: Sequence[int], exclude: int, per_entity: int = 2000
) -> dict[int, set[int]]:
    """Articles mentioning one of ``entity_ids``: {article id: {entity ids}}, at most
    ``per_entity`` (the newest) per entity."""
    found: dict[int, set[int]] = defaultdict(set)
    for entity_id in entity_ids:
        for (other,) in library.conn.execute(
            "SELECT article_id FROM article_entities WHERE entity_id = ?"
            " ORDER BY article_id DESC LIMIT ?",
            (entity_id, per_entity),
        ):
            if other != exclude:
                found[other].add(entity_id)
    return found


def entities_of(
    library: Library, ids: Sequence[int], entity_ids: Sequence[int]
) -> dict[int, set[int]]:
    """Which of ``entity_ids`` each of the articles ``ids`` mentions."""
    found: dict[int, set[int]] = defaultdict(set)
    if not ids or not entity_ids:
        return found
    for other, entity_id in library.conn.execute(
        f"SELECT article_id, entity_id FROM article_entities WHERE article_id IN ({marks(ids)})"
        f" AND entity_id IN ({marks(entity_ids)})",
        [*ids, *entity_ids],
    ):
        found[other].add(entity_id)
    return found


def signature(library: Library, article_id: int) -> bytes | None:
    row = library.conn.execute(
        "SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def signatures(library: Library, ids: Sequence[int]) -> dict[int, bytes]:
    if not ids:
        return {}
    return dict(
        library.conn.execute(
            f"SELECT article_id, signature FROM article_minhash WHERE article_id IN ({marks(ids)})",
            list(ids),
        ).fetchall()
    )


def band_neighbours(library: Library, article_id: int, limit: int = 200) -> list[int]:
    """Articles sharing at least one MinHash band with this one: near-duplicate candidates."""
    rows = library.conn.execute(
        "SELECT DISTINCT b2.article_id FROM minhash_bands b1"
        " JOIN minhash_bands b2 ON b2.band = b1.band AND b2.article_id != b1.article_id"
        " WHERE b1.article_id = ? LIMIT ?",
        (article_id, limit),
    )
    return [r[0] for r in rows]


def entity_articles_dated(
    library: Library, entity_id: int, limit: int = 400
) -> list[tuple[int, str, str | None]]:
    """(article id, title, published) of the dated articles among the ``limit`` most recently
    stored that mention an entity, newest first (bounded: an entity in half the library
    costs no more than a rare one)."""
    rows = library.conn.execute(
        "SELECT a.id, a.title, a.published FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id = ? ORDER BY ae.article_id DESC LIMIT ?",
        (entity_id, limit),
    )
    dated = [(r[0], r[1], r[2]) for r in rows if r[2]]
    return sorted(dated, key=lambda r: r[2], reverse=True)


# --- the reader's pins and dismissals -----------------------------------------------------------


def set_feedback(library: Library, article_id: int, other_id: int, verdict: str | None) -> None:
    """Pin (``"pin"``), dismiss (``"dismiss"``) or forget (None) ``other_id`` as related to
    ``article_id``. A pin holds both ways; a dismissal only for the article it was made on."""
    from reader.storage.library import now_iso

    with library.write():
        library.conn.execute(
            "DELETE FROM related_feedback WHERE article_id = ? AND other_id = ?",
            (article_id, other_id),
        )
        if verdict is not None:
            library.conn.execute(
                "INSERT INTO related_feedback (article_id, other_id, verdict, created_at)"
                " VALUES (?,?,?,?)",
                (article_id, other_id, verdict, now_iso()),
            )


def feedback(library: Library, article_id: int) -> dict[int, str]:
    """{other id: "pin" | "dismiss"} for an article, pins made from the other side included."""
    found: dict[int, str] = {}
    for other, verdict in library.conn.execute(
        "SELECT article_id, verdict FROM related_feedback WHERE other_id = ? AND verdict = 'pin'",
        (article_id,),
    ):
        found[other] = verdict
    for other, verdict in library.conn.execute(
        "SELECT other_id, verdict FROM related_feedback WHERE article_id = ?", (article_id,)
    ):
        found[other] = verdict
    return found
