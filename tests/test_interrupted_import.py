"""An import stopped at any point leaves whole articles only, and running it again completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from reader import importer as importer_module
from reader.importer import Importer
from reader.storage.library import Library


def _check_consistent(path: Path) -> int:
    with Library(path) as lib:
        conn = lib.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN article_files f ON f.article_id = a.id"
            " WHERE f.article_id IS NULL OR a.body = ''"
        ).fetchone()[0]
        assert orphans == 0
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert indexed == lib.count()
        return lib.count()


@pytest.fixture
def wikinews(corpus: Path) -> Path:
    return corpus / "en" / "wikinews"


def test_cancel_keeps_whole_batches(library_path, wikinews, monkeypatch) -> None:
    monkeypatch.setattr(importer_module, "BATCH_SIZE", 20)
    cancel = threading.Event()

    def progress(done: int, total: int, path: str) -> None:
        if done == 50:
            cancel.set()

    with Library(library_path) as lib:
        report = Importer(lib, progress=progress, cancel=cancel, workers=1).run([wikinews])
    assert report.cancelled
    assert len(report.imported) == 50
    assert _check_consistent(library_path) == 50
    with Library(library_path) as lib:
        again = Importer(lib, workers=1).run([wikinews])
    assert len(again.duplicates) == 50
    assert _check_consistent(library_path) == 284  # 285 files, one holds only a title


def test_interrupt_inside_a_batch_rolls_it_back(library_path, wikinews, monkeypatch) -> None:
    """Ctrl+C while the 70th article is being written: its batch (61-90) is rolled back."""
    monkeypatch.setattr(importer_module, "BATCH_SIZE", 30)
    with Library(library_path) as lib:
        insert = lib._insert
        written = []

        def insert_then_interrupt(parsed, stamp):
            written.append(insert(parsed, stamp))
            if len(written) == 70:
                raise KeyboardInterrupt
            return written[-1]

        monkeypatch.setattr(lib, "_insert", insert_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            Importer(lib, workers=1).run([wikinews])
    assert _check_consistent(library_path) == 60


def test_killed_process_leaves_a_consistent_library(library_path, wikinews, tmp_path) -> None:
    """A real process is killed with SIGKILL in the middle of an import."""
    driver = tmp_path / "kill_midway.py"
    driver.write_text(
        textwrap.dedent(
            f"""
            import os, signal, sys
            from reader import importer
            from reader.importer import Importer
            from reader.storage.library import Library
            importer.BATCH_SIZE = 25

            def progress(done, total, path):
                if done == 110:
                    os.kill(os.getpid(), signal.SIGKILL)

            with Library({str(library_path)!r}) as lib:
                Importer(lib, progress=progress, workers=1).run([{str(wikinews)!r}])
            """
        )
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(driver)],
        cwd=root,
        capture_output=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    stored = _check_consistent(library_path)
    assert stored == 100  # four whole batches of 25 were committed before the kill
    with Library(library_path) as lib:
        again = Importer(lib, workers=1).run([wikinews])
    assert len(again.duplicates) == 100
    assert _check_consistent(library_path) == 284
