"""Where the default library lives, and how the user chooses another; the cache folder."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "Reader"
LIBRARY_ENV = "READER_LIBRARY"
LIBRARY_FILE = "library.db"
CACHE_ENV = "READER_CACHE"


def data_dir() -> Path:
    """The user's data folder for Reader (created on demand by callers)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where Reader keeps data it can rebuild (``$READER_CACHE``, else the user's cache
    folder); nothing there is the user's work."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def keep_cached(path: Path, write: Callable[[BinaryIO], None], family: str) -> bool:
    """Write the cache file ``path`` whole or not at all (``write`` fills a partial file,
    which then replaces it: safe with processes writing side by side), then remove the
    other files of its ``family`` (a glob in the same folder: copies for another version,
    never read again). False, logged, when it could not be written: a missing cache only
    costs time."""
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            write(out)
        os.replace(partial, path)
    except OSError:
        log.warning("could not keep %s", path, exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    for stale in path.parent.glob(family):
        if not stale.name.startswith(path.stem):  # also spares partial copies of this one
            with contextlib.suppress(OSError):
                stale.unlink()
    return True


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library to open: ``--library``, else ``$READER_LIBRARY``, else the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / LIBRARY_FILE
