"""Killed with SIGKILL in the middle of the work: entity re-extraction, a note being typed, a
schema migration. Afterwards the library opens, passes ``integrity_check``, holds whole
articles only, has lost no note beyond the autosave interval, and finishing the work again
completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.entities import extract_pending, extractor_version
from reader.importer import Importer
from reader.storage.library import SCHEMA_VERSION, Library

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _run(script: str, tmp_path: Path, name: str, **kw) -> subprocess.CompletedProcess:
    driver = tmp_path / name
    driver.write_text(textwrap.dedent(script), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(driver)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=ENV,
        **kw,
    )


def _consistent(path: Path) -> Library:
    library = Library(path)
    conn = library.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # Mention counts kept by triggers agree with the mentions themselves.
    drift = conn.execute(
        "SELECT count(*) FROM article_entities ae LEFT JOIN (SELECT article_id, entity_id,"
        " count(*) AS n FROM mentions GROUP BY 1, 2) m USING (article_id, entity_id)"
        " WHERE m.n IS NOT ae.mentions"
    ).fetchone()[0]
    assert drift == 0
    return library


def test_killed_during_entity_extraction(tmp_path, corpus) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        Importer(library, workers=1, entities=False).run([corpus / "en" / "wikinews"])
        total = library.count()
    result = _run(
        f"""
        import os, signal
        from reader import entities
        from reader.storage.library import Library
        entities.BATCH = 20

        def progress(done, total):
            if done >= 60:
                os.kill(os.getpid(), signal.SIGKILL)

        with Library({str(path)!r}) as lib:
            entities.extract_pending(lib, progress)
        """,
        tmp_path,
        "kill_extract.py",
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    with _consistent(path) as library:
        done = library.conn.execute("SELECT count(*) FROM extraction_state").fetchone()[0]
        assert done == 60  # three whole batches, nothing half-written
        extract_pending(library)
        version = extractor_version()
        finished = library.conn.execute(
            "SELECT count(*) FROM extraction_state WHERE version = ?", (version,)
        ).fetchone()[0]
        assert finished == total


def test_killed_during_a_migration(tmp_path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((Path(__file__).parent / "fixtures/library_v1.sql").read_text())
    conn.close()
    result = _run(
        f"""
        import os, signal
        from reader.storage import migrations

        step = migrations.migrations._migrations[-1]
        original = step.fn

        def dies_halfway(db):
            original(db)  # the last migration's changes are made, not yet committed
            os.kill(os.getpid(), signal.SIGKILL)

        step.fn = dies_halfway
        from reader.storage.library import Library
        Library({str(path)!r})
        """,
        tmp_path,
        "kill_migrate.py",
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    with _consistent(path) as library:
        assert library.schema_version == SCHEMA_VERSION
        [row] = library.list_articles()
        assert row["title"] == "Judul Lama"
        assert library.search("tersimpan")


@pytest.mark.gui
def test_killed_while_typing_a_note(tmp_path, seed_file) -> None:
    path = tmp_path / "lib.db"
    with Library(path) as library:
        Importer(library, workers=1, entities=False).run([seed_file])
    text = "Catatan panjang yang diketik huruf demi huruf oleh pembaca. " * 3
    typist = tmp_path / "typist.py"
    typist.write_text(
        textwrap.dedent(
            f"""
            import sys
            from PySide6.QtCore import QTimer
            from PySide6.QtWidgets import QApplication
            from reader.storage.library import Library
            from reader.ui.main_window import MainWindow
            from reader.ui.settings import Settings

            app = QApplication([])
            window = MainWindow(Library({str(path)!r}), Settings({str(tmp_path / "s.ini")!r}))
            window.show()
            window.open_article(1)
            window.annotations.add_note()
            editor = window.annotations.panel.editor
            text = {text!r}
            typed = 0

            def type_one():
                global typed
                editor.insertPlainText(text[typed])
                typed += 1
                print(typed, flush=True)

            timer = QTimer(interval=40)
            timer.timeout.connect(type_one)
            timer.start()
            app.exec()
            """
        ),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, str(typist)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    typed = 0
    try:
        for line in proc.stdout:  # the reader has typed for about three seconds
            typed = int(line)
            if typed >= 75:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert typed >= 75, proc.stderr.read()
    with _consistent(path) as library:
        from reader.storage import annotations

        [note] = annotations.for_article(library, 1)
        assert text.startswith(note.note)
        # Saved at most a second before the kill: 1 s of typing is 25 characters here.
        assert len(note.note) >= typed - 30, (len(note.note), typed)
