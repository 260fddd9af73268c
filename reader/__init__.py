"""Reader: an offline reader and research notebook for saved news articles.

The package is layered so that data flows one way: file bytes are decoded
(:mod:`reader.decode`), turned into a document by a format reader
(:mod:`reader.formats`), analysed into an article (:mod:`reader.structure`)
and stored (:mod:`reader.storage`). Nothing outside ``reader.ui`` imports Qt.
"""

__version__ = "0.1.0"
