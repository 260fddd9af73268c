"""The main window: composes the panels and wires their signals in one place.

Child widgets never call each other; they emit signals that are connected
here (``_connect``), which keeps each of them small and testable.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.errors import Rejected
from reader.history import History
from reader.pipeline import parse_dropped_text
from reader.storage import state
from reader.storage.errors import LibraryError
from reader.storage.library import Library
from reader.ui.annotation_controller import AnnotationController
from reader.ui.entity_controller import EntityController
from reader.ui.find_bar import FindBar
from reader.ui.import_summary import ImportSummary
from reader.ui.import_worker import ImportController
from reader.ui.library_view import LibraryPanel
from reader.ui.reading_pane import ReadingPane
from reader.ui.related_controller import RelatedController
from reader.ui.search_box import SearchBox
from reader.ui.settings import DEFAULT_FONT_SIZE, Settings
from reader.ui.shortcuts import ShortcutsDialog
from reader.ui.status import ReaderStatusBar
from reader.ui.tasks import TaskRunner
from reader.ui.theme import apply_theme, is_dark
from reader.ui.welcome import WelcomeView
from reader.worker_processes import PARALLEL_THRESHOLD

if TYPE_CHECKING:
    from reader.importer import ImportReport

log = logging.getLogger(__name__)
#: Background work started by the window itself, silent unless it finds something to do.
UPKEEP_TASKS = frozenset({"extract", "related-index", "backup"})
FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


def _may_need_workers(urls: list[QUrl]) -> bool:
    """Whether dropping ``urls`` may start an import large enough for worker processes:
    a folder, or many files."""
    local = [url.toLocalFile() for url in urls if url.isLocalFile()]
    return len(local) >= PARALLEL_THRESHOLD or any(Path(path).is_dir() for path in local)


class MainWindow(QMainWindow):
    """Library on the left, the article on the right, import progress in the status bar."""

    def __init__(
        self, library: Library, settings: Settings, import_workers: int | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.library = library
        self.settings = settings
        self.summary: ImportSummary | None = None
        self._open_id: int | None = None

        self.search_box = SearchBox()
        self.search_box.setAcceptDrops(False)
        self.library_panel = LibraryPanel(library)
        self.pane = ReadingPane()
        self.pane.setAcceptDrops(False)
        self.find_bar = FindBar(self.pane)
        self.welcome = WelcomeView()
        self.status = ReaderStatusBar()
        self.setStatusBar(self.status)
        self.imports = ImportController(library.path, self, workers=import_workers)
        self.tasks = TaskRunner(library.path, self)
        self.undo_stack = QUndoStack(self)
        self.entities = EntityController(library, self.pane, self.tasks, self.undo_stack, self)
        self.related = RelatedController(
            library, self.entities.tabs, self.tasks, self.undo_stack, self
        )
        self.annotations = AnnotationController(
            library, self.pane, self.entities.tabs, self.undo_stack, self
        )
        self.history = History()
        #: A backup chosen in File › Restore from backup…; the app restores it after closing.
        self.restore_request: Path | None = None
        self._from_history = False

        left = QWidget(objectName="libraryPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.library_panel, 1)
        right = QWidget(objectName="articleArea")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.entities.legend)
        right_layout.addWidget(self.pane, 1)
        right_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.addWidget(self.entities.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.stack = QStackedWidget(objectName="mainStack")
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._connect()
        self.library_panel.table.installEventFilter(self)
        QApplication.instance().installEventFilter(self)  # mouse back/forward buttons anywhere
        self._restore()

    # --- construction -----------------------------------------------------

    def _action(self, text: str, slot, keys=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if keys is not None:
            if isinstance(keys, list):
                action.setShortcuts([QKeySequence(k) for k in keys])
            else:
                action.setShortcut(QKeySequence(keys))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_files_action = self._action(
            "&Import files…", self.choose_files, QKeySequence.StandardKey.Open, "importFilesAction"
        )
        self.import_folder_action = self._action(
            "Import &folder…", self.choose_folder, "Ctrl+Shift+O", "importFolderAction"
        )
        file_menu.addAction(self.import_files_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                "&Export highlights and notes…", self.annotations.export, name="exportAction"
            )
        )
        file_menu.addAction(
            self._action(
                "Export this article's highlights and notes…",
                lambda: self.annotations.export(article_only=True),
            )
        )
        file_menu.addAction(
            self._action(
                "Import a&nnotations…", self.annotations.import_file, name="importAnnotationsAction"
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Trash…", self.annotations.show_trash, name="trashAction")
        )
        file_menu.addAction(
            self._action("&Restore from backup…", self.show_backups, name="restoreBackupAction")
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, "Ctrl+Q", "quitAction"))

        view = bar.addMenu("&View")
        view.addAction(self._action("Focus &search", self.focus_search, ["Ctrl+K", "Ctrl+L"]))
        view.addAction(
            self._action("&Find in article", self.find_bar.open_bar, QKeySequence.StandardKey.Find)
        )
        view.addSeparator()
        view.addAction(self._action("&Larger text", lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"]))
        view.addAction(self._action("&Smaller text", lambda: self.zoom(-1), "Ctrl+-"))
        view.addAction(self._action("&Default text size", lambda: self.zoom(0), "Ctrl+0"))
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for key, label in (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.setData(key)
            action.setObjectName(f"theme_{key}")
            action.triggered.connect(lambda _checked, k=key: self.set_theme(k))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        view.addAction(self._action("Switch light/dark", self.toggle_theme, "Ctrl+Shift+D"))

        edit = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        for action in (undo, redo):
            self.addAction(action)
            edit.addAction(action)

        article = bar.addMenu("&Article")
        self.star_action = self._action("&Star", self.toggle_star, "Ctrl+D", "starAction")
        article.addAction(self.star_action)
        article.addAction(
            self._action("&Bookmark this position…", self.annotations.add_bookmark, "Ctrl+B")
        )
        article.addAction(
            self._action("Add &note", self.annotations.add_note, "Ctrl+Shift+N", "addNoteAction")
        )
        article.addSeparator()
        article.addAction(
            self._action(
                "Move to &trash", self.trash_open_article, "Ctrl+Delete", "trashArticleAction"
            )
        )
        notes = bar.addMenu("&Notes")
        notes.addAction(
            self._action("&Annotations…", self.annotations.show_annotations, "Ctrl+Shift+A")
        )
        notes.addAction(
            self._action("&Bookmarks…", self.annotations.show_bookmarks, "Ctrl+Shift+B")
        )
        notes.addAction(self._action("&Tags…", self.annotations.show_tags))
        notes.addAction(self._action("Notes &tab", self.show_notes, "Ctrl+Shift+M"))

        go = bar.addMenu("&Go")
        self.back_action = self._action(
            "&Back", self.go_back, ["Alt+Left", Qt.Key.Key_Back], "backAction"
        )
        self.forward_action = self._action(
            "&Forward",
            self.go_forward,
            ["Alt+Right", Qt.Key.Key_Forward],
            "forwardAction",
        )
        for action, icon in (
            (self.back_action, QStyle.StandardPixmap.SP_ArrowBack),
            (self.forward_action, QStyle.StandardPixmap.SP_ArrowForward),
        ):
            action.setIcon(self.style().standardIcon(icon))
            go.addAction(action)
        go.addSeparator()
        go.addAction(self._action("&Related articles", self.show_related, "Ctrl+R"))
        toolbar = QToolBar("Navigation", objectName="navigationBar")
        toolbar.setMovable(False)
        toolbar.addAction(self.back_action)
        toolbar.addAction(self.forward_action)
        self.addToolBar(toolbar)
        self._update_history_actions()

        entities = bar.addMenu("E&ntities")
        entities.addAction(self._action("Entity &index", self.show_entity_index, "Ctrl+I"))
        entities.addAction(self._action("&Corrections…", self.entities.show_corrections))
        entities.addAction(
            self._action("&Find names in every article again", self.entities.extract_all)
        )

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))

    def _connect(self) -> None:
        self.search_box.search_changed.connect(self.library_panel.set_search)
        self.library_panel.article_activated.connect(self.open_article)
        self.welcome.import_files.connect(self.choose_files)
        self.welcome.import_folder.connect(self.choose_folder)
        self.status.cancel_button.clicked.connect(self.imports.cancel)
        self.imports.started.connect(lambda: self.status.set_importing(True))
        self.imports.progress.connect(self.status.set_progress)
        self.imports.stored.connect(self._articles_stored)
        self.imports.finished.connect(self._import_finished)
        self.imports.failed.connect(self._import_failed)
        self.pane.font_size_changed.connect(self.settings.set_font_size)
        self.entities.article_requested.connect(self.open_and_select)
        self.related.article_requested.connect(self.open_and_select)
        self.related.entity_requested.connect(self.entities.show_entity)
        self.pane.article_requested.connect(self.open_and_select)
        self.annotations.open_requested.connect(self.open_and_select)
        self.annotations.tags_changed.connect(self.library_panel.refresh_facets)
        self.annotations.library_changed.connect(self._articles_stored)
        self.entities.busy.connect(self.status.showMessage)
        self.tasks.started.connect(self._task_started)
        self.tasks.progress.connect(self._task_progress)
        self.tasks.finished.connect(self._task_finished)
        self.tasks.failed.connect(self._task_failed)

    def _restore(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.splitter_state("main")
        if splitter is None or not self.splitter.restoreState(splitter):
            width = max(self.width(), 900)
            self.splitter.setSizes([int(width * 0.35), int(width * 0.43), int(width * 0.22)])
        self.pane.set_font_size(self.settings.font_size())
        self.set_theme(self.settings.theme())
        self._update_size()
        # Background upkeep starts once the window is on screen.
        QTimer.singleShot(0, self._start_upkeep)
        self._data_version = self.library.data_version()
        self._watch = QTimer(self, interval=2000)
        self._watch.timeout.connect(self._check_other_writers)
        self._watch.start()
        last = self.settings.open_article()
        if last is not None and self.library.get(last) is not None:
            self.open_article(last)
            self.library_panel.select_article(last, emit=False)

    # --- reading ----------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        if article_id == self._open_id:
            return
        article = self.library.get(article_id)
        if article is None:
            self.status.showMessage(f"Article {article_id} is no longer in the library", 5000)
            return
        self._remember_position()
        self._open_id = article_id
        mentions = self.entities.mentions_for(article_id)
        self.pane.show_article(article, state.scroll_position(self.library, article_id), mentions)
        self.find_bar.refresh()
        state.mark_read(self.library, article_id)
        self.library_panel.model.set_row_state(article_id, read=True)
        self.star_action.setText(
            "Un&star" if state.is_starred(self.library, article_id) else "&Star"
        )
        self.setWindowTitle(f"{article['title']} — Reader")
        if not self._from_history:
            self.history.visit(article_id)
        self._update_history_actions()
        self.related.article_opened(article_id, article.get("published"))
        self.annotations.article_opened(article_id)

    def go_back(self) -> None:
        self._go(self.history.back(valid=self._exists))

    def go_forward(self) -> None:
        self._go(self.history.forward(valid=self._exists))

    def _exists(self, article_id: int) -> bool:
        return self.library.get(article_id) is not None

    def _go(self, article_id: int | None) -> None:
        self._update_history_actions()
        if article_id is None:
            return
        self._from_history = True
        try:
            self.open_and_select(article_id)
        finally:
            self._from_history = False

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    # --- backups and other writers ------------------------------------------------

    def _start_upkeep(self) -> None:
        """Catch up entity extraction and the related-article index, back up once a day."""
        self.entities.extract_pending()
        self.related.index_pending()
        self._daily_backup()

    def _daily_backup(self) -> None:
        from reader.storage.backup import due

        if self.library.count() and due(self.library.path):
            self.tasks.submit(
                "backup",
                lambda lib, _progress, _cancel: str(lib.backup("daily")),
            )

    def show_backups(self) -> None:
        from reader.ui.backup_dialog import BackupDialog

        def backup_now() -> None:
            try:
                target = self.library.backup("manual")
            except LibraryError as exc:
                QMessageBox.warning(self, "Backup failed", str(exc))
                return
            self.status.showMessage(f"Backed up to {target}", 8000)

        dialog = BackupDialog(self.library.path, self, backup_now)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_request = dialog.chosen
            self.close()

    def _check_other_writers(self) -> None:
        """Another connection (a second Reader, the CLI, this window's workers) committed:
        show what changed."""
        version = self.library.data_version()
        if version != self._data_version:
            self._data_version = version
            if not self.imports.running and not self.tasks.running:
                self._articles_stored()

    def show_notes(self) -> None:
        self.entities.tabs.setCurrentWidget(self.annotations.panel)

    def trash_open_article(self) -> None:
        if self._open_id is None:
            return
        article_id, title = self._open_id, self.windowTitle().removesuffix(" — Reader")
        self.annotations.trash_article(article_id)
        self._open_id = None
        self.pane.clear_article()
        self.setWindowTitle("Reader")
        self.status.showMessage(f"“{title}” moved to the trash (File › Trash… restores it)", 8000)

    def show_related(self) -> None:
        self.entities.tabs.setCurrentWidget(self.related.panel)

    def open_and_select(self, article_id: int) -> None:
        self.stack.setCurrentWidget(self.splitter)
        if not self.library_panel.select_article(article_id):
            self.open_article(article_id)

    def _remember_position(self) -> None:
        if self._open_id is not None:
            state.set_scroll(self.library, self._open_id, self.pane.scroll_fraction())

    def toggle_star(self) -> None:
        if self._open_id is None:
            return
        starred = not state.is_starred(self.library, self._open_id)
        state.set_starred(self.library, self._open_id, starred)
        self.library_panel.model.set_row_state(self._open_id, starred=starred)
        self.star_action.setText("Un&star" if starred else "&Star")
        self.status.showMessage("Starred" if starred else "Star removed", 2000)

    def zoom(self, step: int) -> None:
        size = DEFAULT_FONT_SIZE if step == 0 else self.pane.font_size + step
        self.pane.set_font_size(size)

    def focus_search(self) -> None:
        if self.library.count():
            self.stack.setCurrentWidget(self.splitter)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def show_entity_index(self) -> None:
        self.entities.tabs.setCurrentWidget(self.entities.index)
        self.entities.index.filter.setFocus()

    def _task_started(self, name: str) -> None:
        # Upkeep usually finds nothing to do: show progress only once it reports some. An
        # import owns the status bar (and its Cancel button) while it runs.
        if name not in UPKEEP_TASKS and not self.imports.running:
            self.status.set_importing(True, cancellable=False)

    def _task_progress(self, done: int, total: int) -> None:
        if self.imports.running:
            return
        if not self.status.progress.isVisible():
            self.status.set_importing(True, cancellable=False)
        self.status.set_progress(done, total)

    def _task_finished(self, name: str, result: object) -> None:
        self._seen_own_writes()
        if not self.tasks.running and not self.imports.running:
            self.status.set_importing(False)
        if name == "extract" and result:
            self.status.showMessage(f"Names found in {result} articles", 5000)
        elif name == "correction":
            self.status.showMessage(f"Correction applied to {result} articles", 5000)

    def _task_failed(self, name: str, message: str) -> None:
        self.status.set_importing(False)
        QMessageBox.warning(self, "Reader", f"The {name} task stopped: {message}")

    def set_theme(self, choice: str) -> None:
        app = QApplication.instance()
        palette = apply_theme(app, choice)
        self.pane.set_palette_colours(palette)
        self.related.panel.set_palette_colours(palette)
        self.entities.legend.set_dark(is_dark(choice))
        self.settings.set_theme(choice)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == choice)

    def toggle_theme(self) -> None:
        self.set_theme("light" if is_dark(self.settings.theme()) else "dark")

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # --- importing ----------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()), FILE_FILTER
        )
        if files:
            self.import_paths(files)

    def choose_folder(self) -> None:
        self.imports.prepare_workers()  # their models load while the user chooses
        folder = QFileDialog.getExistingDirectory(
            self, "Import a folder of articles", str(Path.home())
        )
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        self.status.showMessage(f"Importing {len(paths)} item{'s' if len(paths) != 1 else ''}…")
        self.imports.start(paths)

    def import_text(self, text: str) -> None:
        """Dropped or pasted text becomes an article of its own."""
        try:
            parsed = parse_dropped_text(text)
        except Rejected as exc:
            self.status.showMessage(f"Dropped text not imported: {exc.reason}", 8000)
            return
        [result] = self.library.add_batch([parsed])
        if result.duplicate:
            self.status.showMessage("That text is already in the library", 5000)
        else:
            self.status.showMessage(f"Imported dropped text as “{result.title}”", 5000)
            self._articles_stored()
            self.entities.extract_pending()
        self.open_and_select(result.id)

    def _articles_stored(self) -> None:
        self.library_panel.refresh()
        self._update_size()
        self.related.library_changed()
        self._seen_own_writes()

    def _seen_own_writes(self) -> None:
        """This window's imports and tasks wrote through their own connections; what they
        changed is shown, so the other-writers check need not refresh again for it."""
        self._data_version = self.library.data_version()

    def _import_finished(self, report: ImportReport) -> None:
        self.status.set_importing(False)
        self.entities.extract_pending()  # e.g. dropped text, stored without extraction
        self.status.showMessage(report.summary(), 10000)
        self._articles_stored()
        self.summary = ImportSummary(report, self)
        self.summary.open_article.connect(self.open_and_select)
        self.summary.show()

    def _import_failed(self, message: str) -> None:
        self.status.set_importing(False)
        QMessageBox.warning(self, "Import failed", f"The import stopped: {message}")

    def _update_size(self) -> None:
        count = self.library.count()
        self.status.set_library_size(count)
        self.stack.setCurrentWidget(self.splitter if count else self.welcome)

    # --- drag and drop --------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()
        if mime.hasUrls() and _may_need_workers(mime.urls()):
            self.imports.prepare_workers()  # their models load while the user aims

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        urls: list[QUrl] = mime.urls() if mime.hasUrls() else []
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        remote = [u.toString() for u in urls if not u.isLocalFile()]
        event.acceptProposedAction()
        if local:
            self.import_paths(local)
        if remote:
            QMessageBox.information(
                self,
                "Web links are not fetched",
                "Reader works offline and does not download pages. Save the page "
                "(as .html or .txt) and drop the saved file instead.\n\n" + "\n".join(remote[:5]),
            )
        if not urls and mime.hasText():
            self.import_text(mime.text())

    # --- keyboard, closing ----------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        if (
            watched is self.library_panel.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
        ):
            self.pane.page(forward=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        QApplication.instance().removeEventFilter(self)
        self._watch.stop()
        self.annotations.flush()
        self.annotations.close_windows()
        if self.imports.running:
            self.status.showMessage("Stopping the import…")
            if not self.imports.shutdown():
                log.error("the import did not stop in time; closing anyway")
        if not self.tasks.shutdown():
            log.error("a background task did not stop in time; closing anyway")
        self._remember_position()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter_state("main", self.splitter.saveState())
        self.settings.set_open_article(self._open_id)
        self.settings.sync()
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._restore_scroll)

    def _restore_scroll(self) -> None:
        if self._open_id is not None:
            self.pane.set_scroll_fraction(state.scroll_position(self.library, self._open_id))
