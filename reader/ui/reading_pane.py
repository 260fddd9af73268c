"""The reading pane: one article, set in a readable serif column of about 70 characters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractSlider, QTextBrowser

from reader.render import LIGHT, Palette, article_html, empty_html
from reader.ui.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE

MEASURE_CHARS = 70
MIN_MARGIN = 24
SERIF_FAMILIES = [
    "Noto Serif",
    "Source Serif 4",
    "Georgia",
    "Cambria",
    "DejaVu Serif",
    "Liberation Serif",
]


class ReadingPane(QTextBrowser):
    """Shows an article; pages with Space / Shift+Space; keeps the text column narrow."""

    font_size_changed = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._article: dict[str, Any] | None = None
        self._palette = LIGHT
        self._font_size = DEFAULT_FONT_SIZE
        font = QFont()
        font.setFamilies(SERIF_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(self._font_size)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(12)
        self.setHtml(empty_html(self._palette))

    # --- content ------------------------------------------------------------

    @property
    def article(self) -> dict[str, Any] | None:
        return self._article

    def show_article(self, article: dict[str, Any], scroll_fraction: float = 0.0) -> None:
        self._article = article
        self.setHtml(article_html(article, self._palette))
        self._update_margins()
        self.set_scroll_fraction(scroll_fraction)

    def clear_article(self) -> None:
        self._article = None
        self.setHtml(empty_html(self._palette))

    def set_palette_colours(self, palette: Palette) -> None:
        self._palette = palette
        if self._article is None:
            self.setHtml(empty_html(palette))
        else:
            fraction = self.scroll_fraction()
            self.setHtml(article_html(self._article, palette))
            self.set_scroll_fraction(fraction)

    # --- position -----------------------------------------------------------

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def page(self, forward: bool = True) -> None:
        action = (
            QAbstractSlider.SliderAction.SliderPageStepAdd
            if forward
            else QAbstractSlider.SliderAction.SliderPageStepSub
        )
        self.verticalScrollBar().triggerAction(action)

    # --- typography -----------------------------------------------------------

    @property
    def font_size(self) -> int:
        return self._font_size

    def set_font_size(self, size: int) -> None:
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        if size == self._font_size and self.document().defaultFont().pointSize() == size:
            return
        fraction = self.scroll_fraction()
        self._font_size = size
        font = self.document().defaultFont()
        font.setPointSize(size)
        self.document().setDefaultFont(font)
        self._update_margins()
        self.set_scroll_fraction(fraction)
        self.font_size_changed.emit(size)

    def _update_margins(self) -> None:
        """Centre a column of about 70 characters in wide windows."""
        metrics = QFontMetricsF(self.document().defaultFont())
        measure = metrics.averageCharWidth() * MEASURE_CHARS + 2 * self.document().documentMargin()
        spare = self.width() - measure - self.verticalScrollBar().sizeHint().width()
        side = max(MIN_MARGIN, int(spare / 2))
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.page(forward=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)
