"""Entities, aliases and mentions in the library, and the queries behind the entity views."""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from reader.fingerprint import fold
from reader.ner.corrections import Correction
from reader.ner.mention import Mention
from reader.storage.library import Library, now_iso

_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")

#: From this confidence on, the model's find of a name is evidence for learning it (the
#: schema's update and delete triggers state the same literally: migration 12).
CONFIDENT = 0.8


def same_name_spelled_differently(a: str, b: str) -> bool:
    """ "Zelensky"/"Zelenskyy", "Sergey Lavrov"/"Sergei Lavrov": same number of words, each
    word equal or a close variant (six letters or more, same first letter, at most two letters
    longer or shorter, 80% alike).
    "Kim Jong-un"/"Kim Jong-il" stay apart."""
    words_a, words_b = fold(a).split(), fold(b).split()
    if len(words_a) != len(words_b) or words_a == words_b or len(words_a) < 2:
        return False  # a single word ("Ronald", "Ronaldo") is too little to go on
    if not set(words_a) & set(words_b):
        return False  # at least one word must be spelled the same
    for x, y in zip(words_a, words_b, strict=True):
        if x == y:
            continue
        if x[:1] != y[:1] or abs(len(x) - len(y)) > 2 or min(len(x), len(y)) < 6:
            return False
        if difflib.SequenceMatcher(None, x, y).ratio() < 0.8:
            return False
    return True


def _similar_person(library: Library, canonical: str) -> int | None:
    """An existing person whose name is a spelling variant of ``canonical``."""
    prefix = canonical[:3]
    rows = library.conn.execute(
        "SELECT id, canonical FROM entities WHERE type = 'PERSON' AND canonical >= ? AND canonical < ?",
        (prefix, prefix + "\U0010ffff"),
    )
    for entity_id, existing in rows:
        if same_name_spelled_differently(existing, canonical):
            return entity_id
    return None


def _entity_id(
    library: Library, canonical: str, kind: str, cache: dict, join_variants: bool = True
) -> int:
    key = (canonical, kind)
    found = cache.get(key)
    if found is not None:
        return found
    conn = library.conn
    row = conn.execute("SELECT id FROM entities WHERE canonical = ? AND type = ?", key).fetchone()
    if row is None and kind == "PERSON" and join_variants:
        similar = _similar_person(library, canonical)
        if similar is not None:
            # A new spelling of a known person joins that person as an alias.
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases (alias, entity_id) VALUES (?, ?)",
                (canonical, similar),
            )
            row = (similar,)
    if row is None:
        conn.execute("INSERT INTO entities (canonical, type) VALUES (?, ?)", key)
        row = conn.execute(
            "SELECT id FROM entities WHERE canonical = ? AND type = ?", key
        ).fetchone()
    cache[key] = row[0]
    return row[0]


def store_mentions(
    library: Library,
    article_id: int,
    mentions: Iterable[Mention],
    version: str,
    cache: dict | None = None,
) -> None:
    """Replace an article's mentions (call inside a transaction for batches)."""
    cache = {} if cache is None else cache
    conn = library.conn
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    rows, aliases = [], set()
    for m in mentions:
        # A name the user chose (rename, merge) is kept as it is; a name as written may
        # join a known person spelled slightly differently.
        entity_id = _entity_id(
            library,
            m.canonical,
            m.type,
            cache,
            join_variants=m.canonical == m.text and m.source != "user",
        )
        rows.append((article_id, entity_id, m.start, m.end, m.text, m.source, m.confidence))
        if m.type != "DATE":
            aliases.add((m.text, entity_id))
            aliases.add((m.canonical, entity_id))
    conn.executemany(
        "INSERT INTO mentions (article_id, entity_id, start, end, text, source, confidence)"
        " VALUES (?,?,?,?,?,?,?)",
        rows,
    )
    _count_mentions(conn, article_id, rows)
    conn.executemany(
        "INSERT OR IGNORE INTO entity_aliases (alias, entity_id) VALUES (?, ?)", aliases
    )
    conn.execute(
        "INSERT OR REPLACE INTO extraction_state (article_id, version, extracted_at) VALUES (?,?,?)",
        (article_id, version, now_iso()),
    )


def _count_mentions(conn: sqlite3.Connection, article_id: int, rows: list[tuple]) -> None:
    """What the article's new mentions add to ``article_entities`` (mentions per entity) and
    ``name_evidence`` (one article more for each name the model found confidently), in one
    statement each (schema 15): the article has no mentions left from before, so every
    entity and every confident name is new to it."""
    per_entity = Counter(row[1] for row in rows)
    if not per_entity:
        return
    (published,) = conn.execute(
        "SELECT published FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    conn.executemany(
        "INSERT INTO article_entities (article_id, entity_id, mentions, published)"
        " VALUES (?,?,?,?) ON CONFLICT (article_id, entity_id)"
        " DO UPDATE SET mentions = mentions + excluded.mentions",
        [(article_id, entity, count, published) for entity, count in per_entity.items()],
    )
    confident = {
        (text, entity)
        for _a, entity, _s, _e, text, source, confidence in rows
        if source == "model" and confidence is not None and confidence >= CONFIDENT
    }
    conn.executemany(
        "INSERT INTO name_evidence (text, entity_id, articles) VALUES (?, ?, 1)"
        " ON CONFLICT (text, entity_id) DO UPDATE SET articles = articles + 1",
        sorted(confident),
    )


def article_mentions(library: Library, article_id: int) -> list[dict[str, Any]]:
    """Mentions in text order: text, type, start, end, canonical, entity_id."""
    rows = library._rows(
        "SELECT m.text, e.type, m.start, m.end, e.canonical, e.id AS entity_id, m.source"
        " FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? ORDER BY m.start",
        [article_id],
    )
    return [dict(r) for r in rows]


def article_entities(library: Library, article_id: int) -> list[dict[str, Any]]:
    """The article's entities with mention counts, most salient first (count, then position),
    and in how many articles each appears."""
    rows = library._rows(
        "SELECT e.id, e.canonical, e.type, count(*) AS mentions, min(m.start) AS first,"
        " e.articles FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?"
        " GROUP BY e.id ORDER BY mentions DESC, first",
        [article_id],
    )
    return [dict(r) for r in rows]


def find_entities(library: Library, name: str) -> list[dict[str, Any]]:
    """Entities whose canonical name or an alias is ``name`` (any case), most mentioned first."""
    rows = library._rows(
        "SELECT e.id, e.canonical, e.type, e.articles"
        " FROM entities e WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE alias = ?"
        " UNION SELECT id FROM entities WHERE canonical = ? COLLATE NOCASE)"
        " ORDER BY articles DESC",
        [name, name],
    )
    return [dict(r) for r in rows]


def entity(library: Library, entity_id: int) -> dict[str, Any] | None:
    rows = list(library._rows("SELECT id, canonical, type FROM entities WHERE id = ?", [entity_id]))
    if not rows:
        return None
    found = dict(rows[0])
    found["aliases"] = [
        r["alias"]
        for r in library._rows(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", [entity_id]
        )
    ]
    return found


def entity_articles(library: Library, entity_id: int, limit: int = 300) -> list[dict[str, Any]]:
    """Articles mentioning an entity, newest first, each with the sentence of its first mention.
    Read through the (entity, date) index, so a name in half the library costs no more than a
    rare one."""
    rows = [
        dict(r)
        for r in library._rows(
            "SELECT a.id, a.title, a.source, a.published, ae.mentions,"
            " (SELECT min(start) FROM mentions m WHERE m.entity_id = ae.entity_id"
            "  AND m.article_id = ae.article_id) AS first, a.body"
            " FROM article_entities ae JOIN articles a ON a.id = ae.article_id"
            " WHERE ae.entity_id = ? AND a.trashed_at IS NULL"
            " ORDER BY ae.published DESC, ae.article_id DESC LIMIT ?",  # NULL dates sort last
            [entity_id, limit],
        )
    ]
    for row in rows:
        row["sentence"] = sentence_around(row.pop("body"), row["first"] or 0)
    return rows


def sentence_around(body: str, offset: int, limit: int = 300) -> str:
    """The sentence containing ``offset``, cut to ``limit`` characters."""
    window_start = max(0, offset - limit)
    start = window_start
    for match in _SENTENCE_BOUNDARY.finditer(body, window_start, offset):
        start = match.end()
    match = _SENTENCE_BOUNDARY.search(body, offset)
    end = match.start() if match else len(body)
    sentence = body[start:end].strip()
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"


def entity_index(
    library: Library, query: str = "", kind: str | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """All entities (optionally filtered by name and type) with article counts, most first."""
    clauses, params = ["e.type != 'DATE'"], []
    if kind:
        clauses.append("e.type = ?")
        params.append(kind)
    if query:
        escaped = query.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        clauses.append(
            "e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ESCAPE '!')"
        )
        params.append(f"%{escaped}%")
    clauses.append("e.articles > 0")
    sql = (
        "SELECT e.id, e.canonical, e.type, e.articles,"
        " (SELECT sum(mentions) FROM article_entities WHERE entity_id = e.id) AS mentions"
        f" FROM entities e WHERE {' AND '.join(clauses)}"
        " ORDER BY e.articles DESC, e.canonical LIMIT ?"
    )
    return [dict(r) for r in library._rows(sql, [*params, limit])]


def learned_names(library: Library, min_articles: int = 3) -> list[tuple[str, str, str]]:
    """(surface text, type, canonical) the model found confidently (0.8 or more) in several
    articles, from the trigger-kept counts of migration 12."""
    rows = library.conn.execute(
        "SELECT n.text, e.type, e.canonical FROM name_evidence n JOIN entities e"
        " ON e.id = n.entity_id WHERE n.articles >= ? AND e.type != 'DATE'",
        (min_articles,),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def articles_needing_extraction(library: Library, version: str, limit: int = 1000) -> list[int]:
    rows = library.conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN extraction_state x ON x.article_id = a.id"
        " WHERE x.version IS NULL OR x.version != ? ORDER BY a.id LIMIT ?",
        (version, limit),
    )
    return [r[0] for r in rows]


# --- corrections ----------------------------------------------------------------------


def add_correction(library: Library, correction: Correction) -> int:
    with library.write():
        cursor = library.conn.execute(
            "INSERT INTO corrections (kind, article_id, text, type, new_type, new_name, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                correction.kind,
                correction.article_id,
                correction.text,
                correction.type,
                correction.new_type,
                correction.new_name,
                now_iso(),
            ),
        )
    return int(cursor.lastrowid or 0)


def set_correction_active(library: Library, correction_id: int, active: bool) -> None:
    """Undo (inactive) or redo a correction; it stays listed for review."""
    with library.write():
        library.conn.execute(
            "UPDATE corrections SET active = ? WHERE id = ?", (int(active), correction_id)
        )


def delete_correction(library: Library, correction_id: int) -> None:
    with library.write():
        library.conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))


_CORRECTION_COLUMNS = "id, kind, text, type, new_type, new_name, article_id"


def _corrections(library: Library, where: str, params: tuple = ()) -> list[Correction]:
    rows = library.conn.execute(
        f"SELECT {_CORRECTION_COLUMNS} FROM corrections WHERE {where} ORDER BY id", params
    )
    return [
        Correction(
            kind=r[1], text=r[2], type=r[3], new_type=r[4], new_name=r[5], article_id=r[6], id=r[0]
        )
        for r in rows
    ]


def corrections_for(library: Library, article_id: int | None) -> list[Correction]:
    """Active corrections that apply to an article (its own and the library-wide ones)."""
    return _corrections(
        library, "active = 1 AND (article_id IS NULL OR article_id IS ?)", (article_id,)
    )


def corrections_for_all_articles(library: Library) -> list[Correction]:
    """Active article-scoped corrections (for batch extraction)."""
    return _corrections(library, "active = 1 AND article_id IS NOT NULL")


def correction(library: Library, correction_id: int) -> Correction | None:
    """One correction, active or not."""
    found = _corrections(library, "id = ?", (correction_id,))
    return found[0] if found else None


def list_corrections(library: Library) -> list[dict[str, Any]]:
    rows = library._rows(
        "SELECT c.id, c.kind, c.text, c.type, c.new_type, c.new_name, c.article_id, c.created_at,"
        " c.active, a.title AS article_title FROM corrections c"
        " LEFT JOIN articles a ON a.id = c.article_id ORDER BY c.id DESC",
        [],
    )
    return [dict(r) for r in rows]


def articles_affected(library: Library, correction: Correction) -> list[int]:
    """Articles whose extraction a correction changes (to re-apply it there)."""
    if correction.article_id is not None:
        return [correction.article_id]
    rows = library.conn.execute(
        "SELECT DISTINCT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.text = ? OR e.canonical = ?",
        (correction.text, correction.text),
    )
    ids = [r[0] for r in rows]
    if correction.kind == "add":
        hits = library.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
            ('"' + correction.text.replace('"', "") + '"',),
        )
        ids = sorted(set(ids) | {r[0] for r in hits})
    return ids
