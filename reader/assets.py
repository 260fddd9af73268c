"""Find the data files Reader ships in ``resources/`` (installed as ``reader.resources``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """Path of a file shipped in ``resources/``."""
    return Path(str(resources.files("reader.resources").joinpath(name)))


def read_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a shipped text file."""
    text = resource_path(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
