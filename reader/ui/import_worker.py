"""Imports run as background tasks with their own library connection; the window stays live."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader import worker_processes
from reader.storage.library import Library
from reader.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from reader.importer import ImportReport

PROGRESS_INTERVAL = 0.05  # seconds between progress signals, so the GUI is not flooded


class ImportController(QObject):
    """Starts imports one at a time (later drops wait their turn) and can cancel them."""

    started = Signal()
    progress = Signal(int, int)
    stored = Signal()  # a batch was committed: new articles can be shown
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self, library_path: Path, parent: QObject | None = None, workers: int | None = None
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._runner = TaskRunner(library_path, self)
        self._runner.started.connect(lambda _name: self.started.emit())
        self._runner.progress.connect(self.progress)
        self._runner.notice.connect(lambda _text: self.stored.emit())
        self._runner.finished.connect(lambda _name, report: self.finished.emit(report))
        self._runner.failed.connect(lambda _name, message: self.failed.emit(message))

    @property
    def running(self) -> bool:
        return self._runner.running

    def start(self, paths: list[str]) -> None:
        self._runner.submit(
            "import",
            lambda library, progress, cancel: self._import(library, progress, cancel, paths),
        )

    def prepare_workers(self) -> None:
        """An import that needs worker processes may come soon (a folder is dragged over
        the window): have them ready to start at once."""
        worker_processes.prepare(self._workers)

    def cancel(self) -> None:
        """Stop after the current file; stored batches stay, whole."""
        self._runner.cancel()

    def shutdown(self, timeout_ms: int = 120_000) -> bool:
        """Cancel and block until the running import has stopped (the window is closing).
        The batch being written is finished or rolled back whole."""
        return self._runner.shutdown(timeout_ms)

    def _import(
        self, library: Library, progress, cancel: threading.Event, paths: list[str]
    ) -> ImportReport:
        """Runs on the worker thread."""
        # Imported here: the importer brings the parser and recogniser, which the window
        # does not need until the first import.
        from reader.importer import Importer

        notify = self._runner.notify
        last = [0.0]

        def throttled(done: int, total: int, _path: str) -> None:
            now = time.monotonic()
            if done == total or now - last[0] >= PROGRESS_INTERVAL:
                last[0] = now
                progress(done, total)

        importer = Importer(
            library,
            progress=throttled,
            cancel=cancel,
            workers=self._workers,
            stored=lambda _count: notify("stored"),
        )
        return importer.run(paths)
