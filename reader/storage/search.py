"""Turn what a person types into a safe FTS5 query.

FTS5 has its own query language (AND, OR, NEAR, quotes, ``*``, ``-``); user
input is never passed through raw. Words become quoted terms that must all
match; "quoted phrases" stay phrases; the last word matches as a prefix so
results appear while typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32

#: Markers around matched words in snippets; the UI or CLI turns them into emphasis.
MATCH_START = "\x02"
MATCH_END = "\x03"


@dataclass(frozen=True)
class Term:
    """One thing a search asks for: a word, or a phrase of words; the last word of what is
    being typed also matches as a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def query_terms(text: str, prefix_last: bool = True) -> list[Term]:
    """The terms of free text ("quoted phrases" and words), at most :data:`MAX_TERMS`."""
    terms: list[Term] = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            terms.append(Term(tuple(words)))
    rest = _PHRASE.sub(" ", text)
    words = _WORD.findall(rest)
    for index, word in enumerate(words):
        prefix = prefix_last and index == len(words) - 1 and not text[-1:].isspace()
        terms.append(Term((word,), prefix))
    return terms[:MAX_TERMS]


def fts_query(text: str, prefix_last: bool = True) -> str | None:
    """An FTS5 MATCH expression for free text, or None when it holds no words."""
    return fts_expression(query_terms(text, prefix_last))


def fts_expression(terms: list[Term]) -> str | None:
    """The FTS5 MATCH expression asking for all of ``terms``; None for no terms."""
    if not terms:
        return None
    return " AND ".join(
        '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "") for term in terms
    )


def quote_term(word: str) -> str:
    """One word or phrase as an FTS5 string (never read as an operator)."""
    return '"' + word.replace('"', '""') + '"'
