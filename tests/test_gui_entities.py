"""Entities in the window: highlights, hover, entity page, panel, index and corrections."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QToolTip
from test_gui import SEED_TITLE, click_row, drop_and_wait

pytestmark = [
    pytest.mark.gui,
    pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning"),
]


@pytest.fixture
def reading(app, qtbot, corpus, tmp_path):
    """The seed article and a few English articles imported, the seed article open."""
    import shutil

    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt", folder)
    for path in sorted((corpus / "en" / "wikinews").glob("*.txt"))[100:140]:
        shutil.copy(path, folder)
    window = app.start()
    drop_and_wait(qtbot, window, [folder])
    model = window.library_panel.model
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    click_row(qtbot, window, titles.index(SEED_TITLE))
    return window


def _anchor_point(pane, text: str, highlighted: bool = True) -> QPoint:
    """Viewport position inside the first occurrence of ``text`` in the body (the title is
    never highlighted), scrolled into view."""
    found = pane.document().find(text)
    while not found.isNull():
        cursor = QTextCursor(pane.document())
        cursor.setPosition(found.selectionStart() + 1)
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        point = pane.cursorRect(cursor).center()
        if not highlighted or pane.anchorAt(point).startswith("entity:"):
            return point
        found = pane.document().find(text, found)
    raise AssertionError(f"no highlighted {text!r}")


def test_highlights_are_visible(reading) -> None:
    pane = reading.pane
    html = pane.toHtml()
    assert "entity:" in html
    point = _anchor_point(pane, "Jake Sullivan")
    assert pane.anchorAt(point).startswith("entity:")
    # Toggling a type off removes its highlights; on again brings them back.
    reading.entities.legend.buttons["PERSON"].click()
    point = _anchor_point(pane, "Jake Sullivan", highlighted=False)
    assert not pane.anchorAt(point).startswith("entity:")
    reading.entities.legend.buttons["PERSON"].click()
    assert pane.anchorAt(_anchor_point(pane, "Jake Sullivan")).startswith("entity:")


def test_hover_shows_type_and_article_count(reading, qtbot) -> None:
    pane = reading.pane
    point = _anchor_point(pane, "Rusia")
    qtbot.mouseMove(pane.viewport(), point)
    qtbot.waitUntil(QToolTip.isVisible)
    assert (
        "Russia" in QToolTip.text() and "Place" in QToolTip.text() and "article" in QToolTip.text()
    )


def test_click_opens_entity_page_and_an_article(reading, qtbot) -> None:
    pane = reading.pane
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(pane, "Rusia"))
    page = reading.entities.page
    assert reading.entities.tabs.currentWidget() is page
    text = page.view.toPlainText()
    assert text.startswith("Russia") and "Place" in text
    assert SEED_TITLE in text
    english = [a for a in page.view.toHtml().split("article:")[1:]]
    assert len(english) >= 2  # the English articles about Russia are there too
    other_id = int(english[1].split("'")[0].split('"')[0])
    page.view.anchorClicked.emit(
        __import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl(f"article:{other_id}")
    )
    assert reading.pane.article["id"] == other_id


def test_entity_panel_groups_and_cycles(reading) -> None:
    panel = reading.entities.panel
    names = panel.entity_names()
    assert "Vladimir Putin" in names and "Russia" in names
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups[0].startswith("People") and any(g.startswith("Places") for g in groups)
    item = panel.item_for(next(e for e in panel_entities(reading) if e[1] == "Russia")[0])
    panel.tree.itemClicked.emit(item, 0)
    first = reading.pane.textCursor().selectedText()
    panel.tree.itemClicked.emit(item, 0)
    second = reading.pane.textCursor().selectionStart()
    assert first == "Rusia" and second > 0


def panel_entities(window):
    return [(eid, info[0]) for eid, info in window.pane.entity_info.items()]


def test_index_lists_and_filters(reading, qtbot) -> None:
    qtbot.keyClick(reading, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    index = reading.entities.index
    assert reading.entities.tabs.currentWidget() is index
    assert index.table.rowCount() > 10
    qtbot.keyClicks(index.filter, "Sulliv")
    qtbot.waitUntil(lambda: index.table.rowCount() == 1)
    assert index.table.item(0, 0).text() == "Jake Sullivan"


def test_correction_from_the_context_menu(reading, qtbot) -> None:
    pane = reading.pane
    # Select "Yang Jiechi" and mark it as a person everywhere.
    found = pane.document().find("Yang Jiechi")
    pane.setTextCursor(found)
    menu = pane.entity_menu(pane.cursorRect(found).center())
    mark = next(a for a in menu.findChildren(type(menu)) if a.objectName() == "mark_person")
    action = next(a for a in mark.actions() if a.objectName() == "add_everywhere")
    with qtbot.waitSignal(reading.tasks.finished, timeout=60_000):
        action.trigger()
    qtbot.waitUntil(lambda: "Yang Jiechi" in reading.entities.panel.entity_names())
    # "Not an entity" on Krimea, in this article only.
    menu = pane.entity_menu(_anchor_point(pane, "Krimea"))
    remove = next(m for m in menu.findChildren(type(menu)) if m.title() == "Not an entity")
    with qtbot.waitSignal(reading.tasks.finished, timeout=60_000):
        next(a for a in remove.actions() if a.objectName() == "remove_here").trigger()
    qtbot.waitUntil(lambda: "Crimea" not in reading.entities.panel.entity_names())
    # Undo brings Krimea back; the corrections view lists both corrections.
    with qtbot.waitSignal(reading.tasks.finished, timeout=60_000):
        qtbot.keyClick(reading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Crimea" in reading.entities.panel.entity_names())
    reading.entities.show_corrections()
    view = reading.entities.corrections_view
    assert view.table.rowCount() == 2
    assert "Yang Jiechi" in view.table.item(1, 1).text()


def test_rename_asks_for_the_name(reading, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Vladimir V. Putin", True))
    pane = reading.pane
    menu = pane.entity_menu(_anchor_point(pane, "Vladimir Putin"))
    rename = next(a for a in menu.actions() if a.text().startswith("Rename"))
    with qtbot.waitSignal(reading.tasks.finished, timeout=60_000):
        rename.trigger()
    qtbot.waitUntil(lambda: "Vladimir V. Putin" in reading.entities.panel.entity_names())
    assert QApplication.instance() is not None


def test_window_process_exits_cleanly(corpus, tmp_path) -> None:
    """Opening articles fills item views; the process must exit without a crash
    (PySide6 6.12.0 aborted at exit after item ownership moved to a view)."""
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = tmp_path / "open_and_exit.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from PySide6.QtWidgets import QApplication
            from reader.importer import Importer
            from reader.storage.library import Library
            from reader.ui.main_window import MainWindow
            from reader.ui.settings import Settings

            app = QApplication([])
            library = Library({str(tmp_path / "lib.db")!r})
            Importer(library, workers=1).run([{str(corpus / "seed")!r}, {str(corpus / "bad")!r}])
            window = MainWindow(library, Settings({str(tmp_path / "s.ini")!r}))
            window.show()
            for _ in range(40):
                for row in library.list_articles():
                    window.open_article(row["id"])
                window.entities.index.refresh()
            window.close()
            print("closed")
            """
        )
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
    )
    assert "closed" in result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
