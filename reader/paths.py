"""Where the default library lives, and how the user chooses another."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

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


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library to open: ``--library``, else ``$READER_LIBRARY``, else the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / LIBRARY_FILE
