"""Wires entities into the window: highlights, the Entities/Entity/Index tabs, corrections.

Corrections are stored at once (so they can be undone by id) and re-applied to
the articles they affect on a worker thread; the open article refreshes when
that work ends. Undo/redo goes through the window's QUndoStack.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QCompleter, QInputDialog, QTabWidget, QWidget

from reader.ner.corrections import Correction
from reader.storage import entities as store
from reader.storage.library import Library
from reader.ui.corrections_view import CorrectionsView
from reader.ui.entity_index import EntityIndex
from reader.ui.entity_legend import EntityLegend
from reader.ui.entity_page import EntityPage
from reader.ui.entity_panel import EntityPanel
from reader.ui.reading_pane import ReadingPane
from reader.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def _extraction():
    """``reader.entities``, imported when extraction first runs: it loads the recogniser,
    which the window does not need to show its first page."""
    from reader import entities

    return entities


class CorrectionCommand(QUndoCommand):
    """One correction: redo stores (or re-activates) it, undo switches it off."""

    def __init__(self, controller: EntityController, correction: Correction, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self._correction = correction
        self.correction_id: int | None = None

    def redo(self) -> None:
        if self.correction_id is None:
            self.correction_id = store.add_correction(self._controller.library, self._correction)
        else:
            store.set_correction_active(self._controller.library, self.correction_id, True)
        self._controller.reapply(self._correction)

    def undo(self) -> None:
        if self.correction_id is not None:
            store.set_correction_active(self._controller.library, self.correction_id, False)
            self._controller.reapply(self._correction)


class EntityController(QObject):
    """Owns the side-panel tabs for entities and keeps them in step with the open article."""

    article_requested = Signal(int)
    busy = Signal(str)

    def __init__(
        self,
        library: Library,
        pane: ReadingPane,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.pane = pane
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.article_id: int | None = None
        self.legend = EntityLegend()
        self.panel = EntityPanel()
        self.page = EntityPage()
        self.index = EntityIndex(library)
        self.tabs = QTabWidget(objectName="sidePanel")
        self.tabs.addTab(self.panel, "Entities")
        self.tabs.addTab(self.page, "Entity")
        self.tabs.addTab(self.index, "Index")
        self.corrections_view: CorrectionsView | None = None

        self.legend.visible_changed.connect(pane.set_visible_types)
        pane.entity_activated.connect(self.show_entity)
        pane.correction_requested.connect(self._correction_requested)
        self.panel.mention_requested.connect(pane.next_mention)
        self.panel.page_requested.connect(self.show_entity)
        self.index.page_requested.connect(self.show_entity)
        self.page.article_requested.connect(self.article_requested)
        self.tabs.currentChanged.connect(self._tab_changed)
        tasks.finished.connect(self._task_finished)

    # --- the open article ------------------------------------------------------------

    def mentions_for(self, article_id: int) -> list[dict]:
        """Mentions to highlight, and the hover/panel data that goes with them."""
        self.article_id = article_id
        entities = store.article_entities(self.library, article_id)
        self.pane.entity_info = {
            e["id"]: (e["canonical"], e["type"], e["articles"]) for e in entities
        }
        self.panel.set_entities(entities)
        return store.article_mentions(self.library, article_id)

    def refresh_article(self) -> None:
        if self.article_id is not None:
            self.pane.set_mentions(self.mentions_for(self.article_id))
        if self.page.entity_id is not None:
            self.show_entity(self.page.entity_id, switch=False)
        if self.tabs.currentWidget() is self.index:
            self.index.refresh()

    def show_entity(self, entity_id: int, switch: bool = True) -> None:
        entity = store.entity(self.library, entity_id)
        if entity is None:
            return
        self.page.show_entity(entity, store.entity_articles(self.library, entity_id))
        if switch:
            self.tabs.setCurrentWidget(self.page)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.index:
            self.index.refresh()

    # --- background extraction ---------------------------------------------------------

    def extract_pending(self) -> None:
        """Extract articles imported before, or extracted by an older model or rules (the
        check itself reads every article, so it runs in the background too)."""
        self.tasks.submit(
            "extract",
            lambda lib, progress, cancel: _extraction().extract_pending(lib, progress, cancel),
        )

    def extract_all(self) -> None:
        self.busy.emit("Finding names in every article again…")

        def work(lib, progress, cancel):
            ids = [row["id"] for row in lib.list_articles(order="imported")]
            return _extraction().extract_articles(lib, ids, progress, cancel)

        self.tasks.submit("extract", work)

    def _task_finished(self, name: str, _result: object) -> None:
        if name in ("extract", "correction"):
            self.refresh_article()

    # --- corrections ---------------------------------------------------------------------

    def reapply(self, correction: Correction) -> None:
        affected = store.articles_affected(self.library, correction)
        if (
            self.article_id is not None
            and self.article_id not in affected
            and correction.article_id is None
        ):
            affected.append(self.article_id)
        self.busy.emit("Applying the correction…")
        self.tasks.submit(
            "correction",
            lambda lib, progress, cancel: _extraction().extract_articles(
                lib, affected, progress, cancel
            ),
        )

    def request(self, correction: Correction, description: str) -> None:
        self.undo_stack.push(CorrectionCommand(self, correction, description))

    def _correction_requested(
        self, kind: str, text: str, type_: str, new_type: str, _entity_id: int, everywhere: bool
    ) -> None:
        article_id = None if everywhere else self.article_id
        scope = "everywhere" if everywhere else "in this article"
        if kind == "add":
            correction = Correction("add", text, type=new_type, article_id=article_id)
            self.request(correction, f"Mark “{text}” as {new_type.lower()} {scope}")
        elif kind == "remove":
            self.request(
                Correction("remove", text, type=type_ or None, article_id=article_id),
                f"“{text}” is not an entity {scope}",
            )
        elif kind == "retype":
            self.request(
                Correction(
                    "retype", text, type=type_ or None, new_type=new_type, article_id=article_id
                ),
                f"“{text}” is a {new_type.lower()} {scope}",
            )
        elif kind in ("merge", "rename"):
            new_name = self._ask_name(kind, text)
            if new_name and new_name != text:
                verb = "Merge" if kind == "merge" else "Rename"
                self.request(
                    Correction(kind, text, type=type_ or None, new_name=new_name),
                    f"{verb} “{text}” → “{new_name}”",
                )

    def _ask_name(self, kind: str, text: str) -> str | None:
        """Ask for the entity to merge into (with completion) or the new canonical name."""
        parent = self.parent()
        if kind == "merge":
            dialog = QInputDialog(parent)
            dialog.setWindowTitle("Merge entity")
            dialog.setLabelText(
                f"Merge “{text}” into (another spelling or alias becomes one entity):"
            )
            names = [
                row["canonical"]
                for row in store.entity_index(self.library, limit=5000)
                if row["canonical"] != text
            ]
            dialog.setComboBoxItems(names)
            dialog.setComboBoxEditable(True)
            completer = QCompleter(names, dialog)
            completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
            if dialog.exec():
                return dialog.textValue().strip()
            return None
        name, ok = QInputDialog.getText(
            parent, "Rename entity", f"Canonical name for “{text}”:", text=text
        )
        return name.strip() if ok else None

    def show_corrections(self) -> None:
        if self.corrections_view is None:
            self.corrections_view = CorrectionsView(self.library, self.parent())
            self.corrections_view.toggled.connect(self._toggle_correction)
            self.corrections_view.deleted.connect(self._delete_correction)
        self.corrections_view.refresh()
        self.corrections_view.show()
        self.corrections_view.raise_()

    def _toggle_correction(self, correction_id: int, active: bool) -> None:
        correction = store.correction(self.library, correction_id)
        if correction is not None:
            store.set_correction_active(self.library, correction_id, active)
            self.reapply(correction)

    def _delete_correction(self, correction_id: int) -> None:
        correction = store.correction(self.library, correction_id)
        if correction is not None:
            store.delete_correction(self.library, correction_id)
            self.undo_stack.clear()  # commands may refer to the deleted correction
            self.reapply(correction)
            if self.corrections_view is not None:
                self.corrections_view.refresh()
