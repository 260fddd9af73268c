"""The CRF's summed weights of common words, kept in the cache folder between processes.

Every new process (each import worker among them) would otherwise work out the features of
every word it meets and sum their weights, ~26 µs a word: a quarter of the tagging time of
a worker's first few hundred articles, spent again by every worker on the same common
words. A worker leaves the words it summed here when it exits; the next ones start from
them. The file is named after the model and the code that sums (any change to either makes a
new file), written whole or not at all, and read only if it fits the model.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np

from reader.ner import crf, features
from reader.paths import cache_dir, keep_cached

log = logging.getLogger(__name__)

MAGIC = b"RDRWORD1"
_HEADER = struct.Struct("<QQQ")  # words, bytes of the word list, values per word


def cache_path(model_path: Path) -> Path:
    """The cache file for this model and this version of the code that sums its weights."""
    return cache_dir() / f"crf-words-{_key(Path(model_path))}.bin"


@lru_cache(maxsize=4)
def _key(model_path: Path) -> str:
    """A digest of the model and the code that sums (3 MB read once a process, not at every
    tagger's start and every save)."""
    from reader.assets import resource_path

    digest = hashlib.sha1(model_path.read_bytes())
    for source in (features.__file__, crf.__file__, resource_path("models/capitalisation.tsv")):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:12]


def stamp(model_path: Path) -> tuple[int, int] | None:
    """The cache file's modification time and size (None if there is none): it changed if
    these did, as it is only ever replaced whole."""
    try:
        info = cache_path(model_path).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def load(model_path: Path) -> tuple[list[str], np.ndarray] | None:
    """Words and their sums (words × values), or None when there is no usable file."""
    path = cache_path(model_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("cannot read the word cache %s", path, exc_info=True)
        return None
    try:
        if data[: len(MAGIC)] != MAGIC:
            raise ValueError("not a word cache")
        count, size, width = _HEADER.unpack_from(data, len(MAGIC))
        start = len(MAGIC) + _HEADER.size
        words = data[start : start + size].decode("utf-8").split("\n") if count else []
        values = np.frombuffer(data, np.float64, count * width, _aligned(start + size))
        if len(words) != count:
            raise ValueError("the word list does not match its count")
        return words, values.reshape(count, width)
    except (ValueError, struct.error, UnicodeDecodeError):
        log.warning("ignoring the damaged word cache %s", path, exc_info=True)
        return None


def save(model_path: Path, words: list[str], values: np.ndarray) -> None:
    """Keep ``words`` and their sums (words × values) for the next processes."""
    path = cache_path(model_path)
    listed = "\n".join(words).encode("utf-8")
    header = MAGIC + _HEADER.pack(len(words), len(listed), values.shape[1] if len(words) else 0)

    def write(out: BinaryIO) -> None:
        out.write(header + listed)
        out.write(b"\0" * (_aligned(len(header) + len(listed)) - len(header) - len(listed)))
        out.write(np.ascontiguousarray(values, dtype=np.float64).tobytes())

    keep_cached(path, write, "crf-words-*")  # files for another model or code go


def _aligned(offset: int) -> int:
    return -(-offset // 8) * 8
