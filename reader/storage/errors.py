"""Errors raised when a library file cannot be used."""

from __future__ import annotations


class LibraryError(Exception):
    """The library file cannot be opened or used; the message says why and what to do."""


class NewerLibraryError(LibraryError):
    """The library was written by a newer version of Reader and is left untouched."""
