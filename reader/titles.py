"""Matching a read-also line to an article title, allowing for small differences.

Outlets quote their own headlines loosely: different case and punctuation, a trailing "!",
tokenised hyphens ("U - 23"), a word added or changed. Titles are compared as folded keys,
first exactly, then with rapidfuzz's normalised edit-distance ratio.
"""

from __future__ import annotations

import re
from collections import defaultdict
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


class TitleIndex:
    """Unresolved read-also lines, blocked by their words, so that each new title is compared
    only with lines that share a word with it (not with every line in the library)."""

    def __init__(self, links: Iterable[tuple[int, str]]) -> None:
        self._keys: dict[int, str] = {}
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for link_id, key in links:
            self._keys[link_id] = key
            for word in content_words(key):
                self._by_word[word].append(link_id)

    def __bool__(self) -> bool:
        return bool(self._keys)

    def matches(self, title: str) -> list[int]:
        """Ids of the lines that name an article with this title key."""
        found = set()
        for word in content_words(title):
            found.update(self._by_word.get(word, ()))
        return [
            i for i in found if i in self._keys and similarity(title, self._keys[i]) >= MATCH_RATIO
        ]

    def discard(self, link_ids: Iterable[int]) -> None:
        for link_id in link_ids:
            self._keys.pop(link_id, None)
