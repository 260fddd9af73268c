"""Start the desktop app: check the display, open the library, show the window."""

from __future__ import annotations

import argparse
import ctypes.util
import logging
import os
import sys
from collections.abc import Sequence

from reader.paths import library_path
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

    from reader.storage.library import Library
    from reader.ui import errors
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    errors.install()
    path = library_path(args.library)
    try:
        library = Library(path)
    except LibraryError as exc:
        QMessageBox.critical(None, "Reader cannot open the library", str(exc))
        return 1
    window = MainWindow(library, Settings())
    window.show()
    code = app.exec()
    library.close()
    return code
