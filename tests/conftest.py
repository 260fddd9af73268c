"""Shared fixtures: the real corpus from ../shared, and libraries in tmp_path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Rebuildable data (the unpacked language model) goes to a folder of this run, not the
# user's cache; worker processes inherit it.
os.environ.setdefault("READER_CACHE", tempfile.mkdtemp(prefix="reader-test-cache-"))

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real article corpus; tests that need it skip when it is absent."""
    if not (CORPUS / "seed").is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (tests read real articles from there)")
    return CORPUS


@pytest.fixture
def bad(corpus: Path) -> Path:
    return corpus / "bad"


@pytest.fixture
def seed_file(corpus: Path) -> Path:
    return corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt"


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def library(library_path: Path):
    from reader.storage.library import Library

    lib = Library(library_path)
    yield lib
    lib.close()


@pytest.fixture
def app(qtbot, tmp_path):
    """A main window on a temporary library, started and restarted as a person would
    (``test_gui.App``), closed after the test."""
    from test_gui import App

    application = App(qtbot, tmp_path)
    yield application
    application.stop()
