"""The library panel: filter bar over a lazily filled table of articles."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.storage import browse
from reader.storage.browse import ArticleFilter
from reader.storage.library import Library
from reader.ui.library_model import COLUMNS, ArticleTableModel, SnippetRole

_ALL = "__all__"


class TitleDelegate(QStyledItemDelegate):
    """Draws the title, and under it the search snippet with matched words in bold."""

    SNIPPET_LINES = 3

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        snippet = index.data(SnippetRole)
        if not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        bold = QFont(opt.font)
        bold.setBold(True)
        title = QFontMetrics(bold).elidedText(
            opt.text, Qt.TextElideMode.ElideRight, opt.rect.width() - 12
        )
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._document(title, snippet, opt, selected)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.translate(opt.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SnippetRole):
            size.setHeight(option.fontMetrics.lineSpacing() * (1 + self.SNIPPET_LINES) + 12)
        return size

    def _document(
        self, title: str, snippet: str, option: QStyleOptionViewItem, selected: bool
    ) -> QTextDocument:
        doc = QTextDocument()
        font = QFont(option.font)
        font.setBold(False)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(3)
        palette = option.palette
        colour = (palette.highlightedText() if selected else palette.text()).color().name()
        muted = colour if selected else palette.placeholderText().color().name()
        doc.setHtml(
            f'<div style="color:{colour}"><b>{html.escape(title)}</b><br/>'
            f'<span style="color:{muted}">{snippet}</span></div>'
        )
        doc.setTextWidth(option.rect.width())
        return doc


class LibraryTable(QTableView):
    """The article table: j/k and Up/Down move and open, Enter opens."""

    article_activated = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            if key == Qt.Key.Key_J:
                self._step(1)
                return
            if key == Qt.Key.Key_K:
                self._step(-1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._emit_current()
                return
        super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        model = self.model()
        row = self.currentIndex().row() + delta if self.currentIndex().isValid() else 0
        if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        row = max(0, min(row, model.rowCount() - 1))
        self.setCurrentIndex(model.index(row, 1))

    def _emit_current(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            article_id = self.model().article_id(index.row())
            if article_id is not None:
                self.article_activated.emit(article_id)


class LibraryPanel(QWidget):
    """Filters (source, language, unread, starred) above the article table."""

    article_activated = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.model = ArticleTableModel(library, self)

        self.source_filter = QComboBox(objectName="sourceFilter")
        self.source_filter.setToolTip("Show articles from one source")
        self.language_filter = QComboBox(objectName="languageFilter")
        self.language_filter.setToolTip("Show articles in one language")
        self.tag_filter = QComboBox(objectName="tagFilter")
        self.tag_filter.setToolTip("Show articles with one tag")
        self.unread_filter = QCheckBox("Unread", objectName="unreadFilter")
        self.starred_filter = QCheckBox("Starred", objectName="starredFilter")
        for combo in (self.source_filter, self.language_filter, self.tag_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(5)
        self.tag_filter.setMinimumContentsLength(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.source_filter, self.language_filter):
            bar.addWidget(widget, 1)
        checks = QHBoxLayout()
        checks.setContentsMargins(0, 0, 0, 0)
        checks.addWidget(self.unread_filter)
        checks.addWidget(self.starred_filter)
        checks.addWidget(self.tag_filter, 1)

        self.table = LibraryTable(objectName="libraryView")
        self.table.setAccessibleName("Library")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMNS.index("title"), TitleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("published"), Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COLUMNS.index("starred"), 28)
        header.resizeSection(COLUMNS.index("source"), 84)
        header.resizeSection(COLUMNS.index("published"), 88)
        header.resizeSection(COLUMNS.index("language"), 40)
        header.setMinimumSectionSize(24)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)

        self.table.article_activated.connect(self.article_activated)
        self.table.clicked.connect(self._clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.source_filter.activated.connect(self._filters_changed)
        self.language_filter.activated.connect(self._filters_changed)
        self.tag_filter.activated.connect(self._filters_changed)
        self.unread_filter.toggled.connect(self._filters_changed)
        self.starred_filter.toggled.connect(self._filters_changed)
        self.refresh_facets()

    # --- public -----------------------------------------------------------

    def refresh(self) -> None:
        """Re-read rows and filter choices, keeping the current article selected."""
        current = self.current_article()
        self.refresh_facets()
        self.model.reload()
        if current is not None:
            self.select_article(current, emit=False)

    def refresh_facets(self) -> None:
        self._fill(self.source_filter, "All sources", browse.facet(self._library, "source"))
        self._fill(self.language_filter, "All languages", browse.facet(self._library, "language"))
        self._fill(self.tag_filter, "All tags", browse.tag_facet(self._library))

    def set_search(self, text: str) -> None:
        self.model.set_search(text)
        if self.model.searching:
            self.table.resizeRowsToContents()

    def current_article(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.article_id(index.row()) if index.isValid() else None

    def select_article(self, article_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.setCurrentIndex(self.model.index(row, COLUMNS.index("title")))
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- private ----------------------------------------------------------

    def _fill(self, combo: QComboBox, everything: str, values) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, _ALL)
        for value, count in values:
            combo.addItem(f"{value or '(unknown)'}  ({count})", value or "")
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        source = self.source_filter.currentData()
        language = self.language_filter.currentData()
        tag = self.tag_filter.currentData()
        self.model.set_filter(
            ArticleFilter(
                source=None if source in (None, _ALL) else source,
                language=None if language in (None, _ALL) else language,
                unread=self.unread_filter.isChecked(),
                starred=self.starred_filter.isChecked(),
                tag=None if tag in (None, _ALL, "") else tag,
            )
        )

    def _clicked(self, index: QModelIndex) -> None:
        article_id = self.model.article_id(index.row())
        if article_id is not None:
            self.article_activated.emit(article_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = self.model.article_id(current.row())
            if article_id is not None:
                self.article_activated.emit(article_id)
