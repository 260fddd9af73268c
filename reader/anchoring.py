"""Keep a highlight attached to the right words when the article text changes.

Following the W3C Web Annotation model as Hypothesis uses it, a highlight stores the exact
quote, up to 32 characters before and after it, its character offsets into the article body
and a hash of that body. Re-anchoring tries, in order: the same text (offsets hold); the quote
still at the old offsets; the quote elsewhere (any spacing), the occurrence whose context and
position fit best; a fuzzy match of the quote (rapidfuzz), scored by its context; otherwise the
highlight is an orphan — kept and listed for review, never dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT = 32
#: Minimum rapidfuzz score (0-100) for a fuzzy match of a changed quote.
FUZZY_MIN = 85.0


@dataclass(frozen=True)
class Anchor:
    """Where a highlight is: the quote with its context, offsets and the text they refer to."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


def quote_pattern(quote: str) -> re.Pattern | None:
    """The quote's words with any spacing between them (None for a blank quote)."""
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words)) if words else None


def text_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def make_anchor(body: str, start: int, end: int, body_hash: str | None = None) -> Anchor:
    """An anchor for ``body[start:end]`` (``body_hash``: its :func:`text_hash`, when already
    known); raises ValueError for an empty or invalid range."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"no text between offsets {start} and {end}")
    return Anchor(
        quote=body[start:end],
        prefix=body[max(0, start - CONTEXT) : start],
        suffix=body[end : end + CONTEXT],
        start=start,
        end=end,
        text_hash=body_hash or text_hash(body),
    )


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past whitespace at either end."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _context_score(anchor: Anchor, body: str, start: int, end: int) -> float:
    """0-1: how well the text around a candidate matches the stored prefix and suffix."""
    before = body[max(0, start - CONTEXT) : start]
    after = body[end : end + CONTEXT]
    scores = []
    if anchor.prefix:
        scores.append(fuzz.ratio(anchor.prefix[-len(before) :] if before else "", before) / 100)
    if anchor.suffix:
        scores.append(fuzz.ratio(anchor.suffix[: len(after)] if after else "", after) / 100)
    return sum(scores) / len(scores) if scores else 0.5


def _best(anchor: Anchor, body: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The candidate whose context fits best, nearer the old position on a tie."""

    def rank(span: tuple[int, int]) -> tuple[float, float]:
        distance = abs(span[0] - anchor.start) / max(1, len(body))
        return (_context_score(anchor, body, *span) - 0.25 * distance, -distance)

    return max(spans, key=rank)


def _refine(quote: str, body: str, start: int, end: int) -> tuple[int, int]:
    """Let the ends of a fuzzy match move (words added or cut change its length): the
    boundaries that make the span most like the quote."""
    slack = max(4, len(quote) // 2)
    best = (fuzz.ratio(quote, body[start:end]), start, end)
    for new_end in range(max(start + 1, end - slack), min(len(body), end + slack) + 1):
        score = fuzz.ratio(quote, body[start:new_end])
        if score > best[0]:
            best = (score, start, new_end)
    _score, start, end = best
    for new_start in range(max(0, start - slack), min(end - 1, start + slack) + 1):
        score = fuzz.ratio(quote, body[new_start:end])
        if score > best[0]:
            best = (score, new_start, end)
    _score, start, end = best
    return trim(body, start, end)


def _by_context(anchor: Anchor, body: str, start: int, end: int) -> tuple[int, int]:
    """Where the stored prefix ends and the stored suffix begins near a fuzzy match, those
    are the highlight's ends (the surrounding text usually survives an edit of the quote)."""
    slack = max(8, len(anchor.quote) // 2)
    probe = anchor.suffix.strip()[:12]
    if probe:
        found = body.find(probe, max(start + 1, end - slack), end + slack + len(probe))
        if found != -1:
            end = found
    probe = anchor.prefix.strip()[-12:]
    if probe:
        found = body.rfind(probe, max(0, start - slack - len(probe)), min(end, start + slack))
        if found != -1:
            start = found + len(probe)
    return trim(body, start, end)


def _snap(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words (the window rapidfuzz returns may cut them)."""
    while start > 0 and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
        end += 1
    return start, end


def reanchor(anchor: Anchor, body: str) -> tuple[int, int] | None:
    """The anchor's (start, end) in ``body``, or None when the quote is gone (an orphan)."""
    if anchor.text_hash == text_hash(body) and anchor.end <= len(body):
        return anchor.start, anchor.end
    if body[anchor.start : anchor.end] == anchor.quote:
        return anchor.start, anchor.end
    pattern = quote_pattern(anchor.quote)
    if pattern is None:
        return None
    spans = [(m.start(), m.end()) for m in pattern.finditer(body)]
    if spans:
        return _best(anchor, body, spans)
    aligned = fuzz.partial_ratio_alignment(anchor.quote, body, score_cutoff=FUZZY_MIN)
    if aligned is None or aligned.dest_end <= aligned.dest_start:
        return None
    start, end = _refine(anchor.quote, body, aligned.dest_start, aligned.dest_end)
    start, end = _snap(body, *_by_context(anchor, body, start, end))
    if len(anchor.quote) >= 20 and _context_score(anchor, body, start, end) < 0.3:
        return None  # a similar phrase somewhere else, not this highlight
    return start, end
