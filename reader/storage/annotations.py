"""Annotations in the library: highlights, notes and bookmarks, their tags, the annotations
search, re-anchoring after an article's text changes, and the article trash."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from reader.anchoring import make_anchor, reanchor, text_hash
from reader.annotations import Annotation, now
from reader.storage.library import Library
from reader.storage.search import fts_query
from reader.storage.sqlparams import chunks, marks

log = logging.getLogger(__name__)

_COLUMNS = (
    "id, uuid, article_id, kind, color, quote, prefix, suffix, start, end, text_hash, orphan,"
    " label, note, created_at, modified_at, deleted_at"
)


def _from_row(row: Any, tags: Sequence[str] = ()) -> Annotation:
    data = dict(row)
    data["orphan"] = bool(data["orphan"])
    return Annotation(**data, tags=tuple(tags))


def _tags_of(library: Library, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk in chunks(ids):
        for annotation_id, name in library.conn.execute(
            "SELECT at.annotation_id, t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id"
            f" WHERE at.annotation_id IN ({marks(chunk)}) ORDER BY t.name COLLATE NOCASE",
            chunk,
        ):
            found.setdefault(annotation_id, []).append(name)
    return found


def _load(library: Library, where: str, params: Sequence[Any]) -> list[Annotation]:
    rows = list(library._rows(f"SELECT {_COLUMNS} FROM annotations WHERE {where}", params))
    tags = _tags_of(library, [r["id"] for r in rows])
    return [_from_row(r, tags.get(r["id"], ())) for r in rows]


def save(library: Library, annotation: Annotation) -> Annotation:
    """Insert or update by uuid (all fields, tags included); returns it with its row id."""
    fields = (
        annotation.article_id,
        annotation.kind,
        annotation.color,
        annotation.quote,
        annotation.prefix,
        annotation.suffix,
        annotation.start,
        annotation.end,
        annotation.text_hash,
        int(annotation.orphan),
        annotation.label,
        annotation.note,
        annotation.created_at,
        annotation.modified_at,
        annotation.deleted_at,
    )
    with library.write():
        conn = library.conn
        row = conn.execute(
            "SELECT id FROM annotations WHERE uuid = ?", (annotation.uuid,)
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO annotations (uuid, article_id, kind, color, quote, prefix, suffix,"
                " start, end, text_hash, orphan, label, note, created_at, modified_at, deleted_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (annotation.uuid, *fields),
            )
            annotation_id = int(cursor.lastrowid or 0)
        else:
            annotation_id = row[0]
            conn.execute(
                "UPDATE annotations SET article_id=?, kind=?, color=?, quote=?, prefix=?, suffix=?,"
                " start=?, end=?, text_hash=?, orphan=?, label=?, note=?, created_at=?,"
                " modified_at=?, deleted_at=? WHERE id=?",
                (*fields, annotation_id),
            )
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        for tag in annotation.tags:
            conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
                " SELECT ?, id FROM tags WHERE name = ?",
                (annotation_id, tag),
            )
    return replace(annotation, id=annotation_id)


def get(library: Library, annotation_id: int) -> Annotation | None:
    found = _load(library, "id = ?", [annotation_id])
    return found[0] if found else None


def by_uuid(library: Library, uuid: str) -> Annotation | None:
    found = _load(library, "uuid = ?", [uuid])
    return found[0] if found else None


def for_article(library: Library, article_id: int) -> list[Annotation]:
    """The article's live annotations in text order (notes without a position last)."""
    found = _load(library, "article_id = ? AND deleted_at IS NULL", [article_id])
    return sorted(found, key=lambda a: (a.start is None, a.start or 0, a.created_at))


def delete(library: Library, annotation_id: int) -> None:
    """Delete as a tombstone (kept for undo and so that a merge elsewhere deletes it too)."""
    stamp = now()
    with library.write():
        library.conn.execute(
            "UPDATE annotations SET deleted_at = ?, modified_at = ? WHERE id = ?",
            (stamp, stamp, annotation_id),
        )


def everything(library: Library, article_id: int | None = None) -> list[Annotation]:
    """Every annotation, tombstones included (for export), oldest first."""
    if article_id is None:
        return _load(library, "1 ORDER BY created_at", [])
    return _load(library, "article_id = ? ORDER BY created_at", [article_id])


def search(
    library: Library,
    text: str = "",
    color: str | None = None,
    tag: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Live annotations matching full text (quote, note, label) and filters, newest first,
    each with its article's title, source and date."""
    where = ["n.deleted_at IS NULL", "a.trashed_at IS NULL"]
    params: list[Any] = []
    query = fts_query(text) if text.strip() else None
    if query:
        where.append("n.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)")
        params.append(query)
    if kind == "orphan":  # highlights whose text is gone, for review
        where.append("n.orphan = 1")
        kind = None
    for column, value in (("n.color", color), ("a.source", source), ("n.kind", kind)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if tag:
        where.append(
            "(n.id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t"
            " ON t.id = at.tag_id WHERE t.name = ?) OR n.article_id IN (SELECT art.article_id"
            " FROM article_tags art JOIN tags t ON t.id = art.tag_id WHERE t.name = ?))"
        )
        params += [tag, tag]
    if since:
        where.append("n.created_at >= ?")
        params.append(since)
    if until:
        where.append("n.created_at < ?")
        params.append(until)
    rows = library._rows(
        f"SELECT n.id, n.uuid, n.kind, n.color, n.quote, n.note, n.label, n.orphan,"
        f" n.start, n.created_at, n.modified_at, n.article_id, a.title, a.source, a.published"
        f" FROM annotations n JOIN articles a ON a.id = n.article_id WHERE {' AND '.join(where)}"
        f" ORDER BY n.modified_at DESC LIMIT ?",
        [*params, limit],
    )
    return [dict(r) for r in rows]


def orphans(library: Library) -> list[Annotation]:
    return _load(library, "orphan = 1 AND deleted_at IS NULL", [])


def reanchored(annotation: Annotation, body: str, body_hash: str | None = None) -> Annotation:
    """The annotation moved to where its quote is in ``body``, or marked an orphan."""
    found = reanchor(annotation.anchor, body)
    if found is None:
        return replace(annotation, orphan=True)
    return annotation.at(make_anchor(body, *found, body_hash=body_hash or text_hash(body)))


def reanchor_article(library: Library, article_id: int, body: str) -> None:
    """After the article's text changed: move highlights and bookmarks to where their quote
    now is, or mark them orphans; those whose place did not change are not written."""
    body_hash = text_hash(body)
    for annotation in _load(
        library, "article_id = ? AND deleted_at IS NULL AND start IS NOT NULL", [article_id]
    ):
        if not annotation.quote:
            continue
        moved = reanchored(annotation, body, body_hash)
        if moved == annotation:
            continue
        if moved.orphan and not annotation.orphan:
            log.warning("highlight %s lost its text in article %d", annotation.uuid, article_id)
        save(library, moved)


# --- article tags ------------------------------------------------------------------------------


def article_tags(library: Library, article_id: int) -> list[str]:
    rows = library.conn.execute(
        "SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
        " WHERE at.article_id = ? ORDER BY t.name COLLATE NOCASE",
        (article_id,),
    )
    return [r[0] for r in rows]


def set_article_tags(library: Library, article_id: int, tags: Sequence[str]) -> None:
    with library.write():
        conn = library.conn
        conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
        for tag in dict.fromkeys(t.strip() for t in tags if t.strip()):
            conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
            conn.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                " SELECT ?, id FROM tags WHERE name = ?",
                (article_id, tag),
            )


def all_tags(library: Library) -> list[tuple[str, int]]:
    """Every tag with how many articles and annotations carry it."""
    rows = library.conn.execute(
        "SELECT t.name, (SELECT count(*) FROM article_tags WHERE tag_id = t.id)"
        " + (SELECT count(*) FROM annotation_tags WHERE tag_id = t.id) AS uses"
        " FROM tags t ORDER BY t.name COLLATE NOCASE"
    )
    return [(r[0], r[1]) for r in rows]


def rename_tag(library: Library, old: str, new: str) -> None:
    """Rename a tag; renaming onto an existing tag merges the two."""
    new = new.strip()
    if not new or new == old:
        return
    with library.write():
        conn = library.conn
        source = conn.execute("SELECT id FROM tags WHERE name = ?", (old,)).fetchone()
        if source is None:
            raise ValueError(f"no tag named {old!r}")
        target = conn.execute("SELECT id FROM tags WHERE name = ?", (new,)).fetchone()
        if target is None or target[0] == source[0]:
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, source[0]))
            return
        for table, column in (("article_tags", "article_id"), ("annotation_tags", "annotation_id")):
            conn.execute(
                f"INSERT OR IGNORE INTO {table} ({column}, tag_id)"
                f" SELECT {column}, ? FROM {table} WHERE tag_id = ?",
                (target[0], source[0]),
            )
        conn.execute("DELETE FROM tags WHERE id = ?", (source[0],))


def remove_unused_tags(library: Library) -> int:
    cursor = library.conn.execute(
        "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)"
        " AND id NOT IN (SELECT tag_id FROM annotation_tags)"
    )
    return cursor.rowcount


# --- bookmarks view and trash ---------------------------------------------------------------------


def bookmarks(library: Library) -> list[dict[str, Any]]:
    """Starred articles and named bookmarks, newest first."""
    rows = library._rows(
        "SELECT 'star' AS kind, a.id AS article_id, a.title, a.source, s.starred_at AS at,"
        " NULL AS annotation_id, '' AS label FROM article_state s JOIN articles a"
        " ON a.id = s.article_id WHERE s.starred_at IS NOT NULL AND a.trashed_at IS NULL"
        " UNION ALL SELECT 'bookmark', a.id, a.title, a.source, n.created_at, n.id, n.label"
        " FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.kind = 'bookmark'"
        " AND n.deleted_at IS NULL AND a.trashed_at IS NULL ORDER BY at DESC",
        [],
    )
    return [dict(r) for r in rows]


def trash_article(library: Library, article_id: int) -> None:
    with library.write():
        library.conn.execute(
            "UPDATE articles SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL",
            (now(), article_id),
        )


def restore_article(library: Library, article_id: int) -> None:
    with library.write():
        library.conn.execute("UPDATE articles SET trashed_at = NULL WHERE id = ?", (article_id,))


def trashed(library: Library) -> list[dict[str, Any]]:
    rows = library._rows(
        "SELECT a.id, a.title, a.source, a.trashed_at,"
        " (SELECT count(*) FROM annotations WHERE article_id = a.id AND deleted_at IS NULL)"
        " AS annotations FROM articles a WHERE a.trashed_at IS NOT NULL ORDER BY a.trashed_at DESC",
        [],
    )
    return [dict(r) for r in rows]


def empty_trash(library: Library) -> int:
    """Delete the trashed articles for good, with everything attached to them."""
    with library.write():
        cursor = library.conn.execute("DELETE FROM articles WHERE trashed_at IS NOT NULL")
    return cursor.rowcount


def article_by_hash(library: Library, body_hash: str) -> int | None:
    row = library.conn.execute(
        "SELECT id FROM articles WHERE body_hash = ?", (body_hash,)
    ).fetchone()
    return row[0] if row else None
