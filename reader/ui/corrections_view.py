"""Review the corrections made to entities: switch each off or on, or delete it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.render import ENTITY_LABELS
from reader.storage.entities import list_corrections
from reader.storage.library import Library

_VERBS = {
    "add": "marked as",
    "remove": "not an entity",
    "retype": "type changed to",
    "merge": "merged into",
    "rename": "renamed to",
}


def describe(row: dict) -> str:
    target = row["new_name"] or ENTITY_LABELS.get(row["new_type"] or row["type"] or "", "")
    verb = _VERBS[row["kind"]]
    return f"“{row['text']}” {verb} {target}".strip()


class CorrectionsView(QDialog):
    """Every correction, newest first, with where it applies; toggling re-applies it."""

    toggled = Signal(int, bool)
    deleted = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsView")
        self.setWindowTitle("Entity corrections")
        self._library = library
        self.table = QTableWidget(0, 4, objectName="correctionsTable")
        self.table.setHorizontalHeaderLabels(["Active", "Correction", "Applies to", "Made"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.delete_button = QPushButton("Delete", objectName="deleteCorrection")
        close = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(self._item_changed)
        self.delete_button.clicked.connect(self._delete)
        close.clicked.connect(self.close)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self.table.blockSignals(True)
        rows = list_corrections(self._library)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            active = QTableWidgetItem()
            active.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            active.setCheckState(
                Qt.CheckState.Checked if row["active"] else Qt.CheckState.Unchecked
            )
            active.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.table.setItem(r, 0, active)
            self.table.setItem(r, 1, QTableWidgetItem(describe(row)))
            scope = row["article_title"] if row["article_id"] else "everywhere"
            self.table.setItem(r, 2, QTableWidgetItem(scope))
            self.table.setItem(r, 3, QTableWidgetItem(row["created_at"].replace("T", " ")[:16]))
        self.table.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self.toggled.emit(
                int(item.data(Qt.ItemDataRole.UserRole)), item.checkState() == Qt.CheckState.Checked
            )

    def _delete(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.deleted.emit(int(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)))
