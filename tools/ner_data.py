"""Readers for the labelled NER data in ../shared/data/ner, mapped to PER / ORG / LOC.

Used only by the training and evaluation tools; the data is never copied into the repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner"
Sentence = list[tuple[str, str]]

_MAP = {
    "PERSON": "PER",
    "PER": "PER",
    "PPL": "PER",
    "ORGANISATION": "ORG",
    "ORG": "ORG",
    "IND": "ORG",
    "PLACE": "LOC",
    "LOC": "LOC",
    "PLC": "LOC",
}


def _tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    mapped = _MAP.get(kind)
    return f"{prefix}-{mapped}" if mapped else "O"


def _blocks(path: Path, column: int, sep: str | None) -> Iterator[Sentence]:
    sentence: Sentence = []
    with open(path, encoding="utf-8", newline="") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) <= column:
                continue
            token, tag = parts[0].strip(), parts[column].strip()
            if token:
                sentence.append((token, _tag(tag)))
    if sentence:
        yield sentence


def nergrit(split: str) -> list[Sentence]:
    """split: train, valid, test."""
    return list(_blocks(DATA / "nergrit" / f"{split}_preprocess.txt", 1, "\t"))


def idner(split: str) -> list[Sentence]:
    """split: train, dev, test. Test sentences also found in NERP are kept (NERP is not used)."""
    return list(_blocks(DATA / "idner-news-2k" / f"{split}.txt", 2, None))


def btc(split: str) -> list[Sentence]:
    """The corpus authors' split: train = a+b+e+g+first 1,000 of h, dev = rest of h, test = f.

    Relabelled for news: a bare "@" and @-mentions are dropped, URLs dropped, "#" stripped.
    """
    folder = DATA / "broad-twitter-corpus"

    def read(name: str) -> list[Sentence]:
        out = []
        for sentence in _blocks(folder / f"{name}.conll", 1, "\t"):
            cleaned: Sentence = []
            for token, tag in sentence:
                if token.startswith("@") or token.startswith("http") or token in ("RT", "@"):
                    continue
                if token.startswith("#") and len(token) > 1:
                    token = token[1:]
                if tag.startswith("I-") and (not cleaned or cleaned[-1][1] == "O"):
                    tag = "B-" + tag[2:]
                cleaned.append((token, tag))
            if cleaned:
                out.append(cleaned)
        return out

    if split == "test":
        return read("f")
    h = read("h")
    if split == "dev":
        return h[1000:]
    return read("a") + read("b") + read("e") + read("g") + h[:1000]


def available() -> bool:
    return (DATA / "nergrit").is_dir()
