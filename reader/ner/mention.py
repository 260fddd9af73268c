"""What the recogniser finds: a mention of a named entity in an article's text.

Its own module, so that storage and the window can handle mentions without loading the
recogniser (its rules, lists and model)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """One mention: offsets into the text, its type and the entity's canonical name."""

    start: int
    end: int
    text: str
    type: str
    canonical: str
    source: str  # model | gazetteer | learned | consistency | rule
    confidence: float
