"""A window showing what differs between two copies of the same story."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reader.textdiff import changed_share, diff_html, word_diff
from reader.ui.offline_browser import OfflineBrowser


class StoryDiff(QDialog):
    """Word-level differences, the open article's text as the base."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyDiff")
        self.setWindowTitle("What differs")
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel(objectName="storyDiffSummary")
        self.summary.setWordWrap(True)
        self.text = OfflineBrowser(objectName="storyDiffText")
        self.text.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def show_diff(self, base: dict, other: dict) -> None:
        pieces = word_diff(base["body"], other["body"])
        share = changed_share(pieces)
        self.summary.setText(
            f"<b>{html.escape(base['title'])}</b> ({html.escape(base.get('source') or 'no source')})"
            f" against <b>{html.escape(other['title'])}</b>"
            f" ({html.escape(other.get('source') or 'no source')}): {round(share * 100)}% of the"
            " words differ. <s>Struck through</s>: only in the first;"
            " <u>underlined</u>: only in the second."
        )
        self.text.setHtml(f"<html><body>{diff_html(base['body'], other['body'])}</body></html>")
