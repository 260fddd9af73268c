"""Manage tags (``tagsDialog``): every tag with its uses; rename one, or rename it onto another
to merge the two."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.storage import annotations as store
from reader.storage.library import Library


class TagsDialog(QDialog):
    changed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle("Tags")
        self.resize(380, 420)
        self.library = library
        self.list = QListWidget(objectName="tagList")
        rename = QPushButton("Rename or merge…", objectName="renameTagButton")
        rename.clicked.connect(self.rename)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(rename)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        store.remove_unused_tags(self.library)
        self.list.clear()
        for name, uses in store.all_tags(self.library):
            item = QListWidgetItem(f"{name}  ({uses})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)

    def rename(self, new_name: str | None = None) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        old = item.data(Qt.ItemDataRole.UserRole)
        if not new_name:
            new_name, ok = QInputDialog.getText(
                self, "Rename tag", f"New name for “{old}” (an existing tag merges):", text=old
            )
            if not ok:
                return
        store.rename_tag(self.library, old, new_name)
        self.refresh()
        self.changed.emit()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
