"""The Notes tab (``notesPanel``): the open article's highlights, notes and bookmarks in text
order, a Markdown editor with live preview that saves as you type, and the article's tags."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import COLORS, Annotation, note_html
from reader.ui.offline_browser import OfflineBrowser

#: How long typing may pause before the note is written to the library...
AUTOSAVE_MS = 400
#: ...and the longest a note goes unsaved while the reader keeps typing.
AUTOSAVE_MAX_MS = 1000


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(COLORS.get(colour, COLORS["yellow"])[0]))
    return QIcon(pixmap)


def _line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotesPanel(QWidget):
    """Lists annotations and edits the chosen one's note; emits what the reader asks for."""

    jump_requested = Signal(int, int)  # body start, end
    note_edited = Signal(object)  # the annotation with its new Markdown note (autosaved)
    new_note_requested = Signal()
    bookmark_requested = Signal()
    delete_requested = Signal(int)
    article_tags_edited = Signal(list)
    annotation_tags_edited = Signal(int, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setAccessibleName("Highlights and notes")
        self._annotations: dict[int, Annotation] = {}
        self._current: int | None = None
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_MS)
        self._deadline.timeout.connect(self.flush)

        self.article_tags = QLineEdit(objectName="articleTags")
        self.article_tags.setPlaceholderText("Tags for this article, separated by commas")
        self.article_tags.editingFinished.connect(self._article_tags_done)
        self.list = QListWidget(objectName="annotationList")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        new_note = QToolButton(text="+ Note", objectName="newNoteButton")
        new_note.setToolTip("Add a note to this article (Ctrl+Shift+N)")
        new_note.clicked.connect(self.new_note_requested)
        bookmark = QToolButton(text="+ Bookmark", objectName="addBookmarkButton")
        bookmark.setToolTip("Remember this position in the article under a name (Ctrl+B)")
        bookmark.clicked.connect(self.bookmark_requested)
        self.delete_button = QToolButton(text="Delete", objectName="deleteAnnotationButton")
        self.delete_button.setToolTip(
            "Delete the chosen highlight, note or bookmark (Ctrl+Z undoes)"
        )
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(new_note)
        buttons.addWidget(bookmark)
        buttons.addStretch(1)

        self.heading = QLabel(objectName="noteHeading")
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit(objectName="noteEditor")
        self.editor.setPlaceholderText("Write a note (Markdown). It is saved as you type.")
        self.editor.textChanged.connect(self._typed)
        self.preview = OfflineBrowser(objectName="notePreview")
        self.preview.setOpenLinks(False)
        self.annotation_tags = QLineEdit(objectName="annotationTags")
        self.annotation_tags.setPlaceholderText("Tags for this highlight or note")
        self.annotation_tags.editingFinished.connect(self._annotation_tags_done)
        self.saved_label = QLabel("", objectName="noteSaved")
        edit = QWidget()
        edit_layout = QVBoxLayout(edit)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        edit_layout.addLayout(head)
        edit_layout.addWidget(self.editor, 2)
        edit_layout.addWidget(QLabel("Preview"))
        edit_layout.addWidget(self.preview, 1)
        edit_layout.addWidget(self.annotation_tags)
        edit_layout.addWidget(self.saved_label)
        self.editor_area = edit

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.article_tags)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(edit)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self.set_annotations([], [])

    # --- content ----------------------------------------------------------------------------

    def set_annotations(
        self, annotations: list[Annotation], tags: list[str], keep: int | None = None
    ) -> None:
        """Show an article's annotations (text order) and tags; ``keep`` stays chosen."""
        self.flush()
        self._annotations = {a.id: a for a in annotations if a.id is not None}
        self._loading = True
        self.list.clear()
        for annotation in annotations:
            item = QListWidgetItem(self._label(annotation))
            item.setData(Qt.ItemDataRole.UserRole, annotation.id)
            if annotation.kind == "highlight":
                item.setIcon(_swatch(annotation.color or "yellow"))
            if annotation.orphan:
                item.setToolTip("Its text is no longer in the article; kept for review.")
            self.list.addItem(item)
        self.article_tags.setText(", ".join(tags))
        self._loading = False
        self._current = None
        if keep in self._annotations:
            self.choose(keep)
        else:
            self._show_editor(None)

    @staticmethod
    def _label(a: Annotation) -> str:
        orphan = " (orphan)" if a.orphan else ""
        if a.kind == "highlight":
            text = f"“{_line(a.quote)}”{orphan}"
            return text + (f"\n   {_line(a.note, 70)}" if a.note.strip() else "")
        if a.kind == "bookmark":
            return f"🔖 {a.label}{orphan}"
        first = a.note.strip().splitlines()[0] if a.note.strip() else "(empty note)"
        return f"✎ Note, {a.created_at[:10]}: {_line(first, 70)}"

    def choose(self, annotation_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == annotation_id:
                self.list.setCurrentRow(row)
                return

    def current_id(self) -> int | None:
        return self._current

    def focus_editor(self) -> None:
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    # --- editing ----------------------------------------------------------------------------

    def _chosen(self, current: QListWidgetItem | None, _previous) -> None:
        if self._loading:
            return
        self.flush()
        annotation_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        self._show_editor(self._annotations.get(annotation_id))

    def _show_editor(self, annotation: Annotation | None) -> None:
        self._current = annotation.id if annotation else None
        self._loading = True
        self.editor.setPlainText(annotation.note if annotation else "")
        self._loading = False
        self.editor_area.setEnabled(annotation is not None)
        self.delete_button.setEnabled(annotation is not None)
        self.annotation_tags.setText(", ".join(annotation.tags) if annotation else "")
        if annotation is None:
            self.heading.setText("Choose a highlight or note, or select text and press 1–5.")
        elif annotation.kind == "highlight":
            self.heading.setText(f"Note on “{html.escape(_line(annotation.quote, 120))}”")
        elif annotation.kind == "bookmark":
            self.heading.setText(f"Bookmark “{html.escape(annotation.label)}”")
        else:
            self.heading.setText(f"Article note, {annotation.created_at[:16].replace('T', ' ')}")
        self._preview()
        self.saved_label.setText("")

    def _typed(self) -> None:
        if self._loading or self._current is None:
            return
        self._preview()
        self.saved_label.setText("Editing…")
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _preview(self) -> None:
        self.preview.setHtml(note_html(self.editor.toPlainText()))

    def flush(self) -> None:
        """Write a pending note edit now (typing pause, another choice, closing)."""
        self._timer.stop()
        self._deadline.stop()
        if self._current is None:
            return
        text = self.editor.toPlainText()
        annotation = self._annotations.get(self._current)
        if annotation is None or annotation.note == text:
            return
        self._annotations[self._current] = annotation.edited(note=text)
        self.note_edited.emit(self._annotations[self._current])
        self.saved_label.setText("Saved")
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._label(self._annotations[self._current]))

    def _jump(self, item: QListWidgetItem) -> None:
        annotation = self._annotations.get(item.data(Qt.ItemDataRole.UserRole))
        if annotation is not None and annotation.start is not None and not annotation.orphan:
            self.jump_requested.emit(annotation.start, annotation.end or annotation.start)

    def _delete(self) -> None:
        if self._current is not None:
            self.delete_requested.emit(self._current)

    @staticmethod
    def _split(text: str) -> list[str]:
        return [t.strip() for t in text.split(",") if t.strip()]

    def _article_tags_done(self) -> None:
        self.article_tags_edited.emit(self._split(self.article_tags.text()))

    def _annotation_tags_done(self) -> None:
        if self._current is not None:
            tags = self._split(self.annotation_tags.text())
            if tuple(tags) != self._annotations[self._current].tags:
                self.annotation_tags_edited.emit(self._current, tags)
