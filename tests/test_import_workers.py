"""Imports large enough for worker processes: the same articles and entities as one process
makes, the workers' cache kept where the importer keeps it, and no worker left behind when
the importing process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reader import worker_processes
from reader.importer import Importer
from reader.storage.library import Library
from reader.worker_processes import PARALLEL_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent


def _contents(path: Path) -> dict[str, tuple]:
    """Each article (by body hash): its metadata and its mentions with their entities."""
    with Library(path) as library:
        conn = library.conn
        articles = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT id, body_hash, title, published, source, dateline, language FROM articles"
            )
        }
        mentions: dict[int, list] = {article_id: [] for article_id in articles}
        for row in conn.execute(
            "SELECT m.article_id, m.start, m.end, m.text, e.canonical, e.type"
            " FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " ORDER BY m.article_id, m.start, m.end"
        ):
            mentions[row[0]].append(row[1:])
    return {meta[0]: (meta[1:], tuple(mentions[i])) for i, meta in articles.items()}


def test_workers_import_what_one_process_imports(corpus, tmp_path, monkeypatch) -> None:
    files = sorted((corpus / "id" / "indosum").glob("*.txt"))[:PARALLEL_THRESHOLD]
    cache = tmp_path / "cache"
    # The workers keep their summed words in the importer's cache folder, even when they
    # come from a fork server started (with another folder) before.
    monkeypatch.setenv("READER_CACHE", str(cache))
    with Library(tmp_path / "workers.db") as library:
        parallel = Importer(library, workers=2).run(files)
    with Library(tmp_path / "one.db") as library:
        single = Importer(library, workers=1).run(files)

    assert len(parallel.imported) == len(single.imported) == len(files)
    assert [item["path"] for item in parallel.imported] == [str(f) for f in files]
    together, alone = _contents(tmp_path / "workers.db"), _contents(tmp_path / "one.db")
    assert together == alone
    assert sum(len(mentions) for _meta, mentions in together.values()) > 10 * len(files)
    assert list(cache.glob("crf-words-*.bin"))


def _models_loaded() -> bool:
    from reader.ner import model

    return getattr(model._local, "tagger", None) is not None


def test_workers_start_with_the_models_loaded() -> None:
    if worker_processes.context().get_start_method() != "forkserver":
        pytest.skip("no fork server here: each worker loads the models itself")
    worker_processes.prepare(2)  # as the window does when a folder is dragged over it
    with ProcessPoolExecutor(1, mp_context=worker_processes.context()) as pool:
        assert pool.submit(_models_loaded).result()


def _processes_marked(marker: str) -> list[int]:
    """Running processes whose environment holds ``marker`` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours
            continue
        if marker.encode() in environment:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_workers_exit_when_the_importing_process_is_killed(corpus, tmp_path, qtbot) -> None:
    marker = f"READER_TEST_RUN={uuid.uuid4().hex}"
    driver = tmp_path / "kill_with_workers.py"
    driver.write_text(
        textwrap.dedent(
            f"""
            import os, signal
            from reader.importer import Importer
            from reader.storage.library import Library

            def progress(done, total, path):
                if done == 100:
                    os.kill(os.getpid(), signal.SIGKILL)

            if __name__ == "__main__":  # worker processes re-run this file's top level
                with Library({str(tmp_path / "library.db")!r}) as lib:
                    Importer(lib, progress=progress, workers=2).run(
                        [{str(corpus / "id" / "indosum")!r}]
                    )
            """
        )
    )
    name, value = marker.split("=")
    errors = tmp_path / "stderr.txt"
    with open(errors, "wb") as stderr:  # a file, not a pipe: workers left behind hold pipes
        result = subprocess.run(
            [sys.executable, str(driver)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            timeout=300,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT), name: value},
        )
    assert result.returncode == -signal.SIGKILL, errors.read_text()
    # Its workers (and the process they were forked from) notice and exit; before, they
    # waited for their next chunk for ever.
    qtbot.waitUntil(lambda: not _processes_marked(marker), timeout=20_000)
