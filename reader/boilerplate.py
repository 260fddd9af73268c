"""Recognise the lines of a saved page that are not the article.

Each pattern matches a whole paragraph. Footer headings ("BERITA TERKAIT",
"BERITA TERPOPULER") end the article: what follows them is other stories.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

# Paragraphs dropped wherever they occur.
_NOISE = [
    r"advertisement|iklan|advertorial|scroll to continue with content|scroll untuk melanjutkan",
    r"silakan baca konten menarik lainnya dari .{1,60}",
    r"(?:dapatkan|ikuti|simak) (?:update |informasi |berita )?.{0,60}\b(?:google news|telegram|whatsapp channel|whatsapp)\b.{0,40}",
    r"(?:share|bagikan|tweet|follow us|ikuti kami|follow)\b[^.]{0,80}",
    r"(?:(?:facebook|twitter|x|whatsapp|telegram|line|linkedin|instagram|email|copy link|salin tautan)[\s,|·]*){1,8}",
    r"this article requires pre-publication review.*",
    r"-?article last amended:.*",
    r"dailysocial\.id adalah portal berita startup.*",
    # Photo credits and captions that are nothing but a credit: "(Kredit: juara.net)".
    r"\(?(?:foto|kredit|credit|photo|ilustrasi|sumber foto|image)\s*:[^()]{1,80}\)?",
    r"[^()]{1,60}\((?:foto|kredit|credit|photo|ilustrasi)\s*:[^()]{1,60}\)",
]
# A paragraph that starts the footer; it and everything after it are dropped.
_FOOTER_START = [
    r"berita (?:terpopuler|terkait|lainnya|pilihan|rekomendasi)",
    r"artikel terkait|terpopuler|rekomendasi untuk anda",
    r"related (?:articles|stories|news)|most (?:popular|read)|more from .{1,40}",
]
_COPYRIGHT = re.compile(
    r"^(?:copyright|hak cipta|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"(?:by\s+|oleh\s+)?(?P<owner>[^.|\n]*(?:\.[a-z]{2,4})*)",
    _FLAGS,
)

_NOISE_RE = re.compile("^(?:" + "|".join(_NOISE) + r")\s*[.!]?$", _FLAGS)
_FOOTER_RE = re.compile("^(?:" + "|".join(_FOOTER_START) + r")\s*:?$", _FLAGS)
_MAX_BOILERPLATE = 300


def is_noise(paragraph: str) -> bool:
    """True for advertising, share/follow and similar lines."""
    return len(paragraph) <= _MAX_BOILERPLATE and _NOISE_RE.match(paragraph) is not None


def is_footer_start(paragraph: str) -> bool:
    """True for a heading that starts the page footer (other stories follow)."""
    return len(paragraph) <= 60 and _FOOTER_RE.match(paragraph) is not None


def copyright_owner(paragraph: str) -> str | None:
    """For a copyright line, the owner it names (often the outlet); else None."""
    if len(paragraph) > _MAX_BOILERPLATE:
        return None
    match = _COPYRIGHT.match(paragraph)
    if not match:
        return None
    owner = match.group("owner").strip(" .,")
    owner = re.sub(r"\s*all rights reserved.*$", "", owner, flags=_FLAGS).strip(" .,")
    return owner or ""
