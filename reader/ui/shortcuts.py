"""Every keyboard shortcut, in one table: the Help dialog lists exactly these."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+O", "Import files"),
    ("Ctrl+Shift+O", "Import folder"),
    ("Ctrl+K / Ctrl+L", "Search the library"),
    ("Esc (in search)", "Clear the search"),
    ("J / Down", "Next article"),
    ("K / Up", "Previous article"),
    ("Enter", "Open the selected article"),
    ("Space / Shift+Space", "Page down / up in the article"),
    ("Ctrl+F", "Find in article (Enter / Shift+Enter: next / previous)"),
    ("Ctrl+= / Ctrl+-", "Larger / smaller text"),
    ("Ctrl+0", "Default text size"),
    ("Ctrl+D", "Star or unstar the article"),
    ("Ctrl+Shift+D", "Switch light / dark theme"),
    ("Ctrl+I", "Entity index"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo an entity correction"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
]


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = "".join(
            f"<tr><td style='padding:3px 14px 3px 0'><b>{keys}</b></td><td>{what}</td></tr>"
            for keys, what in SHORTCUTS
        )
        label = QLabel(f"<table>{rows}</table>", objectName="shortcutsTable")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
