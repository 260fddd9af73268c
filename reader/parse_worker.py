"""What an import's worker processes run: parse a file and find its entities.

Kept apart from ``reader.importer`` so that a worker process imports only the parser and
the recogniser, not the storage layer.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

from reader.errors import Rejected
from reader.ner.gazetteer import Gazetteer, of_names
from reader.ner.recognise import recognise
from reader.pipeline import ParsedFile, display_path, parse_file

log = logging.getLogger(__name__)

_known_names: Gazetteer | None = None
_extract_entities = False


def init_worker(known: Gazetteer | None, extract_entities: bool, background: bool = False) -> None:
    """Set up a parsing process (or this process, for small imports)."""
    global _known_names, _extract_entities
    _known_names, _extract_entities = known, extract_entities
    if background and hasattr(os, "nice"):
        # Worker processes yield the CPU to the process that started them, so a window
        # stays responsive while every core parses.
        os.nice(10)


def init_worker_from_file(names_file: str | None, extract_entities: bool) -> None:
    """Set up a worker process from the known names written to ``names_file``.

    Passing tens of thousands of names as arguments would make the parent wait for each
    worker to start and read them through a pipe, one worker after the other; a file
    path lets the workers start side by side and read the names themselves."""
    known = None
    if names_file is not None:
        with open(names_file, "rb") as handle:
            known = of_names(pickle.load(handle))
    init_worker(known, extract_entities, background=True)


def parse_or_reason(path: Path) -> ParsedFile | dict:
    """Parse one file (and find its entities, when enabled); a refused or failing
    file becomes {"path", "reason"}."""
    try:
        parsed = parse_file(path)
        if _extract_entities:
            parsed.mentions = recognise(parsed.article.body, _known_names)
        return parsed
    except Rejected as exc:
        return {"path": display_path(path), "reason": exc.reason}
    except Exception as exc:  # a parser bug must not stop the whole import
        log.exception("unexpected error while parsing %s", path)
        return {"path": display_path(path), "reason": f"could not be parsed ({exc!r})"}
