"""Train Reader's CRF named-entity model and write resources/models/ner-crf.crfsuite.

    python tools/train_ner.py                 # train on train+dev splits, write the model
    python tools/train_ner.py --tune          # train on train only and score on dev splits

Data: ../shared/data/ner — NERGRIT and idner-news-2k (Indonesian, cased) and the Broad Twitter
Corpus (English). Test splits are never read here. NERP is not used: truecased, it raised NERGRIT
dev F1 by 2 points but cut idner-news-2k dev F1 by 6 (its IND type is not our ORG), and it
overlaps idner-news-2k's test split.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import ner_data  # noqa: E402
import pycrfsuite  # noqa: E402

from reader.ner.features import sentence_features  # noqa: E402

MODEL = ROOT / "resources" / "models" / "ner-crf.crfsuite"
COMMON = ROOT / "resources" / "models" / "common_words.txt"
PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}


def training_sentences(tune: bool) -> list[list[tuple[str, str]]]:
    sentences = ner_data.nergrit("train") + ner_data.idner("train")
    english = ner_data.btc("train")
    if not tune:
        sentences += ner_data.nergrit("valid") + ner_data.idner("dev")
        english += ner_data.btc("dev")
    sentences += english
    random.Random(13).shuffle(sentences)
    return sentences


def write_common_words(sentences, path: Path, min_count: int = 3) -> int:
    """Lowercase words seen at least ``min_count`` times written in lowercase and rarely
    (under a tenth as often) inside an entity: used to drop sentence-initial capitalised
    ordinary words."""
    from collections import Counter

    lowercase, in_entity = Counter(), Counter()
    for sentence in sentences:
        for word, tag in sentence:
            if tag != "O":
                in_entity[word.lower()] += 1
            elif word.isalpha() and word.islower():
                lowercase[word] += 1
    words = sorted(w for w, n in lowercase.items() if n >= min_count and in_entity[w] * 10 <= n)
    header = "# Ordinary words (lowercase, never in an entity) from the NER training data; see README.md\n"
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def train(sentences, path: Path, params: dict) -> float:
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(sentence_features(words), [t for _, t in sentence])
    trainer.set_params(params)
    start = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tune", action="store_true", help="train on train splits, score dev")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = parser.parse_args()
    if not ner_data.available():
        print("the NER data is not at ../shared/data/ner", file=sys.stderr)
        return 1
    params = dict(PARAMS, c1=args.c1, c2=args.c2)
    sentences = training_sentences(args.tune)
    out = args.out if not args.tune else Path("/tmp/ner-tune.crfsuite")
    if not args.tune:
        print(f"{write_common_words(sentences, COMMON)} common words -> {COMMON}")
    seconds = train(sentences, out, params)
    print(
        f"trained on {len(sentences)} sentences in {seconds:.0f} s -> {out} ({out.stat().st_size / 1e6:.1f} MB)"
    )
    if args.tune:
        from eval_ner import score_sentences

        for name, data in (
            ("nergrit valid", ner_data.nergrit("valid")),
            ("idner dev", ner_data.idner("dev")),
            ("btc dev", ner_data.btc("dev")),
        ):
            print(name, score_sentences(out, data).table_row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
