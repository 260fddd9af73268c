"""Checkpoints during an import run on a thread of their own, and are done when it returns."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from reader.importer import Importer
from reader.storage.checkpoints import FALLBACK_PAGES
from reader.storage.library import Library


def _articles_in_database_file(library_path: Path, tmp_path: Path) -> int:
    """Articles in the database file alone, as if its write-ahead log were lost."""
    copy = tmp_path / "file-only.db"
    shutil.copyfile(library_path, copy)
    with sqlite3.connect(copy) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_an_import_leaves_its_articles_in_the_database_file(
    library: Library, library_path: Path, corpus: Path, tmp_path: Path
) -> None:
    before = library.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    report = Importer(library, workers=1).run(
        sorted((corpus / "id" / "indosum").glob("*.txt"))[:120]
    )
    assert len(report.imported) > 50
    # The background checkpoints copied every committed page into the file before the
    # import returned; the import's own connection checkpoints as before again.
    assert _articles_in_database_file(library_path, tmp_path) == len(report.imported)
    assert library.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before


def test_commits_while_checkpointing_in_the_background(
    library: Library, library_path: Path, tmp_path: Path
) -> None:
    library.conn.execute("PRAGMA wal_autocheckpoint = 500")
    library.conn.execute("CREATE TABLE scratch (n INTEGER, text TEXT)")
    with library.background_checkpoints() as checkpoints:
        assert library.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == FALLBACK_PAGES
        for batch in range(20):
            with library.conn:
                library.conn.executemany(
                    "INSERT INTO scratch VALUES (?, ?)",
                    [(batch * 1000 + i, "x" * 500) for i in range(1000)],
                )
            checkpoints.request()
    assert library.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 500
    copy = tmp_path / "file-only.db"
    shutil.copyfile(library_path, copy)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*), max(n) FROM scratch").fetchone() == (20_000, 19_999)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_log_stays_bounded_when_the_background_falls_behind(
    library: Library, library_path: Path
) -> None:
    """Commits back to back with no checkpoint asked for (as if the thread could not keep
    up): the importing connection checkpoints itself once the log passes FALLBACK_PAGES."""
    library.conn.execute("CREATE TABLE scratch (n INTEGER, text TEXT)")
    wal = library_path.with_name(library_path.name + "-wal")
    page = library.conn.execute("PRAGMA page_size").fetchone()[0]
    largest = 0
    with library.background_checkpoints():
        for batch in range(70):
            with library.conn:
                library.conn.executemany(
                    "INSERT INTO scratch VALUES (?, ?)",
                    [(batch * 1000 + i, "y" * 1000) for i in range(1000)],
                )
            largest = max(largest, wal.stat().st_size)
    assert largest > 20 * 1024 * 1024  # the log did grow past the usual 1,000 pages
    assert largest < (FALLBACK_PAGES + 2_000) * page
