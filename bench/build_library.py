"""Build a benchmark library of N articles: the real corpus plus generated variations.

A variation joins the first half of one real article's paragraphs to the second half of
another's in the same language, keeps the first one's title with a number, shifts its date
by up to a year and carries read-also lines naming other articles (resolved or not). The
text stays real for search and rendering, it is not a near-copy of any one article, and its
entity mentions are those of the paragraphs it took (offsets moved, nothing re-extracted).

    python bench/build_library.py --size 10000 --out /tmp/bench10k.db
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities import extractor_version  # noqa: E402
from reader.importer import Importer, discover  # noqa: E402
from reader.ner.recognise import Mention  # noqa: E402
from reader.parse_worker import parse_or_reason  # noqa: E402
from reader.pipeline import ParsedFile, body_hash  # noqa: E402
from reader.storage.entities import article_mentions, store_mentions  # noqa: E402
from reader.storage.library import Library  # noqa: E402


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for paragraph in body.split("\n\n"):
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return spans


def _shift(published: str | None, days: int) -> str | None:
    if not published:
        return published
    try:
        day = date.fromisoformat(published[:10]) + timedelta(days=days)
    except ValueError:
        return published
    return day.isoformat() + published[10:]


def _mix(first, second, number, rng, mentions_of, originals):
    """A variation of ``first`` finished with ``second``, and its mentions."""
    parts, mentions, offset = [], [], 0
    a, b = _paragraphs(first.article.body), _paragraphs(second.article.body)
    chosen = [(first, span) for span in a[: max(1, (len(a) + 1) // 2)]]
    chosen += [(second, span) for span in b[len(b) // 2 :]]
    for source, (start, end) in chosen:
        for m in mentions_of.get(source.body_hash, []):
            if start <= m["start"] and m["end"] <= end:
                delta = offset - start
                mentions.append(
                    Mention(
                        m["start"] + delta,
                        m["end"] + delta,
                        m["text"],
                        m["type"],
                        m["canonical"],
                        m["source"],
                        1.0,
                    )
                )
        parts.append(source.article.body[start:end])
        offset += end - start + 2
    variant = copy.deepcopy(first)
    variant.article.body = "\n\n".join(parts) + f"\n\n(Salinan arsip nomor {number}.)"
    variant.article.title = f"{first.article.title} ({number})"
    variant.article.published = _shift(first.article.published, rng.randint(-365, 365))
    variant.article.read_also = [
        rng.choice(originals).article.title,
        f"Arsip berita nomor {number}",
    ]
    variant.body_hash = body_hash(variant.article.body)
    variant.fingerprint = None
    variant.path = f"{first.path}#variant{number}"
    return variant, mentions


def build(size: int, out: Path, corpus: Path, resume: bool = False) -> float:
    """Build (or, with ``resume``, top up an interrupted build of) a library of ``size``."""
    start = time.perf_counter()
    if not resume:
        out.unlink(missing_ok=True)
    with Library(out) as lib:
        files = discover([corpus / "id", corpus / "en", corpus / "seed"]).files
        if size < len(files):  # a small library: a random sample of the real articles
            files = sorted(random.Random(size).sample(files, size))
        if not resume:
            Importer(lib).run(files)
        originals = [
            p
            for p in (parse_or_reason(f) for f in discover([corpus / "id", corpus / "en"]).files)
            if isinstance(p, ParsedFile) and len(p.article.body) < 50_000
        ]
        version = extractor_version()
        cache: dict = {}
        ids = {h: i for i, h in lib.conn.execute("SELECT id, body_hash FROM articles").fetchall()}
        mentions_of = {h: article_mentions(lib, i) for h, i in ids.items()}
        by_language: dict[str, list[ParsedFile]] = {}
        for original in originals:
            by_language.setdefault(original.article.language or "", []).append(original)
        rng = random.Random(5 + (lib.count() if resume else 0))
        variant_mentions: dict[str, list[Mention]] = {}

        def with_mentions(article_id: int, parsed: ParsedFile) -> None:
            store_mentions(
                lib, article_id, variant_mentions.pop(parsed.body_hash, []), version, cache
            )

        copy_number = lib.count() if resume else 0
        stored = lib.count()
        while stored < size:
            batch = []
            for original in originals:
                if stored + len(batch) >= size:
                    break
                copy_number += 1
                other = rng.choice(by_language[original.article.language or ""])
                variant, mentions = _mix(original, other, copy_number, rng, mentions_of, originals)
                if variant.body_hash in variant_mentions:
                    continue
                variant_mentions[variant.body_hash] = mentions
                if len(batch) == 500:
                    stored += sum(not r.duplicate for r in lib.add_batch(batch, with_mentions))
                    batch = []
                batch.append(variant)
            stored += sum(not r.duplicate for r in lib.add_batch(batch, with_mentions))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--resume", action="store_true", help="top up an interrupted build")
    args = parser.parse_args()
    seconds = build(args.size, args.out, args.corpus, args.resume)
    print(f"built {args.out} with {args.size} articles in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
