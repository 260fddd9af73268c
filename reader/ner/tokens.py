"""Tokens with character offsets, and sentence boundaries, for tagging."""

from __future__ import annotations

import re
from typing import NamedTuple

# Words keep inner hyphens, dots and apostrophes ("Jum'at", "U.S", "COVID-19"), but a
# possessive "'s" is split off so that "Trump's" yields the name "Trump".
_TOKEN = re.compile(r"\w+(?:[-.]\w+)*(?:['’](?!s\b)\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = {".", "!", "?"}
#: A full stop after these is an abbreviation, not the end of a sentence.
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "Jr",
        "Sr",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Rep",
        "Sen",
        "Gov",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "vs",
        "No",
        "Jl",
        "Ir",
        "H",
        "Hj",
        "KH",
    ]
)


class Token(NamedTuple):
    """A word or punctuation mark and its offsets in the text (a tuple: made for every word
    of every article, and tuples are the cheapest objects to make)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    # tuple.__new__ skips the named tuple's Python-level constructor: one call a word.
    new = tuple.__new__
    return [new(Token, (m.group(), *m.span())) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """The tokens' texts alone (no offsets): cheaper, for names looked up by their words."""
    return _TOKEN.findall(text)


def sentences(text: str, tokens: list[Token] | None = None) -> list[list[Token]]:
    """Split tokens into sentences at end punctuation and at paragraph breaks."""
    tokens = tokenize(text) if tokens is None else tokens
    result: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        if current and "\n" in text[current[-1].end : token.start]:
            result.append(current)
            current = []
        current.append(token)
        if token.text in _SENTENCE_END:
            previous = tokens[index - 1].text if index else ""
            if token.text == "." and (
                (len(previous) == 1 and previous.isupper()) or previous in _ABBREVIATIONS
            ):
                continue  # "John R. Bolton", "Dr. Wibisono"
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                following is None
                or following.text[:1].isupper()
                or not following.text[:1].isalpha()
            ):
                result.append(current)
                current = []
    if current:
        result.append(current)
    return result
