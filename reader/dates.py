"""Recognise and parse the publication-date line of an article.

Saved pages put the date on a line of its own in many shapes ("15 Maret 2022
06:25", "Senin, 3 Februari 2025 14:05 WIB", "03/02/2025, 14:05 WIB",
"Feb 3, 2025 2:05 PM", "2019-01-04"). A cheap regex decides whether a line
could be a date at all; dateparser, which knows Indonesian and English month
and day names, does the parsing, except for ISO dates and the two commonest
shapes, read here as dateparser reads them (tests/test_dates.py) in a
thousandth of the time. Times are kept as printed (local time).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache

log = logging.getLogger(__name__)

#: Month names with the usual abbreviations → month number, per language: dateparser reads a
#: line in one language, so an Indonesian day name with an English month is not a date to it.
MONTHS = {
    "id": (
        ("jan", "januari"),
        ("feb", "februari", "pebruari"),
        ("mar", "maret"),
        ("apr", "april"),
        ("mei",),
        ("jun", "juni"),
        ("jul", "juli"),
        ("agu", "agt", "agustus"),
        ("sep", "sept", "september"),
        ("okt", "oktober"),
        ("nov", "nopember", "november"),
        ("des", "desember"),
    ),
    "en": (
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
}
DAY_NAMES = {
    "id": ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
_MONTHS = "|".join(
    dict.fromkeys(name for months in MONTHS.values() for names in months for name in names)
)
_DATE_HINT = re.compile(
    rf"\b\d{{1,2}}\s*(?:{_MONTHS})\.?\s*,?\s*\d{{2,4}}\b"  # 15 Maret 2022
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b"  # Feb 3, 2025
    r"|\b\d{4}-\d{2}-\d{2}\b"  # 2019-01-04
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # 03/02/2025
    rf"|\b\d{{1,2}}-(?:{_MONTHS})-\d{{2,4}}\b",  # 10-Sep-19
    re.IGNORECASE,
)
_TIMEZONE_WORDS = re.compile(r"\b(WIB|WITA|WIT|UTC|GMT)\b\.?", re.IGNORECASE)
_LABEL = re.compile(
    r"^\s*(?:diterbitkan|dipublikasikan|published|posted|updated|diperbarui|tanggal|date)\s*:?\s*",
    re.IGNORECASE,
)
MAX_DATE_LINE = 80
_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def looks_like_date_line(line: str) -> bool:
    """Cheap test: a short line that contains something shaped like a date."""
    return len(line) <= MAX_DATE_LINE and _DATE_HINT.search(line) is not None


def parse_date_line(line: str) -> datetime | None:
    """Parse a whole line as a date (and time); None if it is not one."""
    line = line.strip()
    if not looks_like_date_line(line):
        return None
    return _parse_cached(line)


def parse_date(text: str) -> datetime | None:
    """Parse a date written in any form (ISO, metadata fields, date lines)."""
    text = text.strip()
    if not text or len(text) > MAX_DATE_LINE:
        return None
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    return _parse_cached(text)


def to_iso(moment: datetime | None) -> str | None:
    """ISO 8601 without seconds when they are zero ("2022-03-15T06:25")."""
    if moment is None:
        return None
    moment = moment.replace(tzinfo=None, microsecond=0)
    if moment.hour == moment.minute == moment.second == 0:
        return moment.strftime("%Y-%m-%d")
    if moment.second == 0:
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


_MONTH_NUMBERS = {
    language: {name: number for number, names in enumerate(months, 1) for name in names}
    for language, months in MONTHS.items()
}
_DAY_LANGUAGE = {day: language for language, days in DAY_NAMES.items() for day in days}
#: The shapes most date lines take ("Senin, 15 Maret 2022 06:25", "Friday, January 4, 2019"),
#: read without dateparser (~2.5 ms a line, and ~0.25 s to load in every process).
_COMMON_DATE = re.compile(
    r"(?:(?P<weekday>[a-z]+),?\s+)?"
    r"(?:(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})"
    r"|(?P<month2>[a-z]+)\s+(?P<day2>\d{1,2}),?\s+(?P<year2>\d{4}))"
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?",
    re.IGNORECASE,
)


def _parse_common(text: str) -> datetime | None:
    """The date of a line in one of the common shapes; None for any other line (which
    dateparser reads), also for a shape with an impossible date."""
    match = _COMMON_DATE.fullmatch(text)
    if match is None:
        return None
    name = (match["month"] or match["month2"]).lower()
    if match["weekday"]:
        language = _DAY_LANGUAGE.get(match["weekday"].lower())
        month = _MONTH_NUMBERS[language].get(name) if language else None
    else:
        month = _MONTH_NUMBERS["id"].get(name) or _MONTH_NUMBERS["en"].get(name)
    if month is None:
        return None
    try:
        return datetime(
            int(match["year"] or match["year2"]),
            month,
            int(match["day"] or match["day2"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
        )
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_cached(line: str) -> datetime | None:
    cleaned = _LABEL.sub("", line)
    cleaned = _TIMEZONE_WORDS.sub("", cleaned).replace("|", " ").strip(" ,-–·")
    iso = _parse_iso(cleaned)
    if iso is not None:
        return iso
    result = _parse_common(cleaned)
    if result is None:
        result = _dateparser(cleaned)
    if result is None or not 1900 <= result.year <= 2100:
        return None
    return result


def _dateparser(text: str) -> datetime | None:
    import dateparser

    try:
        return dateparser.parse(text, languages=["id", "en"], settings=_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None
