"""Run library work (entity extraction, corrections) on a worker thread with its own connection."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from reader.storage.library import Library

log = logging.getLogger(__name__)
Work = Callable[[Library, Callable[[int, int], None], threading.Event], Any]


class _Worker(QObject):
    progress = Signal(int, int)
    notice = Signal(str)  # something the GUI may show at once (e.g. "stored": new articles)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, library_path: Path, work: Work) -> None:
        super().__init__()
        self._library_path = library_path
        self._work = work
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._library_path) as library:
                result = self._work(library, self.progress.emit, self.cancel_event)
        except Exception as exc:
            log.exception("background task failed")
            self.failed.emit(f"{exc.__class__.__name__}: {exc}")
            return
        self.finished.emit(result)


class TaskRunner(QObject):
    """Runs one task at a time; later ones queue. Results arrive as signals on the GUI thread."""

    started = Signal(str)
    progress = Signal(int, int)
    notice = Signal(str)
    finished = Signal(str, object)  # task name, result
    failed = Signal(str, str)

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library_path = library_path
        self._queue: list[tuple[str, Work]] = []
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._name = ""
        self._closed = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def submit(self, name: str, work: Work) -> None:
        if self._closed:
            log.info("not starting %s: the window is closing", name)
            return
        self._queue.append((name, work))
        if not self.running:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            return
        self._name, work = self._queue.pop(0)
        self._worker = _Worker(self._library_path, work)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.notice.connect(self.notice)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.start()
        self.started.emit(self._name)

    @property
    def notify(self) -> Callable[[str], None]:
        """For work functions: send a notice to the GUI thread from the running task."""
        worker = self._worker
        return worker.notice.emit if worker is not None else (lambda _text: None)

    def cancel(self) -> None:
        """Stop the running task at its next check; drop what waits."""
        self._queue.clear()
        if self._worker is not None:
            self._worker.cancel_event.set()

    def shutdown(self, timeout_ms: int = 120_000) -> bool:
        """Cancel what runs, drop what waits, and wait for the thread (window closing).
        A result the task sent just before it stopped is dropped: the window's library is
        about to close, and nothing may read it afterwards."""
        self._closed = True
        self.cancel()
        if self._thread is None:
            return True
        self._thread.quit()
        stopped = self._thread.wait(timeout_ms)
        if stopped:
            self._stop()
        return stopped

    def _done(self, result: object) -> None:
        if self._closed:
            return
        name = self._name
        self._stop()
        self.finished.emit(name, result)
        self._next()

    def _failed(self, message: str) -> None:
        if self._closed:
            log.warning(
                "background task %s failed while the window closed: %s", self._name, message
            )
            return
        name = self._name
        self._stop()
        self.failed.emit(name, message)
        self._next()

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
