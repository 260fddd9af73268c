"""The reader's own work in the window: select text and highlight it with a key, write a note
that saves itself, undo/redo, bookmarks, tags, the Annotations view, restart and find it all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from test_gui import SEED_TITLE, drop_and_wait

from reader.storage import annotations as store

pytestmark = [
    pytest.mark.gui,
    pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning"),
]


@pytest.fixture
def window(app, qtbot, seed_file):
    win = app.start()
    drop_and_wait(qtbot, win, [seed_file])
    model = win.library_panel.model
    table = win.library_panel.table
    rect = table.visualRect(model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: win.pane.article is not None and win.pane.article["title"] == SEED_TITLE
    )
    return win


def drag_select(qtbot, pane, text: str) -> None:
    """Select ``text`` in the article body with the mouse, as a reader does."""
    found = pane.document().find(text, pane.body_to_document(0))
    assert not found.isNull(), text
    start, end = QTextCursor(pane.document()), QTextCursor(pane.document())
    start.setPosition(found.selectionStart())
    end.setPosition(found.selectionEnd())
    pane.setTextCursor(start)
    pane.ensureCursorVisible()
    a = pane.cursorRect(start).center() + QPoint(1, 0)
    b = pane.cursorRect(end).center() - QPoint(1, 0)
    viewport = pane.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    assert pane.textCursor().selectedText() == text


def test_highlight_with_a_key_write_a_note_restart_and_find_it(app, window, qtbot) -> None:
    pane = window.pane
    drag_select(qtbot, pane, "Jake Sullivan")
    qtbot.keyClick(pane, Qt.Key.Key_2)
    article_id = window._open_id
    qtbot.waitUntil(lambda: len(store.for_article(window.library, article_id)) == 1)
    [saved] = store.for_article(window.library, article_id)
    assert (saved.quote, saved.color) == ("Jake Sullivan", "green")
    assert any(s.cursor.selectedText() == "Jake Sullivan" for s in pane.extraSelections())
    panel = window.annotations.panel
    assert panel.isVisible() and panel.list.count() == 1

    panel.focus_editor()
    qtbot.keyClicks(panel.editor, "Penasihat **keamanan** nasional AS")
    assert 'font-weight:700;">keamanan' in panel.preview.toHtml()  # rendered bold
    assert panel.preview.toPlainText() == "Penasihat keamanan nasional AS"
    qtbot.waitUntil(
        lambda: store.get(window.library, saved.id).note == "Penasihat **keamanan** nasional AS"
    )

    app.stop()
    again = app.start()  # the last article opens again
    qtbot.waitUntil(lambda: again.pane.article is not None)
    again.show_notes()
    notes = again.annotations.panel
    assert notes.list.count() == 1 and "Jake Sullivan" in notes.list.item(0).text()
    assert "keamanan" in notes.list.item(0).text()
    assert any(s.cursor.selectedText() == "Jake Sullivan" for s in again.pane.extraSelections())
    # Clicking the highlight in the text shows its note.
    notes.list.setCurrentRow(-1)
    cursor = again.pane.document().find("Jake Sullivan", again.pane.body_to_document(0))
    middle = QTextCursor(again.pane.document())
    middle.setPosition(cursor.selectionStart() + 3)
    point = again.pane.cursorRect(middle).center()
    qtbot.mouseClick(again.pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: notes.editor.toPlainText() == "Penasihat **keamanan** nasional AS")


def test_undo_redo_highlight_and_note_delete(window, qtbot) -> None:
    pane = window.pane
    article_id = window._open_id
    drag_select(qtbot, pane, "Yang Jiechi")
    qtbot.keyClick(pane, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(store.for_article(window.library, article_id)) == 1)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: store.for_article(window.library, article_id) == [])
    assert not pane.extraSelections()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(store.for_article(window.library, article_id)) == 1)

    panel = window.annotations.panel
    qtbot.mouseClick(
        panel.findChild(type(panel.delete_button), "newNoteButton"), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(panel.editor, "Catatan artikel")
    panel.flush()
    notes = [a for a in store.for_article(window.library, article_id) if a.kind == "note"]
    assert [n.note for n in notes] == ["Catatan artikel"]
    panel.choose(notes[0].id)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(a.kind != "note" for a in store.for_article(window.library, article_id))
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            [a.note for a in store.for_article(window.library, article_id) if a.kind == "note"]
            == ["Catatan artikel"]
        )
    )


def test_note_typed_just_before_closing_is_kept(app, window, qtbot) -> None:
    window.annotations.add_note()
    panel = window.annotations.panel
    qtbot.keyClicks(panel.editor, "ditulis tepat sebelum menutup")
    article_id = window._open_id
    app.stop()  # closing flushes the pending autosave
    again = app.start()
    assert [a.note for a in store.for_article(again.library, article_id)] == [
        "ditulis tepat sebelum menutup"
    ]


def test_tags_filter_the_library_and_annotations_view_finds_notes(window, qtbot) -> None:
    panel = window.annotations.panel
    window.show_notes()
    panel.article_tags.setFocus()
    qtbot.keyClicks(panel.article_tags, "ukraina, diplomasi")
    qtbot.keyClick(panel.article_tags, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: store.article_tags(window.library, window._open_id) == ["diplomasi", "ukraina"]
    )
    tags = window.library_panel.tag_filter
    assert tags.findData("ukraina") >= 0
    drag_select(qtbot, window.pane, "Financial Times")
    qtbot.keyClick(window.pane, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.focus_editor()
    qtbot.keyClicks(panel.editor, "sumber pertama laporan")
    panel.flush()
    window.annotations.show_annotations()
    view = window.annotations.annotations_view
    qtbot.waitExposed(view)
    qtbot.keyClicks(view.search, "sumber")
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)
    assert view.table.item(0, 1).text() == "Financial Times"
    view.colour.setCurrentIndex(view.colour.findData("blue"))
    view.refresh()
    assert view.table.rowCount() == 0
    view.close()
