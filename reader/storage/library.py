"""The article library: one SQLite file, opened through sqlite-utils.

All SQL lives in ``reader.storage``. A :class:`Library` holds one
connection and must be used from the thread that opened it; background
workers open their own. Each import batch is written in one transaction, so
an interrupted import leaves whole articles only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.article import Article
from reader.fingerprint import fingerprint
from reader.pipeline import PARSER_VERSION, ParsedFile
from reader.snippets import make_snippet, opening
from reader.storage import related as related_store
from reader.storage.checkpoints import BackgroundCheckpoints
from reader.storage.errors import LibraryError, NewerLibraryError
from reader.storage.migrations import SCHEMA_VERSION, known_names, migrations
from reader.storage.search import fts_expression, query_terms
from reader.storage.sqlparams import chunks, marks
from reader.titles import blocking_words, title_key

log = logging.getLogger(__name__)

_SQLITE_HEADER = b"SQLite format 3\x00"
_SUMMARY_COLUMNS = "id, title, source, published, language"
_ORDERS = {
    "published": "published IS NULL, published DESC, id DESC",
    "imported": "id DESC",
    "title": "title COLLATE NOCASE, id",
    "source": "source IS NULL, source COLLATE NOCASE, published DESC",
}


@dataclass(frozen=True)
class AddResult:
    """What became of one parsed file in :meth:`Library.add_batch`."""

    path: str
    id: int
    title: str
    duplicate: bool


def now_iso() -> str:
    """Current UTC time as ISO 8601 with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


#: Page cache per connection, in KiB.
CACHE_KIB = 65536


def upgrade_pending(path: str | Path) -> bool:
    """Whether opening ``path`` will upgrade an existing library to this version's schema
    (after backing it up, which for a large library takes a while). Reads only."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # not a library, or damaged: opening it says so
    return 0 < version < SCHEMA_VERSION


class Library:
    """An open library file. Creates and migrates it as needed; refuses newer ones."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _check_is_library(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(self.path), timeout=10)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open library {self.path}: {exc}") from exc
        self.db = sqlite_utils.Database(conn)
        try:
            self._check_version()
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self.db.enable_wal()
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache instead of 2 MB: at 100,000 articles an import's index
            # inserts land all over large indexes, and with the default cache they halved
            # the storing speed. Pages are only cached as they are read.
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(_explain(self.path, exc)) from exc
        except BaseException:
            conn.close()
            raise

    # --- lifecycle ---------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Library]:
        """A transaction that takes the write lock at its start (BEGIN IMMEDIATE), waiting
        for another writer up to the busy timeout. A transaction that began by reading (as
        an import batch does, looking for duplicates) could not start writing once another
        connection had committed: SQLite refuses at once, whatever the timeout. Nested: a
        savepoint."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:  # also a failed commit: nothing half-written stays
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def background_checkpoints(self) -> BackgroundCheckpoints:
        """For long imports: checkpoints on another thread while this connection commits."""
        return BackgroundCheckpoints(self.conn, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _check_version(self) -> None:
        user_version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        applied = [m.name for m in migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known_names()]
        if user_version > SCHEMA_VERSION or unknown:
            raise NewerLibraryError(
                f"{self.path} was written by a newer version of Reader (schema "
                f"{max(user_version, len(applied))}, this version knows {SCHEMA_VERSION}). "
                "Update Reader to open it; the file has not been changed."
            )

    def _migrate(self) -> None:
        if migrations.pending(self.db):
            if migrations.applied(self.db):  # an existing library: keep a copy first
                self.backup(f"before-schema-{SCHEMA_VERSION}")
            log.info("migrating %s to schema %d", self.path, SCHEMA_VERSION)
            migrations.apply(self.db)
        if self.schema_version != SCHEMA_VERSION:  # no write at all when nothing changed
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def check(self) -> None:
        """Verify the whole file (``PRAGMA quick_check``); LibraryError if it is damaged."""
        try:
            result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LibraryError(_explain(self.path, exc)) from exc
        if result != "ok":
            raise LibraryError(_explain(self.path, sqlite3.DatabaseError(f"malformed: {result}")))

    def data_version(self) -> int:
        """Changes whenever another connection commits (``PRAGMA data_version``): how a window
        notices a second Reader, the CLI or its own workers writing to the library."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def backup(self, reason: str) -> Path:
        """A consistent copy of the library in its backup folder (see storage/backup.py)."""
        from reader.storage.backup import make_backup

        return make_backup(self.conn, self.path, reason)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --- writing -----------------------------------------------------------

    def add_batch(
        self,
        files: Sequence[ParsedFile],
        with_article: Callable[[int, ParsedFile], None] | None = None,
    ) -> list[AddResult]:
        """Store parsed files in one transaction; duplicates (by body hash) are not stored.
        ``with_article(id, parsed)`` runs inside the transaction for each new article
        (to store what belongs to it, such as entity mentions)."""
        results: list[AddResult] = []
        if not files:
            return results
        stamp = now_iso()
        with self.write():
            new_ids: list[int] = []
            known = self._ids_by_hash([f.body_hash for f in files])
            for parsed in files:
                existing = known.get(parsed.body_hash)
                if existing is not None:
                    results.append(AddResult(parsed.path, existing[0], existing[1], True))
                    continue
                article_id = self._insert(parsed, stamp)
                new_ids.append(article_id)
                if with_article is not None:
                    with_article(article_id, parsed)
                known[parsed.body_hash] = (article_id, parsed.article.title)
                results.append(AddResult(parsed.path, article_id, parsed.article.title, False))
            related_store.resolve_links_from(self, new_ids)
            related_store.resolve_links_to(self, new_ids)
        return results

    def _ids_by_hash(self, hashes: list[str]) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for chunk in chunks(hashes):
            for row in self.conn.execute(
                f"SELECT body_hash, id, title FROM articles WHERE body_hash IN ({marks(chunk)})",
                chunk,
            ):
                found[row[0]] = (row[1], row[2])
        return found

    def _insert(self, parsed: ParsedFile, stamp: str) -> int:
        article = parsed.article
        cursor = self.conn.execute(
            "INSERT INTO articles (title, published, source, author, editor, dateline, language,"
            " url, title_derived, body, body_hash, word_count, imported_at, parsed_at,"
            " parser_version, title_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *_article_fields(article),
                parsed.body_hash,
                len(article.body.split()),
                stamp,
                stamp,
                PARSER_VERSION,
                title_key(article.title),
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        self.conn.execute(
            "INSERT INTO article_files (article_id, path, file_name, format, encoding, size, raw)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                article_id,
                parsed.path,
                parsed.file_name,
                parsed.format,
                parsed.encoding,
                parsed.size,
                parsed.raw,
            ),
        )
        self._write_links(article_id, article)
        fp = parsed.fingerprint or fingerprint(article.title, article.body)
        related_store.store_fingerprint(self, article_id, fp)
        related_store.store_title_words(self, article_id, title_key(article.title))
        return article_id

    def _write_links(self, article_id: int, article: Article) -> None:
        for position, text in enumerate(article.read_also):
            key = title_key(text)
            cursor = self.conn.execute(
                "INSERT INTO read_also (article_id, position, text, key) VALUES (?,?,?,?)",
                (article_id, position, text, key),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO read_also_words (word, link_id) VALUES (?, ?)",
                [(word, cursor.lastrowid) for word in blocking_words(key)],
            )
        for tag in article.tags:
            self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
            self.conn.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                " SELECT ?, id FROM tags WHERE name = ?",
                (article_id, tag),
            )

    def update_article(self, article_id: int, article: Article, body_hash: str) -> bool:
        """Replace an article's derived fields (after a re-parse). False if the new body
        duplicates another article, in which case the old hash is kept."""
        clash = self.conn.execute(
            "SELECT id FROM articles WHERE body_hash = ? AND id != ?", (body_hash, article_id)
        ).fetchone()
        with self.write():
            self.conn.execute(
                "UPDATE articles SET title=?, published=?, source=?, author=?, editor=?,"
                " dateline=?, language=?, url=?, title_derived=?, body=?, word_count=?,"
                " parsed_at=?, parser_version=?, title_key=? WHERE id=?",
                (
                    *_article_fields(article),
                    len(article.body.split()),
                    now_iso(),
                    PARSER_VERSION,
                    title_key(article.title),
                    article_id,
                ),
            )
            if clash is None:
                self.conn.execute(
                    "UPDATE articles SET body_hash=? WHERE id=?", (body_hash, article_id)
                )
            self.conn.execute("DELETE FROM read_also WHERE article_id=?", (article_id,))
            self._write_links(article_id, article)
            related_store.store_fingerprint(
                self, article_id, fingerprint(article.title, article.body)
            )
            related_store.store_title_words(self, article_id, title_key(article.title))
            related_store.resolve_links_from(self, [article_id])
            related_store.resolve_links_to(self, [article_id])
            # Highlights follow their words; entity offsets are meaningless now: extract again.
            from reader.storage.annotations import reanchor_article

            reanchor_article(self, article_id, article.body)
            self.conn.execute("DELETE FROM mentions WHERE article_id=?", (article_id,))
            self.conn.execute("DELETE FROM extraction_state WHERE article_id=?", (article_id,))
        return clash is None

    def delete_article(self, article_id: int) -> None:
        """Remove an article and everything attached to it."""
        with self.write():
            self.conn.execute("DELETE FROM articles WHERE id=?", (article_id,))

    # --- reading -----------------------------------------------------------

    def count(self) -> int:
        """Articles in the library (the trash not counted), kept by triggers (migration 10)."""
        row = self.conn.execute(
            "SELECT value FROM library_counts WHERE name = 'articles'"
        ).fetchone()
        return int(row[0]) if row else 0

    def list_articles(
        self, limit: int | None = None, offset: int = 0, order: str = "published"
    ) -> list[dict[str, Any]]:
        """Article summaries (id, title, source, published, language), newest first."""
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE trashed_at IS NULL"
            f" ORDER BY {_ORDERS[order]}"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [limit, offset]
        return [dict(row) for row in self._rows(sql, params)]

    def get(self, article_id: int) -> dict[str, Any] | None:
        """One article with its body, read-also links, tags and file of origin."""
        rows = list(
            self._rows(
                "SELECT a.id, a.title, a.published, a.source, a.author, a.editor, a.dateline,"
                " a.language, a.url, a.title_derived, a.body, a.word_count, a.imported_at,"
                " a.parsed_at, a.parser_version, f.path, f.file_name, f.format, f.encoding"
                " FROM articles a LEFT JOIN article_files f ON f.article_id = a.id WHERE a.id = ?",
                [article_id],
            )
        )
        if not rows:
            return None
        article = dict(rows[0])
        article["title_derived"] = bool(article["title_derived"])
        article["read_also"] = related_store.read_also(self, article_id)
        article["tags"] = [
            row["name"]
            for row in self._rows(
                "SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                " WHERE at.article_id = ? ORDER BY t.name COLLATE NOCASE",
                [article_id],
            )
        ]
        return article

    def bodies(self, article_ids: Sequence[int]) -> dict[int, str]:
        """Bodies of the given articles, by id."""
        found: dict[int, str] = {}
        for chunk in chunks(article_ids):
            found.update(
                self.conn.execute(
                    f"SELECT id, body FROM articles WHERE id IN ({marks(chunk)})", chunk
                ).fetchall()
            )
        return found

    def raw_sources(self, batch_size: int = 200) -> Iterator[list[dict[str, Any]]]:
        """Batches of (id, format, raw) for every article, for re-parsing."""
        last = 0
        while True:
            rows = [
                dict(r)
                for r in self._rows(
                    "SELECT article_id AS id, format, raw FROM article_files"
                    " WHERE article_id > ? ORDER BY article_id LIMIT ?",
                    [last, batch_size],
                )
            ]
            if not rows:
                return
            last = rows[-1]["id"]
            yield rows

    def search(self, text: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search, best first, with a snippet whose matches are marked
        by :data:`~reader.storage.search.MATCH_START` / ``MATCH_END``.

        Ranking reads the full-text index alone; articles are read and snippets made for
        the page of results only. (One query doing all three made a snippet from the body
        of every match: 0.6 s for a common word at 100,000 articles.)"""
        terms = query_terms(text)
        query = fts_expression(terms)
        if query is None:
            return []
        # Trashed articles are ranked too and skipped afterwards: fetch enough to fill the page.
        trashed = self.conn.execute(
            "SELECT count(*) FROM articles WHERE trashed_at IS NOT NULL"
        ).fetchone()[0]
        ranked = self.conn.execute(
            "SELECT rowid, bm25(articles_fts, 8.0, 1.0) AS rank FROM articles_fts"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, offset + limit + trashed),
        ).fetchall()
        articles = related_store.summaries(self, [article_id for article_id, _rank in ranked])
        page = [(i, rank) for i, rank in ranked if i in articles][offset : offset + limit]
        bodies = self.bodies([article_id for article_id, _rank in page])
        results = []
        for article_id, rank in page:
            row = articles[article_id]
            body = bodies[article_id]
            row["snippet"] = (
                make_snippet(body, terms) or make_snippet(row["title"], terms) or opening(body)
            )
            row["rank"] = rank
            results.append(row)
        return results

    def _rows(self, sql: str, params: Sequence[Any]) -> Iterator[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        yield from cursor.execute(sql, params)


def _article_fields(article: Article) -> tuple[Any, ...]:
    return (
        article.title,
        article.published,
        article.source,
        article.author,
        article.editor,
        article.dateline,
        article.language,
        article.url,
        int(article.title_derived),
        article.body,
    )


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    """A message that says what is wrong with the library file and what can be done."""
    from reader.storage.backup import backup_dir, list_backups

    text = str(exc)
    backups = list_backups(path)
    offer = (
        f" {len(backups)} backup{'s' if len(backups) != 1 else ''} in {backup_dir(path)};"
        " restore one with File › Restore from backup… or `reader restore`."
        if backups
        else ""
    )
    if "readonly" in text or "read-only" in text or not os.access(path, os.W_OK):
        return (
            f"{path} cannot be written (read-only file or folder); Reader needs to write to"
            " its library. Copy it somewhere writable or change its permissions. The file has"
            " not been changed."
        )
    if "disk is full" in text or "disk I/O" in text:
        return f"{path}: the disk is full or failing ({text}); free some space and try again."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"{path} is damaged ({text}); it has not been changed.{offer}"
    return f"{path} is not a usable Reader library: {text}.{offer}"


def _check_is_library(path: Path) -> None:
    """Refuse, without writing, a file that exists but is not an SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise LibraryError(f"cannot read library {path}: {exc.strerror or exc}") from exc
    if header and header != _SQLITE_HEADER:
        raise LibraryError(f"{path} is not a Reader library (not an SQLite database)")
