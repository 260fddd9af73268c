"""Status bar widgets: library size, import progress with Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar


class ReaderStatusBar(QStatusBar):
    """Shows "3,725 articles" and, during an import, files done/total and a Cancel button."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.size_label = QLabel(objectName="librarySize")
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setFormat("Importing %v / %m files")
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", objectName="cancelImport")
        self.cancel_button.setToolTip("Stop the import; articles already stored stay")
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.size_label)
        self.set_importing(False)

    def set_library_size(self, count: int) -> None:
        self.size_label.setText(f"{count:,} article{'s' if count != 1 else ''}")

    def set_importing(self, active: bool, cancellable: bool = True) -> None:
        self.progress.setVisible(active)
        self.cancel_button.setVisible(active and cancellable)
        self.progress.setFormat("Importing %v / %m files" if cancellable else "Working… %v / %m")
        if active:
            self.progress.setRange(0, 0)  # busy until the first count arrives

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
