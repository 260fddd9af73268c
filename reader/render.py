"""Render an article as the HTML the reading pane shows (Qt rich text subset).

Kept apart from the widget so it can be tested without a display. Only
text from the library goes in, escaped; no images, scripts or remote
resources are ever referenced, so showing an article fetches nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Palette:
    """Colours of the reading pane for the current theme."""

    text: str = "#1f2328"
    muted: str = "#5c6470"
    rule: str = "#d0d7de"
    link: str = "#0b57d0"


#: Entity tints from the Okabe–Ito colour-blind-safe palette (orange, sky blue, bluish
#: green, reddish purple), mixed light for the light theme and dark for the dark theme.
#: User highlights use solid saturated colours, so the two never look alike.
ENTITY_TINTS_LIGHT = {
    "PERSON": "#fbe3bd",
    "ORGANIZATION": "#d2ebf9",
    "PLACE": "#c9eadd",
    "DATE": "#f2d9e7",
}
ENTITY_TINTS_DARK = {
    "PERSON": "#5c4315",
    "ORGANIZATION": "#1d4862",
    "PLACE": "#174a3b",
    "DATE": "#553249",
}
ENTITY_LABELS = {
    "PERSON": "Person",
    "ORGANIZATION": "Organisation",
    "PLACE": "Place",
    "DATE": "Date",
}

LIGHT = Palette()
DARK = Palette(text="#e6e6e6", muted="#a0a8b4", rule="#3a3f47", link="#8ab4f8")


def format_published(value: str | None, short: bool = False) -> str:
    """ "2022-03-15T06:25" → "15 March 2022, 06:25" (``short``: "15 Mar 2022");
    dates without a time stay dates; anything unparsable is shown as stored."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    month = _MONTHS_EN[moment.month - 1]
    if short:
        return f"{moment.day} {month[:3]} {moment.year}"
    day = f"{moment.day} {month} {moment.year}"
    return f"{day}, {moment:%H:%M}" if "T" in value else day


def _tints(palette: Palette) -> dict[str, str]:
    return ENTITY_TINTS_DARK if palette is DARK else ENTITY_TINTS_LIGHT


def _paragraph_html(
    text: str, offset: int, mentions: list[dict[str, Any]], palette: Palette, visible: set[str]
) -> str:
    """One paragraph with its entity mentions wrapped in links ("entity:ID")."""
    esc = html.escape
    out, position = [], 0
    tints = _tints(palette)
    for m in mentions:
        start, end = m["start"] - offset, m["end"] - offset
        if start < position or end > len(text) or m["type"] not in visible:
            continue
        out.append(esc(text[position:start]))
        out.append(
            f'<a href="entity:{m["entity_id"]}" style="color:{palette.text}; text-decoration:none;'
            f' background-color:{tints[m["type"]]};">{esc(text[start:end])}</a>'
        )
        position = end
    out.append(esc(text[position:]))
    return "".join(out).replace("\n", "<br/>")


def article_html(
    article: dict[str, Any],
    palette: Palette = LIGHT,
    mentions: list[dict[str, Any]] | None = None,
    visible: set[str] | None = None,
) -> str:
    """The whole reading-pane document for one article, entity mentions marked by type."""
    mentions = sorted(mentions or [], key=lambda m: m["start"])
    visible = set(ENTITY_LABELS) if visible is None else visible
    esc = html.escape
    meta = [
        part
        for part in (
            esc(article.get("source") or ""),
            esc(format_published(article.get("published"))),
            esc(article["author"]) if article.get("author") else "",
        )
        if part
    ]
    parts = [
        f'<p style="font-size:x-large; font-weight:600; margin:0 0 0.35em 0;">'
        f"{esc(article.get('title') or '(untitled)')}</p>"
    ]
    if meta:
        parts.append(
            f'<p style="color:{palette.muted}; margin:0 0 0.2em 0;">{" · ".join(meta)}</p>'
        )
    extra = []
    if article.get("editor"):
        extra.append(f"Editor: {esc(article['editor'])}")
    if article.get("dateline") and article.get("dateline") != article.get("source"):
        extra.append(f"Dateline: {esc(article['dateline'])}")
    if extra:
        parts.append(
            f'<p style="color:{palette.muted}; font-size:0.85em; margin:0 0 0.2em 0;">'
            f"{' · '.join(extra)}</p>"
        )
    parts.append(f'<hr style="color:{palette.rule};"/>')
    offset, cursor = 0, 0
    for paragraph in (article.get("body") or "").split("\n\n"):
        inside = []
        while cursor < len(mentions) and mentions[cursor]["start"] < offset + len(paragraph):
            inside.append(mentions[cursor])
            cursor += 1
        text = _paragraph_html(paragraph, offset, inside, palette, visible)
        parts.append(
            f'<p style="margin:0 0 0.9em 0; line-height:150%; white-space:pre-wrap;">{text}</p>'
        )
        offset += len(paragraph) + 2
    read_also = article.get("read_also") or []
    if read_also:
        parts.append(f'<hr style="color:{palette.rule};"/>')
        parts.append(
            f'<p style="color:{palette.muted}; font-size:0.9em; font-weight:600;'
            f' margin:0.6em 0 0.3em 0;">Read also</p><ul>'
        )
        for item in read_also:
            target = item.get("target_id")
            if target is not None:
                text = (
                    f'<a href="article:{int(target)}" style="color:{palette.link};'
                    f' text-decoration:none;">{esc(item["text"])}</a>'
                )
            else:
                text = (
                    f'{esc(item["text"])} <span style="color:{palette.muted};'
                    f' font-size:0.85em;">(not in the library yet)</span>'
                )
            parts.append(f'<li style="margin-bottom:0.3em;">{text}</li>')
        parts.append("</ul>")
    return f'<html><body style="color:{palette.text};">{"".join(parts)}</body></html>'


def empty_html(palette: Palette = LIGHT) -> str:
    """What the reading pane shows before an article is opened."""
    return (
        f'<html><body style="color:{palette.muted};"><p style="margin-top:4em;" align="center">'
        "Choose an article on the left to read it here.<br/>"
        "J / K move through the list,<br/>Space pages through the article.</p></body></html>"
    )
