"""Reader at 1k, 10k and 100k articles: every speed and size that matters, one table.

    python bench/scale.py                                  # 1k, 10k, 100k
    python bench/scale.py --sizes 1000 10000 --dir /tmp/scale

Libraries are built by bench/build_library.py (the real corpus plus generated variations with
entities and read-also links) and then given highlights and notes on one article in 25; they are
kept in --dir and reused. For each size, the same script on the same machine prints:

* import with entities: articles/s for 400 new articles (then removed again; median of 5,
  with the slowest and fastest run: on a shared machine one run can be 30 % off), measured
  by bench/import_rate.py in a process of its own;
* the library's size on disk;
* cold start to the first painted window (fresh process, median of 3);
* open an article in the window (50 articles, median and p95);
* full-text search, related suggestions, entity page, annotations view (median and p95);
* peak memory (RSS) of the window process and of the measuring process.

Targets at 100k (2 cores): first paint < 1.5 s, open < 50 ms, search < 100 ms, related < 100 ms,
entity page < 100 ms, memory < 400 MB, import with entities >= 100 articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT.parent / "shared" / "corpus"

from build_library import build  # noqa: E402

from reader.annotations import article_note, highlight  # noqa: E402
from reader.related import related_view  # noqa: E402
from reader.storage import annotations as notes_store  # noqa: E402
from reader.storage import entities as entity_store  # noqa: E402
from reader.storage.backup import due  # noqa: E402
from reader.storage.library import Library  # noqa: E402

QUERIES = [
    "presiden",
    "jakarta banjir",
    "bank indonesia",
    "timnas",
    '"komisi pemberantasan"',
    "ukraina",
    "real madrid",
    "harga cabai",
    "election",
    "pemilu 2019",
    "korupsi e-ktp",
    "gempa",
    "teknologi",
    "microsoft",
    "polisi",
    "ahok",
    "trump",
    "olahraga",
    "film",
    "kpk",
]


def ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered) * 1000, ordered[
        min(len(ordered) - 1, int(len(ordered) * 0.95))
    ] * 1000


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def annotate(library: Library) -> int:
    """Highlights with notes on one article in 25 (done once per library)."""
    if library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]:
        return 0
    rng = random.Random(3)
    ids = [r[0] for r in library.conn.execute("SELECT id FROM articles")][::25]
    made = 0
    with library.db.atomic():
        for article_id in ids:
            body = library.get(article_id)["body"]
            for _ in range(2):
                start = rng.randrange(0, max(1, len(body) - 80))
                end = min(len(body), start + rng.randint(20, 80))
                if body[start:end].strip():
                    notes_store.save(
                        library,
                        highlight(
                            article_id,
                            body,
                            start,
                            end,
                            rng.choice(["yellow", "green", "blue"]),
                            note=f"Catatan nomor {made}: perlu dicek lagi",
                        ),
                    )
                    made += 1
            notes_store.save(library, article_note(article_id, f"Ringkasan artikel {article_id}"))
            made += 1
    return made


IMPORT_RUNS = 5


def import_rates(library_path: Path) -> list[float]:
    """Articles/s of IMPORT_RUNS imports of 400 new articles with entities, sorted; measured by
    bench/import_rate.py in a process of its own (its docstring says why)."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "import_rate.py"),
            str(library_path),
            "--runs",
            str(IMPORT_RUNS),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(json.loads(done.stdout.strip().splitlines()[-1]))


def queries(library_path: Path) -> dict:
    with Library(library_path) as library:
        rng = random.Random(11)
        ids = [r[0] for r in library.conn.execute("SELECT id FROM articles")]
        search = [timed(library.search, q) for q in QUERIES]
        sample = rng.sample(ids, min(100, len(ids)))
        related_view(library, sample[0])
        related = [timed(related_view, library, i) for i in sample]
        entity_ids = [
            r[0]
            for r in library.conn.execute(
                "SELECT id FROM entities WHERE type != 'DATE' AND articles > 1 ORDER BY articles DESC"
            )
        ]
        picked = entity_ids[:10] + rng.sample(entity_ids[10:], min(40, len(entity_ids) - 10))

        def entity_page(entity_id: int) -> None:
            entity_store.entity(library, entity_id)
            entity_store.entity_articles(library, entity_id)

        entity = [timed(entity_page, e) for e in picked]
        views = [
            timed(notes_store.search, library, text, *filters)
            for text, *filters in [
                ("", None),
                ("catatan", None),
                ("", "green"),
                ("ringkasan", None),
                ("perlu dicek", "yellow"),
                ("", "blue"),
            ]
            * 3
        ]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"search": search, "related": related, "entity": entity, "views": views, "rss": peak}


def gui(library_path: Path) -> dict:
    """First paint (3 fresh processes) and open-article times with the window's peak RSS."""
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    paint = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, json; sys.path.insert(0, 'bench'); import gui_bench;"
            f" print(json.dumps(gui_bench.first_paint(__import__('pathlib').Path({str(library_path)!r}), 3)))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    opened = subprocess.run(
        [sys.executable, "bench/gui_bench.py", "--measure", "open", "--library", str(library_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    window_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "paint": json.loads(paint.stdout.strip().splitlines()[-1]),
        "open": json.loads(opened.stdout.strip().splitlines()[-1]),
        "rss": max(before, window_rss) / 1024,
    }


def size_on_disk(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/reader-scale"))
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    args.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        path = args.dir / f"library-{size}.db"
        if not path.exists():
            print(f"building {path}…", flush=True)
            build(size, path, CORPUS)
        with Library(path) as library:
            count = library.count()
            made = annotate(library)
            if due(path):  # measure a normal start, not the first start of the day
                library.backup("bench")
            annotations = library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        print(f"{count} articles, {annotations} annotations ({made} new); measuring…", flush=True)
        rates = import_rates(path)
        # The imports are measured first: after the window, they met its background
        # re-extraction. Each leaves the disk quiet (os.sync) for what is measured next:
        # writing back the import and removal of 400 articles slowed the queries measured
        # after them (related p95 48-61 -> 131-171 ms).
        measured = json.loads(
            subprocess.run(
                [sys.executable, __file__, "--queries", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        shown = gui(path)
        rows.append((count, annotations, rates, size_on_disk(path), measured, shown))

    print()
    header = [
        "articles",
        "import/s",
        "disk MB",
        "paint s",
        "open ms",
        "search ms",
        "related ms",
        "entity ms",
        "notes ms",
        "RSS MB",
    ]
    print(" | ".join(f"{h:>16}" for h in header))
    for count, _notes, rates, disk, measured, shown in rows:
        cells = [
            f"{count}",
            f"{statistics.median(rates):.0f} ({rates[0]:.0f}-{rates[-1]:.0f})",
            f"{disk:.0f}",
            f"{statistics.median(shown['paint']):.2f} (max {max(shown['paint']):.2f})",
            "{:.1f} / {:.1f}".format(*ms(shown["open"])),
            "{:.1f} / {:.1f}".format(*ms(measured["search"])),
            "{:.1f} / {:.1f}".format(*ms(measured["related"])),
            "{:.1f} / {:.1f}".format(*ms(measured["entity"])),
            "{:.1f} / {:.1f}".format(*ms(measured["views"])),
            f"{shown['rss']:.0f} / {measured['rss']:.0f}",
        ]
        print(" | ".join(f"{c:>16}" for c in cells))
    print(
        f"import/s: median (slowest-fastest) of {IMPORT_RUNS}; times: median / p95;"
        " RSS: window process / measuring process"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--queries":
        print(json.dumps(queries(Path(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main())
