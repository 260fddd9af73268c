"""The CRF tagger: CRFsuite's own labels and marginals, from the model file's weights."""

from __future__ import annotations

import itertools
import threading

import numpy as np
import pycrfsuite
import pytest

from reader.ner import model, word_cache
from reader.ner.crf import ArticleTagger, ModelFileError, read_model
from reader.ner.features import sentence_features
from reader.ner.tokens import sentences
from reader.pipeline import parse_file


def _crfsuite(words_by_sentence: list[list[str]]) -> list[list[tuple[str, float]]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model.MODEL_PATH))
    out = []
    for words in words_by_sentence:
        tagger.set(sentence_features(words))
        labels = tagger.tag()
        out.append([(label, tagger.marginal(label, i)) for i, label in enumerate(labels)])
    return out


def _assert_same(ours, theirs) -> None:
    assert [[label for label, _p in s] for s in ours] == [
        [label for label, _p in s] for s in theirs
    ]
    for mine, reference in zip(itertools.chain(*ours), itertools.chain(*theirs), strict=True):
        assert mine[1] == pytest.approx(reference[1], abs=1e-9)


@pytest.fixture(scope="module")
def articles(corpus) -> list[list[list[str]]]:
    """Sentences of real Indonesian and English articles, as words."""
    paths = sorted(corpus.glob("id/*/*.txt"))[:25] + sorted(corpus.glob("en/*/*.txt"))[:15]
    paths.append(corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt")
    found = []
    for path in paths:
        body = parse_file(path).article.body
        found.append([[t.text for t in s] for s in sentences(body)])
    return found


def test_tags_real_articles_as_crfsuite_does(articles) -> None:
    tagger = ArticleTagger(model.crf_model())
    for words_by_sentence in articles:
        _assert_same(tagger.tag(words_by_sentence), _crfsuite(words_by_sentence))
    assert any(label != "O" for s in tagger.tag(articles[-1]) for label, _p in s), (
        "the seed article names people and places"
    )


def test_a_full_word_cache_starts_again_with_the_same_results(articles) -> None:
    small = ArticleTagger(model.crf_model(), max_words=300)
    for words_by_sentence in articles[:6]:
        _assert_same(small.tag(words_by_sentence), _crfsuite(words_by_sentence))
    assert len(small._rows) <= 300 + max(map(len, itertools.chain(*articles[:6])))


def test_sentences_of_any_length_in_any_order() -> None:
    sentences_in = [
        ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."],
        ["Ya", "."],
        [],
        ["Menteri", "Luar", "Negeri", "Rusia", "Sergei", "Lavrov", "bertemu", "Wang", "Yi"],
        ["Oke"],
    ]
    tagged = ArticleTagger(model.crf_model()).tag(sentences_in)
    assert [len(s) for s in tagged] == [7, 2, 0, 9, 1]
    _assert_same([s for s in tagged if s], _crfsuite([s for s in sentences_in if s]))
    assert ArticleTagger(model.crf_model()).tag([]) == []
    assert model.tag_sentences([[]]) == [[]]


def test_a_damaged_model_file_is_refused(tmp_path) -> None:
    data = model.MODEL_PATH.read_bytes()
    truncated = tmp_path / "truncated.crfsuite"
    truncated.write_bytes(data[: len(data) // 3])
    other = tmp_path / "other.crfsuite"
    other.write_bytes(b"not a model at all, just some bytes" * 10)
    for path in (truncated, other):
        with pytest.raises(ModelFileError):
            read_model(path)


def test_a_very_long_sentence_among_many_is_tagged_in_small_grids(articles) -> None:
    """One list of 3,000 names among hundreds of sentences: tagged in groups whose grid stays
    small (not 3,000 columns × every sentence), with CRFsuite's results."""
    names = ["Joko", "Widodo", ",", "Prabowo", "Subianto", ",", "Sri", "Mulyani", ","] * 334
    words_by_sentence = [*articles[0], names[:3000], *articles[1]]
    tagger = ArticleTagger(model.crf_model(), max_cells=2_000)
    groups = tagger._groups(np.array([len(s) for s in words_by_sentence]))
    assert len(groups[0]) == 1  # the long one alone
    assert all(len(g) * max(len(words_by_sentence[i]) for i in g) <= 3_000 for g in groups)
    _assert_same(tagger.tag(words_by_sentence), _crfsuite(words_by_sentence))
    tiny = ArticleTagger(model.crf_model(), max_cells=1)  # every sentence alone
    _assert_same(tiny.tag(articles[2]), _crfsuite(articles[2]))


def test_a_tagger_started_from_kept_words_tags_the_same(articles) -> None:
    first = ArticleTagger(model.crf_model())
    for words_by_sentence in articles[:20]:
        first.tag(words_by_sentence)
    words, sums = first.known_words()
    started = ArticleTagger(model.crf_model())
    started.add_known(words, sums)
    assert started.learned == 0 and len(words) > 1000
    fresh = ArticleTagger(model.crf_model())
    for words_by_sentence in articles:
        assert started.tag(words_by_sentence) == fresh.tag(words_by_sentence)  # exactly
    assert 0 < started.learned < fresh.learned


@pytest.fixture
def word_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(model, "_local", threading.local())  # taggers made afresh
    return tmp_path / "cache"


def test_words_kept_by_one_process_start_the_next(articles, word_cache_dir) -> None:
    for words_by_sentence in articles[:10]:
        model.tag_sentences(words_by_sentence)
    learned = model._tagger().known_words()[0]
    model.keep_words()
    [kept] = word_cache_dir.glob("crf-words-*.bin")

    # Another process left other words meanwhile: the two are kept together.
    other = ArticleTagger(model.crf_model())
    for words_by_sentence in articles[10:20]:
        other.tag(words_by_sentence)
    other_words, other_sums = other.known_words()
    word_cache.save(model.MODEL_PATH, other_words, other_sums.reshape(len(other_words), -1))
    model.keep_words()
    words, sums = word_cache.load(model.MODEL_PATH)
    assert set(words) == set(learned) | set(other_words)
    assert sums.shape == (len(words), np.prod(other.word_shape))

    model._local = threading.local()  # a new process, as far as the model is concerned
    started = model._tagger()
    assert started.learned == 0 and len(started.known_words()[0]) == len(words)
    fresh = ArticleTagger(model.crf_model())
    for words_by_sentence in articles[20:]:
        assert model.tag_sentences(words_by_sentence) == fresh.tag(words_by_sentence)
    assert kept.exists() and not list(word_cache_dir.glob("*.partial"))


def test_a_damaged_word_cache_is_ignored(articles, word_cache_dir, caplog) -> None:
    model.tag_sentences(articles[0])
    model.keep_words()
    [kept] = word_cache_dir.glob("crf-words-*.bin")
    kept.write_bytes(kept.read_bytes()[:5000])  # cut short
    model._local = threading.local()
    assert model._tagger().known_words()[0] == []
    assert "damaged word cache" in caplog.text
    fresh = ArticleTagger(model.crf_model())
    assert model.tag_sentences(articles[1]) == fresh.tag(articles[1])


def test_a_running_tagger_takes_the_words_kept_since_it_started(articles, word_cache_dir) -> None:
    """A worker forked from the fork server has the server's tagger, started before other
    workers kept their words: it takes them as it starts."""
    running = model._tagger()
    assert running.known_words()[0] == []
    other = ArticleTagger(model.crf_model())
    for words_by_sentence in articles[:10]:
        other.tag(words_by_sentence)
    words, sums = other.known_words()
    word_cache.save(model.MODEL_PATH, words, sums.reshape(len(words), -1))

    model.take_kept_words()
    assert running.known_words()[0] == words and running.learned == 0
    model.take_kept_words()  # nothing new kept: nothing taken twice
    assert running.known_words()[0] == words
    fresh = ArticleTagger(model.crf_model())
    for words_by_sentence in articles[10:]:
        assert model.tag_sentences(words_by_sentence) == fresh.tag(words_by_sentence)
