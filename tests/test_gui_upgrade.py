"""Opening a library written by an older Reader: the window says it is upgrading it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from reader.storage.backup import list_backups
from reader.storage.library import Library, upgrade_pending
from reader.storage.migrations import SCHEMA_VERSION
from reader.ui.app import open_library

pytestmark = pytest.mark.gui

FIXTURE = Path(__file__).parent / "fixtures" / "library_v1.sql"


class _Shown(QObject):
    """Records the object names of widgets as they are shown."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and watched.objectName():
            self.names.append(watched.objectName())
        return False


def _old_library(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text())
    conn.close()
    return path


def test_an_old_library_is_upgraded_behind_a_progress_dialog(qtbot, tmp_path: Path) -> None:
    path = _old_library(tmp_path / "old.db")
    assert upgrade_pending(path)
    shown = _Shown()
    QApplication.instance().installEventFilter(shown)
    try:
        library = open_library(path)
    finally:
        QApplication.instance().removeEventFilter(shown)
    assert "upgradeProgress" in shown.names
    with library:
        assert library.schema_version == SCHEMA_VERSION
        assert [row["title"] for row in library.list_articles()] == ["Judul Lama"]
    assert list_backups(path)  # the copy made before the upgrade
    assert not upgrade_pending(path)


def test_only_existing_older_libraries_count_as_upgrades(tmp_path: Path) -> None:
    assert not upgrade_pending(tmp_path / "missing.db")
    with Library(tmp_path / "new.db"):
        pass
    assert not upgrade_pending(tmp_path / "new.db")
    (tmp_path / "notes.db").write_text("not a library")
    assert not upgrade_pending(tmp_path / "notes.db")
