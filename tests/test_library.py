"""The SQLite library: storing, duplicates, full-text search, schema versions."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.importer import Importer
from reader.pipeline import parse_file
from reader.storage.errors import LibraryError, NewerLibraryError
from reader.storage.library import Library
from reader.storage.migrations import SCHEMA_VERSION
from reader.storage.search import MATCH_END, MATCH_START, fts_query


def _import(library: Library, *paths: Path):
    return Importer(library, workers=1).run(list(paths))


def test_library_settings(library: Library) -> None:
    conn = library.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert library.schema_version == SCHEMA_VERSION


def test_show_fields_and_raw_text(library: Library, seed_file: Path) -> None:
    report = _import(library, seed_file)
    [item] = report.imported
    article = library.get(item["id"])
    for key in ("id", "title", "published", "source", "author", "language", "body", "read_also"):
        assert key in article
    assert article["path"] == str(seed_file)
    assert article["imported_at"]
    assert article["read_also"][0]["text"].startswith("Pasukan Rusia")
    raw = library.conn.execute("SELECT raw FROM article_files WHERE article_id=?", (item["id"],))
    assert raw.fetchone()[0] == seed_file.read_text(encoding="utf-8")


def test_reimport_and_renamed_copy_are_duplicates(library, seed_file, tmp_path) -> None:
    first = _import(library, seed_file)
    copy = tmp_path / "another name.txt"
    copy.write_bytes(seed_file.read_bytes().replace(b"\n", b"\r\n"))
    again = _import(library, seed_file, copy)
    assert again.imported == []
    assert [d["id"] for d in again.duplicates] == [first.imported[0]["id"]] * 2
    assert library.count() == 1


def test_duplicates_within_one_batch(library, bad) -> None:
    report = _import(library, bad / "utf8_bom.txt", bad / "utf16le_bom.txt")
    assert len(report.imported) == 1 and len(report.duplicates) == 1


def test_search_ranks_and_marks_matches(library, corpus) -> None:
    _import(library, corpus / "seed", corpus / "en/wikinews")
    hits = library.search("Jake Sullivan")
    assert hits[0]["title"].startswith("Mulai Kurang Tenaga di Ukraina")
    assert f"{MATCH_START}Sullivan{MATCH_END}" in hits[0]["snippet"]
    magnitogorsk = library.search("Magnitogorsk")
    assert magnitogorsk[0]["title"].startswith("Magnitogorsk apartment building collapses")


def test_search_folds_diacritics(library, bad) -> None:
    _import(library, bad / "latin1_cp1252_article.txt")
    assert library.search("cafe")[0]["title"].startswith("Kafe “Le Petit Café”")
    assert library.search("CAFÉ")
    assert library.search("zurich")


def test_search_while_typing_matches_prefixes(library, seed_file) -> None:
    _import(library, seed_file)
    assert library.search("Sulliv")
    assert not library.search("Sulliv ")  # a finished word must match whole


@pytest.mark.parametrize("text", ['"', "*", "NEAR(", "AND", "-", "a OR", "(", "x" * 10_000, ""])
def test_search_survives_query_syntax(library, seed_file, text) -> None:
    _import(library, seed_file)
    assert isinstance(library.search(text), list)


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('Jake "Yang Jiechi" AND') == '"Yang Jiechi" AND "Jake" AND "AND"*'
    assert fts_query("  ") is None


def test_index_follows_updates_and_deletes(library, seed_file) -> None:
    [item] = _import(library, seed_file).imported
    library.delete_article(item["id"])
    assert library.search("Sullivan") == []
    assert library.conn.execute("SELECT count(*) FROM read_also").fetchone()[0] == 0
    assert library.conn.execute("SELECT count(*) FROM article_files").fetchone()[0] == 0


def test_reparse_rederives_from_raw(library, seed_file) -> None:
    from reader.reparse import reparse_library

    [item] = _import(library, seed_file).imported
    library.conn.execute(
        "UPDATE articles SET title='damaged', body='damaged' WHERE id=?", (item["id"],)
    )
    report = reparse_library(library)
    assert report["updated"] == 1
    article = library.get(item["id"])
    assert article["title"].startswith("Mulai Kurang Tenaga")
    assert library.search("Sullivan")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_library_is_refused_untouched(library_path: Path, seed_file) -> None:
    with Library(library_path) as lib:
        _import(lib, seed_file)
        lib.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _sha(library_path)
    with pytest.raises(NewerLibraryError, match="newer version of Reader"):
        Library(library_path)
    assert _sha(library_path) == before


def test_unknown_migration_is_refused(library_path: Path) -> None:
    with Library(library_path) as lib:
        lib.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('reader', '9999_future', 'now')"
        )
        lib.conn.commit()
    with pytest.raises(NewerLibraryError):
        Library(library_path)


def test_not_a_library_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list")
    with pytest.raises(LibraryError, match="not a Reader library"):
        Library(notes)
    assert notes.read_text() == "my shopping list"


def test_library_from_schema_1_opens_with_data(tmp_path: Path) -> None:
    """A library written by schema version 1 (saved as SQL) opens, migrates and keeps its data."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((Path(__file__).parent / "fixtures/library_v1.sql").read_text())
    conn.close()
    with Library(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        [row] = lib.list_articles()
        assert row["title"] == "Judul Lama"
        assert lib.search("tersimpan")[0]["id"] == row["id"]


def test_missing_library_and_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "lib.db"
    with Library(path) as lib:
        assert lib.count() == 0
    assert path.exists()


def _marked(snippet: str) -> str:
    return snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")


def test_snippets_mark_phrases_prefixes_and_folded_words() -> None:
    from reader.snippets import make_snippet
    from reader.storage.search import query_terms

    text = (
        "Presiden Joko Widodo bertemu Komisi Pemberantasan Korupsi (KPK) di Istana. "
        + "Lalu rapat berlanjut. " * 20
        + "Kafe “Le Petit Café” di Zürich tutup; presidensial."
    )
    phrase = _marked(make_snippet(text, query_terms('"komisi pemberantasan" kpk')))
    assert "[Komisi Pemberantasan] Korupsi ([KPK])" in phrase and phrase.endswith("…")
    assert _marked(make_snippet(text, query_terms("presiden"))).startswith("[Presiden] Joko")
    assert "[presidensial]" in _marked(make_snippet(text, query_terms("presidens")))
    assert make_snippet(text, query_terms("presidens ")) is None  # a finished word is whole
    folded = _marked(make_snippet(text, query_terms("cafe zurich")))
    assert folded.startswith("…") and "[Café]” di [Zürich]" in folded
    assert make_snippet(text, query_terms("tidakada")) is None


def test_search_pages_past_trashed_articles(library, corpus) -> None:
    from reader.storage import annotations as notes_store

    _import(library, corpus / "seed", corpus / "en/wikinews")
    everything = library.search("the", limit=10_000)
    for hit in everything[:5]:
        notes_store.trash_article(library, hit["id"])
    shown = library.search("the", limit=10)
    assert [h["id"] for h in shown] == [h["id"] for h in everything[5:15]]
    assert [h["id"] for h in library.search("the", limit=10, offset=10)] == [
        h["id"] for h in everything[15:25]
    ]
    assert all(MATCH_START in h["snippet"] for h in shown)


def test_two_connections_storing_at_once_wait_for_each_other(library_path, corpus) -> None:
    """A batch reads first (duplicates) and then writes; another connection committing in
    between must make it wait for the lock, not fail (as a deferred transaction would)."""
    mine, theirs = (parse_file(p) for p in sorted((corpus / "en" / "wikinews").glob("*.txt"))[:2])
    stored = threading.Event()

    def other_writer() -> None:
        with Library(library_path) as second:
            second.add_batch([theirs])
        stored.set()

    with Library(library_path) as first:
        other = threading.Thread(target=other_writer)
        with first.write():
            first.conn.execute("SELECT count(*) FROM articles").fetchone()
            other.start()
            other.join(0.5)  # long enough for it to try: it must be waiting for our lock
            assert not stored.is_set()
            first.add_batch([mine])
        other.join()
        assert stored.is_set() and first.count() == 2
