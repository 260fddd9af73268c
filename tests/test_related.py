"""Related articles: read-also links (exact, fuzzy, resolved later), backlinks, same-story
copies, similar articles with reasons, pins and dismissals, history, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main as cli
from reader.history import History
from reader.importer import Importer
from reader.related import suggestions, when
from reader.related_index import index_pending, pending
from reader.storage import related as store
from reader.titles import best_match, title_key

ROHINGYA = ["0927", "0899", "2482", "1416", "2362", "1723", "1144", "1517"]
XBOX = ["2544", "1010", "2804", "1272"]


def _import(library, *paths) -> dict[str, int]:
    """Import files; {file name: article id} of what was stored."""
    report = Importer(library, workers=1).run([str(p) for p in paths])
    return {Path(item["path"]).name: item["id"] for item in report.imported}


def _article_with_link(
    corpus: Path, tmp_path: Path, link: str, name: str, base: str = "0001"
) -> Path:
    """A real article with one more read-also line, after its second paragraph as outlets
    place them, naming another article."""
    paragraphs = (
        (corpus / "id" / "indosum" / f"{base}.txt").read_text(encoding="utf-8").split("\n\n")
    )
    paragraphs.insert(2, f"BACA JUGA: {link}")
    path = tmp_path / name
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


SEED_TITLE = "Mulai Kurang Tenaga di Ukraina, Rusia Minta Bantuan Militer China"


def test_title_keys_fold_case_punctuation_and_prefix() -> None:
    assert title_key("Baca juga: Kalah Penalti, Timnas U - 23 Gagal!") == title_key(
        "kalah penalti timnas u-23 gagal"
    )
    assert best_match(title_key("Timnas Indonesia Gagal ke Final"), [(1, "timnas gagal")]) is None
    close = title_key("Timnas Indonesia Gagal Melaju ke Final")
    assert best_match(close, [(1, title_key("Timnas Indonesia Gagal Melaju ke Final!"))])


def test_read_also_resolves_exactly_and_fuzzily(library, corpus, tmp_path, seed_file) -> None:
    exact = _article_with_link(corpus, tmp_path, SEED_TITLE.upper() + "!", "exact.txt")
    fuzzy = _article_with_link(
        corpus,
        tmp_path,
        SEED_TITLE.replace("Militer China", "Militer ke China"),
        "fuzzy.txt",
        "0002",
    )
    other = _article_with_link(
        corpus, tmp_path, "Harga Cabai Naik Lagi Menjelang Lebaran", "other.txt", "0003"
    )
    ids = _import(library, seed_file, exact, fuzzy, other)
    seed = ids[seed_file.name]
    assert store.read_also(library, ids["exact.txt"])[0]["target_id"] == seed
    assert store.read_also(library, ids["fuzzy.txt"])[0]["target_id"] == seed
    assert store.read_also(library, ids["other.txt"])[0]["target_id"] is None
    assert sorted(store.backlinks(library, seed)) == sorted([ids["exact.txt"], ids["fuzzy.txt"]])


def test_link_to_an_article_not_yet_imported_resolves_when_it_arrives(
    library, corpus, tmp_path, capsys
) -> None:
    target = corpus / "en" / "wikinews" / "0002.txt"
    title = "Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in"
    source = _article_with_link(corpus, tmp_path, title, "a.txt")
    ids = _import(library, source)
    assert store.read_also(library, ids["a.txt"])[0] == {"text": title, "target_id": None}

    ids.update(_import(library, target))
    assert store.read_also(library, ids["a.txt"])[0]["target_id"] == ids["0002.txt"]
    found = suggestions(library, ids["a.txt"])
    assert (found[0].kind, found[0].id) == ("link", ids["0002.txt"])
    back = suggestions(library, ids["0002.txt"])
    assert (back[0].kind, back[0].id) == ("backlink", ids["a.txt"])
    assert back[0].reasons == ["links to this article"]

    code = cli(["show", "--library", str(library.path), "--json", str(ids["a.txt"])])
    shown = json.loads(capsys.readouterr().out)
    assert code == 0 and shown["read_also"][0] == {"text": title, "target_id": ids["0002.txt"]}

    library.delete_article(ids["0002.txt"])  # the link is kept, unresolved again
    assert store.read_also(library, ids["a.txt"])[0]["target_id"] is None

    # ...and is found again by its words when an article with a close title arrives.
    retitled = tmp_path / "retitled.txt"
    retitled.write_text(
        target.read_text(encoding="utf-8").replace(title, title.replace(" U.S.", "")),
        encoding="utf-8",
    )
    ids.update(_import(library, retitled))
    assert store.read_also(library, ids["a.txt"])[0]["target_id"] == ids["retitled.txt"]


def test_similar_articles_share_the_story_and_say_why(library, corpus) -> None:
    ids = _import(library, *(corpus / "id" / "indosum" / f"{s}.txt" for s in ROHINGYA + XBOX))
    rohingya = {ids[f"{s}.txt"] for s in ROHINGYA}
    found = suggestions(library, ids["0927.txt"], limit=5)
    similar = [s for s in found if s.kind == "similar"]
    assert len(similar) >= 3
    assert all(s.id in rohingya for s in similar[:3])
    assert all(s.score > 0 for s in similar)
    assert any(
        r.startswith("shares ") and ("Rohingya" in r or "Myanmar" in r) for r in similar[0].reasons
    )
    xbox = suggestions(library, ids["2544.txt"], limit=5)
    assert xbox and xbox[0].id in {ids[f"{s}.txt"] for s in XBOX}


def test_same_story_copies_are_grouped(library, corpus, tmp_path) -> None:
    original = corpus / "id" / "indosum" / "0927.txt"
    text = original.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    copy = tmp_path / "copy.txt"  # the same wire story, lightly edited by another outlet
    copy.write_text(
        "\n\n".join(paragraphs[:-1]) + "\n\nDemikian dilaporkan kantor berita setempat.\n",
        encoding="utf-8",
    )
    ids = _import(
        library, original, copy, *(corpus / "id" / "indosum" / f"{s}.txt" for s in ROHINGYA[1:4])
    )
    found = suggestions(library, ids["0927.txt"])
    copies = [s for s in found if s.kind == "same_story"]
    assert [s.id for s in copies] == [ids["copy.txt"]]
    assert copies[0].reasons[0].startswith("same story, ")
    # Seen from a third article, the two copies are one suggestion, not two.
    other = suggestions(library, ids["2482.txt"])
    listed = [s.id for s in other] + [c["id"] for s in other for c in s.copies]
    assert ids["0927.txt"] in listed and ids["copy.txt"] in listed
    holder = next(
        s
        for s in other
        if {ids["0927.txt"], ids["copy.txt"]} & ({s.id} | {c["id"] for c in s.copies})
    )
    assert holder.copies and any("same story in" in r for r in holder.reasons)


def test_pin_and_dismiss_are_remembered(library, corpus) -> None:
    ids = _import(library, *(corpus / "id" / "indosum" / f"{s}.txt" for s in ROHINGYA + XBOX))
    article = ids["0927.txt"]
    first = next(s for s in suggestions(library, article) if s.kind == "similar")
    store.set_feedback(library, article, first.id, "dismiss")
    assert first.id not in {s.id for s in suggestions(library, article)}
    xbox = ids["2544.txt"]
    store.set_feedback(library, article, xbox, "pin")
    top = suggestions(library, article)[0]
    assert (top.id, top.pinned, top.reasons[0]) == (xbox, True, "pinned by you")
    assert suggestions(library, xbox)[0].id == article  # a pin holds both ways
    store.set_feedback(library, article, first.id, None)
    assert first.id in {s.id for s in suggestions(library, article)}


def test_english_and_indonesian_articles_meet_through_entities(library, corpus, seed_file) -> None:
    english = sorted((corpus / "en" / "wikinews").glob("*.txt"))
    with_russia = [p for p in english if "Russia" in p.read_text(encoding="utf-8")][:15]
    if not with_russia:
        pytest.skip("no English article about Russia in the corpus")
    ids = _import(library, seed_file, *with_russia)
    found = suggestions(library, ids[seed_file.name])
    crossing = [s for s in found if "in English" in s.reasons]
    assert crossing, [s.reasons for s in found]
    assert any(r.startswith("shares ") for r in crossing[0].reasons)


def test_older_library_is_indexed_in_the_background(library, corpus) -> None:
    ids = _import(library, *(corpus / "id" / "indosum" / f"{s}.txt" for s in ROHINGYA[:3]))
    library.conn.execute("DELETE FROM article_minhash")
    library.conn.execute("DELETE FROM article_keywords")
    assert pending(library)
    assert index_pending(library) == 3
    assert not pending(library)
    assert store.keywords(library, ids["0927.txt"])


def test_related_cli_json(library_path, corpus, capsys) -> None:
    files = [str(corpus / "id" / "indosum" / f"{s}.txt") for s in ROHINGYA]
    lib = ["--library", str(library_path)]
    assert cli(["import", *lib, "--workers", "1", *files]) == 0
    capsys.readouterr()
    assert cli(["related", *lib, "--json", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"id", "title", "score", "kind", "reasons"} <= set(rows[0])
    assert all(r["kind"] in {"link", "backlink", "same_story", "similar"} for r in rows)
    scores = [r["score"] for r in rows if r["kind"] == "similar"]
    assert scores == sorted(scores, reverse=True)
    assert cli(["related", *lib, "--dismiss", str(rows[0]["id"]), "--json", "1"]) == 0
    assert rows[0]["id"] not in {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert cli(["related", *lib, "999"]) == 1


def test_history_goes_back_and_forward_like_a_browser() -> None:
    history = History()
    for article in (1, 2, 3):
        history.visit(article)
    history.visit(3)
    assert history.back() == 2 and history.back() == 1 and history.back() is None
    assert history.forward() == 2
    history.visit(7)  # a new article drops what was ahead
    assert not history.can_go_forward() and history.back_list() == [2, 1]
    assert history.back(valid=lambda i: i != 2) == 1  # deleted articles are skipped
    assert history.forward() == 7


def test_relative_dates_read_naturally() -> None:
    assert when("2022-03-15T06:25", "2022-03-16") == "1 day later"
    assert when("2022-03-15", "2022-03-15T23:00") == "same day"
    assert when("2022-03-15", "2021-12-15") == "3 months earlier"
    assert when(None, "2022-03-15") is None


def test_minhash_signatures_keep_their_stored_form() -> None:
    """Signatures are stored in libraries and compared with new ones: the permutations must
    stay those of the scheme earlier versions stored (datasketch's "affine32", seed 7)."""
    from reader.fingerprint import _permutations, minhash

    a, b = _permutations()
    assert a[:3].tolist() == [655483231, 1952827785, 2404484147]
    assert b[:3].tolist() == [879820150, 2072909727, 2107823453]
    assert minhash("satu dua tiga empat lima enam")[:3].tolist() == [
        609865851,
        1952302749,
        1298993319,
    ]
