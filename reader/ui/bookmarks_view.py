"""The Bookmarks view (``bookmarksView``): starred articles and named positions in one list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.storage import annotations as store
from reader.storage.library import Library


class BookmarksView(QDialog):
    open_requested = Signal(int, int)  # article id, annotation id of a position (or -1)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksView")
        self.setWindowTitle("Bookmarks")
        self.resize(560, 480)
        self.library = library
        self.list = QListWidget(objectName="bookmarkList")
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def refresh(self) -> None:
        self.list.clear()
        for row in store.bookmarks(self.library):
            if row["kind"] == "star":
                text = f"★ {row['title']}"
            else:
                text = f"🔖 {row['label']} — {row['title']}"
            source = f"  ({row['source']})" if row["source"] else ""
            item = QListWidgetItem(text + source)
            item.setData(Qt.ItemDataRole.UserRole, (row["article_id"], row["annotation_id"] or -1))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("No bookmarks yet: Ctrl+D stars an article, Ctrl+B names a position.")

    def _activated(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.open_requested.emit(*data)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
