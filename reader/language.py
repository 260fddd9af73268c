"""Detect an article's language with py3langid, limited to languages Reader's users meet.

Detection costs about 1 µs per character (py3langid walks the bytes in
Python), so it looks at the opening 300 characters and reads further only
when unsure. Restricting the candidates keeps Indonesian from being mistaken for a
distant language on short texts; Malay stays a candidate, so genuinely
Malay text is still reported as such.

py3langid's model is xz-compressed and takes ~0.7 s to unpack, in every process that
detects a language (each import worker among them); the unpacked arrays for these
candidates are kept in Reader's cache folder and load in a tenth of that.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from reader.paths import cache_dir

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
        with np.load(cached) as data:
            return LanguageIdentifier(
                data["ptc"],
                data["pc"],
                data["classes"].tolist(),
                _stdlib_array(data["nextmove"]),
                data["output"].tolist(),
                norm_probs=True,
                tk_row=_stdlib_array(data["row"]),
            )
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
    key = f"{py3langid.__version__}|{model.stat().st_size}|{','.join(CANDIDATES)}"
    return cache_dir() / f"langid-{hashlib.sha1(key.encode()).hexdigest()[:12]}.npz"


def _write_cache(identifier, path: Path) -> None:
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            partial,
            ptc=identifier.nb_ptc,
            pc=identifier.nb_pc,
            classes=np.array(identifier.nb_classes),
            nextmove=_numpy_array(identifier.tk_nextmove),
            row=_numpy_array(identifier.tk_row),
            output=np.array(identifier.tk_output, dtype=np.int64),
        )
        os.replace(partial, path)  # whole or absent, also with workers writing side by side
    except OSError:
        log.warning("could not keep the language model in %s", path, exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return
    # Copies for another py3langid version or candidate list are not read again (~40 MB each).
    for stale in path.parent.glob("langid-*.npz"):
        if not stale.name.startswith(path.stem):
            with contextlib.suppress(OSError):
                stale.unlink()


def _numpy_array(values: array.array) -> np.ndarray:
    return np.frombuffer(values, dtype=f"u{values.itemsize}")


def _stdlib_array(values: np.ndarray) -> array.array:
    """The stdlib array py3langid's tokenizer indexes (faster per item than numpy's)."""
    out = array.array({2: "H", 4: "I", 8: "Q"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


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
