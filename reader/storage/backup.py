"""Backups of the library: consistent copies made with SQLite's online backup API.

Made before every schema migration and at most once a day when the app starts; the newest
``KEEP`` are kept in ``<library>.backups/`` beside the library. Restoring never destroys the
current file: it is moved aside (``<library>.before-restore-<time>.db``) first.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.storage.errors import LibraryError

log = logging.getLogger(__name__)

KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime
    reason: str
    size: int


def backup_dir(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".backups")


def make_backup(conn: sqlite3.Connection, library_path: Path, reason: str) -> Path:
    """Copy the open library (consistent even while it is being written) into the backup
    folder; keeps the newest :data:`KEEP`. Raises LibraryError when the copy cannot be made."""
    folder = backup_dir(library_path)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    target = folder / f"{library_path.stem}-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise LibraryError(f"could not back up {library_path} to {folder}: {exc}") from exc
    log.info("backed up %s to %s", library_path, target)
    prune(library_path)
    return target


def list_backups(library_path: Path) -> list[Backup]:
    """Backups of this library, newest first."""
    found = []
    folder = backup_dir(library_path)
    if not folder.is_dir():
        return []
    for path in folder.glob("*.db"):
        match = _NAME.match(path.name)
        if not match:
            continue
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(Backup(path, created, match["reason"], path.stat().st_size))
    # Two backups in the same second: the file written last is the newer.
    return sorted(found, key=lambda b: (b.created, b.path.stat().st_mtime_ns), reverse=True)


def prune(library_path: Path, keep: int = KEEP) -> None:
    for old in list_backups(library_path)[keep:]:
        old.path.unlink(missing_ok=True)


def due(library_path: Path, every: timedelta = timedelta(days=1)) -> bool:
    """True when the newest backup is older than ``every`` (or there is none)."""
    backups = list_backups(library_path)
    return not backups or datetime.now(UTC) - backups[0].created >= every


def check_backup(path: Path) -> None:
    """Raise LibraryError unless ``path`` is a whole, readable Reader library."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT count(*) FROM articles").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise LibraryError(f"{path} is not a usable backup: {exc}") from exc
    if result != "ok":
        raise LibraryError(f"{path} is damaged ({result}); choose another backup")


def restore(library_path: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the library (which must not be open). The current file, if
    any, is moved aside and its path returned, so nothing is lost."""
    check_backup(backup)
    aside = None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if library_path.exists():
        aside = library_path.with_name(f"{library_path.stem}.before-restore-{stamp}.db")
        os.replace(library_path, aside)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(library_path) + suffix)
            if extra.exists():
                os.replace(extra, Path(str(aside) + suffix))
    partial = library_path.with_name(library_path.name + ".restoring")
    shutil.copyfile(backup, partial)
    os.replace(partial, library_path)
    log.info("restored %s from %s (previous file: %s)", library_path, backup, aside)
    return aside
