"""A Qt table model over the library, fetched lazily page by page from SQLite.

The model never holds the whole library: it asks storage for pages of 200
summaries as the view scrolls (canFetchMore/fetchMore), so 100,000
articles scroll without loading them all. In search mode it shows the
full-text results with their snippets instead.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.render import format_published
from reader.storage import browse, state
from reader.storage.browse import ArticleFilter
from reader.storage.library import Library
from reader.storage.search import MATCH_END, MATCH_START

PAGE = 200
SEARCH_LIMIT = 500
SnippetRole = Qt.ItemDataRole.UserRole + 1
ArticleIdRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("starred", "title", "source", "published", "language")
HEADERS = {
    "starred": "★",
    "title": "Title",
    "source": "Source",
    "published": "Published",
    "language": "Lang",
}
_Index = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str) -> str:
    """A search snippet as HTML with the matched words in bold."""
    return (
        html.escape(snippet)
        .replace(MATCH_START, "<b>")
        .replace(MATCH_END, "</b>")
        .replace("\n", " ")
    )


class ArticleTableModel(QAbstractTableModel):
    """Rows of article summaries; sortable, filterable, or showing search results."""

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self._library = library
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._filter = ArticleFilter()
        self._sort = "published"
        self._descending = True
        self._query = ""
        self.reload()

    # --- state -----------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self._query)

    def set_filter(self, article_filter: ArticleFilter) -> None:
        self._filter = article_filter
        self.reload()

    def set_search(self, query: str) -> None:
        self._query = query.strip()
        self.reload()

    def reload(self) -> None:
        """Re-read from storage (after an import, a filter or a sort change)."""
        self.beginResetModel()
        if self._query:
            self._rows = self._library.search(self._query, limit=SEARCH_LIMIT)
            states = state.states(self._library, [r["id"] for r in self._rows])
            for row in self._rows:
                row["read"], row["starred"] = states.get(row["id"], (False, False))
            self._total = len(self._rows)
        else:
            self._total = browse.count_articles(self._library, self._filter)
            self._rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[dict[str, Any]]:
        return browse.query_articles(
            self._library, self._filter, self._sort, self._descending, PAGE, offset
        )

    def total(self) -> int:
        return self._total

    def article_id(self, row: int) -> int | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item["id"] == article_id:
                return row
        return None

    def set_row_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        row = self.row_of(article_id)
        if row is None:
            return
        if read is not None:
            self._rows[row]["read"] = read
        if starred is not None:
            self._rows[row]["starred"] = starred
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt model API ------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._query and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._page(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[COLUMNS[section]]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Starred" if COLUMNS[section] == "starred" else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "starred":
                return "★" if item.get("starred") else ""
            if column == "published":
                return format_published(item.get("published"), short=True)
            return item.get(column) or ""
        if role == Qt.ItemDataRole.FontRole and column == "title" and not item.get("read"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "published":
            return format_published(item.get("published")) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            tip = html.escape(item.get("title") or "")
            if item.get("snippet"):
                tip += "<br/><br/>" + snippet_html(item["snippet"])
            return tip
        if role == SnippetRole:
            return snippet_html(item["snippet"]) if item.get("snippet") else None
        if role == ArticleIdRole:
            return item["id"]
        if role == Qt.ItemDataRole.AccessibleTextRole and column == "starred":
            return "starred" if item.get("starred") else "not starred"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column]
        if self._query:
            return  # search results stay in rank order
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._rows:
            return  # the view asks again when sorting is switched on: nothing changed
        self._sort = key
        self._descending = descending
        self.reload()
