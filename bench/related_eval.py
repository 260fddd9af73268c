"""How good are related-article suggestions? Precision@5 on the real corpus.

    python bench/related_eval.py                       # builds a library of the corpus first
    python bench/related_eval.py --library /tmp/rel.db # reuse one (imported with entities)

Two measures:

* **category**: IndoSum gives each Indonesian article a category (tajuk utama, olahraga,
  teknologi, showbiz, hiburan). For every such article, the share of its top five suggestions
  in the same category. Printed beside what picking five articles at random would score.
* **story clusters**: ``bench/data/story_clusters.json`` lists stories assembled by hand
  (Setya Novanto and e-KTP, First Travel, Rohingya...). For every article in a cluster, the
  share of its top min(5, cluster size - 1) suggestions that belong to the same story.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities import extract_pending  # noqa: E402
from reader.importer import Importer  # noqa: E402
from reader.related import suggestions  # noqa: E402
from reader.storage.library import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CLUSTERS = ROOT / "bench" / "data" / "story_clusters.json"


def build(path: Path) -> None:
    with Library(path) as library:
        Importer(library, entities=True).run(
            [CORPUS / "id" / "indosum", CORPUS / "en" / "wikinews"]
        )
        extract_pending(library)


def corpus_ids(library: Library) -> dict[str, int]:
    """Corpus-relative path → article id."""
    rows = library.conn.execute("SELECT article_id, path FROM article_files")
    return {p.split("/corpus/", 1)[1]: i for i, p in rows if "/corpus/" in p}


def precision(found: list[int], wanted: set[int], k: int) -> float:
    return sum(1 for i in found[:k] if i in wanted) / k


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, help="an existing library of the corpus")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    path = args.library
    if path is None:
        path = Path(tempfile.mkdtemp()) / "related-eval.db"
        print(f"building {path} (import with entities)…", flush=True)
        build(path)
    with Library(path) as library:
        ids = corpus_ids(library)
        category = {}
        with open(CORPUS / "manifests" / "id_indosum.tsv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["file"] in ids:
                    category[ids[row["file"]]] = row["category"]
        by_category: dict[str, list[float]] = defaultdict(list)
        times = []
        for article_id, cat in sorted(category.items()):
            start = time.perf_counter()
            found = [s.id for s in suggestions(library, article_id, limit=5)]
            times.append(time.perf_counter() - start)
            wanted = {i for i, c in category.items() if c == cat}
            if found:
                by_category[cat].append(precision(found, wanted, min(5, len(found))))
        sizes = Counter(category.values())
        total = len(category)
        print(f"\ncategory precision@5 over {total} Indonesian articles")
        print(f"{'category':<14}{'articles':>9}{'with any':>10}{'P@5':>7}{'random':>8}")
        all_scores = []
        for cat in sorted(sizes):
            scores = by_category[cat]
            all_scores += scores
            mean = sum(scores) / len(scores) if scores else 0.0
            print(
                f"{cat:<14}{sizes[cat]:>9}{len(scores):>10}{mean:>7.2f}{sizes[cat] / total:>8.2f}"
            )
        chance = sum((n / total) ** 2 for n in sizes.values())
        print(
            f"{'all':<14}{total:>9}{len(all_scores):>10}"
            f"{sum(all_scores) / len(all_scores):>7.2f}{chance:>8.2f}"
        )
        times.sort()
        print(
            f"suggestion time: median {times[len(times) // 2] * 1000:.1f} ms,"
            f" p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms"
        )

        clusters = json.loads(CLUSTERS.read_text(encoding="utf-8"))["clusters"]
        print("\nstory clusters: precision@min(5, size-1)")
        print(f"{'story':<28}{'size':>5}{'P':>7}")
        overall = []
        for name, files in clusters.items():
            members = {ids[f] for f in files if f in ids}
            k = min(5, len(members) - 1)
            scores = []
            for article_id in members:
                found = [s.id for s in suggestions(library, article_id, limit=max(k, 5))]
                scores.append(precision(found, members - {article_id}, k))
            overall += scores
            print(f"{name:<28}{len(members):>5}{sum(scores) / len(scores):>7.2f}")
        print(f"{'all (per article)':<28}{len(overall):>5}{sum(overall) / len(overall):>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
