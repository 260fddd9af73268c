"""The user's corrections, applied over every extraction (now and for future imports).

Corrections are stated in names, not offsets, so they survive re-parsing and
re-extraction: "remove 'Sementara'", "retype 'Madrid' as ORGANIZATION", "add
'Yang Jiechi' as PERSON", "merge 'Zelensky' into 'Volodymyr Zelenskyy'",
"rename 'Jokowi' to 'Joko Widodo'". Each applies to one article or everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reader.ner.mention import Mention

KINDS = ("add", "remove", "retype", "merge", "rename")


@dataclass(frozen=True)
class Correction:
    """One correction. ``text`` is the surface text (add/remove/retype) or the canonical
    name being merged or renamed; ``type`` narrows it to one entity type."""

    kind: str
    text: str
    type: str | None = None
    new_type: str | None = None
    new_name: str | None = None
    article_id: int | None = None  # None: everywhere
    id: int | None = None


def apply(text: str, mentions: list[Mention], corrections: list[Correction]) -> list[Mention]:
    """Mentions after the corrections, in order of their creation (later ones win)."""
    result = list(mentions)
    for correction in corrections:
        if correction.kind == "remove":
            result = [m for m in result if not _same(m, correction)]
        elif correction.kind == "retype":
            result = [
                replace(m, type=correction.new_type) if _same(m, correction) else m for m in result
            ]
        elif correction.kind == "add":
            result = _add(text, result, correction)
        elif correction.kind in ("merge", "rename"):
            result = [
                replace(m, canonical=correction.new_name, type=correction.new_type or m.type)
                if m.canonical == correction.text
                and (correction.type is None or m.type == correction.type)
                else m
                for m in result
            ]
    return sorted(result, key=lambda m: m.start)


def _same(mention: Mention, correction: Correction) -> bool:
    if correction.type is not None and mention.type != correction.type:
        return False
    return mention.text == correction.text or mention.canonical == correction.text


def _add(text: str, mentions: list[Mention], correction: Correction) -> list[Mention]:
    pattern = re.compile(r"(?<!\w)" + re.escape(correction.text) + r"(?!\w)")
    added = []
    for match in pattern.finditer(text):
        start, end = match.span()
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(m.start == start and m.end == end for m in overlapping):
            mentions = [
                replace(m, type=correction.type or m.type, source="user")
                if m.start == start and m.end == end
                else m
                for m in mentions
            ]
            continue
        mentions = [m for m in mentions if m not in overlapping]
        added.append(
            Mention(
                start,
                end,
                match.group(),
                correction.type or "PERSON",
                correction.new_name or match.group(),
                "user",
                1.0,
            )
        )
    return mentions + added
