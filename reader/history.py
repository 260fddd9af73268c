"""Back/forward through the articles opened in this session, like a browser.

Opening an article after going back drops the forward entries; opening the article already
shown changes nothing. Articles deleted meanwhile are skipped by the caller (``valid``).
"""

from __future__ import annotations

from collections.abc import Callable


class History:
    """A list of article ids and a position in it."""

    def __init__(self, limit: int = 500) -> None:
        self._items: list[int] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> int | None:
        return self._items[self._index] if self._index >= 0 else None

    def visit(self, article_id: int) -> None:
        """Record that ``article_id`` was opened (not by going back or forward)."""
        if self.current == article_id:
            return
        del self._items[self._index + 1 :]
        self._items.append(article_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._items) - 1

    def back(self, valid: Callable[[int], bool] = lambda _id: True) -> int | None:
        """Step back to the previous article that is still ``valid``; None if there is none."""
        return self._step(-1, valid)

    def forward(self, valid: Callable[[int], bool] = lambda _id: True) -> int | None:
        return self._step(1, valid)

    def _step(self, direction: int, valid: Callable[[int], bool]) -> int | None:
        index = self._index + direction
        while 0 <= index < len(self._items):
            if valid(self._items[index]):
                self._index = index
                return self._items[index]
            del self._items[index]
            if direction < 0:
                self._index -= 1
                index -= 1
        return None

    def back_list(self) -> list[int]:
        """Earlier articles, most recent first (for a back button's menu)."""
        return self._items[: self._index][::-1]

    def forward_list(self) -> list[int]:
        return self._items[self._index + 1 :]
