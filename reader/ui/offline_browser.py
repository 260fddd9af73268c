"""A QTextBrowser that never loads anything: no images, style sheets or pages from the network
or the disk. Article text and notes are shown as text; a ``<img src="http://…">`` that slipped
into an article or note stays an empty box instead of a request."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

log = logging.getLogger(__name__)


class OfflineBrowser(QTextBrowser):
    def loadResource(self, kind: int, url: QUrl) -> object:
        log.debug("refused to load %s", url.toString()[:200])
        return None
