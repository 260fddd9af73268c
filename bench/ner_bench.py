"""Entity extraction speed on real ~500-word articles, one process and one per core.

    python bench/ner_bench.py [--runs 3]

Picks corpus articles of 400-600 words, warms the model up (loading is not counted), and prints
articles/s for the full recogniser (model, gazetteers, rules, consistency) in one process and in
a process pool with one worker per core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.ner.recognise import recognise  # noqa: E402
from reader.pipeline import parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def bodies() -> list[str]:
    found = []
    for path in sorted(CORPUS.glob("*/*/*.txt")):
        try:
            body = parse_file(path).article.body
        except Exception:
            continue
        if 400 <= len(body.split()) <= 600:
            found.append(body)
    return found


def _count(chunk: list[str]) -> int:
    for body in chunk:
        recognise(body)
    return len(chunk)


def _warm() -> None:
    recognise("Presiden Joko Widodo bertemu Menteri Luar Negeri Rusia Sergei Lavrov di Jakarta.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = bodies()
    words = statistics.mean(len(b.split()) for b in texts)
    print(f"{len(texts)} articles of 400-600 words (mean {words:.0f}); cores: {os.cpu_count()}")
    _warm()
    single = []
    for _ in range(args.runs):
        start = time.perf_counter()
        _count(texts)
        single.append(len(texts) / (time.perf_counter() - start))
    workers = os.cpu_count() or 1
    chunks = [texts[i :: workers * 4] for i in range(workers * 4)]
    pooled = []
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_warm) as pool:
        list(pool.map(_count, [[texts[0]]] * workers))  # start and warm every worker
        for _ in range(args.runs):
            start = time.perf_counter()
            sum(pool.map(_count, chunks))
            pooled.append(len(texts) / (time.perf_counter() - start))
    print(f"{'mode':<28} {'articles/s (median)':>20} {'min':>8} {'max':>8}")
    for name, values in (("one process", single), (f"{workers} processes", pooled)):
        print(
            f"{name:<28} {statistics.median(values):>20.0f} {min(values):>8.0f} {max(values):>8.0f}"
        )
    print("target: >= 100 articles/s on this machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
