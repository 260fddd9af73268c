"""Import throughput: articles/s importing 400 new articles with entities into a library.

    python bench/import_rate.py LIBRARY [--runs 5]

Prints each run's rate, then all of them as a JSON list on the last line. The articles are
removed again after each run, so the library is left as it was.

Run by bench/scale.py in a process of its own, for two reasons:

* An import's worker processes re-run the top level of the main script. This one imports
  nothing there (as the window's main.py imports only ``reader.__main__``), so the workers
  start as they do in the window; under scale.py each would also import the whole benchmark
  (~0.2 s of CPU a worker).
* Each run starts on a quiet disk: the files it imports and the previous run's removal of
  400 articles are written out (``os.sync``) before the clock starts. A user's files were
  saved long before they are imported, and no deletion of hundreds of articles comes just
  before an import; left in, they made the first checkpoints wait for that writing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = 400


def new_articles(folder: Path) -> None:
    """FILES corpus articles, each made new (the library holds them already) by a last line."""
    for n, path in enumerate(sorted((CORPUS / "id" / "indosum").glob("*.txt"))[:FILES]):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(f"{text}\n\nPembaruan pengukuran {n}.\n", encoding="utf-8")


def import_rate(library_path: Path) -> float:
    """Articles/s of one import of FILES new articles with entities (removed afterwards)."""
    from reader.importer import Importer
    from reader.storage.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "new"
        folder.mkdir()
        new_articles(folder)
        os.sync()
        with Library(library_path) as library:
            start = time.perf_counter()
            report = Importer(library, entities=True).run([folder])
            seconds = time.perf_counter() - start
            for item in report.imported:
                library.delete_article(item["id"])
            library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()
    return len(report.imported) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rates = []
    for _ in range(args.runs):
        rates.append(import_rate(args.library))
        print(f"{rates[-1]:.1f} articles/s", flush=True)
    print(json.dumps(rates))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
