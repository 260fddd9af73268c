"""Imports run on a worker thread with its own library connection; the window stays live."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from reader.importer import Importer, ImportReport
from reader.storage.library import Library

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.05  # seconds between progress signals, so the GUI is not flooded


class ImportWorker(QObject):
    """Runs one import; lives on a QThread. Signals arrive on the GUI thread (queued)."""

    progress = Signal(int, int)
    stored = Signal()  # a batch was committed: new articles can be shown
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, library_path: Path, paths: list[str], workers: int | None = None) -> None:
        super().__init__()
        self._library_path = library_path
        self._paths = paths
        self._workers = workers
        self.cancel_event = threading.Event()
        self._last_emit = 0.0

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._library_path) as library:
                importer = Importer(
                    library,
                    progress=self._progress,
                    cancel=self.cancel_event,
                    workers=self._workers,
                    stored=lambda _count: self.stored.emit(),
                )
                report = importer.run(self._paths)
        except Exception as exc:  # reported to the user, never swallowed
            log.exception("import failed")
            self.failed.emit(f"{exc.__class__.__name__}: {exc}")
            return
        self.finished.emit(report)

    def _progress(self, done: int, total: int, _path: str) -> None:
        now = time.monotonic()
        if done == total or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            self.progress.emit(done, total)


class ImportController(QObject):
    """Starts imports one at a time (later drops wait their turn) and can cancel them."""

    started = Signal()
    progress = Signal(int, int)
    stored = Signal()
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self, library_path: Path, parent: QObject | None = None, workers: int | None = None
    ) -> None:
        super().__init__(parent)
        self._library_path = library_path
        self._workers = workers
        self._queue: list[list[str]] = []
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, paths: list[str]) -> None:
        if self.running:
            self._queue.append(paths)
            return
        self._worker = ImportWorker(self._library_path, paths, self._workers)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.stored.connect(self.stored)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        # The thread's event loop ends as soon as the work does, even if the GUI thread is busy.
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.start()
        self.started.emit()

    def cancel(self) -> None:
        """Stop after the current file; stored batches stay, whole."""
        self._queue.clear()
        if self._worker is not None:
            self._worker.cancel_event.set()

    def shutdown(self, timeout_ms: int = 120_000) -> bool:
        """Cancel and block until the running import has stopped (the window is closing).
        The batch being written is finished or rolled back whole."""
        self.cancel()
        if self._thread is None:
            return True
        self._thread.quit()  # takes effect once the running import returns
        stopped = self._thread.wait(timeout_ms)
        if stopped:
            self._stop_thread()
        return stopped

    def _done(self, report: ImportReport) -> None:
        self._stop_thread()
        self.finished.emit(report)
        self._next()

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)
        self._next()

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None

    def _next(self) -> None:
        if self._queue:
            self.start(self._queue.pop(0))
