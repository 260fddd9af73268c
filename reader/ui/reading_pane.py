"""The reading pane: one article, set in a readable serif column of about 70 characters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QAbstractSlider, QMenu, QTextBrowser, QTextEdit, QToolTip

from reader.render import DARK, ENTITY_LABELS, LIGHT, Palette, article_html, empty_html
from reader.ui.offline_browser import OfflineBrowser
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


class ReadingPane(OfflineBrowser):
    """Shows an article; pages with Space / Shift+Space; keeps the text column narrow."""

    font_size_changed = Signal(int)
    entity_activated = Signal(int)
    #: A read-also link to an article in the library was clicked.
    article_requested = Signal(int)
    #: (body start, body end, colour name, ask for a note) — the reader highlighted a selection.
    highlight_requested = Signal(int, int, str, bool)
    #: A highlight was clicked (its annotation row id).
    highlight_activated = Signal(int)
    #: (annotation id, action): "note", "delete" or a colour name.
    highlight_action = Signal(int, str)
    #: (kind, text, type, new_type, entity_id, everywhere) — a correction the reader asked for.
    correction_requested = Signal(str, str, str, str, int, bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._article: dict[str, Any] | None = None
        self._mentions: list[dict[str, Any]] = []
        self._visible = set(ENTITY_LABELS)
        self._positions: dict[int, list[tuple[int, int]]] = {}
        #: (body offset, document position, length) of each body paragraph.
        self._paragraphs: list[tuple[int, int, int]] = []
        self._highlights: list[Any] = []
        self._highlight_selections: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._cycle: dict[int, int] = {}
        #: entity id → (canonical, type, articles) for hover text, set by the window.
        self.entity_info: dict[int, tuple[str, str, int]] = {}
        self._palette = LIGHT
        self.viewport().setMouseTracking(True)  # hover details without a button held
        self.anchorClicked.connect(self._anchor)
        #: The reading position to keep while the layout settles (resizes, restored splitters);
        #: forgotten as soon as the reader scrolls.
        self._wanted_fraction: float | None = None
        self.verticalScrollBar().actionTriggered.connect(self._user_scrolled)
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

    def show_article(
        self,
        article: dict[str, Any],
        scroll_fraction: float = 0.0,
        mentions: list[dict[str, Any]] | None = None,
    ) -> None:
        self._article = article
        self._mentions = mentions or []
        self._highlights = []  # the previous article's; this one's come with set_highlights
        self._render()
        self._update_margins()
        self.set_scroll_fraction(scroll_fraction)

    def set_mentions(self, mentions: list[dict[str, Any]]) -> None:
        """New mentions for the open article (after a correction), keeping the position."""
        fraction = self.scroll_fraction()
        self._mentions = mentions
        self._render()
        self.set_scroll_fraction(fraction)

    def set_visible_types(self, visible: set[str]) -> None:
        self._visible = set(visible)
        if self._article is not None:
            self.set_mentions(self._mentions)

    def _render(self) -> None:
        if self._article is None:
            self.setHtml(empty_html(self._palette))
            return
        self.setHtml(article_html(self._article, self._palette, self._mentions, self._visible))
        self._positions = self._anchor_positions()
        self._paragraphs = self._map_paragraphs()
        self._paint_highlights()
        self._cycle = {}

    def _anchor_positions(self) -> dict[int, list[tuple[int, int]]]:
        """Where each entity's highlighted mentions are in the document."""
        positions: dict[int, list[tuple[int, int]]] = {}
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                href = fragment.charFormat().anchorHref()
                if href.startswith("entity:"):
                    entity_id = int(href.split(":", 1)[1])
                    spans = positions.setdefault(entity_id, [])
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if spans and spans[-1][1] == start:
                        spans[-1] = (spans[-1][0], end)
                    else:
                        spans.append((start, end))
                iterator += 1
            block = block.next()
        return positions

    def mention_count(self, entity_id: int) -> int:
        return len(self._positions.get(entity_id, []))

    def next_mention(self, entity_id: int) -> bool:
        """Select the entity's next mention in the text (cycling); False if none is shown."""
        spans = self._positions.get(entity_id)
        if not spans:
            return False
        index = self._cycle.get(entity_id, -1) + 1
        index %= len(spans)
        self._cycle[entity_id] = index
        start, end = spans[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    # --- entities: hover, click, corrections ------------------------------------------

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "entity":
            self.entity_activated.emit(int(url.path()))
        elif url.scheme() == "article":
            self.article_requested.emit(int(url.path()))

    def _entity_at(self, pos: QPoint) -> int | None:
        href = self.anchorAt(pos)
        return int(href.split(":", 1)[1]) if href.startswith("entity:") else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        entity_id = self._entity_at(event.position().toPoint())
        if entity_id is None:
            QToolTip.hideText()
            return
        canonical, kind, articles = self.entity_info.get(entity_id, ("", "", 0))
        text = (
            f"<b>{canonical}</b><br/>{ENTITY_LABELS.get(kind, kind)} · in {articles} "
            f"article{'s' if articles != 1 else ''}<br/><i>Click for every article that mentions it</i>"
        )
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.entity_menu(event.pos())
        self._highlight_menu(menu, event.pos())
        menu.exec(event.globalPos())

    def entity_menu(self, pos: QPoint) -> QMenu:
        """The context menu: mark a selection as an entity, or correct the entity under the mouse."""
        menu = self.createStandardContextMenu(pos)
        selected = self.textCursor().selectedText().strip()
        entity_id = self._entity_at(pos)
        if selected and entity_id is None and len(selected) <= 120:
            menu.addSeparator()
            for kind in ("PERSON", "ORGANIZATION", "PLACE"):
                sub = menu.addMenu(f"Mark “{selected[:40]}” as {ENTITY_LABELS[kind].lower()}")
                sub.setObjectName(f"mark_{kind.lower()}")
                self._scoped(sub, "add", selected, "", kind, 0)
        if entity_id is not None:
            canonical, kind, _articles = self.entity_info.get(entity_id, ("", "", 0))
            text = self._mention_text(pos) or canonical
            menu.addSeparator()
            self._scoped(menu.addMenu("Not an entity"), "remove", text, kind, "", entity_id)
            retype = menu.addMenu("Change type")
            for other in ("PERSON", "ORGANIZATION", "PLACE"):
                if other != kind:
                    self._scoped(
                        retype.addMenu(ENTITY_LABELS[other]), "retype", text, kind, other, entity_id
                    )
            menu.addAction(
                "Merge into…",
                lambda: self.correction_requested.emit(
                    "merge", canonical, kind, "", entity_id, True
                ),
            )
            menu.addAction(
                "Rename canonical name…",
                lambda: self.correction_requested.emit(
                    "rename", canonical, kind, "", entity_id, True
                ),
            )
            menu.addAction("Show every article", lambda: self.entity_activated.emit(entity_id))
        return menu

    def _scoped(
        self, menu: QMenu, kind: str, text: str, type_: str, new_type: str, entity_id: int
    ) -> None:
        for label, everywhere in (("In this article", False), ("Everywhere", True)):
            action = menu.addAction(
                label,
                lambda everywhere=everywhere: self.correction_requested.emit(
                    kind, text, type_, new_type, entity_id, everywhere
                ),
            )
            action.setObjectName(f"{kind}_{'everywhere' if everywhere else 'here'}")

    def _mention_text(self, pos: QPoint) -> str:
        cursor = self.cursorForPosition(pos)
        for spans in self._positions.values():
            for start, end in spans:
                if start <= cursor.position() <= end:
                    found = QTextCursor(self.document())
                    found.setPosition(start)
                    found.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    return found.selectedText()
        return ""

    # --- highlights: the reader's own layer, drawn over the entity tints ----------------

    def _map_paragraphs(self) -> list[tuple[int, int, int]]:
        """Body paragraphs ↔ document blocks (each paragraph is one block, spacing kept)."""
        if self._article is None:
            return []
        paragraphs = (self._article.get("body") or "").split("\n\n")
        block = self.document().begin()
        first = paragraphs[0].replace("\n", "\u2028")
        while block.isValid() and block.text() != first:
            block = block.next()
        mapped, offset = [], 0
        for paragraph in paragraphs:
            if not block.isValid():
                break
            mapped.append((offset, block.position(), len(paragraph)))
            offset += len(paragraph) + 2
            block = block.next()
        return mapped

    def body_to_document(self, offset: int) -> int | None:
        for body_start, position, length in reversed(self._paragraphs):
            if offset >= body_start:
                return position + min(offset - body_start, length)
        return None

    def document_to_body(self, position: int) -> int | None:
        for body_start, block_position, length in self._paragraphs:
            if block_position <= position <= block_position + length:
                return body_start + position - block_position
        return None

    def selected_body_range(self) -> tuple[int, int] | None:
        """The selection as body offsets (None when nothing in the body is selected)."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self._paragraphs:
            return None
        start = self.document_to_body(cursor.selectionStart())
        end = self.document_to_body(cursor.selectionEnd())
        if start is None:
            start = (
                self._paragraphs[0][0] if cursor.selectionStart() < self._paragraphs[0][1] else None
            )
        if end is None:
            last = self._paragraphs[-1]
            end = last[0] + last[2] if cursor.selectionEnd() > last[1] + last[2] else None
        if start is None or end is None or end <= start:
            return None
        return start, end

    def set_highlights(self, highlights: list[Any]) -> None:
        """Draw the reader's highlights (annotations with start/end offsets and a colour), in
        the darker colours over a dark page."""
        self._highlights = [h for h in highlights if h.kind == "highlight" and not h.orphan]
        self._paint_highlights()

    def update_highlight(self, highlight: Any) -> None:
        """One highlight changed (its note): draw it anew without reloading the others."""
        self._highlights = [highlight if h.id == highlight.id else h for h in self._highlights]
        self._paint_highlights()

    def _paint_highlights(self) -> None:
        from reader.annotations import COLORS

        selections = []
        for highlight in self._highlights:
            start = self.body_to_document(highlight.start)
            end = self.body_to_document(highlight.end)
            if start is None or end is None:
                continue
            light, dark = COLORS.get(highlight.color or "yellow", COLORS["yellow"])
            colour = QColor(dark if self._palette is DARK else light)
            fill = QColor(colour)
            fill.setAlpha(120)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(fill)
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            selection.format.setUnderlineColor(colour.darker(140))
            if highlight.note:
                selection.format.setToolTip(highlight.note[:300])
            selections.append(selection)
        self._highlight_selections = selections
        self.setExtraSelections(self._highlight_selections + self._find_selections)

    def set_find_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._find_selections = list(selections)
        self.setExtraSelections(self._highlight_selections + self._find_selections)

    def highlight_at(self, pos: QPoint) -> Any | None:
        """The highlight under a viewport position, if any."""
        offset = self.document_to_body(self.cursorForPosition(pos).position())
        if offset is None:
            return None
        for highlight in self._highlights:
            if highlight.start <= offset < highlight.end:
                return highlight
        return None

    def jump_to(self, start: int, end: int | None = None) -> None:
        """Show and select body text (a highlight, a bookmark's position)."""
        doc_start = self.body_to_document(start)
        if doc_start is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        if end is not None:
            doc_end = self.body_to_document(end)
            if doc_end is not None:
                cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        self._wanted_fraction = None

    def top_body_offset(self) -> int:
        """Body offset of the first text visible at the top (for a position bookmark)."""
        position = self.cursorForPosition(QPoint(40, 8)).position()
        offset = self.document_to_body(position)
        if offset is None:
            return self._paragraphs[0][0] if self._paragraphs else 0
        return offset

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.page(forward=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        if (
            Qt.Key.Key_1 <= key <= Qt.Key.Key_5
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.selected_body_range() is not None
        ):
            from reader.annotations import COLOR_NAMES

            start, end = self.selected_body_range()
            self.highlight_requested.emit(start, end, COLOR_NAMES[key - Qt.Key.Key_1], False)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            highlight = self.highlight_at(event.position().toPoint())
            if highlight is not None and highlight.id is not None:
                self.highlight_activated.emit(highlight.id)

    def _highlight_menu(self, menu: QMenu, pos: QPoint) -> None:
        from reader.annotations import COLOR_NAMES

        selected = self.selected_body_range()
        if selected is not None:
            menu.addSeparator()
            sub = menu.addMenu("Highlight")
            sub.setObjectName("highlightMenu")
            for number, colour in enumerate(COLOR_NAMES, start=1):
                action = sub.addAction(
                    f"{colour.capitalize()}\t{number}",
                    lambda c=colour, r=selected: self.highlight_requested.emit(*r, c, False),
                )
                action.setObjectName(f"highlight_{colour}")
            menu.addAction(
                "Highlight with note…",
                lambda r=selected: self.highlight_requested.emit(*r, "yellow", True),
            ).setObjectName("highlightWithNote")
        highlight = self.highlight_at(pos)
        if highlight is not None and highlight.id is not None:
            menu.addSeparator()
            menu.addAction(
                "Edit highlight note", lambda: self.highlight_action.emit(highlight.id, "note")
            ).setObjectName("editHighlightNote")
            colours = menu.addMenu("Highlight colour")
            for colour in COLOR_NAMES:
                colours.addAction(
                    colour.capitalize(),
                    lambda c=colour: self.highlight_action.emit(highlight.id, c),
                )
            menu.addAction(
                "Delete highlight", lambda: self.highlight_action.emit(highlight.id, "delete")
            ).setObjectName("deleteHighlight")

    def clear_article(self) -> None:
        self._article = None
        self._highlights = []
        self._paragraphs = []
        self._mentions = []
        self.setHtml(empty_html(self._palette))

    def set_palette_colours(self, palette: Palette) -> None:
        self._palette = palette
        fraction = self.scroll_fraction()
        self._render()
        self.set_scroll_fraction(fraction)

    # --- position -----------------------------------------------------------

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        self._wanted_fraction = fraction if fraction > 0 else None
        bar = self.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def _user_scrolled(self, _action: int) -> None:
        self._wanted_fraction = None

    def wheelEvent(self, event) -> None:
        self._wanted_fraction = None
        super().wheelEvent(event)

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
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)
            # New margins alone do not re-wrap the text; setting the wrap mode again does.
            self.setLineWrapMode(self.lineWrapMode())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()
        if self._wanted_fraction is not None:
            bar = self.verticalScrollBar()
            bar.setValue(round(self._wanted_fraction * bar.maximum()))
