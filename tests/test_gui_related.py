"""Related articles in the window: the Related tab, read-also links in the reading pane,
clicking through, back/forward history, pin/dismiss with undo, the timeline."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from test_gui import SEED_TITLE, drop_and_wait

pytestmark = [
    pytest.mark.gui,
    pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning"),
]
ROHINGYA = ["0927", "0899", "2482", "1416", "2362", "1723", "1144", "1517"]


@pytest.fixture
def window(app, qtbot, corpus, tmp_path):
    """Rohingya stories, the seed article, English news about Russia and an article whose
    read-also line names the seed article — dropped as one folder."""
    folder = tmp_path / "drop"
    folder.mkdir()
    for stem in ROHINGYA:
        shutil.copy(corpus / "id" / "indosum" / f"{stem}.txt", folder)
    shutil.copy(corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt", folder)
    english = sorted((corpus / "en" / "wikinews").glob("*.txt"))
    for path in [p for p in english if "Russia" in p.read_text(encoding="utf-8")][:8]:
        shutil.copy(path, folder)
    paragraphs = (corpus / "id" / "indosum" / "0001.txt").read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(2, f"BACA JUGA: {SEED_TITLE}")
    (folder / "linking.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    win = app.start()
    drop_and_wait(qtbot, win, [folder])
    return win


def anchor_point(browser, href: str) -> QPoint:
    """Viewport position of the first link to ``href``, scrolled into view."""
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def hrefs(browser, prefix: str) -> list[str]:
    found = []
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href.startswith(prefix) and href not in found:
                found.append(href)
            iterator += 1
        block = block.next()
    return found


def click_link(qtbot, browser, href: str) -> None:
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(browser, href))


def open_by_title(qtbot, window, startswith: str) -> int:
    model = window.library_panel.model
    for row in range(model.rowCount()):
        if str(model.data(model.index(row, 1))).startswith(startswith):
            table = window.library_panel.table
            rect = table.visualRect(model.index(row, 1))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return model.article_id(row)
    raise AssertionError(f"no article titled {startswith!r}…")


def shown_title(window) -> str:
    return window.pane._article["title"] if window.pane._article else ""


def test_click_a_similar_article_then_go_back_and_forward(window, qtbot) -> None:
    first = open_by_title(qtbot, window, "Tragedi Rohingya")
    first_title = shown_title(window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    panel = window.findChild(type(window.related.panel), "relatedPanel")
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.article_id == first)
    text = panel.list.toPlainText()
    assert "Similar articles" in text and "shares " in text
    target = hrefs(panel.list, "article:")[0]
    click_link(qtbot, panel.list, target)
    qtbot.waitUntil(lambda: window._open_id == int(target.split(":")[1]))
    second_title = shown_title(window)
    assert second_title != first_title and window.back_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: shown_title(window) == first_title)
    assert window.forward_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: shown_title(window) == second_title)
    qtbot.mouseClick(window.pane.viewport(), Qt.MouseButton.BackButton)  # mouse back button
    qtbot.waitUntil(lambda: shown_title(window) == first_title)
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.article_id == first)


def test_read_also_link_in_the_article_opens_its_target(window, qtbot) -> None:
    linking = open_by_title(qtbot, window, "Ketua MPR Zulkifli Hasan")
    assert "Read also" in window.pane.toPlainText()
    click_link(qtbot, window.pane, hrefs(window.pane, "article:")[0])
    qtbot.waitUntil(lambda: shown_title(window) == SEED_TITLE)
    window.show_related()
    panel = window.related.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.article_id == window._open_id)
    assert "Linked from" in panel.list.toPlainText()
    assert f"article:{linking}" in hrefs(panel.list, "article:")
    # The people and places of the article, and when they were in the news.
    assert "More about" in panel.list.toPlainText()
    assert panel.timeline.isVisible() and panel.timeline.row_count() >= 1
    point, article_id = next(
        (p, i) for p, i in panel.timeline.dot_positions() if i != window._open_id
    )
    qtbot.mouseClick(panel.timeline, Qt.MouseButton.LeftButton, pos=point.toPoint())
    qtbot.waitUntil(lambda: window._open_id == article_id)


def test_dismiss_and_pin_from_the_panel_with_undo(window, qtbot) -> None:
    open_by_title(qtbot, window, "Tragedi Rohingya")
    window.show_related()
    panel = window.related.panel
    qtbot.waitUntil(lambda: panel.view is not None)
    dismiss = hrefs(panel.list, "dismiss:")[0]
    other = int(dismiss.split(":")[1])
    click_link(qtbot, panel.list, dismiss)
    qtbot.waitUntil(lambda: other not in {s.id for s in panel.view.suggestions})
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: other in {s.id for s in panel.view.suggestions})

    pin = hrefs(panel.list, "pin:")[-1]
    pinned = int(pin.split(":")[1])
    click_link(qtbot, panel.list, pin)
    qtbot.waitUntil(lambda: panel.view.suggestions[0].id == pinned)
    assert panel.view.suggestions[0].pinned and "Pinned" in panel.list.toPlainText()
