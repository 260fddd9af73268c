"""Date lines: the common shapes read without dateparser give what dateparser gives."""

from __future__ import annotations

import itertools
from datetime import datetime

import dateparser
import pytest

from reader import dates

DAYS = ["Senin", "JUMAT", "Friday", "sunday", "Kamis", "Tuesday"]


def _lines() -> list[str]:
    lines = []
    names = sorted({name for months in dates.MONTHS.values() for names in months for name in names})
    for index, (name, day) in enumerate(itertools.product(names, ["1", "09", "29", "31"])):
        month = [name.title(), name.upper(), name][index % 3]
        weekday = DAYS[index % len(DAYS)]
        year = ["2021", "2024", "1999"][index % 3]
        time = ["", " 06:25", ", 23:59", " 24:00"][index % 4]
        lines += [
            f"{day} {month} {year}{time}",
            f"{weekday}, {day} {month} {year}{time}",
            f"{month} {day}, {year}{time}",
            f"{weekday}, {month} {day} {year}",
        ]
    return lines


def test_common_shapes_read_as_dateparser_reads_them() -> None:
    read_here = 0
    for line in _lines():
        ours = dates._parse_common(line)
        if ours is None:
            continue  # left to dateparser
        read_here += 1
        theirs = dateparser.parse(line, languages=["id", "en"], settings=dates._SETTINGS)
        assert ours == theirs, line
    assert read_here > len(_lines()) / 2  # the rest: mixed languages, impossible dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("15 Maret 2022 06:25", datetime(2022, 3, 15, 6, 25)),
        ("Senin, 3 Februari 2025 14:05", datetime(2025, 2, 3, 14, 5)),
        ("Friday, January 4, 2019", datetime(2019, 1, 4)),
        ("Feb 3, 2025", datetime(2025, 2, 3)),
    ],
)
def test_the_commonest_shapes_need_no_dateparser(line: str, expected: datetime) -> None:
    assert dates._parse_common(line) == expected


@pytest.mark.parametrize(
    "line", ["29 Februari 2021", "31 April 2024 06:25", "15 Maret 2022 25:10", "Smarch 3, 2020"]
)
def test_impossible_or_unknown_dates_are_left_to_dateparser(line: str) -> None:
    assert dates._parse_common(line) is None
