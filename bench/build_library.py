"""Build a benchmark library of N articles: the real corpus plus generated variations.

Variations are real articles with a numbered sentence appended to the body
(so each has its own hash and index entries) and the date shifted, which
keeps the text realistic for search and rendering.

    python bench/build_library.py --size 10000 --out /tmp/bench10k.db
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities import extractor_version  # noqa: E402
from reader.importer import Importer, discover, parse_or_reason  # noqa: E402
from reader.ner.recognise import Mention  # noqa: E402
from reader.pipeline import ParsedFile, body_hash  # noqa: E402
from reader.storage.entities import article_mentions, store_mentions  # noqa: E402
from reader.storage.library import Library  # noqa: E402


def build(size: int, out: Path, corpus: Path) -> float:
    start = time.perf_counter()
    out.unlink(missing_ok=True)
    with Library(out) as lib:
        Importer(lib).run([corpus / "id", corpus / "en", corpus / "seed"])
        originals = [
            p
            for p in (parse_or_reason(f) for f in discover([corpus / "id", corpus / "en"]).files)
            if isinstance(p, ParsedFile) and len(p.article.body) < 50_000
        ]
        # A variant appends a sentence, so the original's mentions (offsets) still hold.
        version = extractor_version()
        cache: dict = {}
        mentions_of = {
            row["id"]: article_mentions(lib, row["id"])
            for row in lib.list_articles(order="imported")
        }
        by_hash = {
            h: i for i, h in lib.conn.execute("SELECT id, body_hash FROM articles").fetchall()
        }

        def with_mentions(article_id: int, parsed: ParsedFile) -> None:
            original = by_hash.get(parsed.original_hash)
            mentions = [
                Mention(
                    m["start"], m["end"], m["text"], m["type"], m["canonical"], m["source"], 1.0
                )
                for m in mentions_of.get(original, [])
            ]
            store_mentions(lib, article_id, mentions, version, cache)

        copy_number = 0
        while lib.count() < size:
            batch = []
            for original in originals:
                if lib.count() + len(batch) >= size:
                    break
                copy_number += 1
                variant = copy.deepcopy(original)
                variant.original_hash = original.body_hash
                variant.article.body += f"\n\n(Salinan arsip nomor {copy_number}.)"
                variant.body_hash = body_hash(variant.article.body)
                variant.path = f"{original.path}#copy{copy_number}"
                if len(batch) == 500:
                    lib.add_batch(batch, with_mentions)
                    batch = []
                batch.append(variant)
            lib.add_batch(batch, with_mentions)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    seconds = build(args.size, args.out, args.corpus)
    print(f"built {args.out} with {args.size} articles in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
