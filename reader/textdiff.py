"""What differs between two copies of a story, word by word (difflib), as HTML.

Wire stories republished by several outlets differ in a few words, a sentence added or cut,
a different dateline or footer; the reader wants to see only that, not re-read both.
"""

from __future__ import annotations

import difflib
import html
import re

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """(op, text) pieces that turn ``a`` into ``b``: op is "same", "removed" or "added"."""
    left, right = _TOKENS.findall(a), _TOKENS.findall(b)
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(left[i1:i2])))
            continue
        if op in ("replace", "delete"):
            pieces.append(("removed", "".join(left[i1:i2])))
        if op in ("replace", "insert"):
            pieces.append(("added", "".join(right[j1:j2])))
    return pieces


def changed_share(pieces: list[tuple[str, str]]) -> float:
    """Share of the words that were removed or added."""
    words = {"same": 0, "removed": 0, "added": 0}
    for op, text in pieces:
        words[op] += len(text.split())
    total = sum(words.values()) or 1
    return (words["removed"] + words["added"]) / total


def diff_html(a: str, b: str, removed_bg: str = "#ffd7d5", added_bg: str = "#ccf2d6") -> str:
    """Body HTML of the word diff: removed words struck through, added words underlined, both
    tinted, paragraphs kept."""
    out = []
    for op, text in word_diff(a, b):
        escaped = html.escape(text).replace("\n\n", "<br/><br/>").replace("\n", "<br/>")
        if op == "same":
            out.append(escaped)
        elif op == "removed":
            out.append(f'<s style="background:{removed_bg}; color:#1f2328;">{escaped}</s>')
        else:
            out.append(f'<u style="background:{added_bg}; color:#1f2328;">{escaped}</u>')
    return "".join(out)
