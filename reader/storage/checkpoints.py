"""Copying a library's write-ahead log into its database file on a thread of its own.

In WAL mode SQLite copies committed pages into the database file (a checkpoint) inside the
commit that takes the log past 1,000 pages, and waits there for the disk to confirm. An import
into a large library commits tens of megabytes a batch; checkpointing on its own connection
and thread lets the import go on parsing and storing meanwhile. The last checkpoint is waited
for when the import ends, so the log does not outgrow the work that made it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

#: While checkpoints run in the background, the importing connection still checkpoints in a
#: commit once the log passes this many pages (~40 MB): should the background thread fall
#: behind (commits back to back) or fail, the log stays bounded.
FALLBACK_PAGES = 10_000


class BackgroundCheckpoints:
    """While in use, the connection ``conn`` (of the library at ``path``) leaves
    checkpoints to a background thread, which runs one whenever :meth:`request` is called
    (and checkpoints itself only past FALLBACK_PAGES)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path
        self._wanted = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="checkpoints", daemon=True)
        self._autocheckpoint = 1000

    def __enter__(self) -> BackgroundCheckpoints:
        self._autocheckpoint = self._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self._conn.execute(f"PRAGMA wal_autocheckpoint = {FALLBACK_PAGES}")
        self._thread.start()
        return self

    def request(self) -> None:
        """Checkpoint what has been committed so far (soon, on the background thread)."""
        self._wanted.set()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopping = True
        self._wanted.set()
        self._thread.join()
        try:
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {int(self._autocheckpoint)}")
        except sqlite3.Error:  # must not hide an error that ended the import
            log.exception("could not restore automatic checkpoints on %s", self._path)

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(str(self._path), timeout=10)
        except sqlite3.Error:
            log.exception(
                "cannot open %s to checkpoint it; commits will once the log is large", self._path
            )
            return
        try:
            conn.execute("PRAGMA synchronous = NORMAL")
            while True:
                self._wanted.wait()
                self._wanted.clear()
                # Read before checkpointing: the last checkpoint must start after the last
                # commit, which came before the request to stop.
                last = self._stopping
                busy, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                log.debug("checkpoint: %s of %s log pages copied (busy: %s)", copied, pages, busy)
                if last:
                    return
        except sqlite3.Error:
            log.exception("checkpointing %s failed; commits will once the log is large", self._path)
        finally:
            conn.close()
