"""The entity page: every article that mentions an entity, newest first, with the sentence."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.render import ENTITY_LABELS, format_published
from reader.ui.offline_browser import OfflineBrowser


def page_html(entity: dict[str, Any], articles: list[dict[str, Any]]) -> str:
    names = [a for a in entity.get("aliases", []) if a != entity["canonical"]]
    parts = [
        f"<p><b style='font-size:large'>{html.escape(entity['canonical'])}</b><br/>"
        f"{ENTITY_LABELS.get(entity['type'], entity['type'])} · {len(articles)} "
        f"article{'s' if len(articles) != 1 else ''}"
    ]
    if names:
        parts.append(f"<br/><small>Also written: {html.escape(', '.join(names[:12]))}</small>")
    parts.append("</p><hr/>")
    pattern = "|".join(
        re.escape(n) for n in sorted({entity["canonical"], *names}, key=len, reverse=True) if n
    )
    for article in articles:
        sentence = html.escape(article["sentence"])
        if pattern:
            sentence = re.sub(f"({html.escape(pattern)})", r"<b>\1</b>", sentence)
        meta = " · ".join(
            x
            for x in (article.get("source") or "", format_published(article.get("published")))
            if x
        )
        parts.append(
            f"<p><a href='article:{article['id']}'>{html.escape(article['title'])}</a><br/>"
            f"<small>{html.escape(meta)}</small><br/>{sentence}</p>"
        )
    return "".join(parts)


class EntityPage(QWidget):
    """Opened by clicking an entity; each article opens with one click."""

    article_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPage")
        self.entity_id: int | None = None
        self.placeholder = QLabel(
            "Click a highlighted name in the article to see every article that mentions it."
        )
        self.placeholder.setWordWrap(True)
        self.view = OfflineBrowser(objectName="entityArticles")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.view, 1)
        self.view.hide()

    def show_entity(self, entity: dict[str, Any], articles: list[dict[str, Any]]) -> None:
        self.entity_id = entity["id"]
        self.placeholder.hide()
        self.view.show()
        self.view.setHtml(page_html(entity, articles))

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "article":
            self.article_requested.emit(int(url.path()))
