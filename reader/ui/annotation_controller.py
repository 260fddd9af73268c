"""Wires the reader's own work into the window: highlights in the reading pane, the Notes tab,
bookmarks, tags, the Annotations/Bookmarks/Trash/Tags windows, export and import.

Every change to a highlight, note, bookmark or tag is a QUndoCommand on the window's stack
(Ctrl+Z / Ctrl+Shift+Z). Typing in a note is saved as you type (the editor has its own undo).
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QTabWidget, QWidget

from reader.annotation_export import import_jsonld, to_jsonld, to_markdown
from reader.annotations import Annotation, article_note, bookmark, highlight
from reader.storage import annotations as store
from reader.storage.library import Library
from reader.ui.annotations_view import AnnotationsView
from reader.ui.bookmarks_view import BookmarksView
from reader.ui.notes_panel import NotesPanel
from reader.ui.reading_pane import ReadingPane
from reader.ui.tags_dialog import TagsDialog
from reader.ui.trash_view import TrashView

log = logging.getLogger(__name__)


class AnnotationCommand(QUndoCommand):
    """Replace an annotation's state: ``before`` None means it is new, ``after`` None that it
    is deleted (kept as a tombstone, so undo brings it back whole)."""

    def __init__(
        self,
        controller: AnnotationController,
        before: Annotation | None,
        after: Annotation | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._before = before
        self._after = after
        self.saved: Annotation | None = None

    def _write(self, state: Annotation | None, other: Annotation | None) -> None:
        library = self._controller.library
        if state is None:
            existing = store.by_uuid(library, other.uuid) if other else None
            if existing is not None:
                store.delete(library, existing.id)
        else:
            self.saved = store.save(library, replace(state, deleted_at=None))
        self._controller.refresh(keep=self.saved.id if self.saved and state else None)

    def redo(self) -> None:
        self._write(self._after, self._before)

    def undo(self) -> None:
        self._write(self._before, self._after)


class ArticleTagsCommand(QUndoCommand):
    def __init__(self, controller: AnnotationController, article_id: int, tags: list[str]):
        super().__init__("Change article tags")
        self._controller = controller
        self._article_id = article_id
        self._before = store.article_tags(controller.library, article_id)
        self._after = tags

    def _write(self, tags: list[str]) -> None:
        store.set_article_tags(self._controller.library, self._article_id, tags)
        self._controller.refresh()
        self._controller.tags_changed.emit()

    def redo(self) -> None:
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)


class AnnotationController(QObject):
    """Owns the Notes tab and the annotation windows; keeps the pane's highlights current."""

    open_requested = Signal(int)  # an article to open (from a view)
    tags_changed = Signal()
    library_changed = Signal()  # articles left or came back from the trash

    def __init__(
        self,
        library: Library,
        pane: ReadingPane,
        tabs: QTabWidget,
        undo_stack: QUndoStack,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.pane = pane
        self.tabs = tabs
        self.undo_stack = undo_stack
        self.article_id: int | None = None
        self.panel = NotesPanel()
        tabs.insertTab(1, self.panel, "Notes")
        self.annotations_view: AnnotationsView | None = None
        self.bookmarks_view: BookmarksView | None = None
        self.trash_view: TrashView | None = None
        self.tags_dialog: TagsDialog | None = None
        self._pending_jump: tuple[int, int] | None = None

        pane.highlight_requested.connect(self.add_highlight)
        pane.highlight_activated.connect(self.show_annotation)
        pane.highlight_action.connect(self._highlight_action)
        self.panel.jump_requested.connect(pane.jump_to)
        self.panel.note_edited.connect(self._note_edited)
        self.panel.new_note_requested.connect(self.add_note)
        self.panel.bookmark_requested.connect(self.add_bookmark)
        self.panel.delete_requested.connect(self.delete)
        self.panel.article_tags_edited.connect(self._article_tags)
        self.panel.annotation_tags_edited.connect(self._annotation_tags)

    # --- the open article -------------------------------------------------------------------

    def article_opened(self, article_id: int) -> None:
        self.panel.flush()
        self.article_id = article_id
        self.refresh()
        if self._pending_jump is not None:
            start, end = self._pending_jump
            self._pending_jump = None
            self.pane.jump_to(start, end if end > start else None)

    def refresh(self, keep: int | None = None) -> None:
        if self.article_id is None:
            self.panel.set_annotations([], [])
            return
        annotations = store.for_article(self.library, self.article_id)
        self.pane.set_highlights(annotations)
        self.panel.set_annotations(
            annotations,
            store.article_tags(self.library, self.article_id),
            keep=keep if keep is not None else self.panel.current_id(),
        )

    def close_windows(self) -> None:
        """Close the Annotations, Bookmarks and Trash windows (the main window is closing)."""
        for view in (self.annotations_view, self.bookmarks_view, self.trash_view):
            if view is not None:
                view.close()

    def flush(self) -> None:
        self.panel.flush()

    # --- changes ----------------------------------------------------------------------------

    def _push(self, before: Annotation | None, after: Annotation | None, text: str) -> None:
        command = AnnotationCommand(self, before, after, text)
        self.undo_stack.push(command)

    def _body(self) -> str:
        """The open article's text: the one the reading pane shows (offsets refer to it)."""
        return self.pane.article["body"]

    def add_highlight(self, start: int, end: int, colour: str, with_note: bool) -> None:
        if self.article_id is None:
            return
        body = self._body()
        try:
            made = highlight(self.article_id, body, start, end, colour)
        except ValueError as exc:
            log.info("no highlight: %s", exc)
            return
        command = AnnotationCommand(self, None, made, f"Highlight “{made.quote[:30]}”")
        self.undo_stack.push(command)
        if command.saved is not None:
            self.show_annotation(command.saved.id, edit=with_note)

    def show_annotation(self, annotation_id: int, edit: bool = True) -> None:
        self.tabs.setCurrentWidget(self.panel)
        self.panel.choose(annotation_id)
        if edit:
            self.panel.focus_editor()

    def add_note(self) -> None:
        if self.article_id is None:
            return
        command = AnnotationCommand(self, None, article_note(self.article_id), "Add note")
        self.undo_stack.push(command)
        if command.saved is not None:
            self.show_annotation(command.saved.id)

    def add_bookmark(self) -> None:
        if self.article_id is None:
            return
        body = self._body()
        offset = self.pane.top_body_offset()
        default = " ".join(body[offset : offset + 40].split()) or "Bookmark"
        name, ok = QInputDialog.getText(
            self.parent(), "Bookmark", "Name this position:", text=default
        )
        if not ok:
            return
        made = bookmark(self.article_id, body, offset, name)
        self._push(None, made, f"Bookmark “{made.label}”")

    def delete(self, annotation_id: int) -> None:
        annotation = store.get(self.library, annotation_id)
        if annotation is not None:
            self._push(annotation, None, f"Delete {annotation.kind}")

    def _highlight_action(self, annotation_id: int, action: str) -> None:
        annotation = store.get(self.library, annotation_id)
        if annotation is None:
            return
        if action == "delete":
            self.delete(annotation_id)
        elif action == "note":
            self.show_annotation(annotation_id)
        else:
            self._push(annotation, annotation.edited(color=action), f"Colour {action}")

    def _note_edited(self, annotation: Annotation) -> None:
        """Autosave: write the note now (typing has its own undo in the editor); the pane's
        highlight shows the new note when hovered."""
        saved = store.save(self.library, annotation)
        if saved.kind == "highlight" and saved.article_id == self.article_id:
            self.pane.update_highlight(saved)

    def _article_tags(self, tags: list[str]) -> None:
        if self.article_id is not None and tags != store.article_tags(
            self.library, self.article_id
        ):
            self.undo_stack.push(ArticleTagsCommand(self, self.article_id, tags))

    def _annotation_tags(self, annotation_id: int, tags: list[str]) -> None:
        annotation = store.get(self.library, annotation_id)
        if annotation is not None:
            self._push(annotation, annotation.edited(tags=tuple(tags)), "Change tags")

    # --- windows ------------------------------------------------------------------------------

    def open_at(self, article_id: int, start: int, end: int) -> None:
        """Open an article (from a view) and show a place in it."""
        if start >= 0:
            self._pending_jump = (start, end)
        if article_id == self.article_id:
            self.article_opened(article_id)
        self.open_requested.emit(article_id)

    def show_annotations(self) -> None:
        if self.annotations_view is None:
            self.annotations_view = AnnotationsView(self.library, self.parent())
            self.annotations_view.open_requested.connect(self.open_at)
        self.annotations_view.show()
        self.annotations_view.raise_()

    def show_bookmarks(self) -> None:
        if self.bookmarks_view is None:
            self.bookmarks_view = BookmarksView(self.library, self.parent())
            self.bookmarks_view.open_requested.connect(self._open_bookmark)
        self.bookmarks_view.show()
        self.bookmarks_view.raise_()

    def _open_bookmark(self, article_id: int, annotation_id: int) -> None:
        annotation = store.get(self.library, annotation_id) if annotation_id >= 0 else None
        if annotation is not None and annotation.start is not None and not annotation.orphan:
            self.open_at(article_id, annotation.start, annotation.start)
        else:
            self.open_requested.emit(article_id)

    def show_trash(self) -> None:
        if self.trash_view is None:
            self.trash_view = TrashView(self.library, self.parent())
            self.trash_view.changed.connect(self.library_changed)
        self.trash_view.show()
        self.trash_view.raise_()

    def show_tags(self) -> None:
        if self.tags_dialog is None:
            self.tags_dialog = TagsDialog(self.library, self.parent())
            self.tags_dialog.changed.connect(self.tags_changed)
            self.tags_dialog.changed.connect(self.refresh)
        self.tags_dialog.show()
        self.tags_dialog.raise_()

    def trash_article(self, article_id: int) -> None:
        self.panel.flush()
        store.trash_article(self.library, article_id)
        if article_id == self.article_id:
            self.article_id = None
            self.panel.set_annotations([], [])
        self.library_changed.emit()

    # --- export / import ------------------------------------------------------------------------

    def export(self, article_only: bool = False) -> None:
        self.panel.flush()
        scope = self.article_id if article_only else None
        path, chosen = QFileDialog.getSaveFileName(
            self.parent(),
            "Export highlights and notes",
            str(Path.home() / "reader-notes.md"),
            "Markdown (*.md);;Web Annotation JSON-LD (*.jsonld *.json)",
        )
        if path:
            self.export_to(Path(path), "jsonld" if "JSON" in chosen else "md", scope)

    def export_to(self, path: Path, fmt: str, article_id: int | None = None) -> None:
        if fmt == "md":
            text = to_markdown(self.library, article_id)
        else:
            text = json.dumps(to_jsonld(self.library, article_id), ensure_ascii=False, indent=2)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self.parent(), "Export failed", f"Could not write {path}: {exc}")

    def import_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.parent(),
                "Import annotations",
                str(Path.home()),
                "Web Annotation JSON-LD (*.jsonld *.json)",
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            result = import_jsonld(self.library, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            QMessageBox.warning(
                self.parent(), "Import failed", f"{path.name} cannot be imported: {exc}"
            )
            return
        self.refresh()
        skipped = "\n".join(result.skipped[:10])
        QMessageBox.information(
            self.parent(),
            "Annotations imported",
            f"{result.added} added, {result.updated} updated, {result.deleted} deleted,"
            f" {result.unchanged} unchanged, {len(result.skipped)} skipped."
            + (f"\n\n{skipped}" if skipped else ""),
        )
