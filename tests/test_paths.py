"""Awkward paths: names in other encodings, symlink loops, unreadable files, huge drops."""

from __future__ import annotations

import json
import os

import pytest

from reader.cli import main as cli
from reader.importer import discover

ARTICLE = "Judul Berita\n\nIsi berita yang cukup panjang untuk sebuah artikel di sini, {n}.\n"


def test_names_in_any_encoding_and_symlink_loops(tmp_path, capsys) -> None:
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    names = [b"cp1252-caf\xe9.txt", b"latin-\xff\xfe.txt", "utf8-kabar-\u00e9\u0301.txt".encode()]
    for n, name in enumerate(names):
        with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as fh:
            fh.write(ARTICLE.format(n=n))
    os.symlink("..", folder / "sub" / "loop")  # a folder that contains itself
    lib = ["--library", str(tmp_path / "lib.db")]
    assert cli(["import", *lib, "--json", "--workers", "1", str(folder)]) == 0
    report = json.loads(capsys.readouterr().out)
    paths = sorted(item["path"] for item in report["imported"])
    assert len(paths) == 3
    assert any(p.endswith("cp1252-caf\\xe9.txt") for p in paths)
    assert any(p.endswith("latin-\\xff\\xfe.txt") for p in paths)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_and_folder_are_reported(tmp_path, capsys) -> None:
    folder = tmp_path / "drop"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(ARTICLE.format(n=2), encoding="utf-8")
    secret.chmod(0)
    (folder / "locked").chmod(0)
    try:
        lib = ["--library", str(tmp_path / "lib.db")]
        assert cli(["import", *lib, "--json", "--workers", "1", str(folder)]) == 0
        report = json.loads(capsys.readouterr().out)
        assert len(report["imported"]) == 1
        reasons = " ".join(s["reason"] for s in report["skipped"])
        assert "cannot read" in reasons
    finally:
        (folder / "locked").chmod(0o755)
        secret.chmod(0o644)


def test_twenty_thousand_files_in_one_drop_are_found(tmp_path) -> None:
    folder = tmp_path / "many"
    for part in range(20):
        sub = folder / f"part{part:02d}"
        sub.mkdir(parents=True)
        for n in range(1000):
            (sub / f"{n:04d}.txt").write_bytes(b"x")
    found = discover([folder])
    assert len(found.files) == 20_000 and not found.skipped
    assert found.files == sorted(found.files)
