"""The Entities tab: the open article's entities grouped by type, most salient first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.render import ENTITY_LABELS, ENTITY_TINTS_LIGHT

_GROUPS = {"PERSON": "People", "ORGANIZATION": "Organisations", "PLACE": "Places", "DATE": "Dates"}
EntityIdRole = Qt.ItemDataRole.UserRole + 10


class EntityPanel(QWidget):
    """Click an entity to step through its mentions; double-click for its page."""

    mention_requested = Signal(int)
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.hint = QLabel(
            "Click a name to step through its mentions; double-click for every article."
        )
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget(objectName="entityTree")
        self.tree.setHeaderLabels(["Entity", "Here", "Articles"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._activated)

    def set_entities(self, entities: list[dict[str, Any]]) -> None:
        self.tree.clear()
        for kind, label in _GROUPS.items():
            members = [e for e in entities if e["type"] == kind]
            if not members:
                continue
            # Items are created with their parent (not added afterwards): the tree owns them
            # from the start, which is also the ownership path PySide6 handles best.
            group = QTreeWidgetItem(self.tree, [f"{label} ({len(members)})"])
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for entity in members:
                item = QTreeWidgetItem(
                    group, [entity["canonical"], f"{entity['mentions']}×", str(entity["articles"])]
                )
                item.setData(0, EntityIdRole, entity["id"])
                item.setToolTip(
                    0,
                    f"{entity['canonical']} — {ENTITY_LABELS[kind]}, in {entity['articles']} articles",
                )
                item.setBackground(0, QBrush(QColor(ENTITY_TINTS_LIGHT[kind])))
                item.setForeground(0, QBrush(QColor("#1f2328")))
            group.setExpanded(kind != "DATE")

    def entity_names(self) -> list[str]:
        names = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            names.extend(group.child(j).text(0) for j in range(group.childCount()))
        return names

    def item_for(self, entity_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, EntityIdRole) == entity_id:
                    return group.child(j)
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        entity_id = item.data(0, EntityIdRole)
        if entity_id is not None:
            self.mention_requested.emit(int(entity_id))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entity_id = item.data(0, EntityIdRole)
        if entity_id is not None:
            self.page_requested.emit(int(entity_id))
