"""The shipped CRF model (python-crfsuite), loaded lazily, one tagger per thread."""

from __future__ import annotations

import threading

from reader.assets import resource_path
from reader.ner.features import sentence_features

MODEL_PATH = resource_path("models/ner-crf.crfsuite")
_local = threading.local()


def _tagger():
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_PATH))
        _local.tagger = tagger
    return tagger


def tag(words: list[str]) -> list[tuple[str, float]]:
    """BIO tag and its marginal probability for each word of one sentence."""
    if not words:
        return []
    tagger = _tagger()
    tagger.set(sentence_features(words))
    labels = tagger.tag()
    return [(label, tagger.marginal(label, i)) for i, label in enumerate(labels)]
