"""Article structure from real files: the seed article, Wikinews, IndoSum, Markdown, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import Document
from reader.pipeline import parse_file
from reader.structure import DERIVED_TITLE, analyse, derive_title


def _txt(text: str):
    return analyse(Document(text=text, format="txt"))


def test_seed_article(seed_file: Path) -> None:
    parsed = parse_file(seed_file)
    article = parsed.article
    assert article.title == "Mulai Kurang Tenaga di Ukraina, Rusia Minta Bantuan Militer China"
    assert article.published == "2022-03-15T06:25"
    assert article.source == "GenPI.co"
    assert article.editor == "Paskalis Yuri Alfred"
    assert article.language == "id"
    assert article.read_also == [
        "Pasukan Rusia Pakai Bom Terlarang, Efeknya Sangat Mengerikan!",
        "Rusia Sewa Tentara Bayaran Suriah, Libya, Serbia! Segini Gajinya",
        "Serangan Rusia Makin Dekat ke Polandia, NATO bisa Terancam",
    ]
    assert article.body.startswith("Para pejabat Amerika Serikat")
    assert article.body.endswith("China secara resmi tetap netral.(*)")
    for gone in (
        "BACA JUGA",
        "Redaktur",
        "Copyright",
        "BERITA TERKAIT",
        "Google News",
        "GenPI.co -",
    ):
        assert gone not in article.body
    assert len(article.body.split("\n\n")) == 16  # counted by eye in the seed file
    assert parsed.raw.startswith("Mulai Kurang Tenaga")  # the raw text is kept whole
    assert "Copyright © 2024 by GenPI.co" in parsed.raw


def test_wikinews_article(corpus: Path) -> None:
    article = parse_file(corpus / "en/wikinews/0001.txt").article
    assert article.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert article.published == "2019-01-04"
    assert article.language == "en"
    # The repeated long-form date line is not part of the body.
    assert article.body.startswith("An apartment building collapsed on Monday in Magnitogorsk")
    assert "Friday, January 4, 2019" not in article.body
    assert "\n\n\n" not in article.body


def test_wikinews_review_boilerplate_is_dropped(corpus: Path) -> None:
    article = parse_file(corpus / "en/wikinews/0259.txt").article
    assert article.published == "2020-10-18"
    assert article.body.startswith("The spread of coronavirus in late 2019")
    assert "pre-publication review" not in article.body
    assert "Article last amended" not in article.body


def test_indosum_article_gets_title_from_first_sentence(corpus: Path) -> None:
    article = parse_file(corpus / "id/indosum/0001.txt").article
    assert article.title_derived
    assert article.title.startswith("Ketua MPR Zulkifli Hasan menyesalkan kisruh")
    assert len(article.title) <= DERIVED_TITLE + 1
    assert article.published is None
    assert article.language == "id"
    # Tokenised text is put back together and read-also lines are lifted out.
    assert "Senin (27/3)." in article.body
    assert " ," not in article.body
    assert article.read_also[0] == (
        "Setya Novanto: Jangan Sampai Kisruh Taksi dan Ojek Online Jadi Besar"
    )
    assert "Baca juga" not in article.body


@pytest.mark.parametrize(
    ("name", "source", "dateline", "body_start"),
    [
        ("0007.txt", "CNN Indonesia", "Jakarta, CNN Indonesia", None),
        ("0005.txt", "ANTARA News", "Wamena (ANTARA News)", None),
        ("0036.txt", "Merdeka.com", "Merdeka.com", "Mantan pemain Liverpool"),
        ("0042.txt", "Rimanews", "Rimanews", None),
        ("0019.txt", "JUARA.NET", "JUARA.NET, TOKYO", None),
        ("0037.txt", "Pos Kota", "JAKARTA (Pos Kota)", None),
    ],
)
def test_indosum_outlet_datelines(corpus, name, source, dateline, body_start) -> None:
    article = parse_file(corpus / "id/indosum" / name).article
    assert article.source == source
    assert article.dateline == dateline
    assert not article.body.startswith(dateline)
    if body_start:
        assert article.body.startswith(body_start)


def test_photo_credit_is_not_a_title(corpus: Path) -> None:
    article = parse_file(corpus / "id/indosum/1807.txt").article
    assert article.title.startswith("Kerinduan para pendukung PSM Makassar")
    assert "Kredit" not in article.body


def test_dailysocial_footer_is_dropped(corpus: Path) -> None:
    article = parse_file(corpus / "id/indosum/0006.txt").article
    assert "portal berita startup" not in article.body


def test_long_first_paragraph_gives_a_short_title() -> None:
    long = "Kata " * 400 + "akhir."
    title = derive_title(long)
    assert len(title) <= DERIVED_TITLE + 1 and title.endswith("…")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("15 Maret 2022 06:25", "2022-03-15T06:25"),
        ("Senin, 3 Februari 2025 14:05 WIB", "2025-02-03T14:05"),
        ("03/02/2025, 14:05 WIB", "2025-02-03T14:05"),
        ("Feb 3, 2025 2:05 PM", "2025-02-03T14:05"),
        ("Friday, January 4, 2019", "2019-01-04"),
        ("2019-01-04", "2019-01-04"),
    ],
)
def test_date_lines(line: str, published: str) -> None:
    article = _txt(f"Judul Berita Penting\n\n{line}\n\nIsi berita yang cukup panjang di sini.")
    assert article.title == "Judul Berita Penting"
    assert article.published == published
    assert article.body == "Isi berita yang cukup panjang di sini."


@pytest.mark.parametrize(
    "line",
    [
        "BACA JUGA:  Harga Emas Naik",
        "Baca juga : Harga Emas Naik",
        "[ Baca Juga : Harga Emas Naik ]",
        "( Baca juga : Harga Emas Naik )",
        "SIMAK JUGA :   Harga Emas Naik",
        "Read more: Harga Emas Naik",
        "Read also: Harga Emas Naik",
    ],
)
def test_read_also_variants(line: str) -> None:
    article = _txt(f"Judul\n\n12 Juni 2024\n\nParagraf satu.\n\n{line}\n\nParagraf dua.")
    assert article.read_also == ["Harga Emas Naik"]
    assert article.body == "Paragraf satu.\n\nParagraf dua."


def test_read_also_marker_on_its_own_line_takes_the_next_headline() -> None:
    article = _txt("Judul\n\nParagraf satu.\n\nBaca_Juga\n\nHarga Emas Naik\n\nParagraf dua.")
    assert article.read_also == ["Harga Emas Naik"]
    assert article.body == "Paragraf satu.\n\nParagraf dua."


def test_bylines_and_boilerplate() -> None:
    text = (
        "Judul\n\nOleh Rina Marlina\n\nJakarta, KOMPAS.com - Isi berita pertama.\n\n"
        "ADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT\n\nIsi kedua.\n\n"
        "Penulis: Budi Santoso\n\nEditor: Sri Lestari\n\nBERITA TERKAIT\n\nJudul lain sekali"
    )
    article = _txt(text)
    assert article.author == "Rina Marlina"
    assert article.editor == "Sri Lestari"
    assert article.source == "KOMPAS.com"
    assert article.body == "Isi berita pertama.\n\nIsi kedua."


def test_footer_copyright_names_the_source() -> None:
    article = _txt("Judul\n\nIsi berita.\n\nCopyright © 2024 by GenPI.co")
    assert article.source == "GenPI.co"
    assert article.body == "Isi berita."


def test_language_of_real_articles(corpus: Path) -> None:
    """Every English Wikinews file and a spread of IndoSum files get the right language."""
    from reader.errors import Rejected

    english = sorted((corpus / "en/wikinews").glob("*.txt"))
    indonesian = sorted((corpus / "id/indosum").glob("*.txt"))[::10]
    wrong = []
    for path, expected in [(p, "en") for p in english] + [(p, "id") for p in indonesian]:
        try:
            article = parse_file(path).article
        except Rejected:
            continue
        if article.language != expected:
            wrong.append((path.name, article.language))
    assert len(wrong) <= 2, wrong
