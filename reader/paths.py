"""Where the default library lives, and how the user chooses another."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Reader"
LIBRARY_ENV = "READER_LIBRARY"
LIBRARY_FILE = "library.db"


def data_dir() -> Path:
    """The user's data folder for Reader (created on demand by callers)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library to open: ``--library``, else ``$READER_LIBRARY``, else the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / LIBRARY_FILE
