"""The non-modal summary shown when an import ends, with every reason on request."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.offline_browser import OfflineBrowser

if TYPE_CHECKING:
    from reader.importer import ImportReport


def details_html(report: ImportReport) -> str:
    """Every skipped file with its reason and every duplicate with a link to the stored article."""
    parts = []
    if report.skipped:
        parts.append("<h3>Skipped</h3><ul>")
        for item in report.skipped:
            parts.append(
                f"<li><b>{html.escape(Path(item['path']).name)}</b>: {html.escape(item['reason'])}"
                f"<br/><small>{html.escape(item['path'])}</small></li>"
            )
        parts.append("</ul>")
    if report.duplicates:
        parts.append("<h3>Already in the library</h3><ul>")
        for item in report.duplicates:
            parts.append(
                f"<li>{html.escape(Path(item['path']).name)}: "
                f'<a href="article:{item["id"]}">open the stored article</a></li>'
            )
        parts.append("</ul>")
    if report.ignored or report.hidden:
        parts.append(
            f"<p>{report.ignored} non-article files and {report.hidden} hidden files or folders "
            "were passed over.</p>"
        )
    return "".join(parts) or "<p>Nothing was skipped.</p>"


class ImportSummary(QDialog):
    """ "42 imported, 3 duplicates, 2 skipped" with Details and Open first new article."""

    open_article = Signal(int)

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        self.setModal(False)
        self.report = report
        self.label = QLabel(report.summary(), objectName="importSummaryText")
        self.details = OfflineBrowser(objectName="importDetails")
        self.details.setOpenLinks(False)
        self.details.setHtml(details_html(report))
        self.details.anchorClicked.connect(self._link)
        self.details.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.details_button = QPushButton(
            "Details", objectName="importDetailsButton", checkable=True
        )
        self.details_button.toggled.connect(self.details.setVisible)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = QPushButton("Open first new article", objectName="openFirstImported")
        self.open_button.setEnabled(bool(report.imported))
        self.open_button.clicked.connect(self._open_first)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(520, 140)

    def _open_first(self) -> None:
        if self.report.imported:
            self.open_article.emit(self.report.imported[0]["id"])
            self.close()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "article":
            self.open_article.emit(int(url.path()))
