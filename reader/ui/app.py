"""Start the desktop app: check the display, open the library, show the window."""

from __future__ import annotations

import argparse
import ctypes.util
import logging
import os
import sys
import threading
from collections.abc import Sequence

from reader.paths import library_path
from reader.storage.backup import restore
from reader.storage.errors import LibraryError

log = logging.getLogger(__name__)

#: Libraries Qt's xcb platform plugin links against (from ldd of libQt6XcbQpa).
XCB_LIBRARIES = (
    "xcb-cursor",
    "xcb-icccm",
    "xcb-image",
    "xcb-keysyms",
    "xcb-randr",
    "xcb-render-util",
    "xcb-shape",
    "xcb-xkb",
    "xkbcommon-x11",
)
XCB_HELP = (
    "Reader needs a few system libraries for Qt's X11 (xcb) platform. On Debian/Ubuntu:\n"
    "    sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \\\n"
    "        libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1\n"
)


def display_problem() -> str | None:
    """A readable reason why Qt cannot show a window here, or None if it should work."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if os.environ.get("WAYLAND_DISPLAY") and not platform:
        return None
    if not os.environ.get("DISPLAY"):
        return "No display found (DISPLAY is not set). Start Reader from a desktop session."
    missing = [
        lib for lib in ("xcb-cursor", "xkbcommon-x11") if ctypes.util.find_library(lib) is None
    ]
    if missing:
        return f"Missing system libraries: {', '.join('lib' + m for m in missing)}.\n{XCB_HELP}"
    return None


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="reader", description="Open the Reader window.")
    parser.add_argument("--library", metavar="PATH", help="library file to open")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(list(argv))
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    problem = display_problem()
    if problem:
        print(f"reader: {problem}", file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication, QMessageBox

    from reader.ui import errors
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    errors.install()
    path = library_path(args.library)
    while True:
        library = open_library(path)
        if library is None:
            return 1
        window = MainWindow(library, Settings())
        window.show()
        code = app.exec()
        library.close()
        if window.restore_request is None:
            return code
        try:  # the window closed so that a backup can take the library's place
            aside = restore(path, window.restore_request)
        except (LibraryError, OSError) as exc:
            QMessageBox.critical(None, "Restore failed", str(exc))
            continue
        log.info("restored %s; previous file kept as %s", path, aside)


def open_library(path):
    """Open the library, or explain why not and offer its backups; None when the user gives up."""
    from PySide6.QtWidgets import QMessageBox

    from reader.storage.backup import list_backups
    from reader.storage.errors import NewerLibraryError
    from reader.storage.library import Library, upgrade_pending
    from reader.ui.backup_dialog import BackupDialog

    while True:
        try:
            if upgrade_pending(path):
                _upgrade(path)
            return Library(path)
        except LibraryError as exc:
            if isinstance(exc, NewerLibraryError) or not list_backups(path):
                QMessageBox.critical(None, "Reader cannot open the library", str(exc))
                return None
            box = QMessageBox(QMessageBox.Icon.Critical, "Reader cannot open the library", str(exc))
            choose = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is not choose:
                return None
            dialog = BackupDialog(path)
            if not dialog.exec() or dialog.chosen is None:
                return None
            try:
                restore(path, dialog.chosen)
            except (LibraryError, OSError) as restore_error:
                QMessageBox.critical(None, "Restore failed", str(restore_error))


def _upgrade(path) -> None:
    """Upgrade the library on another thread while a dialog says why the window is late (the
    backup made first copies the whole file). Its errors are raised here."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from reader.storage.library import Library

    failure: list[BaseException] = []

    def work() -> None:
        try:
            Library(path).close()  # backs up, migrates; the window opens it again at once
        except BaseException as exc:  # raised again on the GUI thread
            failure.append(exc)

    dialog = QProgressDialog(
        "Upgrading the library for this version of Reader…\n"
        "A backup copy is made first; for a large library this takes a minute.",
        None,
        0,
        0,
    )
    dialog.setObjectName("upgradeProgress")
    dialog.setWindowTitle("Reader")
    dialog.setMinimumDuration(0)
    dialog.show()
    thread = threading.Thread(target=work, name="upgrade")
    thread.start()
    while thread.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.05)
    dialog.close()
    log.info("upgraded %s", path)
    if failure:
        raise failure[0]
