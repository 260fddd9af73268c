"""All of the window's remembered state goes through here (one INI file via QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_FONT_SIZE = 13
MIN_FONT_SIZE = 9
MAX_FONT_SIZE = 28
THEMES = ("system", "light", "dark")


class Settings:
    """Typed access to the settings file; tests pass a path in ``tmp_path``."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Reader", "Reader"
            )
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # window layout
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/splitter_{name}")
        return value if isinstance(value, QByteArray) else None

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"window/splitter_{name}", value)

    # reading
    def open_article(self) -> int | None:
        value = self._qs.value("reading/open_article")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_open_article(self, article_id: int | None) -> None:
        self._qs.setValue("reading/open_article", "" if article_id is None else article_id)

    def font_size(self) -> int:
        try:
            size = int(self._qs.value("reading/font_size", DEFAULT_FONT_SIZE))
        except (TypeError, ValueError):
            size = DEFAULT_FONT_SIZE
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))

    def set_font_size(self, size: int) -> None:
        self._qs.setValue("reading/font_size", int(size))

    def theme(self) -> str:
        value = str(self._qs.value("appearance/theme", "system"))
        return value if value in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        self._qs.setValue("appearance/theme", theme if theme in THEMES else "system")
