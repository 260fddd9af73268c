"""The Related tab (``relatedPanel``): links, backlinks, copies of the same story, similar
articles with reasons, "More about …" entries and a timeline of those entities."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from reader.related import RelatedView
from reader.render import LIGHT, Palette
from reader.render_related import related_html
from reader.ui.offline_browser import OfflineBrowser
from reader.ui.timeline import Timeline

VERDICTS = {"pin": "pin", "unpin": "", "dismiss": "dismiss"}


class RelatedPanel(QWidget):
    """Shows a :class:`RelatedView`; every click becomes a signal."""

    article_requested = Signal(int)
    entity_requested = Signal(int)
    #: (other article id, "pin" | "dismiss" | "" to forget)
    verdict_requested = Signal(int, str)
    diff_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.setAccessibleName("Related articles")
        self.view: RelatedView | None = None
        self._palette = LIGHT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = OfflineBrowser(objectName="relatedList")
        self.list.setOpenLinks(False)
        self.list.setOpenExternalLinks(False)
        self.list.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.list.anchorClicked.connect(self._clicked)
        self.timeline_label = QLabel("In the news over time", objectName="relatedTimelineLabel")
        self.timeline = Timeline()
        self.timeline.article_requested.connect(self.article_requested)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline)
        self.clear()

    def clear(self) -> None:
        self.view = None
        self.list.setHtml(
            f'<p style="color:{self._palette.muted};">Open an article to see what is related'
            " to it.</p>"
        )
        self.timeline.set_rows([], -1, None)
        self.timeline_label.hide()

    def set_palette_colours(self, palette: Palette) -> None:
        self._palette = palette
        if self.view is not None:
            self.list.setHtml(related_html(self.view, palette))

    def show_view(self, view: RelatedView, published: str | None) -> None:
        self.view = view
        scroll = self.list.verticalScrollBar().value()
        self.list.setHtml(related_html(view, self._palette))
        self.list.verticalScrollBar().setValue(scroll)
        rows = [(trail.name, trail.dated) for trail in view.trails]
        self.timeline.set_rows(rows, view.article_id, published)
        self.timeline_label.setVisible(self.timeline.row_count() > 0)

    def _clicked(self, url: QUrl) -> None:
        scheme, value = url.scheme(), url.path()
        if not value.isdigit():
            return
        target = int(value)
        if scheme == "article":
            self.article_requested.emit(target)
        elif scheme == "entity":
            self.entity_requested.emit(target)
        elif scheme == "diff":
            self.diff_requested.emit(target)
        elif scheme in VERDICTS:
            self.verdict_requested.emit(target, VERDICTS[scheme])
