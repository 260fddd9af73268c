"""File › Restore from backup… (``backupDialog``): the library's backups, newest first; back up
now, or choose one to restore (Reader restarts on it; the current file is kept aside)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.storage.backup import list_backups


class BackupDialog(QDialog):
    """Lists backups; ``chosen`` is the backup to restore when the dialog is accepted."""

    def __init__(self, library_path: Path, parent: QWidget | None = None, backup_now=None):
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle("Restore from backup")
        self.resize(560, 380)
        self.library_path = library_path
        self.chosen: Path | None = None
        self._backup_now = backup_now
        self.list = QListWidget(objectName="backupList")
        self.list.itemDoubleClicked.connect(lambda _item: self._restore())
        note = QLabel(
            "Backups are made before every upgrade of the library and once a day. Restoring"
            " keeps the current library file beside it, renamed."
        )
        note.setWordWrap(True)
        now = QPushButton("Back up now", objectName="backupNowButton")
        now.setEnabled(backup_now is not None)
        now.clicked.connect(self._now)
        restore = QPushButton("Restore…", objectName="restoreBackupButton")
        restore.clicked.connect(self._restore)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(now)
        buttons.addStretch(1)
        buttons.addWidget(restore)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in list_backups(self.library_path):
            when = backup.created.astimezone().strftime("%d %b %Y, %H:%M")
            item = QListWidgetItem(
                f"{when} — {backup.reason.replace('-', ' ')} ({backup.size / 1e6:.1f} MB)"
            )
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("No backups yet.")

    def _now(self) -> None:
        if self._backup_now is not None:
            self._backup_now()
            self.refresh()

    def _restore(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not path:
            return
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace the library with the backup “{item.text()}”? Reader restarts on it; the"
            " current library file is kept beside it.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = Path(path)
            self.accept()
