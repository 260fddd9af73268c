"""The library-wide Annotations view (``annotationsView``): every highlight, note and bookmark,
searchable by full text and filterable by colour, tag, source, kind and date."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import COLOR_NAMES, COLORS
from reader.storage import annotations as store
from reader.storage import browse
from reader.storage.library import Library

COLUMNS = ["Kind", "Quote or label", "Note", "Article", "Source", "Created"]


class AnnotationsView(QDialog):
    """Search and filters above a table; activating a row opens the article at that place."""

    open_requested = Signal(int, int, int)  # article id, body start (-1: none), end

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsView")
        self.setWindowTitle("Annotations")
        self.resize(900, 560)
        self.library = library
        self.rows: list[dict] = []
        self.search = QLineEdit(objectName="annotationSearch")
        self.search.setPlaceholderText("Search highlights and notes")
        self.search.setClearButtonEnabled(True)
        self.colour = QComboBox(objectName="annotationColour")
        self.tag = QComboBox(objectName="annotationTag")
        self.source = QComboBox(objectName="annotationSource")
        self.kind = QComboBox(objectName="annotationKind")
        self.use_since = QCheckBox("Since", objectName="annotationUseSince")
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), objectName="annotationSince")
        self.since.setCalendarPopup(True)
        self.count = QLabel(objectName="annotationCount")
        self.table = QTableWidget(0, len(COLUMNS), objectName="annotationTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        filters = QHBoxLayout()
        for widget in (self.colour, self.tag, self.source, self.kind, self.use_since, self.since):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.colour, self.tag, self.source, self.kind):
            combo.activated.connect(self.refresh)
        self.use_since.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)

    def _fill(self, combo: QComboBox, everything: str, values: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for label, value in values:
            combo.addItem(label, value)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(0, index))

    def reload_filters(self) -> None:
        self._fill(self.colour, "All colours", [(c.capitalize(), c) for c in COLOR_NAMES])
        self._fill(self.tag, "All tags", [(t, t) for t, _n in store.all_tags(self.library)])
        sources = [(s or "(unknown)", s) for s, _n in browse.facet(self.library, "source") if s]
        self._fill(self.source, "All sources", sources)
        self._fill(
            self.kind,
            "Highlights, notes, bookmarks",
            [
                ("Highlights", "highlight"),
                ("Notes", "note"),
                ("Bookmarks", "bookmark"),
                ("Orphans (text gone)", "orphan"),
            ],
        )

    def refresh(self) -> None:
        since = self.since.date().toString("yyyy-MM-dd") if self.use_since.isChecked() else None
        self.rows = store.search(
            self.library,
            self.search.text(),
            color=self.colour.currentData(),
            tag=self.tag.currentData(),
            source=self.source.currentData(),
            since=since,
            kind=self.kind.currentData(),
        )
        self.table.setRowCount(len(self.rows))
        for row, item in enumerate(self.rows):
            kind = item["kind"] + (" (orphan)" if item["orphan"] else "")
            text = item["quote"] if item["kind"] == "highlight" else item["label"]
            values = [
                kind,
                " ".join((text or "").split()),
                " ".join(item["note"].split()),
                item["title"],
                item["source"] or "",
                item["created_at"][:10],
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value[:500])
                if column == 0 and item["color"]:
                    cell.setBackground(QColor(COLORS.get(item["color"], COLORS["yellow"])[0]))
                    cell.setForeground(QColor("#1f2328"))
                self.table.setItem(row, column, cell)
        self.count.setText(f"{len(self.rows)} shown")

    def _activated(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            item = self.rows[row]
            start = item["start"] if item["start"] is not None and not item["orphan"] else -1
            self.open_requested.emit(item["article_id"], start, start)

    def hideEvent(self, event) -> None:
        self._debounce.stop()  # no search after the window (or the library) is gone
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        self.reload_filters()
        self.refresh()
        super().showEvent(event)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
