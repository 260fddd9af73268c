"""Matching a read-also line to an article title, allowing for small differences.

Outlets quote their own headlines loosely: different case and punctuation, a trailing "!",
tokenised hyphens ("U - 23"), a word added or changed. Titles are compared as folded keys,
first exactly, then with rapidfuzz's normalised edit-distance ratio.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from reader.fingerprint import fold

#: Minimum rapidfuzz ratio (0-100) for two title keys to name the same article.
MATCH_RATIO = 88.0
_NOT_WORD = re.compile(r"[\W_]+")
_PREFIX = re.compile(r"^(baca juga|read more|read also|lihat juga|simak juga)\s*:?\s*", re.I)


def title_key(text: str) -> str:
    """ "Baca juga: Kalah Penalti, Timnas U - 23 Gagal!" → "kalah penalti timnas u 23 gagal"."""
    text = _PREFIX.sub("", text.strip())
    return _NOT_WORD.sub(" ", fold(text)).strip()


def similarity(key_a: str, key_b: str) -> float:
    """How alike two title keys are, 0-100."""
    if not key_a or not key_b:
        return 0.0
    return float(fuzz.ratio(key_a, key_b))


def best_match(key: str, candidates: Iterable[tuple[int, str]]) -> tuple[int, float] | None:
    """The candidate (id, key) closest to ``key`` if it is close enough, else None."""
    best: tuple[int, float] | None = None
    for candidate_id, candidate_key in candidates:
        score = similarity(key, candidate_key)
        if score >= MATCH_RATIO and (best is None or score > best[1]):
            best = (candidate_id, score)
    return best


def content_words(key: str) -> set[str]:
    """Words that make a title findable (four letters or more)."""
    return {w for w in key.split() if len(w) >= 4}


def blocking_words(key: str, most: int = 2) -> list[str]:
    """The rarest words of a title key (by news-wide document frequency): a title close
    enough to match almost always shares one of them, so unresolved read-also lines are
    indexed by these words only and each new article is compared with few lines."""
    from reader.fingerprint import idf

    words = sorted(content_words(key), key=lambda w: (-idf(w), w))
    return words[:most]
