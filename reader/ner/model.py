"""The shipped CRF model, loaded lazily, with one tagger per thread."""

from __future__ import annotations

import threading
from functools import lru_cache

from reader.assets import resource_path
from reader.ner.crf import ArticleTagger, CrfModel, Tagged, read_model

__all__ = ["MODEL_PATH", "Tagged", "crf_model", "tag_sentences"]

MODEL_PATH = resource_path("models/ner-crf.crfsuite")
_local = threading.local()


@lru_cache(maxsize=1)
def crf_model() -> CrfModel:
    return read_model(MODEL_PATH)


def _tagger() -> ArticleTagger:
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = ArticleTagger(crf_model())
    return tagger


def tag_sentences(sentences: list[list[str]]) -> list[list[Tagged]]:
    """BIO tag and its marginal probability for each word of each sentence."""
    return _tagger().tag(sentences)
