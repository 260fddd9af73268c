"""The reader's own state per article: read, starred, reading position."""

from __future__ import annotations

from reader.storage.library import Library, now_iso
from reader.storage.sqlparams import chunks, marks


def _ensure(library: Library, article_id: int) -> None:
    library.conn.execute(
        "INSERT OR IGNORE INTO article_state (article_id) VALUES (?)", (article_id,)
    )


def mark_read(library: Library, article_id: int, read: bool = True) -> None:
    with library.write():
        _ensure(library, article_id)
        library.conn.execute(
            "UPDATE article_state SET read_at = ? WHERE article_id = ?",
            (now_iso() if read else None, article_id),
        )


def set_starred(library: Library, article_id: int, starred: bool) -> None:
    with library.write():
        _ensure(library, article_id)
        library.conn.execute(
            "UPDATE article_state SET starred_at = ? WHERE article_id = ?",
            (now_iso() if starred else None, article_id),
        )


def is_starred(library: Library, article_id: int) -> bool:
    row = library.conn.execute(
        "SELECT starred_at IS NOT NULL FROM article_state WHERE article_id = ?", (article_id,)
    ).fetchone()
    return bool(row and row[0])


def set_scroll(library: Library, article_id: int, fraction: float) -> None:
    """Remember how far down the article the reader was (0.0 top, 1.0 end)."""
    with library.write():
        _ensure(library, article_id)
        library.conn.execute(
            "UPDATE article_state SET scroll = ? WHERE article_id = ?",
            (max(0.0, min(1.0, fraction)), article_id),
        )


def scroll_position(library: Library, article_id: int) -> float:
    row = library.conn.execute(
        "SELECT scroll FROM article_state WHERE article_id = ?", (article_id,)
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def states(library: Library, article_ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """(read, starred) for each of the given articles that has any state."""
    found: dict[int, tuple[bool, bool]] = {}
    for chunk in chunks(article_ids):
        rows = library.conn.execute(
            "SELECT article_id, read_at IS NOT NULL, starred_at IS NOT NULL FROM article_state"
            f" WHERE article_id IN ({marks(chunk)})",
            chunk,
        )
        found.update({r[0]: (bool(r[1]), bool(r[2])) for r in rows})
    return found
