"""The Related tab's document: read-also links, backlinks, same-story copies, similar articles
with their reasons and pin/dismiss links, and "More about …" entries.

Links use small schemes the panel understands: ``article:ID``, ``entity:ID``, ``pin:ID``,
``unpin:ID``, ``dismiss:ID`` and ``diff:ID`` (what differs between two copies of a story).
"""

from __future__ import annotations

import html

from reader.related import RelatedView, Suggestion
from reader.render import LIGHT, Palette, format_published

ENTITY_NOUNS = {"PERSON": "person", "ORGANIZATION": "organisation", "PLACE": "place"}


def _heading(text: str, palette: Palette) -> str:
    return (
        f'<p style="color:{palette.muted}; font-size:0.85em; font-weight:600;'
        f' margin:0.9em 0 0.2em 0;">{html.escape(text)}</p>'
    )


def _link(href: str, text: str, palette: Palette) -> str:
    return f'<a href="{href}" style="color:{palette.link}; text-decoration:none;">{html.escape(text)}</a>'


def _meta(s: Suggestion) -> str:
    parts = [p for p in (s.source, format_published(s.published, short=True)) if p]
    return " · ".join(parts)


def _actions(s: Suggestion, palette: Palette) -> str:
    links = []
    if s.pinned:
        links.append(_link(f"unpin:{s.id}", "unpin", palette))
    else:
        links.append(_link(f"pin:{s.id}", "pin", palette))
    if s.kind in ("similar", "same_story") and not s.pinned:
        links.append(_link(f"dismiss:{s.id}", "not related", palette))
    if s.kind == "same_story":
        links.append(_link(f"diff:{s.id}", "what differs", palette))
    return " · ".join(links)


def _item(s: Suggestion, palette: Palette, reasons: bool = True) -> str:
    esc = html.escape
    pin = "📌 " if s.pinned else ""
    lines = [f"<b>{pin}{_link(f'article:{s.id}', s.title, palette)}</b>"]
    meta = _meta(s)
    if meta:
        lines.append(f'<span style="color:{palette.muted};">{esc(meta)}</span>')
    if reasons and s.reasons:
        lines.append(f"<i>{esc(' · '.join(s.reasons))}</i>")
    for copy in s.copies:
        outlet = f" ({esc(copy['source'])})" if copy.get("source") else ""
        target = _link(f"article:{copy['id']}", copy["title"], palette)
        lines.append(f"&nbsp;&nbsp;also: {target}{outlet}")
    lines.append(f'<span style="font-size:0.85em;">{_actions(s, palette)}</span>')
    return f'<p style="margin:0 0 0.7em 0;">{"<br/>".join(lines)}</p>'


def related_html(view: RelatedView, palette: Palette = LIGHT) -> str:
    """The whole Related tab for one article."""
    esc = html.escape
    parts: list[str] = []
    by_kind: dict[str, list[Suggestion]] = {}
    for s in view.suggestions:
        by_kind.setdefault(s.kind, []).append(s)
    pinned = [s for s in view.suggestions if s.pinned]
    if pinned:
        parts.append(_heading("Pinned", palette))
        parts.extend(_item(s, palette) for s in pinned)
    if view.read_also:
        parts.append(_heading("Read also (links in this article)", palette))
        if any(link["target_id"] is None for link in view.read_also):
            parts.append(
                f'<p style="color:{palette.muted}; font-size:0.85em; margin:0 0 0.4em 0;">'
                "Titles not in the library yet become links when they are imported.</p>"
            )
        for link in view.read_also:
            if link["target_id"] is not None:
                target = _link(f"article:{link['target_id']}", link["text"], palette)
                parts.append(f'<p style="margin:0 0 0.4em 0;">{target}</p>')
            else:
                parts.append(
                    f'<p style="margin:0 0 0.4em 0; color:{palette.muted};">{esc(link["text"])}'
                    ' <span style="font-size:0.85em;">(not in the library yet)</span></p>'
                )
    backlinks = [s for s in by_kind.get("backlink", []) if not s.pinned]
    if backlinks:
        parts.append(_heading("Linked from", palette))
        parts.extend(_item(s, palette, reasons=False) for s in backlinks)
    copies = [s for s in by_kind.get("same_story", []) if not s.pinned]
    if copies:
        outlets = sorted({s.source for s in copies if s.source})
        count = len(copies) + 1
        parts.append(_heading(f"Same story in {count} copies", palette))
        if outlets:
            parts.append(
                f'<p style="color:{palette.muted}; margin:0 0 0.4em 0;">also in {esc(", ".join(outlets))}</p>'
            )
        parts.extend(_item(s, palette) for s in copies)
    similar = [s for s in by_kind.get("similar", []) if not s.pinned]
    if similar:
        parts.append(_heading("Similar articles", palette))
        parts.extend(_item(s, palette) for s in similar)
    if view.trails:
        parts.append(_heading("Follow the people and places", palette))
        for trail in view.trails:
            noun = ENTITY_NOUNS.get(trail.type, "entity")
            more = _link(f"entity:{trail.entity_id}", f"More about {trail.name}", palette)
            parts.append(
                f'<p style="margin:0 0 0.3em 0;">{more} <span style="color:{palette.muted};">'
                f"({noun}, {trail.articles} articles)</span></p>"
            )
    if not parts:
        parts.append(
            f'<p style="color:{palette.muted};">Nothing related yet. Links, shared people and'
            " places and similar wording show up here as the library grows.</p>"
        )
    return f'<html><body style="color:{palette.text};">{"".join(parts)}</body></html>'
