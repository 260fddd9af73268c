"""Legend of entity colours with a toggle per type, shown above the reading pane."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reader.render import ENTITY_LABELS, ENTITY_TINTS_DARK, ENTITY_TINTS_LIGHT


class EntityLegend(QWidget):
    """One checkable button per entity type, tinted like the highlights it toggles."""

    visible_changed = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityLegend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for kind, label in ENTITY_LABELS.items():
            button = QToolButton(text=label, checkable=True, checked=True)
            button.setObjectName(f"legend_{kind.lower()}")
            button.setToolTip(f"Highlight {label.lower()} names (click to show or hide)")
            button.toggled.connect(self._changed)
            self.buttons[kind] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.set_dark(False)

    def visible(self) -> set[str]:
        return {kind for kind, button in self.buttons.items() if button.isChecked()}

    def set_dark(self, dark: bool) -> None:
        tints = ENTITY_TINTS_DARK if dark else ENTITY_TINTS_LIGHT
        for kind, button in self.buttons.items():
            button.setStyleSheet(
                f"QToolButton:checked {{ background: {tints[kind]}; border: 1px solid #888;"
                " border-radius: 3px; padding: 1px 6px; }"
                " QToolButton { padding: 1px 6px; border: 1px dashed #888; border-radius: 3px; }"
            )

    def _changed(self, _checked: bool) -> None:
        self.visible_changed.emit(self.visible())
