"""Detect an article's language with py3langid, limited to languages Reader's users meet.

Restricting the candidates keeps Indonesian from being mistaken for a
distant language on short texts; Malay stays a candidate, so genuinely
Malay text is still reported as such.
"""

from __future__ import annotations

import threading
from functools import lru_cache

CANDIDATES = ("id", "en", "ms", "jv", "nl", "de", "fr", "es", "it", "pt", "tl", "ar", "zh", "ja")
SAMPLE_CHARS = 1000
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:200]) < 20:
        return None
    with _lock:
        identifier = _identifier()
        code, _probability = identifier.classify(sample)
    return str(code)
