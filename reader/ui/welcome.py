"""What an empty library shows: how to add articles, instead of empty panes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeView(QWidget):
    """Drop files or folders here, or use File > Import."""

    import_files = Signal()
    import_folder = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeView")
        title = QLabel("<h1>Your library is empty</h1>")
        text = QLabel(
            "<p>Drop article files or whole folders anywhere on this window<br/>"
            "(<b>.txt</b>, <b>.md</b>, <b>.html</b>), or use <b>File › Import files…</b> "
            "(Ctrl+O).</p><p>Everything stays on this computer.</p>"
        )
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        files = QPushButton("Import files…", objectName="welcomeImportFiles")
        folder = QPushButton("Import folder…", objectName="welcomeImportFolder")
        files.clicked.connect(self.import_files)
        folder.clicked.connect(self.import_folder)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addWidget(text)
        for button in (files, folder):
            button.setMinimumWidth(200)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
