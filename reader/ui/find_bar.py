"""Find in article (Ctrl+F): every match highlighted, Enter / Shift+Enter step through them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from reader.ui.reading_pane import ReadingPane

MATCH = QColor("#ffd54f")
CURRENT = QColor("#ff9800")


class FindBar(QWidget):
    """A slim bar under the reading pane; hidden until Ctrl+F."""

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._pane = pane
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.field = QLineEdit(objectName="findBox")
        self.field.setPlaceholderText("Find in article")
        self.field.setAccessibleName("Find in article")
        self.count = QLabel(objectName="findCount")
        previous = QToolButton(text="↑", toolTip="Previous match (Shift+Enter)")
        following = QToolButton(text="↓", toolTip="Next match (Enter)")
        close = QToolButton(text="✕", toolTip="Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textChanged.connect(self._search)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self._pane.set_find_selections([])
        self._pane.setFocus()

    def refresh(self) -> None:
        """Search again after the article changed."""
        if self.isVisible():
            self._search(self.field.text())

    def match_count(self) -> int:
        return len(self._matches)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        self._matches = []
        document = self._pane.document()
        if text:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
        self._current = 0 if self._matches else -1
        self._paint()

    def step(self, delta: int) -> None:
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)
        self._paint()

    def _paint(self) -> None:
        selections = []
        for number, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT if number == self._current else MATCH)
            fmt.setForeground(QColor("#000000"))
            selection.format = fmt
            selection.cursor = cursor
            selections.append(selection)
        self._pane.set_find_selections(selections)
        if self._matches:
            self._pane.setTextCursor(QTextCursor(self._matches[self._current].block()))
            self._pane.ensureCursorVisible()
            self.count.setText(f"{self._current + 1} of {len(self._matches)}")
        else:
            self.count.setText("no matches" if self.field.text() else "")
