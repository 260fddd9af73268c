"""Named entities: recognition on real articles, coreference, aliases, corrections, storage."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.entities import correct, extract_pending, undo_correction
from reader.importer import Importer
from reader.ner.corrections import Correction
from reader.ner.recognise import recognise
from reader.ner.temporal import find_dates
from reader.pipeline import parse_file
from reader.storage import entities as store


@pytest.fixture(scope="module")
def seed_mentions(corpus):
    body = parse_file(corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt").article.body
    return body, recognise(body)


def _names(mentions, kind):
    return {m.text for m in mentions if m.type == kind}


def test_seed_people_without_titles(seed_mentions) -> None:
    _body, mentions = seed_mentions
    people = _names(mentions, "PERSON")
    for name in ("Vladimir Putin", "Jake Sullivan", "Liu Pengyu", "Xi Jinping"):
        assert name in people
    for wrong in (
        "Presiden Vladimir Putin",
        "Penasihat Keamanan Nasional Jake Sullivan",
        "Presiden China Xi Jinping",
    ):
        assert wrong not in people


def test_seed_organisations_and_places(seed_mentions) -> None:
    _body, mentions = seed_mentions
    organisations = _names(mentions, "ORGANIZATION")
    for name in ("Financial Times", "The Washington Post", "CNN", "Gedung Putih"):
        assert name in organisations
    places = _names(mentions, "PLACE")
    for name in (
        "Amerika Serikat",
        "Rusia",
        "China",
        "Ukraina",
        "Roma",
        "Washington",
        "Beijing",
        "Krimea",
    ):
        assert name in places
    assert "Minggu" not in places
    assert "Minggu (13/3)" in _names(mentions, "DATE")


def test_nato_is_an_organisation() -> None:
    mentions = recognise("Serangan Rusia makin dekat ke Polandia, NATO bisa terancam.")
    assert ("NATO", "ORGANIZATION") in {(m.text, m.type) for m in mentions}


def test_surname_refers_to_the_full_name(seed_mentions) -> None:
    _body, mentions = seed_mentions
    putin = [m for m in mentions if m.text == "Putin"]
    assert putin and all(m.type == "PERSON" and m.canonical == "Vladimir Putin" for m in putin)


def test_acronym_definition_links_the_acronym() -> None:
    text = (
        "Badan Nasional Penanggulangan Bencana (BNPB) mencatat 12 korban. "
        "Menurut BNPB, banjir merendam 300 rumah."
    )
    mentions = [m for m in recognise(text) if m.text == "BNPB"]
    assert len(mentions) == 2
    assert {m.canonical for m in mentions} == {"Badan Nasional Penanggulangan Bencana"}
    assert all(m.type == "ORGANIZATION" for m in mentions)


def test_aliases_join_languages() -> None:
    indonesian = {
        m.canonical
        for m in recognise("Presiden Rusia dan pejabat Amerika Serikat bertemu di Jenewa.")
    }
    english = {
        m.canonical
        for m in recognise("The presidents of Russia and the United States met in Geneva.")
    }
    assert {"Russia", "United States", "Geneva"} <= indonesian & english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kata dia, Minggu (13/3).", "Minggu (13/3)"),
        ("setelah invasi pada 24 Februari.", "24 Februari"),
        ("mencaplok Krimea pada 2014, China", "2014"),
        ("announced on Feb 3, 2025 in Jakarta", "Feb 3, 2025"),
        ("diterbitkan 15 Maret 2022 06:25", "15 Maret 2022 06:25"),
    ],
)
def test_dates(text: str, expected: str) -> None:
    assert expected in [text[s:e] for s, e in find_dates(text)]


def test_mentions_are_offsets_into_the_body(seed_mentions) -> None:
    body, mentions = seed_mentions
    for m in mentions:
        assert body[m.start : m.end] == m.text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_long_single_line_is_linear(bad) -> None:
    body = parse_file(bad / "long_single_line.txt").article.body
    assert len(recognise(body[:200_000])) > 0


# --- the library -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(corpus, tmp_path_factory) -> Path:
    """One import of the seed and Wikinews with entities, copied for each test."""
    from reader.storage.library import Library

    path = tmp_path_factory.mktemp("ner") / "prepared.db"
    with Library(path) as lib:
        Importer(lib, workers=1).run([corpus / "seed", corpus / "en/wikinews"])
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def filled(prepared, library_path):
    import shutil

    from reader.storage.library import Library

    shutil.copy(prepared, library_path)
    lib = Library(library_path)
    yield lib
    lib.close()


def test_import_extracts_entities(filled) -> None:
    entities = store.article_entities(filled, 1)
    names = {(e["canonical"], e["type"]) for e in entities}
    assert ("Vladimir Putin", "PERSON") in names and ("Russia", "PLACE") in names
    assert store.articles_needing_extraction(filled, "anything-else") != []
    from reader.entities import extractor_version

    assert store.articles_needing_extraction(filled, extractor_version()) == []


def test_english_and_indonesian_articles_meet(filled) -> None:
    [russia] = [e for e in store.find_entities(filled, "Rusia") if e["type"] == "PLACE"]
    assert russia["canonical"] == "Russia"
    articles = store.entity_articles(filled, russia["id"])
    assert len(articles) > 5
    assert articles[0]["title"].startswith("Mulai Kurang Tenaga")  # newest first
    assert "Rusia" in articles[0]["sentence"]
    assert any("Russia" in a["sentence"] for a in articles[1:])


def test_corrections_survive_reextraction(filled) -> None:
    correct(filled, Correction(kind="add", text="Yang Jiechi", type="PERSON"))
    correct(filled, Correction(kind="remove", text="Krimea", article_id=1))
    correct(
        filled,
        Correction(kind="retype", text="CNN", type="ORGANIZATION", new_type="PLACE", article_id=1),
    )
    correct(
        filled,
        Correction(
            kind="rename",
            text="Vladimir Putin",
            type="PERSON",
            new_name="Vladimir Vladimirovich Putin",
        ),
    )

    def check() -> None:
        mentions = store.article_mentions(filled, 1)
        texts = {(m["text"], m["type"]) for m in mentions}
        assert ("Yang Jiechi", "PERSON") in texts
        assert not any(m["text"] == "Krimea" for m in mentions)
        assert ("CNN", "PLACE") in texts
        assert {m["canonical"] for m in mentions if m["text"] == "Putin"} == {
            "Vladimir Vladimirovich Putin"
        }

    check()
    filled.conn.execute("DELETE FROM extraction_state")
    extract_pending(filled)
    check()
    # Elsewhere CNN is still an organisation: that correction was for one article.
    others = [e for e in store.find_entities(filled, "CNN") if e["type"] == "ORGANIZATION"]
    assert others and others[0]["articles"] >= 1


def test_undo_a_correction(filled) -> None:
    correct(filled, Correction(kind="remove", text="Krimea", article_id=1))
    [row] = [c for c in store.list_corrections(filled) if c["text"] == "Krimea"]
    undo_correction(filled, row["id"])
    assert any(m["text"] == "Krimea" for m in store.article_mentions(filled, 1))
    assert store.list_corrections(filled)[0]["active"] == 0  # kept for review


def test_merge_joins_spellings(filled) -> None:
    correct(
        filled, Correction(kind="merge", text="Xi Jinping", type="PERSON", new_name="Xi Jin-ping")
    )
    assert store.find_entities(filled, "Xi Jinping")[0]["canonical"] == "Xi Jin-ping"


def test_cli_entities(capsys, filled, library_path) -> None:
    import json

    from reader.cli import main

    filled.close()
    assert main(["show", "--json", "--library", str(library_path), "1"]) == 0
    article = json.loads(capsys.readouterr().out)
    entity = article["entities"][0]
    assert set(entity) == {"text", "type", "start", "end", "canonical"}
    assert article["body"][entity["start"] : entity["end"]] == entity["text"]
    assert main(["entities", "--json", "--library", str(library_path), "1"]) == 0
    assert any(e["canonical"] == "Vladimir Putin" for e in json.loads(capsys.readouterr().out))
    assert main(["entity", "--json", "--library", str(library_path), "Putin"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["canonical"] == "Vladimir Putin" and found["article_list"][0]["id"] == 1


def test_model_ships_with_the_package() -> None:
    from reader.ner.model import MODEL_PATH

    assert MODEL_PATH.exists() and Path(str(MODEL_PATH)).stat().st_size < 20_000_000


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelensky", "Zelenskyy", False),  # one word is too little to go on
        ("Ronaldo", "Ronald", False),
        ("Megawati Soekarnoputri", "Megawati Sukarnoputri", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Sergey Lavrov", "Sergei Lavrov", True),
        ("Kim Jong-un", "Kim Jong-il", False),
        ("Ahmad Dhani", "Ahmed Dhani", False),
        ("Joko Widodo", "Joko Widodo", False),
        ("Anies", "Annie", False),
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert store.same_name_spelled_differently(a, b) is same


def test_spelling_variants_join_one_person(library) -> None:
    from reader.ner.recognise import Mention

    library.conn.execute(
        "INSERT INTO articles (id, title, body, body_hash, imported_at, parsed_at, parser_version)"
        " VALUES (1,'a','x','h1','t','t',1), (2,'b','x','h2','t','t',1)"
    )
    store.store_mentions(
        library,
        1,
        [Mention(0, 18, "Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky", "model", 0.9)],
        "v",
    )
    store.store_mentions(
        library,
        2,
        [Mention(0, 19, "Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy", "model", 0.9)],
        "v",
    )
    [found] = store.find_entities(library, "Volodymyr Zelenskyy")
    assert found["canonical"] == "Volodymyr Zelensky" and found["articles"] == 2


def _evidence_recount(library) -> dict[tuple[str, int], int]:
    rows = library.conn.execute(
        "SELECT text, entity_id, count(DISTINCT article_id) FROM mentions"
        " WHERE source = 'model' AND confidence >= 0.8 GROUP BY text, entity_id"
    )
    return {(text, entity): n for text, entity, n in rows}


def _evidence(library) -> dict[tuple[str, int], int]:
    rows = library.conn.execute("SELECT text, entity_id, articles FROM name_evidence")
    return {(text, entity): n for text, entity, n in rows}


def _mentions_per_entity(library) -> tuple[list, list]:
    kept = library.conn.execute(
        "SELECT article_id, entity_id, mentions FROM article_entities ORDER BY 1, 2"
    ).fetchall()
    recount = library.conn.execute(
        "SELECT article_id, entity_id, count(*) FROM mentions GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    return kept, recount


def test_name_evidence_follows_every_change(filled) -> None:
    """The counts behind learned names and entity pages (added by the article when its
    mentions are stored, kept by triggers when mentions change) equal a full recount after
    an import, a re-extraction, corrections, an edited mention and deleted articles."""
    assert _evidence(filled) == _evidence_recount(filled) != {}
    kept, recount = _mentions_per_entity(filled)
    assert kept == recount != []
    correct(filled, Correction(kind="remove", text="Vladimir Putin", article_id=1))
    correct(filled, Correction(kind="retype", text="Rusia", type="PLACE", new_type="ORGANIZATION"))
    assert _evidence(filled) == _evidence_recount(filled)
    filled.conn.execute("DELETE FROM extraction_state")
    extract_pending(filled)
    assert _evidence(filled) == _evidence_recount(filled)
    with filled.db.atomic():
        filled.conn.execute(
            "UPDATE mentions SET confidence = 0.5 WHERE rowid IN"
            " (SELECT rowid FROM mentions WHERE source = 'model' LIMIT 3)"
        )
        filled.conn.execute(
            "UPDATE mentions SET text = text || 'x' WHERE rowid IN"
            " (SELECT rowid FROM mentions WHERE source = 'model' LIMIT 3 OFFSET 10)"
        )
    assert _evidence(filled) == _evidence_recount(filled)
    for article_id in (1, 2, 3):
        filled.delete_article(article_id)
    assert _evidence(filled) == _evidence_recount(filled)
    kept, recount = _mentions_per_entity(filled)
    assert kept == recount


def test_the_library_teaches_the_recogniser(filled) -> None:
    """Names found with confidence in three or more articles are known in every article."""
    from reader.entities import known_names

    learned = store.learned_names(filled)
    recount = _evidence_recount(filled)
    types = dict(filled.conn.execute("SELECT id, type FROM entities").fetchall())
    expected = {text for (text, entity), n in recount.items() if n >= 3 and types[entity] != "DATE"}
    assert {text for text, _type, _canonical in learned} == expected
    text, kind, canonical = learned[0]
    known = known_names(filled)
    assert known.lookup(text).canonical == canonical
    body = f"kemarin {text} datang ke sini, kata mereka."
    found = [m for m in recognise(body, known) if m.text == text]
    assert found and found[0].type == kind and found[0].source in ("learned", "model")


def test_indonesian_regencies_and_cities_are_places() -> None:
    """Regency and city names are known places, with or without "Kabupaten"/"Kota"; one that
    is also a common first name needs its prefix."""
    text = (
        "Bupati Jayawijaya Jhon Richard Banua hadir di Sleman bersama warga Kabupaten Ciamis. "
        "Agam Rinjani tinggal di Kabupaten Agam."
    )
    found = {(m.text, m.type) for m in recognise(text)}
    assert {("Jayawijaya", "PLACE"), ("Jhon Richard Banua", "PERSON")} <= found
    assert ("Kabupaten Ciamis", "PLACE") in found and ("Kabupaten Agam", "PLACE") in found
    assert ("Agam", "PLACE") not in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Kapolda Metro Jaya Irjen Fadil Imran mengatakan hal itu.", "Fadil Imran"),
        ("Kabid Humas Polda Metro Jaya Kombes Yusri Yunus menjelaskan.", "Yusri Yunus"),
        ("Pangdam Jaya Mayjen Dudung Abdurachman hadir.", "Dudung Abdurachman"),
        ("Komjen Pol Badrodin Haiti dilantik.", "Badrodin Haiti"),
        ("Kepala Negara menyatakan hal itu kepada Presiden Jokowi.", "Jokowi"),
        ("Menteri Perhubungan Jusman Syafii Djamal mengatakan hal itu.", "Jusman Syafii Djamal"),
    ],
)
def test_ranks_and_posts_are_not_names(text: str, person: str) -> None:
    """Police and military ranks and posts are split off; the unit between a post and a
    rank, or an ordinary word finishing a title ("Kepala Negara"), is not taken for a person."""
    people = {m.text for m in recognise(text) if m.type == "PERSON"}
    assert people == {person}


def test_nationality_adjectives_are_not_names() -> None:
    text = "Cuban officials said the Viazul bus crashed near the Indian Ocean coast."
    found = {m.text for m in recognise(text)}
    assert "Cuban" not in found


def test_a_list_of_people_carries_its_doubtful_member() -> None:
    text = "Pelatih memanggil Evan Dimas, Febri Hariyadi, Hansamu Yama dan Bagas untuk laga itu."
    people = {m.text for m in recognise(text) if m.type == "PERSON"}
    assert people == {"Evan Dimas", "Febri Hariyadi", "Hansamu Yama", "Bagas"}
    places = "Ia pernah tinggal di Jakarta, Bandung, Surabaya dan Medan."
    assert {m.type for m in recognise(places)} == {"PLACE"}


def test_articles_parsed_together_get_what_each_gets_alone(corpus, bad) -> None:
    """A chunk of an import (good files and refused ones mixed) is tagged in one pass of
    the model; every file comes out as it does on its own."""
    from reader import parse_worker
    from reader.pipeline import ParsedFile

    paths = [
        *sorted((corpus / "id" / "indosum").glob("*.txt"))[:6],
        bad / "empty.txt",
        corpus / "seed" / "genpi_rusia_minta_bantuan_china.txt",
        bad / "binary_random.txt",
        *sorted((corpus / "en" / "wikinews").glob("*.txt"))[:4],
        bad / "long_single_line.txt",
    ]
    parse_worker.init_worker(None, True)
    try:
        together = parse_worker.parse_many(paths)
        alone = [parse_worker.parse_or_reason(path) for path in paths]
    finally:
        parse_worker.init_worker(None, False)
    refused = [item["path"] for item in together if isinstance(item, dict)]
    assert refused == [str(bad / "empty.txt"), str(bad / "binary_random.txt")]
    for one, other in zip(together, alone, strict=True):
        if isinstance(one, ParsedFile):
            assert one.mentions and one.mentions == other.mentions
        else:
            assert one == other
