"""Build resources/models/capitalisation.tsv: how often each word is capitalised mid-sentence.

    python tools/build_caps_lexicon.py

A word that is nearly always capitalised inside sentences is almost certainly part of a name;
this is the strongest clue for the capitalised first word of a sentence, where case says
nothing. Counted over unlabeled news text (../shared/corpus) and the NER training sentences.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import ner_data  # noqa: E402

from reader.ner.tokens import sentences  # noqa: E402
from reader.pipeline import parse_file  # noqa: E402

OUT = ROOT / "resources" / "models" / "capitalisation.tsv"
CORPUS = ROOT.parent / "shared" / "corpus"
MIN_COUNT = 3


def count(words: list[str], capital: Counter, total: Counter) -> None:
    for word in words[1:]:
        if word.isalpha():
            lower = word.lower()
            total[lower] += 1
            if word[:1].isupper():
                capital[lower] += 1


def main() -> int:
    import json

    gold = json.loads((ROOT / "tests/data/ner_gold.json").read_text(encoding="utf-8"))
    held_out = {CORPUS / item["file"] for item in gold["articles"]}  # scored; never counted
    capital, total = Counter(), Counter()
    for folder in ("id/indosum", "en/wikinews"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            if path in held_out:
                continue
            try:
                body = parse_file(path).article.body
            except Exception:
                continue
            for sentence in sentences(body):
                count([t.text for t in sentence], capital, total)
    for sentence in ner_data.nergrit("train") + ner_data.idner("train") + ner_data.btc("train"):
        count([w for w, _ in sentence], capital, total)
    rows = [
        f"{word}\t{capital[word] / n:.2f}" for word, n in sorted(total.items()) if n >= MIN_COUNT
    ]
    header = "# word\tshare of mid-sentence occurrences that are capitalised; see README.md\n"
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
