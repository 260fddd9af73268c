"""Queries behind the library view: filtered, sorted pages of article summaries.

Paging is done in SQL (LIMIT/OFFSET over indexed columns) so a view can
fetch rows lazily from a library of any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.storage.library import Library

#: Sortable columns and their SQL; NULLs sort last whichever the direction.
SORT_KEYS = {
    "title": "a.title COLLATE NOCASE",
    "source": "a.source COLLATE NOCASE",
    "published": "a.published",
    "language": "a.language",
    "starred": "s.starred_at",
    "read": "s.read_at",
    "imported": "a.id",
}

_SUMMARY = (
    "SELECT a.id, a.title, a.source, a.published, a.language,"
    " s.read_at IS NOT NULL AS read, s.starred_at IS NOT NULL AS starred"
    " FROM articles a LEFT JOIN article_state s ON s.article_id = a.id"
)


@dataclass(frozen=True)
class ArticleFilter:
    """What the library view shows; empty means everything."""

    source: str | None = None
    language: str | None = None
    unread: bool = False
    starred: bool = False
    tag: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["a.trashed_at IS NULL"]
        params: list[Any] = []
        if self.tag:
            clauses.append(
                "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t"
                " ON t.id = at.tag_id WHERE t.name = ?)"
            )
            params.append(self.tag)
        if self.source is not None:
            clauses.append("a.source IS ?")
            params.append(self.source or None)
        if self.language is not None:
            clauses.append("a.language IS ?")
            params.append(self.language or None)
        if self.unread:
            clauses.append("s.read_at IS NULL")
        if self.starred:
            clauses.append("s.starred_at IS NOT NULL")
        return " WHERE " + " AND ".join(clauses), params


def query_articles(
    library: Library,
    article_filter: ArticleFilter = ArticleFilter(),
    sort: str = "published",
    descending: bool = True,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of summaries (id, title, source, published, language, read, starred)."""
    key = SORT_KEYS[sort]
    direction = "DESC" if descending else "ASC"
    where, params = article_filter.where()
    # Undated rows go last either way. Descending, SQLite already puts NULLs last, and leaving
    # out the "IS NULL" term lets the column's index give the order (no sort of every row).
    nulls_last = f"{key} IS NULL, " if not descending else ""
    sql = (
        f"{_SUMMARY}{where} ORDER BY {nulls_last}{key} {direction}, a.id {direction}"
        " LIMIT ? OFFSET ?"
    )
    rows = library._rows(sql, [*params, limit, offset])
    return [dict(row, read=bool(row["read"]), starred=bool(row["starred"])) for row in rows]


def count_articles(library: Library, article_filter: ArticleFilter = ArticleFilter()) -> int:
    if article_filter == ArticleFilter():
        return library.count()  # kept by triggers: no scan of the whole table
    where, params = article_filter.where()
    sql = "SELECT count(*) FROM articles a LEFT JOIN article_state s ON s.article_id = a.id" + where
    return int(library.conn.execute(sql, params).fetchone()[0])


def facet(library: Library, column: str) -> list[tuple[str | None, int]]:
    """Distinct values of ``source`` or ``language`` with their article counts."""
    if column not in ("source", "language"):
        raise ValueError(column)
    # Every row through the column's covering index, minus the few in the trash (their own
    # partial index): filtering the trash out directly would read every row.
    counts = dict(
        library.conn.execute(f"SELECT {column}, count(*) FROM articles GROUP BY {column}")
    )
    for value, trashed in library.conn.execute(
        f"SELECT {column}, count(*) FROM articles INDEXED BY idx_articles_trashed"
        f" WHERE trashed_at IS NOT NULL GROUP BY {column}"
    ):
        counts[value] -= trashed
    rows = [(value, n) for value, n in counts.items() if n > 0]
    return sorted(rows, key=lambda r: (-r[1], (r[0] or "").casefold()))


def tag_facet(library: Library) -> list[tuple[str, int]]:
    """Tags on articles in the library (not in the trash) with their article counts."""
    sql = (
        "SELECT t.name, count(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id"
        " JOIN articles a ON a.id = at.article_id WHERE a.trashed_at IS NULL"
        " GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
    )
    return [(row[0], row[1]) for row in library.conn.execute(sql)]
