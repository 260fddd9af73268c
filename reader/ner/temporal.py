"""Date and time expressions found by rules, in Indonesian and English.

"Minggu (13/3)", "24 Februari", "15 Maret 2022", "pada 2014", "Feb 3, 2025", "Senin pagi".
"""

from __future__ import annotations

import re

_DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = (
    r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
    r"Nopember|Desember|January|February|March|May|June|July|August|October|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Agu|Aug|Sept|Sep|Okt|Oct|Nov|Des|Dec)\.?)(?!\w)"
)
_PATTERNS = [
    # Minggu (13/3), Kamis (24/11/2016), Senin, 3 Februari 2025
    rf"\b{_DAYS}\s*\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*\)",
    rf"\b(?:{_DAYS},?\s+)?\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?(?:,?\s+(?:pukul\s+)?\d{{1,2}}[.:]\d{{2}}(?:\s*(?:WIB|WITA|WIT))?)?",
    rf"\b{_MONTHS}\s+\d{{4}}\b",
    rf"\b(?:{_DAYS},?\s+)?{_MONTHS}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,\s*\d{{4}})?",
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b{_DAYS}(?:\s+(?:pagi|siang|sore|malam|lalu|kemarin|depan|morning|afternoon|evening|night))?\b",
    r"\b(?:19|20)\d{2}\b",  # a bare year counts only after a cue word (see find_dates)
]
_DATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_CUE = re.compile(r"\b(?:pada|tahun|sejak|hingga|sampai|since|in|until|by)\s+$", re.IGNORECASE)


def find_dates(text: str) -> list[tuple[int, int]]:
    """Character spans of date expressions, non-overlapping, left to right."""
    spans = []
    for match in _DATE.finditer(text):
        if _YEAR.fullmatch(match.group()) and not _YEAR_CUE.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue
        spans.append((match.start(), match.end()))
    return spans


DAY_AND_MONTH_NAMES = frozenset(re.findall(r"[A-Z][a-z']+", _DAYS + _MONTHS))
