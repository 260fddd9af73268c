"""Detect an article's language with py3langid, limited to languages Reader's users meet.

Detection costs about 1 µs per character (py3langid walks the bytes in
Python), so it looks at the opening 300 characters and reads further only
when unsure. Restricting the candidates keeps Indonesian from being mistaken for a
distant language on short texts; Malay stays a candidate, so genuinely
Malay text is still reported as such.

py3langid's model is xz-compressed and takes ~0.7 s to unpack, in every process that
detects a language (each import worker among them); the unpacked arrays for these
candidates are kept in Reader's cache folder and memory-mapped from there (a few ms).
"""

from __future__ import annotations

import array
import hashlib
import json
import logging
import math
import mmap
import struct
import threading
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np

from reader.paths import cache_dir, keep_cached

log = logging.getLogger(__name__)

CANDIDATES = ("id", "en", "ms", "jv", "nl", "de", "fr", "es", "it", "pt", "tl", "ar", "zh", "ja")
#: A quick look at the opening; a longer look when the quick answer is unsure
#: or is a language easily confused with Indonesian (Malay).
QUICK_CHARS = 300
CAREFUL_CHARS = 1500
QUICK_CONFIDENCE = 0.6
_COMMON = ("id", "en")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    cached = _cache_path()
    try:
        return _read_cache(cached, LanguageIdentifier)
    except FileNotFoundError:
        pass
    except Exception:  # a damaged or foreign file: unpack the model again
        log.warning("ignoring the unreadable language model cache %s", cached, exc_info=True)
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    _write_cache(identifier, cached)
    return identifier


def _cache_path() -> Path:
    """A cache file named after the py3langid version, its model file and the candidates."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    model = Path(MODEL_DIR) / MODEL_FILE
    key = f"{CACHE_FORMAT}|{py3langid.__version__}|{model.stat().st_size}|{','.join(CANDIDATES)}"
    return cache_dir() / f"langid-{hashlib.sha1(key.encode()).hexdigest()[:12]}.bin"


#: The cache file: MAGIC, the length of a JSON header (8 bytes, little-endian), the header
#: (the classes, and each array's dtype, shape and offset), then the arrays from DATA_START
#: on, each at an offset that is a multiple of ALIGN.
CACHE_FORMAT = 2
MAGIC = b"RDRLANG2"
DATA_START = 4096
ALIGN = 64
#: The arrays py3langid's tokenizer indexes one item at a time: read as memoryviews, which
#: index faster than numpy arrays and, like them, need no copy of the mapped file.
_WALKED = ("nextmove", "row", "output")
_ITEM_CODES = {("u", 2): "H", ("u", 4): "I", ("u", 8): "Q", ("i", 4): "i", ("i", 8): "q"}


def _read_cache(path: Path, identifier_class):
    """The identifier over a memory-mapped cache file: nothing is read or copied up front
    (the tokenizer's table alone is 40 MB), and the import workers share its pages."""
    with open(path, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if mapped[: len(MAGIC)] != MAGIC:
        raise ValueError("not a language model cache")
    (header_size,) = struct.unpack_from("<Q", mapped, len(MAGIC))
    header = json.loads(mapped[len(MAGIC) + 8 : len(MAGIC) + 8 + header_size])
    arrays = {}
    for name, (dtype, shape, offset) in header["arrays"].items():
        kind = np.dtype(dtype)
        size = math.prod(shape) * kind.itemsize
        if not kind.isnative or offset < DATA_START or offset + size > len(mapped):
            raise ValueError(f"the array {name} does not fit this file or machine")
        if name in _WALKED:
            code = _ITEM_CODES[(kind.kind, kind.itemsize)]
            arrays[name] = memoryview(mapped)[offset : offset + size].cast(code)
        else:
            arrays[name] = np.frombuffer(mapped, kind, math.prod(shape), offset).reshape(shape)
    return identifier_class(
        arrays["ptc"],
        arrays["pc"],
        header["classes"],
        arrays["nextmove"],
        arrays["output"],
        norm_probs=True,
        tk_row=arrays["row"],
    )


def _write_cache(identifier, path: Path) -> None:
    arrays = {
        "ptc": np.ascontiguousarray(identifier.nb_ptc),
        "pc": np.ascontiguousarray(identifier.nb_pc),
        "nextmove": _numpy_array(identifier.tk_nextmove),
        "row": _numpy_array(identifier.tk_row),
        "output": np.array(identifier.tk_output, dtype=np.int64),
    }
    layout, offset = {}, DATA_START
    for name, values in arrays.items():
        layout[name] = [values.dtype.str, list(values.shape), offset]
        offset += -(-values.nbytes // ALIGN) * ALIGN
    header = json.dumps({"classes": list(identifier.nb_classes), "arrays": layout}).encode()
    if len(MAGIC) + 8 + len(header) > DATA_START:
        log.warning("the language model's header is too long to keep (%d bytes)", len(header))
        return

    def write(out: BinaryIO) -> None:
        out.write(MAGIC + struct.pack("<Q", len(header)) + header)
        for name, values in arrays.items():
            out.seek(layout[name][2])
            out.write(values.tobytes())

    # Copies for another py3langid version, candidate list or format: ~40 MB each.
    keep_cached(path, write, "langid-*")


def _numpy_array(values: array.array) -> np.ndarray:
    return np.frombuffer(values, dtype=f"u{values.itemsize}")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    if sum(ch.isalpha() for ch in text[:200]) < 20:
        return None
    with _lock:
        identifier = _identifier()
        code, probability = identifier.classify(text[:QUICK_CHARS])
        if (code not in _COMMON or probability < QUICK_CONFIDENCE) and len(text) > QUICK_CHARS:
            code, probability = identifier.classify(text[:CAREFUL_CHARS])
    return str(code)
