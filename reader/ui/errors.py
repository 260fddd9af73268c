"""Errors reach the user: Qt's own messages go to logging, unexpected exceptions to a dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("reader.ui")
_qt_log = logging.getLogger("reader.qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context, message: str) -> None:
    _qt_log.log(_LEVELS.get(kind, logging.WARNING), message)


def show_error(title: str, message: str, details: str = "") -> None:
    """A modal error dialog (used for failures the user must know about)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=QApplication.activeWindow())
    if details:
        box.setDetailedText(details)
    box.exec()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error:\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    show_error(
        "Reader: unexpected error",
        f"Something went wrong: {value}\n\nReader keeps running; the details below "
        "are also in the log.",
        details,
    )


def install() -> None:
    """Route Qt messages into logging and unexpected exceptions into a dialog."""
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook
