"""Search-result snippets: the stretch of an article where the searched words are densest,
with each match marked.

Made in Python for the one page of results shown, because SQLite's ``snippet()`` is worked
out for every row a query matches before it is ranked and cut: thousands of bodies for a
common word. Words are compared folded (lowercase, no diacritics), as the full-text index
compares them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from reader.fingerprint import fold
from reader.storage.search import MATCH_END, MATCH_START, Term

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Words in a snippet, as in the full-text ``snippet()`` call it replaces.
WIDTH = 16
ELLIPSIS = "…"
#: Windows are sought around the first this many matches.
MAX_MATCHES = 64


def make_snippet(text: str, terms: list[Term], width: int = WIDTH) -> str | None:
    """The ``width``-word stretch of ``text`` matching the most different terms (then the
    most matches, then the earliest), matches between :data:`MATCH_START` and
    :data:`MATCH_END`; None when no term occurs in ``text``."""
    folded = _fold_in_place(text)
    found = sorted(
        (match.start(), match.end(), number)
        for number, term in enumerate(terms)
        for match in _pattern(term).finditer(folded)
    )
    if not found:
        return None
    # Words are counted only as far as the first matches reach: a long article with the
    # searched word near its start is not read to its end.
    found = found[:MAX_MATCHES]
    reach = min(len(text), found[-1][1] + width * 40)
    tokens = list(_TOKEN.finditer(text, 0, reach))
    token_starts = [m.start() for m in tokens]
    token_ends = [m.end() for m in tokens]
    # Matches in token numbers: the token a match starts in, and the one after its last.
    matches = [
        (
            bisect_right(token_starts, start) - 1,
            bisect_left(token_ends, end) + 1,
            number,
        )
        for start, end, number in found
    ]
    first = _best_window(matches, len(token_starts), width)
    last = min(len(token_starts), first + width)
    begin, stop = token_starts[first], token_ends[last - 1]
    parts = [ELLIPSIS] if first > 0 else []
    position = begin
    for start, end, _number in found:
        if start < position or end > stop:
            continue  # outside the window, or overlapping a match already marked
        parts += [text[position:start], MATCH_START, text[start:end], MATCH_END]
        position = end
    parts.append(text[position:stop])
    if _TOKEN.search(text, stop):
        parts.append(ELLIPSIS)
    return "".join(parts)


@lru_cache(maxsize=256)
def _pattern(term: Term) -> re.Pattern[str]:
    words = [re.escape(fold(word)) for word in term.words]
    end = r"\w*" if term.prefix else r"(?!\w)"
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + end)


def _fold_in_place(text: str) -> str:
    """``text`` folded character by character, so that offsets stay those of ``text``
    (a character that folds to several keeps its lowercase form)."""
    if text.isascii():
        return text.lower()
    table = {ord(ch): _fold_char(ch) for ch in set(text) if ch.isupper() or not ch.isascii()}
    return text.translate(table)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    if len(folded) == 1:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _best_window(matches: list[tuple[int, int, int]], count: int, width: int) -> int:
    """First token of the best window; candidate windows start a little before a match."""
    starts = [start for start, _end, _term in matches]
    best, best_score = 0, (-1, -1, 0)
    lead = width // 4  # a few words of context before the first match
    for start in starts:
        first = max(0, min(start - lead, count - width))
        lo, hi = bisect_left(starts, first), bisect_right(starts, first + width - 1)
        inside = [term for _s, end, term in matches[lo:hi] if end <= first + width]
        score = (len(set(inside)), len(inside), -first)
        if score > best_score:
            best, best_score = first, score
    return best


def opening(text: str, width: int = WIDTH) -> str:
    """The first ``width`` words of ``text`` (for a result that matched elsewhere)."""
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) <= width:
        return text.strip()
    return text[: tokens[width - 1].end()].strip() + ELLIPSIS
