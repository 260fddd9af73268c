"""Start Reader from a source checkout: ``python main.py`` (window) or ``python main.py COMMAND``."""

import sys

from reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
