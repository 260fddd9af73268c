"""Import files and folders into a library: discover, parse, store in batches.

Parsing is the slow part and runs CHUNK files at a time (in worker processes for
large imports); storing happens in batches, each batch one transaction. A
cancel request is honoured between files: batches already written stay,
whole, and running the same import again skips them as duplicates.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reader import worker_processes
from reader.entities import KnownName, extractor_version, known_name_rows
from reader.formats import ARTICLE_SUFFIXES
from reader.ner.corrections import apply
from reader.ner.gazetteer import of_names
from reader.ner.model import keep_words
from reader.parse_worker import init_worker, init_worker_from_file, parse_many, warm_up
from reader.paths import cache_dir
from reader.pipeline import ParsedFile, display_path
from reader.storage.entities import corrections_for, store_mentions
from reader.storage.library import Library
from reader.worker_processes import PARALLEL_THRESHOLD

log = logging.getLogger(__name__)

#: Articles per transaction, at most: while worker processes are still parsing the next
#: files, what is parsed is stored at once (the storing thread would only wait). Small, so
#: the last batch (stored after the last file is parsed) keeps the import short and the
#: window shows articles as they arrive; checkpoints on another thread, one every
#: BATCH_SIZE articles, make the extra commits cheap.
BATCH_SIZE = 50
#: Files parsed together (their entities found in one pass of the model: ``parse_many``),
#: and the most a cancel waits for.
CHUNK = 16
#: The first chunk of each worker is smaller: the first articles are stored sooner.
FIRST_CHUNK = 4
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "copying")

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    """The outcome of an import: what was added, what was already there, what was refused."""

    imported: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    ignored: int = 0
    hidden: int = 0
    cancelled: bool = False

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "ignored": self.ignored,
            "hidden": self.hidden,
            "cancelled": self.cancelled,
        }

    def summary(self) -> str:
        parts = [
            f"{len(self.imported)} imported",
            f"{len(self.duplicates)} duplicate{'s' if len(self.duplicates) != 1 else ''}",
            f"{len(self.skipped)} skipped",
        ]
        if self.ignored or self.hidden:
            parts.append(f"{self.ignored + self.hidden} non-article or hidden files ignored")
        text = ", ".join(parts)
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass
class Discovery:
    """Files found under the given paths, and what was passed over."""

    files: list[Path] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    ignored: int = 0
    hidden: int = 0


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """Expand files and folders (recursively) into article files, in a stable order.

    Files named explicitly are always tried (and rejected with a reason if
    unsupported); inside folders, hidden entries and non-article files are
    counted and passed over. Symlinked folders are not followed (no loops).
    """
    found = Discovery()
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=_walk_error(found)):
                hidden_dirs = [d for d in dirs if d.startswith(".")]
                found.hidden += len(hidden_dirs)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        found.hidden += 1
                    elif not _is_article_name(name):
                        found.ignored += 1
                    else:
                        _add(found, seen, Path(root) / name)
        elif path.exists():
            _add(found, seen, path)
        else:
            found.skipped.append({"path": display_path(path), "reason": "no such file or folder"})
    return found


def _is_article_name(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return suffix.lower() in ARTICLE_SUFFIXES and stem.lower() not in _NOT_ARTICLES


def _add(found: Discovery, seen: set[str], path: Path) -> None:
    key = unicodedata.normalize("NFC", os.path.abspath(path))
    if key not in seen:
        seen.add(key)
        found.files.append(path)


def _walk_error(found: Discovery) -> Callable[[OSError], None]:
    def record(error: OSError) -> None:
        found.skipped.append(
            {
                "path": display_path(Path(str(error.filename))),
                "reason": f"cannot read folder: {error.strerror}",
            }
        )

    return record


def _chunks(files: list[Path], first: int) -> list[list[Path]]:
    """Files in chunks of CHUNK, the first two (one a worker, on two cores) of ``first``."""
    head = [files[start : start + first] for start in range(0, min(2 * first, len(files)), first)]
    rest = files[2 * first :]
    return head + [rest[start : start + CHUNK] for start in range(0, len(rest), CHUNK)]


@dataclass
class _WorkerPool:
    executor: ProcessPoolExecutor
    #: Where the learned names are written for the workers (None: no entities wanted).
    names_file: str | None
    _closing: threading.Thread | None = None

    def close_in_background(self) -> None:
        """Let the workers exit (each keeps the words it summed first: tens of ms) while
        the last batch is stored."""
        if self._closing is None:
            self._closing = threading.Thread(
                target=self.executor.shutdown,
                kwargs={"cancel_futures": True},
                name="import-workers-exit",
            )
            self._closing.start()

    def close(self) -> None:
        """Wait until every worker has exited."""
        if self._closing is None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        else:
            self._closing.join()


class Importer:
    """Runs one import into a library, reporting progress and honouring cancel."""

    def __init__(
        self,
        library: Library,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        workers: int | None = None,
        stored: Callable[[int], None] | None = None,
        entities: bool = True,
    ) -> None:
        self.library = library
        self.entities = entities
        self.progress = progress
        self.stored = stored
        self.cancel = cancel or threading.Event()
        self.workers = workers

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> ImportReport:
        found = discover(paths)
        with self._worker_pool(len(found.files)) as pool:
            # Worker processes start meanwhile: reading the learned names takes ~0.1 s at
            # 100,000 articles, and a worker ~0.4 s to start.
            self._known: list[KnownName] | None = None
            self._corrections = None
            if self.entities:
                self._known = known_name_rows(self.library)
                self._corrections = corrections_for(self.library, None)
                self._version = extractor_version()
            self._entity_cache: dict = {}
            report = ImportReport(
                skipped=list(found.skipped), ignored=found.ignored, hidden=found.hidden
            )
            with self.library.background_checkpoints() as checkpoints:
                self._import(found.files, pool, report, checkpoints.request)
        return report

    @contextlib.contextmanager
    def _worker_pool(self, files: int) -> Iterator[_WorkerPool | None]:
        """Worker processes, started now, for an import of ``files`` files large enough to
        need them (else None)."""
        workers = worker_processes.count(self.workers)
        if workers <= 1 or files < PARALLEL_THRESHOLD:
            yield None
            return
        with tempfile.TemporaryDirectory(prefix="reader-import-") as tmp:
            names_file = os.path.join(tmp, "known-names.pickle") if self.entities else None
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=worker_processes.context(),
                initializer=init_worker_from_file,
                initargs=(names_file, self.entities, str(cache_dir())),
            ) as executor:
                for _ in range(workers):  # each task that finds no idle worker starts one
                    executor.submit(warm_up)
                pool = _WorkerPool(executor, names_file)
                try:
                    yield pool
                finally:
                    pool.close()

    def _import(
        self,
        files: list[Path],
        pool: _WorkerPool | None,
        report: ImportReport,
        committed: Callable[[], None],
    ) -> None:
        total = len(files)
        batch: list[ParsedFile] = []
        unchecked = 0  # articles stored since the last checkpoint request
        for done, (path, outcome, waiting) in enumerate(self._parsed(files, pool), start=1):
            if isinstance(outcome, dict):
                report.skipped.append(outcome)
                log.info("skipped %s: %s", outcome["path"], outcome["reason"])
            else:
                batch.append(outcome)
            # A full batch, or whatever there is when the next files are still being parsed:
            # storing then costs no waiting (the workers start, or run behind).
            if len(batch) >= BATCH_SIZE or (batch and waiting):
                self._store(batch, report)
                unchecked += len(batch)
                batch = []
                if unchecked >= BATCH_SIZE:
                    committed()
                    unchecked = 0
            if self.progress:
                self.progress(done, total, str(path))
            if self.cancel.is_set():
                report.cancelled = True
                break
        self._store(batch, report)
        committed()

    def _parsed(
        self, files: list[Path], pool: _WorkerPool | None
    ) -> Iterator[tuple[Path, ParsedFile | dict, bool]]:
        """Each file's outcome, and whether the next files are still being parsed (then
        storing what is parsed costs no waiting)."""
        if pool is None:
            init_worker(None if self._known is None else of_names(self._known), self.entities)
            try:
                for chunk in _chunks(files, first=CHUNK):
                    for path, outcome in zip(chunk, parse_many(chunk), strict=True):
                        yield path, outcome, False
            finally:
                init_worker(None, False)
                if self.entities:
                    keep_words()
            return
        if pool.names_file is not None:
            # Written whole before the first chunk is handed out: workers read it then.
            with open(pool.names_file, "wb") as handle:
                pickle.dump(self._known or [], handle, protocol=pickle.HIGHEST_PROTOCOL)
        chunks = _chunks(files, first=FIRST_CHUNK)
        results = [pool.executor.submit(parse_many, chunk) for chunk in chunks]
        try:
            for index, (chunk, result) in enumerate(zip(chunks, results, strict=True)):
                outcomes = result.result()
                last = len(chunk) - 1
                following = results[index + 1] if index + 1 < len(results) else None
                for position, (path, outcome) in enumerate(zip(chunk, outcomes, strict=True)):
                    waiting = position == last and following is not None and not following.done()
                    yield path, outcome, waiting
                if self.cancel.is_set():
                    break
        finally:  # chunks not begun are cancelled there
            pool.close_in_background()

    def _store_mentions(self, article_id: int, parsed: ParsedFile) -> None:
        if parsed.mentions is None:
            return  # not extracted (e.g. dropped text): extracted later as pending
        mentions = apply(parsed.article.body, parsed.mentions, self._corrections or [])
        store_mentions(self.library, article_id, mentions, self._version, self._entity_cache)

    def _store(self, batch: list[ParsedFile], report: ImportReport) -> None:
        results = self.library.add_batch(batch, self._store_mentions if self.entities else None)
        for result in results:
            if result.duplicate:
                report.duplicates.append({"path": result.path, "id": result.id})
            else:
                report.imported.append(
                    {"path": result.path, "id": result.id, "title": result.title}
                )
        added = sum(1 for r in results if not r.duplicate)
        if added and self.stored:
            self.stored(added)
