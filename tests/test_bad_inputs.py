"""Every deliberately bad input in ../shared/corpus/bad/ (see its README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import Rejected
from reader.importer import Importer
from reader.pipeline import parse_file

CABAI_TITLE = "Harga Cabai Rawit di Pasar Kramat Jati Turun Jelang Akhir Pekan"
SAME_ARTICLE = [
    "crlf_windows.txt",
    "utf8_bom.txt",
    "utf16le_bom.txt",
    "utf16be_bom.txt",
    "mixed_line_endings.txt",
    "mojibake_double_encoded.txt",
]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "file is empty"),
        ("whitespace_only.txt", "file is empty"),
        ("whitespace_unicode_only.txt", "file is empty"),
        ("binary_random.txt", "not a text file"),
        ("image_renamed.txt", "not a text file"),
        ("title_only.txt", "no article text"),
    ],
)
def test_rejected_with_reason(bad: Path, name: str, reason: str) -> None:
    with pytest.raises(Rejected, match=reason):
        parse_file(bad / name)


@pytest.mark.parametrize("name", SAME_ARTICLE)
def test_same_article_in_every_encoding(bad: Path, name: str) -> None:
    parsed = parse_file(bad / name)
    reference = parse_file(bad / "crlf_windows.txt")
    article = parsed.article
    assert article.title == CABAI_TITLE
    assert article.published == "2024-06-14T09:12"
    assert article.editor == "Andi Pratama"
    assert article.read_also == ["Bank Indonesia Pertahankan Suku Bunga Acuan 6,25 Persen"]
    if name == "mojibake_double_encoded.txt":
        # The same article written with curly quotes, repaired from its garbled form.
        assert "“Dalam tiga hari terakhir" in article.body
    else:
        assert article.body == reference.article.body
    assert parsed.body_hash == reference.body_hash
    for bad_char in ("\r", "\x00", "\ufeff", "\ufffd", "\x9d", "â€"):
        assert bad_char not in article.title + article.body


def test_cp1252_article(bad: Path) -> None:
    parsed = parse_file(bad / "latin1_cp1252_article.txt")
    assert parsed.encoding == "cp1252"
    assert parsed.article.title == "Kafe “Le Petit Café” di Bandung Raih Penghargaan Kuliner Eropa"
    assert "\ufffd" not in parsed.raw
    assert "Señor Núñez" in parsed.article.body
    assert "\x85" not in parsed.raw and "…" in parsed.raw


def test_file_name_with_dash_and_accent(bad: Path) -> None:
    parsed = parse_file(bad / "berita ekonomi – édition.txt")
    assert parsed.article.title == "Rupiah Menguat ke Level Rp 15.900 per Dolar AS"
    assert parsed.file_name == "berita ekonomi – édition.txt"
    assert parsed.path.endswith("bad/berita ekonomi – édition.txt")


def test_long_single_line_is_imported_with_a_short_title(bad: Path) -> None:
    parsed = parse_file(bad / "long_single_line.txt")
    assert len(parsed.article.title) <= 121
    assert len(parsed.article.body) > 2_000_000


def test_markdown_article(bad: Path) -> None:
    article = parse_file(bad / "article_markdown.md").article
    assert article.title == "Banjir Rob Rendam Kawasan Pesisir Semarang"
    assert article.published == "2024-06-10T07:30"
    assert article.author == "Dimas Arya"
    assert article.read_also == ["Jalur Pantura Macet Akibat Genangan"]
    assert article.body.startswith("Banjir rob kembali merendam")
    for markup in ("**", "](", "![", "# ", "---"):
        assert markup not in article.body
    assert "Warga Mengungsi" in article.body  # subheadings stay as paragraphs


def test_saved_html_page(bad: Path) -> None:
    article = parse_file(bad / "saved_news_page.html").article
    assert article.title == "Kereta Cepat Tambah Jadwal Perjalanan Selama Libur Sekolah"
    assert article.published == "2024-06-13T08:45"
    assert article.author == "Rina Marlina"
    assert article.editor == "Yoga Prasetyo"
    assert article.read_also == ["Tarif Tol Dalam Kota Naik Mulai Bulan Depan"]
    assert article.body.startswith("Operator kereta cepat menambah 12 perjalanan")
    assert "Rp 200.000 & kelas bisnis" in article.body
    assert "<sesuai jadwal di tiket>" in article.body  # entities decoded, not markup
    for gone in ("<p", "gtag", "ADVERTISEMENT", "BERITA TERPOPULER", "Nasional", "Copyright"):
        assert gone not in article.body


def test_importing_the_bad_folder_harms_nothing(bad: Path, library, seed_file: Path) -> None:
    Importer(library, workers=1).run([seed_file])
    before = library.get(1)
    report = Importer(library, workers=1).run([bad])
    skipped = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(skipped) == {
        "empty.txt",
        "whitespace_only.txt",
        "whitespace_unicode_only.txt",
        "binary_random.txt",
        "image_renamed.txt",
        "title_only.txt",
    }
    duplicates = sorted(Path(d["path"]).name for d in report.duplicates)
    assert len(duplicates) == len(SAME_ARTICLE) - 1
    assert report.ignored == 1  # bad/README.md is documentation, not an article
    assert library.get(1) == before
    assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
