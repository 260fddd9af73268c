"""How fast are related-article suggestions, and what do they add to an import?

    python bench/related_bench.py                          # 1k, 10k and 100k articles
    python bench/related_bench.py --sizes 1000 10000 --dir /tmp/relbench

Libraries are built by bench/build_library.py (the real corpus plus generated variations,
with entities and read-also links) and kept in --dir, so a second run reuses them. For each
size it prints the median and p95 time of

* ``suggestions``: links, backlinks, same-story copies and similar articles (the CLI's
  ``related``), for 200 articles picked at random;
* ``related_view``: the same plus the "More about …" entities and their timelines (what the
  Related tab shows);

and the import-time cost of keeping related navigation up to date, per article: the
fingerprint (keywords + MinHash, computed in the import workers) and the storage side
(keyword/band rows, resolving read-also links both ways), measured on 300 new articles.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_library import build  # noqa: E402

from reader.fingerprint import fingerprint  # noqa: E402
from reader.importer import discover  # noqa: E402
from reader.parse_worker import parse_or_reason  # noqa: E402
from reader.pipeline import ParsedFile, body_hash  # noqa: E402
from reader.related import related_view, suggestions  # noqa: E402
from reader.storage import related as store  # noqa: E402
from reader.storage.library import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def new_articles(count: int) -> list[ParsedFile]:
    files = discover([CORPUS / "id" / "indosum"]).files[:count]
    parsed = [p for p in (parse_or_reason(f) for f in files) if isinstance(p, ParsedFile)]
    for number, item in enumerate(parsed):
        item.article.body += f"\n\n(Tambahan untuk pengukuran {number}.)"
        item.body_hash = body_hash(item.article.body)
        item.path += "#bench"
    return parsed


def import_cost(library: Library, parsed: list[ParsedFile]) -> dict[str, float]:
    start = time.perf_counter()
    for item in parsed:
        item.fingerprint = fingerprint(item.article.title, item.article.body)
    fingerprint_ms = (time.perf_counter() - start) * 1000 / len(parsed)
    start = time.perf_counter()
    results = library.add_batch(parsed)
    store_ms = (time.perf_counter() - start) * 1000 / len(parsed)
    ids = [r.id for r in results if not r.duplicate]
    start = time.perf_counter()
    with library.db.atomic():
        for item, article_id in zip(parsed, ids, strict=False):
            store.store_fingerprint(library, article_id, item.fingerprint)
        store.resolve_links_from(library, ids)
        store.resolve_links_to(library, ids)
    related_ms = (time.perf_counter() - start) * 1000 / max(1, len(ids))
    for article_id in ids:
        library.delete_article(article_id)
    return {"fingerprint": fingerprint_ms, "related_store": related_ms, "store_all": store_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/reader-related-bench"))
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    args.dir.mkdir(parents=True, exist_ok=True)
    fresh = new_articles(300)
    rows = []
    for size in args.sizes:
        path = args.dir / f"library-{size}.db"
        if not path.exists():
            print(f"building {path}…", flush=True)
            seconds = build(size, path, CORPUS)
            print(f"  built in {seconds:.0f} s", flush=True)
        with Library(path) as library:
            count = library.count()
            ids = [r[0] for r in library.conn.execute("SELECT id FROM articles")]
            sample = random.Random(size).sample(ids, min(args.samples, len(ids)))
            suggestions(library, sample[0])  # warm the page cache and the shipped tables
            plain = [timed(suggestions, library, i) for i in sample]
            full = [timed(related_view, library, i) for i in sample]
            cost = import_cost(library, [_copy(p) for p in fresh])
        rows.append((count, plain, full, cost))
        print(f"  {count} articles measured", flush=True)

    print()
    print(
        f"{'articles':>9} | {'suggestions median':>18} {'p95':>7} | {'tab median':>10} {'p95':>7}"
        f" | {'fingerprint/art':>15} {'related store/art':>17} {'whole store/art':>15}"
    )
    for count, plain, full, cost in rows:
        print(
            f"{count:>9} | {statistics.median(plain):>15.1f} ms {percentile(plain, 0.95):>4.1f} ms"
            f" | {statistics.median(full):>7.1f} ms {percentile(full, 0.95):>4.1f} ms"
            f" | {cost['fingerprint']:>12.2f} ms {cost['related_store']:>14.2f} ms"
            f" {cost['store_all']:>12.2f} ms"
        )
    return 0


def _copy(parsed: ParsedFile) -> ParsedFile:
    import copy

    return copy.deepcopy(parsed)


if __name__ == "__main__":
    sys.exit(main())
