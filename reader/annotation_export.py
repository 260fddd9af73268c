"""Export the reader's highlights, notes and bookmarks as Markdown or W3C Web Annotation
JSON-LD, and import that JSON-LD back, merging by annotation id.

The article an annotation belongs to is named by ``urn:reader:article:<body hash>``: the hash
of its folded body, the same in every library that holds the article. On import the newest
edit of an annotation wins, and a deletion (a tombstone with ``reader:deleted``) deletes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from reader.annotations import Annotation
from reader.render import format_published
from reader.storage import annotations as store
from reader.storage.library import Library
from reader.storage.sqlparams import chunks, marks

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "https://reader.invalid/ns#"
ARTICLE_URN = "urn:reader:article:"
MOTIVATIONS = {"highlight": "highlighting", "note": "commenting", "bookmark": "bookmarking"}
KIND_OF = {v: k for k, v in MOTIVATIONS.items()}


def _articles(library: Library, ids: set[int]) -> dict[int, dict[str, Any]]:
    found = {}
    for chunk in chunks(sorted(ids)):
        for row in library._rows(
            "SELECT a.id, a.title, a.source, a.published, a.body_hash, a.url, f.path"
            " FROM articles a LEFT JOIN article_files f ON f.article_id = a.id"
            f" WHERE a.id IN ({marks(chunk)})",
            chunk,
        ):
            found[row["id"]] = dict(row)
    return found


def _link_back(info: dict[str, Any], article_id: int) -> str:
    """A link to the article: its web address if known, else the file it was imported from,
    and its id for ``reader show``."""
    if info.get("url"):
        return f"[original]({info['url']}) · Reader #{article_id}"
    path = info.get("path")
    if path and path.startswith("/"):
        return f"[saved file](<file://{path}>) · Reader #{article_id}"
    return f"Reader #{article_id}"


def _quote_block(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def to_markdown(library: Library, article_id: int | None = None) -> str:
    """Every live highlight, note and bookmark, grouped by article in text order."""
    annotations = [a for a in store.everything(library, article_id) if a.deleted_at is None]
    articles = _articles(library, {a.article_id for a in annotations})
    by_article: dict[int, list[Annotation]] = {}
    for annotation in annotations:
        by_article.setdefault(annotation.article_id, []).append(annotation)
    out = ["# Highlights and notes", ""]
    for aid, items in sorted(
        by_article.items(), key=lambda kv: articles.get(kv[0], {}).get("title") or ""
    ):
        info = articles.get(aid, {})
        out.append(f"## {info.get('title', f'Article {aid}')}")
        meta = [
            p
            for p in (info.get("source"), format_published(info.get("published"), short=True))
            if p
        ]
        out.append(" · ".join([*meta, _link_back(info, aid)]))
        out.append("")
        items.sort(key=lambda a: (a.start is None, a.start or 0, a.created_at))
        for a in items:
            tags = f" — tags: {', '.join(a.tags)}" if a.tags else ""
            if a.kind == "highlight":
                orphan = " (orphan: its text is no longer in the article)" if a.orphan else ""
                out.append(_quote_block(a.quote))
                out.append("")
                out.append(f"*{a.color} highlight, {a.created_at[:10]}{orphan}{tags}*")
            elif a.kind == "bookmark":
                out.append(f"- Bookmark **{a.label}** at “{a.quote[:60]}…”{tags}")
            else:
                out.append(f"**Note** ({a.created_at[:10]}){tags}")
            if a.note.strip():
                out.append("")
                out.append(a.note.strip())
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _item(a: Annotation, article: dict[str, Any]) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if a.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    target: dict[str, Any] = {"source": ARTICLE_URN + article["body_hash"]}
    selectors = []
    if a.quote:
        selectors.append(
            {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix}
        )
    if a.start is not None and a.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    if selectors:
        target["selector"] = selectors
    item: dict[str, Any] = {
        "id": a.uuid,
        "type": "Annotation",
        "motivation": MOTIVATIONS[a.kind],
        "created": a.created_at,
        "modified": a.modified_at,
        "body": bodies,
        "target": target,
        "reader:articleTitle": article["title"],
    }
    if a.color:
        item["reader:color"] = a.color
    if a.label:
        item["reader:label"] = a.label
    if a.text_hash:
        item["reader:textHash"] = a.text_hash
    if a.orphan:
        item["reader:orphan"] = True
    if a.deleted_at is not None:
        item["reader:deleted"] = a.deleted_at  # a tombstone: the deletion travels too
    return item


def to_jsonld(library: Library, article_id: int | None = None) -> dict[str, Any]:
    """An AnnotationCollection of every annotation, tombstones included (so deletions travel)."""
    annotations = store.everything(library, article_id)
    articles = _articles(library, {a.article_id for a in annotations})
    items = [_item(a, articles[a.article_id]) for a in annotations if a.article_id in articles]
    return {
        "@context": [CONTEXT, {"reader": READER_NS}],
        "type": "AnnotationCollection",
        "label": "Reader highlights, notes and bookmarks",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


@dataclass
class ImportResult:
    """What an annotation import did."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def _parse(item: dict[str, Any], article_id: int) -> Annotation:
    selectors = item.get("target", {}).get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), {})
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
    bodies = item.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    note = next((b.get("value", "") for b in bodies if b.get("purpose") != "tagging"), "")
    tags = tuple(b.get("value", "") for b in bodies if b.get("purpose") == "tagging")
    kind = KIND_OF.get(item.get("motivation", ""), "note")
    return Annotation(
        article_id=article_id,
        kind=kind,
        uuid=item["id"],
        color=item.get("reader:color"),
        quote=quote.get("exact", ""),
        prefix=quote.get("prefix", ""),
        suffix=quote.get("suffix", ""),
        start=position.get("start"),
        end=position.get("end"),
        text_hash=item.get("reader:textHash"),
        orphan=bool(item.get("reader:orphan", False)),
        label=item.get("reader:label", ""),
        note=note,
        tags=tags,
        created_at=item.get("created") or item.get("modified"),
        modified_at=item.get("modified") or item.get("created"),
        deleted_at=item.get("reader:deleted"),
    )


def import_jsonld(library: Library, data: dict[str, Any] | str) -> ImportResult:
    """Merge an exported collection into the library: by id, the newest edit wins."""
    if isinstance(data, str):
        data = json.loads(data)
    if not isinstance(data, dict):
        raise ValueError("not a Web Annotation collection (expected a JSON object)")
    if data.get("type") == "Annotation":
        items = [data]
    else:
        page = data.get("first", {})
        items = page.get("items") if isinstance(page, dict) else None
        if items is None:
            items = data.get("items")
        if not isinstance(items, list):
            raise ValueError("not a Web Annotation collection (no items)")
    result = ImportResult()
    bodies: dict[int, str] = {}
    with library.write():
        for item in items:
            _merge(library, item, result, bodies)
    return result


def _merge(library: Library, item: Any, result: ImportResult, bodies: dict[int, str]) -> None:
    """Merge one item; ``bodies`` caches article texts across the items of one import."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        result.skipped.append("an item without an id")
        return
    source = str(item.get("target", {}).get("source", ""))
    if not source.startswith(ARTICLE_URN):
        result.skipped.append(f"{item['id']}: target is not a Reader article")
        return
    article_id = store.article_by_hash(library, source[len(ARTICLE_URN) :])
    if article_id is None:
        title = item.get("reader:articleTitle", source)
        result.skipped.append(f"{item['id']}: the article “{title}” is not in this library")
        return
    incoming = _parse(item, article_id)
    existing = store.by_uuid(library, incoming.uuid)
    if existing is not None and existing.modified_at >= incoming.modified_at:
        result.unchanged += 1
        return
    if existing is not None:
        incoming = replace(incoming, id=existing.id)
    if incoming.deleted_at is None and incoming.quote and incoming.start is not None:
        # Anchored in this library's text of the article before it is written, once.
        if article_id not in bodies:
            bodies[article_id] = library.bodies([article_id])[article_id]
        incoming = store.reanchored(incoming, bodies[article_id])
    store.save(library, incoming)
    if incoming.deleted_at is not None:
        result.deleted += existing is not None and existing.deleted_at is None
        result.unchanged += existing is None or existing.deleted_at is not None
    elif existing is None:
        result.added += 1
    else:
        result.updated += 1
