"""The reader's annotations: highlights (with an optional Markdown note), article notes and
named bookmarks. Each has a stable id (a UUID URN, as in W3C Web Annotation) so that work can
move between libraries and machines and be merged, newest edit winning."""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime

import markdown

from reader.anchoring import Anchor, make_anchor, quote_pattern, trim

#: Highlight colours: name → (light-theme colour, dark-theme colour). Keys 1-5 pick them.
COLORS: dict[str, tuple[str, str]] = {
    "yellow": ("#ffe14d", "#8a7400"),
    "green": ("#7ddc6f", "#2f6b27"),
    "blue": ("#7cc4ff", "#1f5a8a"),
    "pink": ("#ff8fc8", "#8a2f5e"),
    "purple": ("#c5a3ff", "#5a3a8f"),
}
COLOR_NAMES = list(COLORS)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_uuid() -> str:
    return f"urn:uuid:{uuidlib.uuid4()}"


@dataclass(frozen=True)
class Annotation:
    """One highlight, note or bookmark on an article."""

    article_id: int
    kind: str
    uuid: str = field(default_factory=new_uuid)
    id: int | None = None
    color: str | None = None
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    text_hash: str | None = None
    orphan: bool = False
    label: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    created_at: str = field(default_factory=now)
    modified_at: str = field(default_factory=now)
    deleted_at: str | None = None

    @property
    def anchor(self) -> Anchor:
        return Anchor(
            self.quote,
            self.prefix,
            self.suffix,
            self.start or 0,
            self.end or 0,
            self.text_hash or "",
        )

    def at(self, anchor: Anchor) -> Annotation:
        """A copy anchored at ``anchor`` (quote, context, offsets, text hash), not an orphan."""
        return replace(self, **asdict(anchor), orphan=False)

    def edited(self, **changes) -> Annotation:
        """A copy with ``changes`` and a new modification time."""
        return replace(self, modified_at=now(), **changes)


def highlight(
    article_id: int, body: str, start: int, end: int, color: str = "yellow", note: str = ""
) -> Annotation:
    """A highlight of ``body[start:end]`` (whitespace at either end trimmed)."""
    start, end = trim(body, start, end)
    if color not in COLORS:
        raise ValueError(f"unknown colour {color!r} (choose from {', '.join(COLORS)})")
    anchor = make_anchor(body, start, end)
    return Annotation(article_id=article_id, kind="highlight", color=color, note=note).at(anchor)


def article_note(article_id: int, text: str = "") -> Annotation:
    return Annotation(article_id=article_id, kind="note", note=text)


def bookmark(article_id: int, body: str, offset: int, label: str) -> Annotation:
    """A named position: the offset and a little of the text there, to find it again."""
    offset = max(0, min(offset, len(body)))
    end = min(len(body), offset + 40)
    mark = Annotation(
        article_id=article_id,
        kind="bookmark",
        label=label.strip() or "Bookmark",
        start=offset,
        end=end,
    )
    return mark.at(make_anchor(body, offset, end)) if end > offset else mark


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """The first occurrence of ``quote`` in ``body``, any spacing between its words."""
    pattern = quote_pattern(quote)
    match = pattern.search(body) if pattern else None
    return (match.start(), match.end()) if match else None


def note_html(text: str) -> str:
    """A note's Markdown as HTML; raw HTML in the note is shown as text, never interpreted."""
    escaped = text.replace("<", "&lt;")  # no tag can form; "> quote" stays a blockquote
    return markdown.markdown(escaped, extensions=["sane_lists"])
