"""Keeps the Related tab in step with the open article; pins and dismissals go through the
window's undo stack; older libraries are indexed in the background."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QTabWidget, QWidget

from reader.related import related_view
from reader.related_index import index_pending
from reader.storage import related as store
from reader.storage.library import Library
from reader.ui.related_panel import RelatedPanel
from reader.ui.story_diff import StoryDiff
from reader.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class VerdictCommand(QUndoCommand):
    """Pin, dismiss or forget one suggestion; undo restores what was there before."""

    def __init__(self, controller: RelatedController, article_id: int, other: int, verdict: str):
        labels = {"pin": "Pin related article", "dismiss": "Dismiss suggestion"}
        super().__init__(labels.get(verdict, "Unpin related article"))
        self._controller = controller
        self._article_id = article_id
        self._other = other
        self._verdict = verdict or None
        self._before = store.feedback(controller.library, article_id).get(other)

    def _apply(self, verdict: str | None) -> None:
        store.set_feedback(self._controller.library, self._article_id, self._other, verdict)
        if verdict is None:
            # A pin made from the other article holds both ways; forgetting clears both.
            store.set_feedback(self._controller.library, self._other, self._article_id, None)
        self._controller.refresh()

    def redo(self) -> None:
        self._apply(self._verdict)

    def undo(self) -> None:
        self._apply(self._before)


class RelatedController(QObject):
    """Owns the Related tab; computes suggestions when the tab is shown."""

    article_requested = Signal(int)
    entity_requested = Signal(int)

    def __init__(
        self,
        library: Library,
        tabs: QTabWidget,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.tabs = tabs
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.article_id: int | None = None
        self._published: str | None = None
        self._stale = False
        self.panel = RelatedPanel()
        self.diff: StoryDiff | None = None
        tabs.insertTab(1, self.panel, "Related")
        self.panel.article_requested.connect(self.article_requested)
        self.panel.entity_requested.connect(self.entity_requested)
        self.panel.verdict_requested.connect(self._verdict)
        self.panel.diff_requested.connect(self.show_diff)
        tabs.currentChanged.connect(self._tab_changed)
        tasks.finished.connect(self._task_finished)

    def article_opened(self, article_id: int, published: str | None) -> None:
        self.article_id = article_id
        self._published = published
        self._stale = True
        if self.tabs.currentWidget() is self.panel:
            QTimer.singleShot(0, self._refresh_if_stale)  # after the article is painted

    def refresh(self) -> None:
        if self.article_id is None:
            self.panel.clear()
            return
        self._stale = False
        self.panel.show_view(related_view(self.library, self.article_id), self._published)

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.panel:
            self._refresh_if_stale()

    def library_changed(self) -> None:
        """New articles may resolve links or become suggestions."""
        self._stale = True
        if self.tabs.currentWidget() is self.panel:
            self.refresh()

    def index_pending(self) -> None:
        """Fingerprint articles stored before fingerprints existed (checked in the background)."""
        self.tasks.submit(
            "related-index", lambda lib, progress, cancel: index_pending(lib, progress, cancel)
        )

    def _task_finished(self, name: str, _result: object) -> None:
        if name in ("related-index", "extract", "correction"):
            self.library_changed()

    def _verdict(self, other: int, verdict: str) -> None:
        if self.article_id is not None:
            self.undo_stack.push(VerdictCommand(self, self.article_id, other, verdict))

    def show_diff(self, other: int) -> None:
        if self.article_id is None:
            return
        base, copy = self.library.get(self.article_id), self.library.get(other)
        if base is None or copy is None:
            return
        if self.diff is None:
            self.diff = StoryDiff(self.parent())
        self.diff.show_diff(base, copy)
        self.diff.show()
        self.diff.raise_()
