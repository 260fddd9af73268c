"""Parameters for ``IN (...)`` lists: placeholders, and long lists cut into chunks that stay
under SQLite's limit on bound variables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
#: Values per ``IN (...)`` list (SQLite allows 32,766 bound variables; far fewer keeps the
#: statements small).
CHUNK = 500


def marks(values: Sequence[Any]) -> str:
    """``?,?,?`` for as many values."""
    return ",".join("?" * len(values))


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[list[T]]:
    """The values in lists of at most ``size``."""
    for start in range(0, len(values), size):
        yield list(values[start : start + size])
