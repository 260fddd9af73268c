"""Language detection: the unpacked model kept in the cache folder gives py3langid's answers."""

from __future__ import annotations

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from reader import language
from reader.pipeline import parse_file


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    language._identifier.cache_clear()
    yield tmp_path / "cache"
    language._identifier.cache_clear()


def _texts(corpus) -> list[str]:
    paths = sorted(corpus.glob("id/*/*.txt"))[:20] + sorted(corpus.glob("en/*/*.txt"))[:20]
    return [parse_file(p).article.body[: language.CAREFUL_CHARS] for p in paths]


def test_the_cached_model_answers_as_py3langid_does(corpus, fresh_cache) -> None:
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(list(language.CANDIDATES))
    texts = _texts(corpus)
    first = language._identifier()  # unpacks the model and keeps it
    [kept] = fresh_cache.glob("langid-*.bin")
    language._identifier.cache_clear()
    cached = language._identifier()  # reads the kept copy
    assert cached is not first
    for text in texts:
        assert cached.classify(text) == reference.classify(text) == first.classify(text)
    assert {cached.classify(t)[0] for t in texts} == {"id", "en"}
    assert kept.exists() and not list(fresh_cache.glob("*.partial"))


def test_copies_for_another_version_are_removed(corpus, fresh_cache) -> None:
    fresh_cache.mkdir(parents=True)
    old = fresh_cache / "langid-0123456789ab.npz"
    old.write_bytes(b"a copy for another py3langid version")
    language._identifier()
    assert not old.exists() and len(list(fresh_cache.glob("langid-*"))) == 1


def test_a_damaged_cache_file_is_replaced(corpus, fresh_cache) -> None:
    language._identifier()
    [kept] = fresh_cache.glob("langid-*.bin")
    kept.write_bytes(kept.read_bytes()[:1000])
    language._identifier.cache_clear()
    assert language.detect_language(_texts(corpus)[0]) == "id"
    language._identifier.cache_clear()
    assert (
        language._identifier().classify("The minister said on Monday that the talks failed.")[0]
        == "en"
    )
    assert kept.stat().st_size > 1_000_000


def test_an_unwritable_cache_folder_only_costs_time(corpus, fresh_cache) -> None:
    fresh_cache.parent.mkdir(exist_ok=True)
    fresh_cache.write_text("a file where the folder should be")
    assert language.detect_language(_texts(corpus)[0]) == "id"
