"""Errors the import pipeline raises for input it refuses.

A :class:`Rejected` carries a reason worded for the person who dropped the
file; the importer reports it next to the file name and carries on.
"""

from __future__ import annotations


class Rejected(Exception):
    """The file is not an article Reader can import; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
