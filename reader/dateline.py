"""Find the outlet and place in an article's opening dateline.

News bodies often open with "GenPI.co - ", "Jakarta, KOMPAS.com - ",
"Jakarta , CNN Indonesia - - " or "JAKARTA ( Pos Kota ) - ". The dateline is
lifted out of the body; its outlet becomes the article's source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A dateline is a short prefix ended by a dash (or two, as tokenised text writes an em dash).
_DATELINE = re.compile(r"^(?P<prefix>[^\n]{2,70}?)\s+(?:[-–—]\s*){1,2}(?=\S)")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|co|id|net|org|news|tv|info|my|sg)$", re.I)
_PARENS = re.compile(r"^(?P<outer>[^()]*?)\s*\(\s*(?P<inner>[^()]+?)\s*\)\s*$")
_WORD = re.compile(r"^[A-Z][\w.'&-]*$")


@dataclass(frozen=True)
class Dateline:
    """What the opening dateline said, and where the body proper starts."""

    text: str
    outlet: str | None
    place: str | None
    end: int


@lru_cache(maxsize=1)
def known_outlets() -> frozenset[str]:
    """Outlet names (case-folded) that carry no domain suffix, e.g. "Rimanews"."""
    from reader.assets import read_lines

    return frozenset(line.casefold() for line in read_lines("outlets.txt"))


def is_outlet(name: str) -> bool:
    """True for a domain-like name or one on the known-outlet list."""
    name = name.strip()
    return bool(_DOMAIN.match(name)) or name.casefold() in known_outlets()


def _is_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 4 and all(_WORD.match(w) for w in words)


def find_dateline(paragraph: str) -> Dateline | None:
    """Split a dateline off the first paragraph, if it opens with one."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    prefix = match.group("prefix").strip(" ,")
    outlet = place = None
    parens = _PARENS.match(prefix)
    if parens:  # "Jakarta ( ANTARA News )", "CIREBON ( Pos Kota )"
        outer, inner = parens.group("outer").strip(" ,"), parens.group("inner")
        if not (_is_name(inner) and (not outer or _is_name(outer))):
            return None
        outlet, place = inner, outer or None
    else:
        parts = [p.strip() for p in prefix.split(",")]
        if len(parts) > 2 or not all(_is_name(p) or is_outlet(p) for p in parts):
            return None
        outlets = [p for p in parts if is_outlet(p)]
        places = [p for p in parts if p not in outlets]
        if len(parts) == 2 and not outlets:
            # "Jakarta , CNN Indonesia": the outlet follows the place.
            places, outlets = [parts[0]], [parts[1]]
        outlet = outlets[0] if outlets else None
        place = places[0] if places else None
        if outlet is None and place is not None and len(place.split()) > 2:
            return None
    return Dateline(text=prefix, outlet=outlet, place=place, end=match.end())
