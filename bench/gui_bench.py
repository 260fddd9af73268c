"""Desktop app speed: first paint, opening an article, GUI stalls while importing.

    python bench/gui_bench.py [--size 10000] [--runs 5]

1. Time from process start to the first painted window, with a library of
   --size articles (a fresh process each run; median and max of --runs).
2. Time to open an article: select it in the library view, render, paint
   (50 articles, median and p95).
3. The longest GUI-thread stall while 2,000 real article files import in the
   background: a 5 ms timer on the GUI thread records the longest gap between
   its ticks.
Uses QT_QPA_PLATFORM=offscreen unless a DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

FIRST_PAINT_CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
sys.path.insert(0, {root!r})
app = QApplication([])
from reader.storage.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.monotonic(), flush=True)
            app.exit(0)
        return False

window = MainWindow(Library({library!r}), Settings({settings!r}))
watcher = FirstPaint()
window.library_panel.table.viewport().installEventFilter(watcher)
window.show()
app.exec()
window.close()  # stops background upkeep threads cleanly
"""


def first_paint(library: Path, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        code = FIRST_PAINT_CHILD.format(
            root=str(ROOT), library=str(library), settings=str(Path(tmp) / "s.ini")
        )
        for _ in range(runs):
            start = time.monotonic()
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
            times.append(float(out.strip().splitlines()[-1]) - start)
    return times


def open_times(library: Path, count: int = 50) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from reader.storage.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(library)
        window = MainWindow(lib, Settings(Path(tmp) / "s.ini"))
        window.show()
        app.processEvents()
        table = window.library_panel.table
        model = window.library_panel.model
        while model.canFetchMore():
            model.fetchMore()
            if model.rowCount() > 2000:
                break
        rows = random.Random(7).sample(range(model.rowCount()), count)
        times = []
        for row in rows:
            start = time.perf_counter()
            table.setCurrentIndex(model.index(row, 1))
            window.pane.viewport().repaint()
            times.append(time.perf_counter() - start)
        window.close()
        lib.close()
    return times


def import_stall(files: int = 2000) -> tuple[float, float, int]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.storage.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drop"
        folder.mkdir()
        for path in sorted((CORPUS / "id" / "indosum").glob("*.txt"))[:files]:
            shutil.copy(path, folder / path.name)
        lib = Library(Path(tmp) / "lib.db")
        window = MainWindow(lib, Settings(Path(tmp) / "s.ini"))
        window.show()
        clock = QElapsedTimer()
        gaps: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(interval=5)
        timer.timeout.connect(tick)
        done = []
        window.imports.finished.connect(lambda report: done.append(report))
        clock.start()
        timer.start()
        started = time.perf_counter()
        window.import_paths([str(folder)])
        while not done:
            app.processEvents()
            time.sleep(0.001)
        elapsed = time.perf_counter() - started
        timer.stop()
        if window.summary:
            window.summary.close()
        window.close()
        lib.close()
    return max(gaps) - 5, elapsed, len(done[0].imported)


def _in_child(measure: str, library: Path | None = None) -> object:
    """Run one measurement in a fresh process (one QApplication and window per process)."""
    import json

    args = [sys.executable, __file__, "--measure", measure]
    if library is not None:
        args += ["--library", str(library)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", choices=["open", "stall"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library", type=Path, help="reuse a library built by build_library.py")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    if args.measure:
        import json

        result = open_times(args.library) if args.measure == "open" else import_stall()
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        library = args.library
        if library is None:
            from bench.build_library import build

            library = Path(tmp) / "bench.db"
            seconds = build(args.size, library, CORPUS)
            print(f"built a {args.size}-article library in {seconds:.1f} s")
        paints = first_paint(library, args.runs)
        opens = _in_child("open", library)
        stall, seconds, imported = _in_child("stall")
    p95 = sorted(opens)[int(len(opens) * 0.95) - 1]
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM') or 'xcb'}; cores: {os.cpu_count()}")
    print(f"{'measure':<44} {'median':>9} {'worst':>9} {'target':>8}")
    print(
        f"{'first paint, ' + str(args.size) + ' articles (s)':<44} "
        f"{statistics.median(paints):>9.2f} {max(paints):>9.2f} {'< 1.5':>8}"
    )
    print(
        f"{'open article (ms), p95 in worst column':<44} "
        f"{statistics.median(opens) * 1000:>9.1f} {p95 * 1000:>9.1f} {'< 50':>8}"
    )
    print(f"{'longest GUI stall importing 2000 files (ms)':<44} {'':>9} {stall:>9.0f} {'< 100':>8}")
    print(f"(import of {imported} files took {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
