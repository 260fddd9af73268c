"""A small timeline: one row per entity, a dot per article that mentions it, on one date axis.

Shows at a glance whether the people and places of the open article were in the news before
and after it; the open article's date is marked. Hover names the article, click opens it.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.related import day_of

ROW = 22
LABEL = 92
DOT = 4.0


class Timeline(QWidget):
    """Rows of (label, [(article id, title, published)]) drawn against a shared date axis."""

    article_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedTimeline")
        self.setAccessibleName("Timeline of articles about these entities")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._rows: list[tuple[str, list[tuple[int, str, date]]]] = []
        self._current: tuple[int, date | None] = (-1, None)
        self._dots: list[tuple[QPointF, int, str, date]] = []

    def set_rows(
        self,
        rows: list[tuple[str, list[tuple[int, str, str | None]]]],
        current_id: int,
        current_published: str | None,
    ) -> None:
        self._rows = []
        for label, articles in rows:
            dated = [(i, t, d) for i, t, p in articles if (d := day_of(p)) is not None]
            if dated:
                self._rows.append((label, dated))
        self._current = (current_id, day_of(current_published))
        self.setVisible(bool(self._rows))
        self.updateGeometry()
        self.update()

    def row_count(self) -> int:
        return len(self._rows)

    def dot_positions(self) -> list[tuple[QPointF, int]]:
        """Where each article is drawn (for tests and keyboard-less clicking)."""
        self._layout()
        return [(point, article_id) for point, article_id, _t, _d in self._dots]

    def sizeHint(self) -> QSize:
        return QSize(240, ROW * len(self._rows) + 22)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def _span(self) -> tuple[date, date]:
        days = [d for _label, articles in self._rows for _i, _t, d in articles]
        if self._current[1] is not None:
            days.append(self._current[1])
        first, last = min(days), max(days)
        if first == last:
            first = date.fromordinal(first.toordinal() - 1)
            last = date.fromordinal(last.toordinal() + 1)
        return first, last

    def _x(self, day: date, first: date, last: date) -> float:
        width = max(20.0, self.width() - LABEL - 12.0)
        share = (day.toordinal() - first.toordinal()) / (last.toordinal() - first.toordinal())
        return LABEL + 4.0 + share * width

    def _layout(self) -> None:
        self._dots = []
        if not self._rows:
            return
        first, last = self._span()
        for row, (_label, articles) in enumerate(self._rows):
            y = 8 + row * ROW + ROW / 2
            for article_id, title, day in articles:
                self._dots.append((QPointF(self._x(day, first, last), y), article_id, title, day))

    def paintEvent(self, _event) -> None:
        if not self._rows:
            return
        self._layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(90)
        accent = palette.color(QPalette.ColorRole.Highlight)
        first, last = self._span()
        for row, (label, _articles) in enumerate(self._rows):
            y = 8 + row * ROW + ROW / 2
            painter.setPen(text)
            metrics = painter.fontMetrics()
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, LABEL - 6)
            painter.drawText(
                QRectF(0, y - ROW / 2, LABEL - 4, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                elided,
            )
            painter.setPen(QPen(muted, 1))
            painter.drawLine(QPointF(LABEL + 4, y), QPointF(self.width() - 8, y))
        if self._current[1] is not None:
            x = self._x(self._current[1], first, last)
            painter.setPen(QPen(accent, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, 4), QPointF(x, 8 + ROW * len(self._rows)))
        for point, article_id, _title, _day in self._dots:
            colour = accent if article_id == self._current[0] else text
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(point, DOT, DOT)
        painter.setPen(
            muted.darker(150)
            if palette.color(QPalette.ColorRole.Window).lightness() > 128
            else muted.lighter(150)
        )
        axis_y = 8 + ROW * len(self._rows) + 10
        painter.drawText(QPointF(LABEL + 4, axis_y), first.strftime("%b %Y"))
        end_text = last.strftime("%b %Y")
        painter.drawText(
            QPointF(self.width() - 8 - painter.fontMetrics().horizontalAdvance(end_text), axis_y),
            end_text,
        )
        painter.end()

    def _dot_at(self, pos: QPointF) -> tuple[int, str, date] | None:
        self._layout()
        best = None
        for point, article_id, title, day in self._dots:
            distance = (point - pos).manhattanLength()
            if distance <= DOT * 2.5 and (best is None or distance < best[0]):
                best = (distance, article_id, title, day)
        return best[1:] if best else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._dot_at(event.position())
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        _article_id, title, day = hit
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(
            event.globalPosition().toPoint(), f"{day:%d %b %Y}<br/>{html.escape(title)}", self
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._dot_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.article_requested.emit(hit[0])
            return
        super().mousePressEvent(event)
