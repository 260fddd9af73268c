"""Import the whole shared corpus into a fresh library and compare with a bare insert.

Run by hand:  python bench/import_bench.py [--corpus ../shared/corpus] [--runs 3] [--workers N]
              [--entities]

Prints, per run and as medians: articles/s and MB/s for the full pipeline
(read, decode, parse, language, store, full-text index), and the time a bare
sqlite-utils ``insert_all`` of the same rows takes (no parsing, no index), as
the baseline the pipeline is measured against.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from reader.importer import Importer, discover  # noqa: E402
from reader.storage.library import Library  # noqa: E402


def full_pipeline(
    corpus: Path, workers: int | None, entities: bool
) -> tuple[float, int, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Library(Path(tmp) / "bench.db") as lib:
            report = Importer(lib, workers=workers, entities=entities).run([corpus])
            elapsed = time.perf_counter() - start
            rows = [
                dict(r)
                for r in lib._rows(
                    "SELECT a.title, a.published, a.source, a.author, a.editor, a.language, a.body,"
                    " a.body_hash, f.path, f.raw FROM articles a JOIN article_files f"
                    " ON f.article_id = a.id",
                    [],
                )
            ]
    return elapsed, len(report.imported), rows


def bare_insert(rows: list[dict]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(Path(tmp) / "bare.db")
        start = time.perf_counter()
        db["articles"].insert_all(rows, pk="id")
        elapsed = time.perf_counter() - start
        db.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument(
        "--entities", action="store_true", help="also find named entities (off: the pipeline alone)"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 1
    files = discover([args.corpus]).files
    megabytes = sum(os.path.getsize(f) for f in files) / 1_000_000
    print(
        f"corpus: {len(files)} files, {megabytes:.1f} MB; cores: {os.cpu_count()};"
        f" entities: {'on' if args.entities else 'off'}"
    )
    print(
        f"{'run':>4} {'pipeline s':>11} {'articles/s':>11} {'MB/s':>7} {'bare s':>8} {'ratio':>7}"
    )
    results = []
    for run in range(1, args.runs + 1):
        elapsed, imported, rows = full_pipeline(args.corpus, args.workers, args.entities)
        bare = bare_insert(rows)
        results.append((elapsed, imported / elapsed, megabytes / elapsed, bare, elapsed / bare))
        print(
            f"{run:>4} {elapsed:>11.2f} {imported / elapsed:>11.0f} {megabytes / elapsed:>7.2f}"
            f" {bare:>8.3f} {elapsed / bare:>6.1f}x"
        )
    med = [statistics.median(col) for col in zip(*results, strict=True)]
    print(
        f"{'med':>4} {med[0]:>11.2f} {med[1]:>11.0f} {med[2]:>7.2f} {med[3]:>8.3f} {med[4]:>6.1f}x"
    )
    print(f"articles imported per run: {imported}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
