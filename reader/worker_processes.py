"""How an import's worker processes start.

On Linux they are forked from a fork server: the server imports the parser and loads the
models once (``reader.worker_preload``), and every worker forked from it starts with them
loaded, ~0.45 s of CPU less for each worker of every import, its first files parsed that
much sooner. Elsewhere they are spawned fresh: on macOS the numerical libraries numpy may
use (Accelerate) are not safe to use across a fork, and Windows has no fork. They are never
forked from the importing process itself: a fork copies its threads (Qt's included)
mid-flight.

The server starts with the first import that needs workers, or ahead of it with
:func:`prepare` (the window calls it when a folder or many files are dragged over it), and
ends with the process that started it. It holds ~135 MB meanwhile, mostly the models.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

#: What the fork server imports as it starts.
PRELOAD = "reader.worker_preload"
#: Below this many files an import parses in its own process: workers would cost more to
#: start than they save.
PARALLEL_THRESHOLD = 400


def context() -> BaseContext:
    """The multiprocessing context for an import's worker processes."""
    # Imported here: the window imports this module for PARALLEL_THRESHOLD before its first
    # paint, and multiprocessing would add ~20 ms there.
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload([PRELOAD])
    return forkserver


def count(requested: int | None) -> int:
    """How many worker processes an import uses: as many as requested, else one a core
    (an import with one parses in its own process)."""
    return requested if requested is not None else (os.cpu_count() or 1)


def prepare(requested: int | None = None) -> None:
    """Start the fork server now, if an import with ``requested`` workers would use it: it
    loads the models in a process of its own while the caller goes on, and the next
    import's workers start at once. Cheap when it runs already."""
    if count(requested) > 1 and context().get_start_method() == "forkserver":
        import multiprocessing.forkserver

        multiprocessing.forkserver.ensure_running()
