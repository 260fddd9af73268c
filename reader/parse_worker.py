"""What an import's worker processes run: parse files, a chunk at a time, and find their entities.

Kept apart from ``reader.importer`` so that a worker process imports only the parser and
the recogniser, not the storage layer.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing.util
import os
import pickle
import sys
import threading
from pathlib import Path

from reader.errors import Rejected
from reader.fingerprint import fingerprint
from reader.ner.features import capitalisation_share
from reader.ner.gazetteer import Gazetteer, of_names
from reader.ner.model import keep_words, take_kept_words
from reader.ner.recognise import recognise, recognise_many
from reader.paths import CACHE_ENV
from reader.pipeline import ParsedFile, display_path, parse_file, parse_text

log = logging.getLogger(__name__)

_known_names: Gazetteer | None = None
_extract_entities = False
#: Where this worker reads the known names from before its first chunk.
_names_file: str | None = None


def init_worker(known: Gazetteer | None, extract_entities: bool, background: bool = False) -> None:
    """Set up a parsing process (or this process, for small imports)."""
    global _known_names, _extract_entities
    _known_names, _extract_entities = known, extract_entities
    if background and hasattr(os, "nice"):
        # Worker processes yield the CPU to the process that started them, so a window
        # stays responsive while every core parses.
        os.nice(10)


def init_worker_from_file(
    names_file: str | None, extract_entities: bool, cache: str | None = None
) -> None:
    """Set up a worker process that reads the known names from ``names_file`` before its
    first chunk, and keeps what it caches in the folder ``cache``.

    Passing tens of thousands of names as arguments would make the parent wait for each
    worker to start and read them through a pipe, one worker after the other; a file
    path lets the workers start side by side and read the names themselves. The parent
    writes the file while the workers start, and before it hands out any chunk."""
    global _names_file
    if cache is not None:
        # A worker forked from the fork server has the server's environment, from when
        # that started; the cache folder is the importing process's.
        os.environ[CACHE_ENV] = cache
    init_worker(None, extract_entities, background=True)
    _names_file = names_file
    _exit_with_parent()
    if extract_entities:
        take_kept_words()  # a forked worker's tagger started in the fork server
    # Run as the worker ends, however it was started: spawned workers end in atexit,
    # forked ones in os._exit, both after multiprocessing's own finalizers.
    multiprocessing.util.Finalize(None, keep_words, exitpriority=0)
    atexit.register(_exit_without_teardown)


def _exit_with_parent() -> None:
    """Exit as soon as the importing process is gone (killed, say): a worker would
    otherwise wait for its next chunk forever, holding ~100 MB."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="watch-importer", daemon=True).start()


def _exit_without_teardown() -> None:
    """End a spawned worker process without the interpreter's teardown, which frees its
    models and caches object by object (~0.15 s, while the import waits for its workers).
    Nothing is left to finish: results went back as they were made, the words it summed
    were kept as it ended (``keep_words``), and logs are flushed here."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


#: A short article that goes through every model: a warm-up loads them all. No date line:
#: dateparser takes ~0.25 s to load, worth it only for files that have one.
_WARM_UP = (
    "Presiden Tinjau Banjir\n\n"
    "Presiden Joko Widodo meninjau banjir di Jakarta bersama Gubernur DKI, Senin."
)


def warm_up(entities: bool | None = None) -> None:
    """Load what parsing and recognising (if ``entities``; by default, if this worker
    finds entities) load on first use (~0.1 s of models), while the parent is still
    getting the import ready."""
    if entities is None:
        entities = _extract_entities
    try:
        article = parse_text(_WARM_UP, "txt")
        fingerprint(article.title, article.body)
        if entities:
            recognise(article.body, None)
            # The rules and new words read this table (~40 ms to load); the warm-up's
            # few words, all met before, may not.
            capitalisation_share("presiden")
    except Exception:  # the first chunk will meet (and report) the same problem
        log.exception("warming up an import worker failed")


def _read_known_names() -> None:
    global _known_names, _names_file
    if _names_file is not None:
        with open(_names_file, "rb") as handle:
            _known_names = of_names(pickle.load(handle))
        _names_file = None


def parse_or_reason(path: Path) -> ParsedFile | dict:
    """Parse one file (and find its entities, when enabled); a refused or failing
    file becomes {"path", "reason"}."""
    return parse_many([path])[0]


def parse_many(paths: list[Path]) -> list[ParsedFile | dict]:
    """``parse_or_reason`` for several files, their entities found together (much cheaper
    than one article at a time: ``recognise_many``)."""
    out: list[ParsedFile | dict] = [_parsed_or_reason(path) for path in paths]
    if not _extract_entities:
        return out
    _read_known_names()
    parsed = [item for item in out if isinstance(item, ParsedFile)]
    try:
        found = recognise_many([item.article.body for item in parsed], _known_names)
    except Exception:  # one article breaks the recogniser: find which, one at a time
        log.info("recognising %d articles together failed; one at a time", len(parsed))
        return [_with_mentions(item) if isinstance(item, ParsedFile) else item for item in out]
    for item, mentions in zip(parsed, found, strict=True):
        item.mentions = mentions
    return out


def _parsed_or_reason(path: Path) -> ParsedFile | dict:
    try:
        return parse_file(path)
    except Exception as exc:
        return _reason(path, exc)


def _with_mentions(parsed: ParsedFile) -> ParsedFile | dict:
    try:
        parsed.mentions = recognise(parsed.article.body, _known_names)
        return parsed
    except Exception as exc:
        return _reason(Path(parsed.path), exc)


def _reason(path: Path, exc: Exception) -> dict:
    if isinstance(exc, Rejected):
        return {"path": display_path(path), "reason": exc.reason}
    # A parser bug must not stop the whole import.
    log.error("unexpected error while parsing %s", path, exc_info=exc)
    return {"path": display_path(path), "reason": f"could not be parsed ({exc!r})"}
