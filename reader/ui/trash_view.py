"""The trash (``trashView``): articles moved out of the library, with their annotations,
restorable until the trash is emptied (which asks first)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.storage import annotations as store
from reader.storage.library import Library


class TrashView(QDialog):
    changed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashView")
        self.setWindowTitle("Trash")
        self.resize(560, 420)
        self.library = library
        self.list = QListWidget(objectName="trashList")
        self.restore_button = QPushButton("Restore", objectName="restoreButton")
        self.empty_button = QPushButton("Empty trash…", objectName="emptyTrashButton")
        self.restore_button.clicked.connect(self.restore)
        self.empty_button.clicked.connect(self.empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.list.clear()
        for row in store.trashed(self.library):
            notes = f" — {row['annotations']} highlights/notes" if row["annotations"] else ""
            item = QListWidgetItem(f"{row['title']}{notes}")
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.list.addItem(item)
        self.empty_button.setEnabled(self.list.count() > 0)
        self.restore_button.setEnabled(self.list.count() > 0)

    def restore(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            store.restore_article(self.library, item.data(Qt.ItemDataRole.UserRole))
            self.refresh()
            self.changed.emit()

    def empty(self) -> None:
        count = self.list.count()
        answer = QMessageBox.question(
            self,
            "Empty trash",
            f"Delete {count} article{'s' if count != 1 else ''} and their highlights and notes"
            " for good? This cannot be undone.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            store.empty_trash(self.library)
            self.refresh()
            self.changed.emit()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
