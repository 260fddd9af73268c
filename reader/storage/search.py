"""Turn what a person types into a safe FTS5 query.

FTS5 has its own query language (AND, OR, NEAR, quotes, ``*``, ``-``); user
input is never passed through raw. Words become quoted terms that must all
match; "quoted phrases" stay phrases; the last word matches as a prefix so
results appear while typing.
"""

from __future__ import annotations

import re

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32

#: Markers around matched words in snippets; the UI or CLI turns them into emphasis.
MATCH_START = "\x02"
MATCH_END = "\x03"


def fts_query(text: str, prefix_last: bool = True) -> str | None:
    """An FTS5 MATCH expression for free text, or None when it holds no words."""
    terms: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            terms.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", text)
    words = _WORD.findall(rest)
    for index, word in enumerate(words):
        term = f'"{word}"'
        if prefix_last and index == len(words) - 1 and not text[-1:].isspace():
            term += "*"
        terms.append(term)
    if not terms:
        return None
    return " AND ".join(terms[:MAX_TERMS])


def quote_term(word: str) -> str:
    """One word or phrase as an FTS5 string (never read as an operator)."""
    return '"' + word.replace('"', '""') + '"'
