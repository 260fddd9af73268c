"""Clean decoded text for reading: repair mojibake, drop invisible marks, tidy spaces.

Everything here keeps the words; it only fixes how they are encoded and
spaced. The raw decoded text is stored untouched next to the result, so a
better cleaner can always start again from the original.
"""

from __future__ import annotations

import re

# UTF-8 read as cp1252 leaves these behind: "â€œ", "Ã©", "Â " and C1 controls.
_MOJIBAKE_HINT = re.compile("[\u0080-\u009f]|â€|Ã[\u0080-\u00bf\u2000-\u203a]|Â[\u00a0-\u00bf]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_DIRECTION_MARKS = re.compile("[\u200e\u200f]")
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_C1_CONTROLS = re.compile("[\u0080-\u009f]")
_MULTI_SPACE = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(" *\n *")
_MANY_NEWLINES = re.compile("\n{3,}")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage with ftfy, only where it is likely."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    fixed = ftfy.fix_encoding(text)
    # Whatever C1 controls survive are invisible and break layout.
    return _C1_CONTROLS.sub("", fixed)


def tidy_whitespace(text: str) -> str:
    """Normalise spaces and blank lines; paragraphs stay separated by one blank line."""
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
        if not _RTL_LETTER.search(text):
            text = _DIRECTION_MARKS.sub("", text)
        text = _ODD_SPACES.sub(" ", text)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def clean_text(text: str) -> str:
    """The full clean-up applied to every document before structure analysis."""
    return tidy_whitespace(repair_mojibake(text))


# --- Detokenising -----------------------------------------------------------
# Some corpora (IndoSum among them) store text split into tokens: "Senin ( 27 / 3 ) ."
# Reading that is tiring, so text that is clearly tokenised is put back together.

_TOKENISED_MARKS = re.compile(r"\w [,.;:?!](?: |$)", re.MULTILINE)
_CLOSING = ",.;:?!%)]}"
_OPENING = "([{"
_NUMERIC_SLASH = re.compile(r"(\d) / (\d)")
_SPLIT_HYPHEN = re.compile(r"(\w+) - (\w+)")
_APOSTROPHE_S = re.compile(r"(\w) '(s|re|ve|ll|d|t|m)\b")
_STRAIGHT_QUOTED = re.compile(r'" ([^"\n]*?) "')
_SINGLE_QUOTED = re.compile(r"(?<![\w]) ' ([^'\n]*?) ' (?![\w])")


def looks_tokenised(text: str) -> bool:
    """True when punctuation is set off by spaces throughout (" , " and " . ")."""
    sample = text[:5000]
    marks = len(_TOKENISED_MARKS.findall(sample))
    words = sample.count(" ") + 1
    return marks >= 3 and marks * 40 >= words


def _join_reduplication(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    # "bentrokan - bentrokan", "bela - belain", "GSX - R150", "ASEAN - PBB" are hyphenated words.
    common = 0
    for a, b in zip(left.lower(), right.lower(), strict=False):
        if a != b:
            break
        common += 1
    acronyms = len(left) >= 2 and len(right) >= 2 and left.isupper() and right.isupper()
    model_code = left.isupper() and right[:1].isupper() and any(c.isdigit() for c in right)
    ordinal = left.lower() == "ke" and right.isdigit()  # "ke - 8" is "ke-8"
    if common >= 3 or acronyms or model_code or ordinal:
        return f"{left}-{right}"
    return match.group(0)


def detokenise(text: str) -> str:
    """Undo word tokenisation: "Senin ( 27 / 3 ) ." becomes "Senin (27/3)."."""
    text = text.replace(" - - ", " — ")
    if '"' in text:
        text = _STRAIGHT_QUOTED.sub(r'"\1"', text)
    if " ' " in text:
        text = _SINGLE_QUOTED.sub(r" '\1' ", text)
    for mark in _CLOSING:
        text = text.replace(" " + mark, mark)
    for mark in _OPENING:
        text = text.replace(mark + " ", mark)
    if " / " in text:
        text = _NUMERIC_SLASH.sub(r"\1/\2", _NUMERIC_SLASH.sub(r"\1/\2", text))
    if " '" in text:
        text = _APOSTROPHE_S.sub(r"\1'\2", text)
    if " - " in text:
        text = _SPLIT_HYPHEN.sub(_join_reduplication, text)
    return text
