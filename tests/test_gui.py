"""The window driven as a person would: drop files, click, type, and check what is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from reader.storage.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning"),
]
SEED_TITLE = "Mulai Kurang Tenaga di Ukraina, Rusia Minta Bantuan Militer China"


class App:
    """A main window on a temporary library and settings file, reopenable like a restart."""

    def __init__(self, qtbot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.library_path = tmp_path / "library.db"
        self.settings_path = tmp_path / "settings.ini"
        self.library: Library | None = None
        self.window: MainWindow | None = None

    def start(self) -> MainWindow:
        self.library = Library(self.library_path)
        self.window = MainWindow(self.library, Settings(self.settings_path), import_workers=1)
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        activate(self.qtbot, self.window)
        return self.window

    def stop(self) -> None:
        if self.window is not None:
            self.window.close()
            if self.window.summary is not None:
                self.window.summary.close()
        if self.library is not None:
            self.library.close()
        self.window = self.library = None


def drop(widget, paths=(), text: str | None = None, urls=None) -> None:
    """Drag onto the window and drop, as a file manager does (handlers called directly:
    synthetic drop events are not delivered by QApplication without a real drag)."""
    mime = QMimeData()
    if paths:
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    if urls:
        mime.setUrls([QUrl(u) for u in urls])
    if text is not None:
        mime.setText(text)
    position = QPointF(widget.rect().center())
    enter = QDragEnterEvent(
        position.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dragEnterEvent(enter)
    assert enter.isAccepted(), "the window refused the drag"
    event = QDropEvent(
        position,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def drop_and_wait(qtbot, window: MainWindow, paths, timeout=120_000, keep_summary=False):
    """Drop, wait for the import to end and its summary to show; then back to the window."""
    with qtbot.waitSignal(window.imports.finished, timeout=timeout) as blocker:
        drop(window, paths)
    qtbot.waitUntil(lambda: window.summary is not None and window.summary.isVisible())
    if not keep_summary:
        activate(qtbot, window)
    return blocker.args[0]


def click_row(qtbot, window: MainWindow, row: int) -> None:
    table = window.library_panel.table
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_empty_library_shows_welcome(app) -> None:
    window = app.start()
    assert window.stack.currentWidget().objectName() == "welcomeView"
    assert any(
        "Drop article files" in label.text() for label in window.welcome.findChildren(QLabel)
    )
    assert window.status.size_label.text() == "0 articles"


def test_drop_files_import_and_read(app, qtbot, corpus) -> None:
    window = app.start()
    report = drop_and_wait(
        qtbot, window, [corpus / "seed", corpus / "en/wikinews"], keep_summary=True
    )
    assert len(report.imported) == 285  # 286 files; one holds only a title
    summary = window.summary
    assert summary.label.text().startswith("285 imported, 0 duplicates, 1 skipped")
    assert window.stack.currentWidget() is window.splitter
    assert window.status.size_label.text() == "285 articles"
    model = window.library_panel.model
    assert model.total() == 285
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    row = titles.index(SEED_TITLE)

    click_row(qtbot, window, row)
    text = window.pane.toPlainText()
    assert text.startswith(SEED_TITLE)
    assert "GenPI.co · 15 March 2022, 06:25" in text
    assert "Para pejabat Amerika Serikat" in text
    assert "netral.(*)" in text
    for gone in ("BACA JUGA", "Redaktur:", "Copyright", "BERITA TERKAIT"):
        assert gone not in text
    assert "Read also" in text and "Serangan Rusia Makin Dekat ke Polandia" in text
    # Opening marks the article read: its title is no longer bold.
    assert not model.data(model.index(row, 1), Qt.ItemDataRole.FontRole)


def test_keyboard_navigation_and_paging(app, qtbot, corpus) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [corpus / "en/wikinews"])
    table = window.library_panel.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_J)
    first = window.pane.article["id"]
    qtbot.keyClick(table, Qt.Key.Key_J)
    second = window.pane.article["id"]
    assert second != first
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert window.pane.article["id"] == first
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert window.pane.article["id"] == second
    bar = window.pane.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert bar.value() > 0
    qtbot.keyClick(table, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == 0


def test_search_as_you_type(app, qtbot, corpus) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [corpus / "seed", corpus / "en/wikinews"])
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "Yang Jiechi")
    model = window.library_panel.model
    qtbot.waitUntil(lambda: model.searching and model.rowCount() >= 1)
    assert model.data(model.index(0, 1)) == SEED_TITLE
    from reader.ui.library_model import SnippetRole

    assert "<b>Jiechi</b>" in model.data(model.index(0, 1), SnippetRole)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not model.searching and model.rowCount() > 1)
    assert window.search_box.text() == ""


def test_filters(app, qtbot, corpus) -> None:
    window = app.start()
    drop_and_wait(
        qtbot,
        window,
        [corpus / "seed", corpus / "bad/saved_news_page.html", corpus / "en/wikinews"],
    )
    panel = window.library_panel
    combo = panel.language_filter
    combo.setCurrentIndex(combo.findData("id"))
    combo.activated.emit(combo.currentIndex())
    assert panel.model.total() == 2
    panel.unread_filter.setChecked(True)
    click_row(qtbot, window, 0)
    panel.model.reload()
    assert panel.model.total() == 1


def test_star_and_find(app, qtbot, seed_file) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [seed_file])
    click_row(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    model = window.library_panel.model
    assert model.data(model.index(0, 0)) == "★"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "Rusia")
    assert window.find_bar.match_count() >= 8
    assert len(window.pane.extraSelections()) == window.find_bar.match_count()
    assert window.find_bar.count.text().startswith("1 of ")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text().startswith("2 of ")


def test_font_size_and_theme(app, qtbot, seed_file) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [seed_file])
    size = window.pane.font_size
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.font_size == size + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.font_size == size - 1
    window.set_theme("dark")
    assert QApplication.instance().palette().window().color().lightness() < 80
    window.set_theme("light")
    assert QApplication.instance().palette().window().color().lightness() > 180


def test_bad_files_dropped_give_reasons(app, qtbot, bad) -> None:
    window = app.start()
    report = drop_and_wait(qtbot, window, [bad], keep_summary=True)
    summary = window.summary
    assert "6 skipped" in summary.label.text()
    qtbot.mouseClick(summary.details_button, Qt.MouseButton.LeftButton)
    details = summary.details.toPlainText()
    assert "empty.txt: file is empty" in details
    assert "binary_random.txt: not a text file" in details
    assert "title_only.txt: no article text" in details
    assert details.count("open the stored article") == len(report.duplicates) == 5
    with qtbot.waitSignal(summary.open_article):
        summary.open_button.click()
    assert window.pane.article["id"] == report.imported[0]["id"]


def test_cancel_import_halfway(app, qtbot, corpus, tmp_path) -> None:
    window = app.start()
    folder = tmp_path / "many"
    shutil.copytree(corpus / "id/indosum", folder)
    total = len(list(folder.glob("*.txt")))

    def cancel_when_under_way(done: int, _total: int) -> None:
        if done >= 450 and window.status.cancel_button.isVisible():
            qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)

    window.imports.progress.connect(cancel_when_under_way)
    report = drop_and_wait(qtbot, window, [folder])
    assert report.cancelled
    stored = window.library.count()
    assert 0 < stored < total
    assert len(report.imported) == stored
    assert window.library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not window.status.progress.isVisible()


def test_window_stays_responsive_during_import(app, qtbot, corpus) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [corpus / "seed"])
    with qtbot.waitSignal(window.imports.finished, timeout=120_000):
        drop(window, [corpus / "en/wikinews"])
        qtbot.waitUntil(lambda: window.status.progress.isVisible())
        # While the import runs, the library can be searched and read.
        window.library_panel.set_search("Sullivan")
        assert window.library_panel.model.rowCount() == 1
        click_row(qtbot, window, 0)
        assert window.pane.toPlainText().startswith(SEED_TITLE)


def test_restart_restores_state(app, qtbot, corpus) -> None:
    window = app.start()
    drop_and_wait(qtbot, window, [corpus / "en/wikinews"])
    window.resize(760, 600)  # the offscreen screen is 800x800; restoreGeometry keeps windows on it
    qtbot.waitUntil(lambda: window.width() == 760)
    click_row(qtbot, window, 3)
    opened = window.pane.article["id"]
    window.pane.set_scroll_fraction(0.5)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    size = window.pane.font_size
    splitter = window.splitter.sizes()
    app.stop()

    window = app.start()
    assert window.pane.article["id"] == opened
    assert window.library_panel.current_article() == opened
    assert window.pane.font_size == size
    assert window.size().width() == 760
    assert window.splitter.sizes() == splitter
    qtbot.waitUntil(lambda: abs(window.pane.scroll_fraction() - 0.5) < 0.05)


def test_closing_during_import_cancels_cleanly(app, qtbot, corpus) -> None:
    window = app.start()
    drop(window, [corpus / "id/indosum"])
    qtbot.waitUntil(lambda: window.library.count() > 0, timeout=60_000)
    window.close()
    assert not window.imports.running
    with Library(app.library_path) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 0 < lib.count() < 3433


def test_dropped_text_becomes_an_article(app, qtbot) -> None:
    window = app.start()
    drop(
        window,
        text="Judul Tempelan Baru\n\n12 Juni 2024\n\nIsi berita yang ditempel dari peramban.",
    )
    assert window.pane.article["title"] == "Judul Tempelan Baru"
    assert window.library.count() == 1
    assert window.pane.article["path"] == "(dropped text)"


def test_web_link_drop_explains(app, qtbot, monkeypatch) -> None:
    window = app.start()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    drop(window, urls=["https://example.org/berita"])
    assert shown and "does not download pages" in shown[0]
    assert window.library.count() == 0


def test_unexpected_error_shows_a_dialog(app, qtbot, monkeypatch) -> None:
    from reader.ui import errors

    app.start()
    shown = []
    monkeypatch.setattr(
        errors, "show_error", lambda title, message, details="": shown.append(details)
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        errors._excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "RuntimeError: boom" in shown[0]


def test_shortcuts_dialog_lists_every_shortcut(app, qtbot, monkeypatch) -> None:
    from reader.ui.shortcuts import SHORTCUTS, ShortcutsDialog

    window = app.start()
    seen = []
    monkeypatch.setattr(
        ShortcutsDialog,
        "exec",
        lambda self: seen.append(self.findChild(QLabel, "shortcutsTable").text()),
    )
    qtbot.keyClick(window, Qt.Key.Key_F1)
    for keys, _what in SHORTCUTS:
        assert keys in seen[0]


def test_widgets_have_object_names(app) -> None:
    from PySide6.QtWidgets import QWidget

    window = app.start()
    for name in ("libraryView", "readingPane", "searchBox", "importProgress", "welcomeView"):
        assert window.findChild(QWidget, name) is not None, name


def test_restore_from_backup_through_the_file_menu(app, qtbot, seed_file) -> None:
    """File › Restore from backup… lists the backups; choosing one closes the window, and
    the library reopened from it has what it held when the backup was made."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QListWidget, QPushButton

    from reader.storage.backup import restore

    window = app.start()
    drop_and_wait(qtbot, window, [seed_file])
    app.library.backup("manual")
    article_id = app.library.list_articles()[0]["id"]
    app.library.delete_article(article_id)
    seen: dict = {}

    def answer_question() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(50, answer_question)

    def choose_backup() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "backupDialog":
            QTimer.singleShot(50, choose_backup)
            return
        backups = dialog.findChild(QListWidget, "backupList")
        seen["items"] = [backups.item(i).text() for i in range(backups.count())]
        backups.setCurrentRow(0)
        QTimer.singleShot(0, answer_question)
        restore_button = dialog.findChild(QPushButton, "restoreBackupButton")
        qtbot.mouseClick(restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_backup)
    window.findChild(QAction, "restoreBackupAction").trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert any("manual" in text for text in seen["items"])
    assert window.restore_request is not None
    app.stop()
    restore(app.library_path, window.restore_request)
    reopened = app.start()
    assert reopened.library_panel.model.rowCount() == 1
