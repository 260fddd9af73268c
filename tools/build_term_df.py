"""Build resources/models/term_df.tsv: in how many news articles each word appears.

    python tools/build_term_df.py

Reader weighs an article's words by rarity (TF-IDF) to find its keywords, from the very first
article imported, so the document frequencies come with the app: counted over the unlabelled
news of ../shared/corpus (IndoSum, CC BY-SA 4.0; English Wikinews, CC BY 2.5). Only counts of
words seen in at least two articles are kept, no text.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.fingerprint import is_term, words  # noqa: E402
from reader.pipeline import parse_file  # noqa: E402

OUT = ROOT / "resources" / "models" / "term_df.tsv"
CORPUS = ROOT.parent / "shared" / "corpus"
MIN_DF = 2


def main() -> int:
    df: Counter = Counter()
    documents = 0
    for folder in ("id/indosum", "en/wikinews"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            try:
                article = parse_file(path).article
            except Exception as exc:
                print(f"skipped {path.name}: {exc}", file=sys.stderr)
                continue
            documents += 1
            df.update({w for w in words(article.title + "\n" + article.body) if is_term(w)})
    rows = [f"{term}\t{n}" for term, n in sorted(df.items()) if n >= MIN_DF]
    header = f"# word\tarticles containing it; see README.md\n# documents\t{documents}\n"
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words from {documents} articles -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
