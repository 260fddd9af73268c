"""The shipped CRF model, loaded lazily, with one tagger per thread; each tagger starts from
the words earlier processes summed (``reader.ner.word_cache``)."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import numpy as np

from reader.assets import resource_path
from reader.ner import word_cache
from reader.ner.crf import ArticleTagger, CrfModel, Tagged, read_model

__all__ = [
    "MODEL_PATH",
    "Tagged",
    "crf_model",
    "keep_words",
    "tag_sentences",
    "take_kept_words",
]

log = logging.getLogger(__name__)

MODEL_PATH = resource_path("models/ner-crf.crfsuite")
_local = threading.local()


@lru_cache(maxsize=1)
def crf_model() -> CrfModel:
    return read_model(MODEL_PATH)


def _tagger() -> ArticleTagger:
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = ArticleTagger(crf_model())
        _take_kept(tagger)
    return tagger


def take_kept_words() -> None:
    """Give this thread's tagger, if it has started, the words kept since it took them: a
    worker forked from a process whose tagger started before other workers kept theirs
    (``reader.worker_processes``) would otherwise sum them all again."""
    tagger = getattr(_local, "tagger", None)
    if tagger is not None:
        _take_kept(tagger)


def _take_kept(tagger: ArticleTagger) -> None:
    stamp = word_cache.stamp(MODEL_PATH)
    if stamp is None or stamp == getattr(_local, "kept_stamp", None):
        return
    _local.kept_stamp = stamp
    kept = word_cache.load(MODEL_PATH)
    if kept is not None:
        words, values = kept
        try:
            tagger.add_known(words, values.reshape(len(words), *tagger.word_shape))
        except ValueError:
            log.warning("ignoring kept words that do not fit the model", exc_info=True)


def keep_words() -> None:
    """Leave the words this thread's tagger summed for the next processes (with those
    another process left meanwhile), when it summed new ones. A failure is logged, not
    raised: it is a cache, and the next taggers only sum the words again."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None or not tagger.learned:
        return
    try:
        words, values = tagger.known_words()
        limit = tagger.max_words // 2
        words, values = words[:limit], values[:limit].reshape(min(len(words), limit), -1)
        kept = word_cache.load(MODEL_PATH) if len(words) < limit else None
        if kept is not None:
            own = set(words)
            others = [i for i, word in enumerate(kept[0]) if word not in own]
            others = others[: limit - len(words)]
            if others and kept[1].shape[1] == values.shape[1]:
                words = words + [kept[0][i] for i in others]
                values = np.concatenate([values, kept[1][others]])
        word_cache.save(MODEL_PATH, words, values)
    except Exception:
        log.exception("could not keep the words this tagger summed")


def tag_sentences(sentences: list[list[str]]) -> list[list[Tagged]]:
    """BIO tag and its marginal probability for each word of each sentence."""
    return _tagger().tag(sentences)
