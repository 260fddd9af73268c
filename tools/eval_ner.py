"""Entity-level precision / recall / F1 of Reader's recogniser, per type.

    python tools/eval_ner.py            # test splits + the hand-annotated corpus articles
    python tools/eval_ner.py --model-only

Scores the full recogniser (model + gazetteers + rules + document consistency) on each
dataset's test split (never trained on), and on real corpus articles annotated by hand
(tests/data/ner_gold.json). With --model-only, the bare CRF is scored too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import ner_data  # noqa: E402

TYPES = ("PER", "ORG", "LOC")
GOLD = ROOT / "tests" / "data" / "ner_gold.json"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: set, predicted: set) -> None:
        for item in predicted & gold:
            self.tp[item[-1]] += 1
        for item in predicted - gold:
            self.fp[item[-1]] += 1
        for item in gold - predicted:
            self.fn[item[-1]] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        def total(counter: Counter) -> int:
            return counter[kind] if kind else sum(counter[t] for t in TYPES)

        tp, fp, fn = total(self.tp), total(self.fp), total(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table_row(self) -> str:
        cells = []
        for kind in (*TYPES, None):
            p, r, f = self.prf(kind)
            cells.append(f"{kind or 'ALL'} P {p:.2f} R {r:.2f} F1 {f:.2f}")
        return " | ".join(cells)


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def score_sentences(model: Path, sentences) -> Score:
    """The bare CRF on gold tokenisation."""
    import pycrfsuite

    from reader.ner.features import sentence_features

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    score = Score()
    for sentence in sentences:
        words = [w for w, _ in sentence]
        predicted = tagger.tag(sentence_features(words))
        score.add(spans([t for _, t in sentence]), spans(predicted))
    return score


def score_pipeline(sentences) -> Score:
    """The full recogniser on each sentence's text (tokens joined by spaces)."""
    from reader.ner.recognise import recognise

    score = Score()
    type_map = {"PERSON": "PER", "ORGANIZATION": "ORG", "PLACE": "LOC"}
    for sentence in sentences:
        words = [w for w, _ in sentence]
        offsets, position = [], 0
        for word in words:
            offsets.append((position, position + len(word)))
            position += len(word) + 1
        text = " ".join(words)
        starts = {s: i for i, (s, _) in enumerate(offsets)}
        ends = {e: i + 1 for i, (_, e) in enumerate(offsets)}
        predicted = set()
        for mention in recognise(text):
            kind = type_map.get(mention.type)
            if kind and mention.start in starts and mention.end in ends:
                predicted.add((starts[mention.start], ends[mention.end], kind))
            elif kind:
                predicted.add((mention.start, -1, kind))  # a span that breaks tokens: wrong
        score.add(spans([t for _, t in sentence]), predicted)
    return score


def score_gold_articles(held_out: bool) -> tuple[Score, Score, Score]:
    """Hand-annotated corpus articles, development or held-out set: (all, Indonesian, English)."""
    from reader.ner.recognise import recognise
    from reader.pipeline import parse_file

    type_map = {"PERSON": "PER", "ORGANIZATION": "ORG", "PLACE": "LOC"}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    scores = {"all": Score(), "id": Score(), "en": Score()}
    for item in gold["articles"]:
        if bool(item.get("held_out")) != held_out:
            continue
        article = parse_file(CORPUS / item["file"]).article
        body = article.body
        expected = set()
        for text, kind in item["entities"]:
            start = 0
            while (found := body.find(text, start)) != -1:
                before = body[found - 1] if found else " "
                after = body[found + len(text)] if found + len(text) < len(body) else " "
                if not before.isalnum() and not after.isalnum():
                    expected.add((found, found + len(text), kind))
                start = found + len(text)
        expected = _outermost(expected)
        predicted = {
            (m.start, m.end, type_map[m.type]) for m in recognise(body) if m.type in type_map
        }
        for key in ("all", item["language"]):
            scores[key].add(expected, predicted)
    return scores["all"], scores["id"], scores["en"]


def _outermost(found: set) -> set:
    """Gold names found inside longer gold names ("Putin" in "Vladimir Putin") count once."""
    return {a for a in found if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in found)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-only", action="store_true")
    args = parser.parse_args()
    if not ner_data.available():
        print("the NER data is not at ../shared/data/ner", file=sys.stderr)
        return 1
    tests = {
        "NERGRIT test": ner_data.nergrit("test"),
        "idner-news-2k test": ner_data.idner("test"),
        "BTC test (tweets, en)": ner_data.btc("test"),
    }
    if args.model_only:
        from reader.ner.model import MODEL_PATH

        for name, data in tests.items():
            print(f"{'CRF only, ' + name:<36} {score_sentences(MODEL_PATH, data).table_row()}")
    for name, data in tests.items():
        print(f"{'full, ' + name:<36} {score_pipeline(data).table_row()}")
    if GOLD.exists() and CORPUS.is_dir():
        for held_out, label in (
            (False, "hand-annotated, development"),
            (True, "hand-annotated, held out"),
        ):
            both, indonesian, english = score_gold_articles(held_out)
            print(f"{'full, ' + label:<36} {both.table_row()}")
            print(f"{'  of which Indonesian':<36} {indonesian.table_row()}")
            print(f"{'  of which English':<36} {english.table_row()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
