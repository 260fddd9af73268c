"""The command line as scripts use it: JSON on stdout, errors on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_search(capsys, library_path, corpus, bad) -> None:
    lib = ["--library", str(library_path)]
    code, out, _ = run(
        capsys, "import", *lib, "--json", "--workers", "1", str(corpus / "seed"), str(bad)
    )
    assert code == 0
    report = json.loads(out)
    assert {"imported", "duplicates", "skipped"} <= set(report)
    titles = {item["title"] for item in report["imported"]}
    assert "Mulai Kurang Tenaga di Ukraina, Rusia Minta Bantuan Militer China" in titles
    assert all({"path", "id", "title"} <= set(i) for i in report["imported"])
    assert all({"path", "id"} <= set(d) for d in report["duplicates"])
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert reasons["empty.txt"] == "file is empty"

    code, out, _ = run(capsys, "list", *lib, "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(report["imported"])
    assert set(rows[0]) == {"id", "title", "source", "published", "language"}

    seed_id = next(i["id"] for i in report["imported"] if "Ukraina" in i["title"])
    code, out, _ = run(capsys, "show", *lib, "--json", str(seed_id))
    article = json.loads(out)
    assert article["published"] == "2022-03-15T06:25"
    assert article["source"] == "GenPI.co"
    assert article["language"] == "id"
    assert len(article["read_also"]) == 3 and set(article["read_also"][0]) == {"text", "target_id"}
    assert article["path"].endswith("genpi_rusia_minta_bantuan_china.txt")
    assert article["imported_at"]

    code, out, _ = run(capsys, "search", *lib, "--json", "Yang", "Jiechi")
    hits = json.loads(out)
    assert hits[0]["id"] == seed_id and "Jiechi" in hits[0]["snippet"]

    code, out, _ = run(capsys, "search", *lib, "Jiechi")
    assert "[Jiechi]" in out


def test_human_output(capsys, library_path, seed_file) -> None:
    lib = ["--library", str(library_path)]
    code, out, _ = run(capsys, "import", *lib, str(seed_file))
    assert code == 0 and out.startswith("1 imported, 0 duplicates, 0 skipped")
    code, out, _ = run(capsys, "show", *lib, "1")
    assert out.startswith("Mulai Kurang Tenaga") and "Read also:" in out


def test_errors_go_to_stderr(capsys, library_path, tmp_path) -> None:
    code, out, err = run(capsys, "show", "--library", str(library_path), "42")
    assert code == 1 and out == "" and "no article with id 42" in err
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    code, out, err = run(capsys, "list", "--library", str(notes))
    assert code == 1 and "not a Reader library" in err


def test_library_from_environment(capsys, library_path, seed_file, monkeypatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(library_path))
    run(capsys, "import", str(seed_file))
    assert library_path.exists()


def test_reparse(capsys, library_path, seed_file) -> None:
    run(capsys, "import", "--library", str(library_path), str(seed_file))
    code, out, _ = run(capsys, "reparse", "--library", str(library_path), "--json")
    assert code == 0 and json.loads(out)["updated"] == 1


def test_entry_point_runs_the_cli(tmp_path, seed_file) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            "--json",
            "--library",
            str(tmp_path / "l.db"),
            str(seed_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["imported"]) == 1


@pytest.mark.parametrize("module", ["reader.cli", "reader.importer", "reader.storage.library"])
def test_core_never_imports_qt(module: str) -> None:
    code = f"import sys, {module}, reader.pipeline, reader.reparse; print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout.strip() == "False"


def test_output_closed_early_ends_quietly(capsys, library_path, corpus) -> None:
    """``reader list | head``: once head has read enough and gone, no traceback."""
    lib = ["--library", str(library_path)]
    assert run(capsys, "import", *lib, "--workers", "1", str(corpus / "en" / "wikinews"))[0] == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "list", *lib],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    proc.stdout.close()  # the reader of the output is gone before it is written
    errors = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors
