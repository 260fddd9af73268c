"""Imports large enough for worker processes: no worker left behind when the importing
process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _processes_marked(marker: str) -> list[int]:
    """Running processes whose environment holds ``marker`` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours
            continue
        if marker.encode() in environment:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_workers_exit_when_the_importing_process_is_killed(corpus, tmp_path, qtbot) -> None:
    marker = f"READER_TEST_RUN={uuid.uuid4().hex}"
    driver = tmp_path / "kill_with_workers.py"
    driver.write_text(
        textwrap.dedent(
            f"""
            import os, signal
            from reader.importer import Importer
            from reader.storage.library import Library

            def progress(done, total, path):
                if done == 100:
                    os.kill(os.getpid(), signal.SIGKILL)

            if __name__ == "__main__":  # worker processes re-run this file's top level
                with Library({str(tmp_path / "library.db")!r}) as lib:
                    Importer(lib, progress=progress, workers=2).run(
                        [{str(corpus / "id" / "indosum")!r}]
                    )
            """
        )
    )
    name, value = marker.split("=")
    errors = tmp_path / "stderr.txt"
    with open(errors, "wb") as stderr:  # a file, not a pipe: workers left behind hold pipes
        result = subprocess.run(
            [sys.executable, str(driver)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            timeout=300,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT), name: value},
        )
    assert result.returncode == -signal.SIGKILL, errors.read_text()
    # Its workers notice and exit; before, they waited for their next chunk for ever.
    qtbot.waitUntil(lambda: not _processes_marked(marker), timeout=20_000)
