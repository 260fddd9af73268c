"""Entry point: ``reader`` / ``python main.py``. No command opens the window; a command runs the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from reader.cli import COMMANDS

    if any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in args):
        from reader.cli import main as cli_main

        return cli_main(args)
    try:
        from reader.ui.app import run
    except ImportError as exc:
        if exc.name != "reader.ui.app":
            raise
        print(
            "reader: this build has no desktop window yet; use a command"
            " (import, list, show, search, reparse) or --help",
            file=sys.stderr,
        )
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
