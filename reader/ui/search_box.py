"""The search box: full-text search as you type, debounced; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

DEBOUNCE_MS = 250


class SearchBox(QLineEdit):
    """Emits ``search_changed`` once typing pauses, with the text to search for."""

    search_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText("Search articles  (Ctrl+K)")
        self.setAccessibleName("Search articles")
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.textChanged.connect(self._cleared)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def _cleared(self, text: str) -> None:
        if not text:
            self._timer.stop()
            self.search_changed.emit("")

    def _fire(self) -> None:
        self.search_changed.emit(self.text())
