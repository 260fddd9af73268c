"""Highlights, notes, bookmarks and tags: anchoring through re-parses and edits, orphans,
export → import round trips, merging, the trash, and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.anchoring import make_anchor, reanchor
from reader.annotation_export import import_jsonld, to_jsonld, to_markdown
from reader.annotations import article_note, bookmark, highlight, note_html
from reader.cli import main as cli
from reader.importer import Importer
from reader.storage import annotations as store
from reader.storage.browse import ArticleFilter, count_articles
from reader.storage.library import Library

QUOTE = "meminta bantuan militer China untuk perang di Ukraina"


def _seed(library, seed_file: Path) -> int:
    report = Importer(library, workers=1).run([str(seed_file)])
    return report.imported[0]["id"]


def _highlight(library, article_id: int, quote: str, **kw):
    body = library.get(article_id)["body"]
    start = body.index(quote)
    return store.save(library, highlight(article_id, body, start, start + len(quote), **kw))


def test_anchor_survives_whitespace_and_a_new_paragraph(library, seed_file) -> None:
    article_id = _seed(library, seed_file)
    article = library.get(article_id)
    saved = _highlight(library, article_id, QUOTE, note="**Key** claim")
    body = "Paragraf pembuka yang baru.\n\n" + article["body"].replace(
        "bantuan militer", "bantuan  militer"
    )
    from reader.article import Article

    changed = Article(title=article["title"], body=body)
    assert library.update_article(article_id, changed, "another-hash")
    moved = store.get(library, saved.id)
    new_body = library.get(article_id)["body"]
    assert not moved.orphan
    assert new_body[moved.start : moved.end] == QUOTE.replace("bantuan militer", "bantuan  militer")
    assert moved.note == "**Key** claim" and moved.uuid == saved.uuid


def test_deleted_sentence_makes_an_orphan_never_a_loss(library, seed_file) -> None:
    article_id = _seed(library, seed_file)
    article = library.get(article_id)
    saved = _highlight(library, article_id, QUOTE)
    sentence_start = article["body"].rfind(".", 0, saved.start) + 1
    sentence_end = article["body"].index(".", saved.end) + 1
    body = article["body"][:sentence_start] + article["body"][sentence_end:]
    from reader.article import Article

    library.update_article(article_id, Article(title=article["title"], body=body), "h2")
    kept = store.get(library, saved.id)
    assert kept.orphan and kept.quote == QUOTE and kept.deleted_at is None
    assert [a.uuid for a in store.orphans(library)] == [saved.uuid]
    assert "orphan" in to_markdown(library)


def test_fuzzy_reanchor_follows_a_small_edit() -> None:
    body = "Rusia telah meminta bantuan militer China untuk perang di Ukraina, kata pejabat itu."
    start = body.index("meminta")
    anchor = make_anchor(body, start, start + len("meminta bantuan militer China"))
    edited = body.replace("militer China", "militer kepada China")
    start, end = reanchor(anchor, edited)
    assert edited[start:end] == "meminta bantuan militer kepada China"
    assert reanchor(anchor, "Sesuatu yang lain sama sekali, tanpa kalimat itu.") is None


def test_export_import_round_trip_into_a_fresh_library(tmp_path, seed_file) -> None:
    with Library(tmp_path / "a.db") as first:
        article_id = _seed(first, seed_file)
        body = first.get(article_id)["body"]
        _highlight(first, article_id, QUOTE, color="green", note="Catatan *penting*")
        store.save(
            first, replace(article_note(article_id, "# Ringkasan\n\n- satu"), tags=("ukraina",))
        )
        store.save(first, bookmark(article_id, body, body.index("Jake Sullivan"), "Sullivan"))
        gone = _highlight(first, article_id, "Financial Times")
        store.delete(first, gone.id)
        exported = to_jsonld(first)
        markdown_text = to_markdown(first)
    assert exported["total"] == 4
    assert "Catatan *penting*" in markdown_text and "Financial Times" not in markdown_text
    text = json.dumps(exported)
    with Library(tmp_path / "b.db") as second:
        _seed(second, seed_file)
        result = import_jsonld(second, text)
        assert (result.added, result.unchanged, result.skipped) == (3, 1, [])
        again = to_jsonld(second)
        assert again["first"]["items"] == exported["first"]["items"]
        # Importing the same file twice changes nothing.
        assert import_jsonld(second, text).unchanged == 4
        assert len(store.for_article(second, 1)) == 3


def test_merge_newest_edit_wins_and_deletions_travel(tmp_path, seed_file) -> None:
    with Library(tmp_path / "a.db") as first, Library(tmp_path / "b.db") as second:
        aid = _seed(first, seed_file)
        bid = _seed(second, seed_file)
        original = _highlight(first, aid, QUOTE, note="v1")
        import_jsonld(second, to_jsonld(first))
        theirs = store.by_uuid(second, original.uuid)
        store.save(second, theirs.edited(note="v2 from the other machine"))
        import_jsonld(first, to_jsonld(second))
        assert store.by_uuid(first, original.uuid).note == "v2 from the other machine"
        store.delete(first, store.by_uuid(first, original.uuid).id)
        result = import_jsonld(second, to_jsonld(first))
        assert result.deleted == 1
        assert store.for_article(second, bid) == []


def test_import_rejects_what_is_not_an_annotation_collection(library) -> None:
    with pytest.raises(ValueError):
        import_jsonld(library, "[1, 2]")
    with pytest.raises(ValueError):
        import_jsonld(library, json.dumps({"type": "Something"}))


def test_notes_markdown_never_runs_html() -> None:
    html = note_html("**bold** <script>alert(1)</script>\n\n> quoted")
    assert "<strong>bold</strong>" in html and "<script>" not in html
    assert "<blockquote>" in html


def test_tags_rename_merge_and_filter(library, corpus) -> None:
    report = Importer(library, workers=1).run(
        [str(corpus / "id" / "indosum" / n) for n in ("0927.txt", "0899.txt", "2544.txt")]
    )
    a, b, c = (item["id"] for item in report.imported)
    store.set_article_tags(library, a, ["rohingya", "myanmar"])
    store.set_article_tags(library, b, ["Rohingya crisis"])
    assert count_articles(library, ArticleFilter(tag="rohingya")) == 1
    store.rename_tag(library, "Rohingya crisis", "rohingya")  # merge
    assert count_articles(library, ArticleFilter(tag="rohingya")) == 2
    assert ("Rohingya crisis", 1) not in store.all_tags(library)
    store.rename_tag(library, "myanmar", "Myanmar")
    assert store.article_tags(library, a) == ["Myanmar", "rohingya"]
    assert c not in {a, b}


def test_trash_hides_restores_and_empties(library, seed_file) -> None:
    article_id = _seed(library, seed_file)
    _highlight(library, article_id, QUOTE)
    store.trash_article(library, article_id)
    assert library.count() == 0 and library.search("Ukraina") == []
    assert store.trashed(library)[0]["annotations"] == 1
    store.restore_article(library, article_id)
    assert library.count() == 1 and len(store.for_article(library, article_id)) == 1
    store.trash_article(library, article_id)
    assert store.empty_trash(library) == 1
    assert library.get(article_id) is None
    assert library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0


def test_annotation_search_by_text_colour_and_tag(library, seed_file) -> None:
    article_id = _seed(library, seed_file)
    _highlight(library, article_id, QUOTE, color="pink", note="drone dan rudal")
    store.save(
        library, replace(article_note(article_id, "Sumber: Financial Times"), tags=("sumber",))
    )
    assert [r["kind"] for r in store.search(library, "rudal")] == ["highlight"]
    assert [r["kind"] for r in store.search(library, "financial")] == ["note"]
    assert len(store.search(library, color="pink")) == 1
    assert [r["kind"] for r in store.search(library, tag="sumber")] == ["note"]


def test_cli_annotate_notes_export_import(tmp_path, seed_file, capsys) -> None:
    lib = ["--library", str(tmp_path / "cli.db")]
    assert cli(["import", *lib, "--workers", "1", str(seed_file)]) == 0
    capsys.readouterr()
    assert (
        cli(
            [
                "annotate",
                *lib,
                "1",
                "--quote",
                "Jake   Sullivan",
                "--note",
                "*NSA*",
                "--color",
                "blue",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert cli(["annotate", *lib, "1", "--quote", "tidak ada di artikel"]) == 1
    assert "not in article 1" in capsys.readouterr().err
    assert cli(["notes", *lib, "--json", "1"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert notes[0]["quote"] == "Jake Sullivan" and notes[0]["color"] == "blue"
    out = tmp_path / "notes.jsonld"
    assert cli(["export", *lib, "--format", "jsonld", "-o", str(out)]) == 0
    assert cli(["export", *lib, "--format", "md"]) == 0
    assert "> Jake Sullivan" in capsys.readouterr().out
    other = ["--library", str(tmp_path / "other.db")]
    assert cli(["import", *other, "--workers", "1", str(seed_file)]) == 0
    capsys.readouterr()
    assert cli(["import-annotations", *other, "--json", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert cli(["import-annotations", *other, str(bad)]) == 1
    assert "cannot import annotations" in capsys.readouterr().err
