"""The entity index: every entity in the library, searchable, filterable by type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.render import ENTITY_LABELS
from reader.storage.entities import entity_index
from reader.storage.library import Library


class EntityIndex(QWidget):
    """Names with their type and article counts; double-click opens the entity page."""

    page_requested = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityIndex")
        self._library = library
        self.filter = QLineEdit(objectName="entityFilter", placeholderText="Filter names")
        self.kind = QComboBox(objectName="entityTypeFilter")
        self.kind.addItem("All types", None)
        for kind in ("PERSON", "ORGANIZATION", "PLACE"):
            self.kind.addItem(ENTITY_LABELS[kind], kind)
        self.table = QTableWidget(0, 3, objectName="entityIndexTable")
        self.table.setHorizontalHeaderLabels(["Name", "Type", "Articles"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self.filter.textEdited.connect(lambda _t: self._timer.start())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)

    def refresh(self) -> None:
        rows = entity_index(self._library, self.filter.text().strip(), self.kind.currentData())
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(row["canonical"])
            name.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(ENTITY_LABELS[row["type"]]))
            count = QTableWidgetItem()
            count.setData(Qt.ItemDataRole.DisplayRole, row["articles"])
            self.table.setItem(r, 2, count)

    def _activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.page_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
