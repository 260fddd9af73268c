"""What an article's wording looks like, in two compact forms computed once at import.

* **Keywords**: the ~20 words that characterise the article (TF-IDF against word document
  frequencies shipped in ``resources/models/term_df.tsv``), L2-normalised, so that two articles'
  wording similarity is the dot product over the keywords they share.
* **MinHash**: a signature of the article's 4-word shingles, cut into bands for
  locality-sensitive lookup, which finds the same story republished with light edits.

MinHash is the textbook universal-hash construction written with numpy: ``datasketch`` does the
same, but importing it loads scipy, which added about two seconds to every start of the app and
of every import worker process.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

KEYWORDS = 20
SHINGLE = 4
BANDS = 20
ROWS = 3
NUM_PERM = BANDS * ROWS
_SEED = 7
_WORD = re.compile(r"\w+")
_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F], dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """An article's keywords (term → weight) and MinHash signature and bands."""

    keywords: dict[str, float]
    signature: bytes
    bands: tuple[int, ...]


class _CombiningMarks(dict):
    """A ``str.translate`` table deleting combining marks, filled in as characters are met
    (translate looks each character up in C; a generator over the text would not)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_STRIP_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Lowercase without diacritics, the way the full-text index folds words."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_STRIP_MARKS)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def is_term(word: str) -> bool:
    """Words worth weighing: three letters or more, not a number."""
    return len(word) >= 3 and not word.isdigit() and "_" not in word


@lru_cache(maxsize=1)
def _document_frequencies() -> tuple[int, dict[str, int]]:
    from reader.assets import resource_path

    documents, table = 1, {}
    for line in resource_path("models/term_df.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# documents"):
            documents = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            term, df = line.split("\t")
            table[term] = int(df)
    return documents, table


def idf(term: str) -> float:
    """Rarity of a word in news text; words unseen in the reference counts are the rarest."""
    documents, table = _document_frequencies()
    return math.log((documents + 1) / (table.get(term, 0) + 1)) + 1.0


def keywords(
    title: str, body: str, limit: int = KEYWORDS, body_words: list[str] | None = None
) -> dict[str, float]:
    """The article's most characteristic words with unit-length TF-IDF weights.
    Title words count twice: a headline says what the article is about."""
    tokens = words(body) if body_words is None else body_words
    counts = Counter(tokens)  # counted in C, then only distinct words are checked
    for word in words(title):
        counts[word] += 2
    documents, table = _document_frequencies()  # idf(), inlined: a call per word adds up
    scored = sorted(
        ((1.0 + math.log(n)) * (math.log((documents + 1) / (table.get(term, 0) + 1)) + 1.0), term)
        for term, n in counts.items()
        if is_term(term)
    )[-limit:]
    norm = math.sqrt(sum(w * w for w, _ in scored)) or 1.0
    return {term: round(weight / norm, 4) for weight, term in reversed(scored)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM permutations h → a·h + b (mod 2^32, a odd), fixed by the seed — drawn as
    datasketch's "affine32" scheme draws them, which earlier versions of Reader used, so
    that signatures already stored stay comparable with new ones."""
    generator = np.random.RandomState(_SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _premix(hashes: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (a bijection that spreads similar inputs apart)."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of every run of SHINGLE words: CRC-32 per word, combined in numpy
    (stable across processes and runs, unlike Python's ``hash``)."""
    if not tokens:
        return np.zeros(1, dtype=np.uint64)
    per_word = np.fromiter(
        (zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens)
    )
    if len(per_word) < SHINGLE:
        per_word = np.concatenate([per_word, np.zeros(SHINGLE - len(per_word), np.uint64)])
    count = len(per_word) - SHINGLE + 1
    combined = np.zeros(count, dtype=np.uint64)
    for i in range(SHINGLE):
        combined = (combined + per_word[i : i + count] * _MULTIPLIERS[i]) & np.uint64(0xFFFFFFFF)
    return np.unique(combined)


def minhash(body: str, body_words: list[str] | None = None) -> np.ndarray:
    """MinHash signature (NUM_PERM 32-bit values) of the body's word 4-shingles."""
    tokens = words(body) if body_words is None else body_words
    hashes = shingle_hashes(tokens)
    a, b = _permutations()
    mixed = _premix(hashes.astype(np.uint32))
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps: the modulo 2^32
        permuted = mixed[:, None] * a[None, :] + b[None, :]
    return permuted.min(axis=0)


def _band_hashes(values: np.ndarray) -> tuple[int, ...]:
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return tuple(out)


def fingerprint(title: str, body: str) -> Fingerprint:
    """Keywords and MinHash bands for an article."""
    tokens = words(body)
    values = minhash(body, tokens)
    return Fingerprint(
        keywords(title, body, body_words=tokens), values.tobytes(), _band_hashes(values)
    )


def resemblance(signature_a: bytes, signature_b: bytes) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets (0..1)."""
    a = np.frombuffer(signature_a, dtype=np.uint32)
    b = np.frombuffer(signature_b, dtype=np.uint32)
    if a.shape != b.shape or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
