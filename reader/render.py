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


LIGHT = Palette()
DARK = Palette(text="#e6e6e6", muted="#a0a8b4", rule="#3a3f47", link="#8ab4f8")


def format_published(value: str | None) -> str:
    """ "2022-03-15T06:25" → "15 March 2022, 06:25"; dates without time stay dates."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"
    return f"{day}, {moment:%H:%M}" if "T" in value else day


def article_html(article: dict[str, Any], palette: Palette = LIGHT) -> str:
    """The whole reading-pane document for one article."""
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
    for paragraph in (article.get("body") or "").split("\n\n"):
        text = esc(paragraph).replace("\n", "<br/>")
        parts.append(f'<p style="margin:0 0 0.9em 0; line-height:150%;">{text}</p>')
    read_also = article.get("read_also") or []
    if read_also:
        parts.append(f'<hr style="color:{palette.rule};"/>')
        parts.append(
            f'<p style="color:{palette.muted}; font-size:0.9em; font-weight:600;'
            f' margin:0.6em 0 0.3em 0;">Read also</p><ul>'
        )
        for item in read_also:
            parts.append(f'<li style="margin-bottom:0.3em;">{esc(item["text"])}</li>')
        parts.append("</ul>")
    return f'<html><body style="color:{palette.text};">{"".join(parts)}</body></html>'


def empty_html(palette: Palette = LIGHT) -> str:
    """What the reading pane shows before an article is opened."""
    return (
        f'<html><body style="color:{palette.muted};"><p style="margin-top:4em;" align="center">'
        "Choose an article on the left to read it here.<br/>"
        "J / K move through the list, Space pages through the article.</p></body></html>"
    )
