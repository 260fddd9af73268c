"""Backups and damaged libraries: a copy before every migration, daily and on demand; restore
keeps the current file aside; damaged, truncated or read-only libraries are explained, never
overwritten; two Readers on one library stay consistent."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from reader.cli import main as cli
from reader.storage.backup import KEEP, check_backup, due, list_backups, make_backup
from reader.storage.errors import LibraryError
from reader.storage.library import Library

ROOT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _old_library(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((Path(__file__).parent / "fixtures/library_v1.sql").read_text())
    conn.close()


def test_migration_is_preceded_by_a_backup(tmp_path) -> None:
    path = tmp_path / "old.db"
    _old_library(path)
    with Library(path):
        pass
    [backup] = list_backups(path)
    assert backup.reason.startswith("before-schema-")
    check_backup(backup.path)
    old = sqlite3.connect(backup.path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1  # the copy is the old library
    assert old.execute("SELECT title FROM articles").fetchone()[0] == "Judul Lama"
    old.close()
    with Library(path):
        pass
    assert len(list_backups(path)) == 1  # no migration, no new backup


def test_backup_restore_keeps_the_current_file_aside(tmp_path, seed_file, capsys) -> None:
    path = tmp_path / "lib.db"
    lib = ["--library", str(path)]
    assert cli(["import", *lib, "--workers", "1", str(seed_file)]) == 0
    assert cli(["backup", *lib, "--json"]) == 0
    out = capsys.readouterr().out
    backup = Path(json.loads(out[out.index("{") :])["backup"])
    assert backup.exists()
    with Library(path) as library:
        library.delete_article(1)
    assert cli(["restore", *lib, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["path"] == str(backup)
    assert cli(["restore", *lib, str(backup)]) == 0
    assert "kept as" in capsys.readouterr().out
    with Library(path) as library:
        assert library.count() == 1
    assert list(tmp_path.glob("lib.before-restore-*.db"))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    assert cli(["restore", *lib, str(garbage)]) == 1
    with Library(path) as library:
        assert library.count() == 1  # a bad backup is refused before anything moves


def test_old_backups_are_pruned_and_daily_backups_are_due_once_a_day(tmp_path) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        assert due(path)
        first = make_backup(library.conn, path, "daily")
        assert not due(path)
        assert due(path, every=timedelta(0))
        for number in range(KEEP + 2):  # older backups, as left by earlier days
            old = first.with_name(f"lib-202001{number + 1:02d}-000000-daily.db")
            old.write_bytes(first.read_bytes())
        make_backup(library.conn, path, "manual")
    backups = list_backups(path)
    assert len(backups) == KEEP and backups[0].reason == "manual"


def test_damaged_library_is_explained_and_left_alone(tmp_path, seed_file) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        from reader.importer import Importer

        Importer(library, workers=1, entities=False).run([str(seed_file)])
        make_backup(library.conn, path, "manual")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3] + b"\x00" * 4096 + data[len(data) // 3 + 4096 :])
    Path(str(path) + "-wal").unlink(missing_ok=True)
    before = _digest(path)
    # The damage may show on opening or on the first full check.
    with pytest.raises(LibraryError, match=r"damaged|not a usable") as caught, Library(path) as lib:
        lib.check()
    assert "backup" in str(caught.value)
    assert _digest(path) == before

    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[:2048])
    before = _digest(truncated)
    with pytest.raises(LibraryError, match=r"damaged|not a usable"):
        Library(truncated)
    assert _digest(truncated) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_library_is_explained(tmp_path) -> None:
    path = tmp_path / "lib.db"
    with Library(path):
        pass
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(LibraryError, match="cannot be written"):
            Library(path)
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_two_readers_import_into_one_library_at_once(tmp_path, corpus) -> None:
    path = tmp_path / "shared.db"
    with Library(path):
        pass
    folders = [corpus / "en" / "wikinews", corpus / "seed"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reader",
                "import",
                "--library",
                str(path),
                "--workers",
                "1",
                "--no-entities",
                str(folder),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    with Library(path) as library:
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = sum(1 for f in folders for _ in f.glob("*.txt"))
        assert files - 2 <= library.count() <= files
        watcher = Library(path)
        version = watcher.conn.execute("PRAGMA data_version").fetchone()[0]
        library.delete_article(1)
        assert watcher.conn.execute("PRAGMA data_version").fetchone()[0] != version
        watcher.close()
