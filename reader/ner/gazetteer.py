"""Known names (places, organisations, learned names) matched against tokens, longest first."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from reader.assets import resource_path
from reader.ner.tokens import Token, words

_SORTING = threading.Lock()


class Entry(NamedTuple):
    """What a known name is (a tuple: tens of thousands are made as every import starts)."""

    canonical: str
    type: str  # PERSON | ORGANIZATION | PLACE


class Gazetteer:
    """Aliases (as token tuples, case-sensitive) → entries; matched greedily, longest first."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self._aliases: dict[str, Entry] = {}
        self._seen: set[tuple[str, ...]] = set()
        self._unsorted: set[str] = set()

    def add_all(self, aliases: Iterable[tuple[str, Entry]]) -> None:
        """Add (alias, entry) pairs; for an alias or spelling already known, the first entry
        wins. Tens of thousands at every import's start, in each worker: the collector is
        paused meanwhile (it would walk the growing tables again and again)."""
        known, seen, by_first = self._aliases, self._seen, self._by_first
        collecting = gc.isenabled()
        gc.disable()
        try:
            for alias, entry in aliases:
                spelling = _spelling(alias)
                if not spelling:
                    continue
                known.setdefault(alias, entry)
                if spelling not in seen:
                    seen.add(spelling)
                    group = by_first.get(spelling[0])
                    if group is None:
                        by_first[spelling[0]] = [(spelling, entry)]
                    else:
                        group.append((spelling, entry))
                        self._unsorted.add(spelling[0])
        finally:
            if collecting:
                gc.enable()

    def _sort(self) -> None:
        # Longest first, sorted once after adding rather than on every add (tens of
        # thousands of learned names share first words such as "Kota"). Under a lock: a
        # list being sorted looks empty to another thread.
        with _SORTING:
            for first in self._unsorted:
                self._by_first[first].sort(key=lambda item: -len(item[0]))
            self._unsorted.clear()

    def lookup(self, alias: str) -> Entry | None:
        return self._aliases.get(alias)

    def __len__(self) -> int:
        return len(self._aliases)

    def matches(self, tokens: list[Token]) -> list[tuple[int, int, Entry]]:
        """(first token, end token, entry) for every longest match, left to right."""
        if self._unsorted:
            self._sort()
        found = []
        texts = [token.text for token in tokens]
        index = 0
        count = len(texts)
        while index < count:
            candidates = self._by_first.get(texts[index])
            matched = None
            if candidates:
                for spelling, entry in candidates:
                    end = index + len(spelling)
                    if end <= count and (end == index + 1 or tuple(texts[index:end]) == spelling):
                        matched = (index, end, entry)
                        break
            if matched:
                found.append(matched)
                index = matched[1]
            else:
                index += 1
        return found


def of_names(rows: Iterable[tuple[str, str, str]]) -> Gazetteer:
    """A gazetteer of (surface text, type, canonical name) rows, such as learned names."""
    known = Gazetteer()
    make = tuple.__new__  # Entry(...) without NamedTuple's Python-level __new__
    known.add_all((text, make(Entry, (canonical, kind))) for text, kind, canonical in rows)
    return known


def _spelling(alias: str) -> tuple[str, ...]:
    """The alias's words; most are plain ASCII words and spaces, split without the
    tokenizer's pattern (three times faster, the same words)."""
    if alias.isascii() and alias.replace(" ", "").isalnum():
        return tuple(alias.split())
    return tuple(words(alias))


def _read(name: str, kind: str, gazetteer: Gazetteer) -> None:
    pairs = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, *aliases = line.split("\t")
        entry = Entry(canonical, kind)
        pairs += [(alias.strip(), entry) for alias in (canonical, *aliases) if alias.strip()]
    gazetteer.add_all(pairs)


#: The shipped lists (under resources/) and the type of every name in each, in order of
#: precedence.
FILES = (
    ("gazetteer/organizations.tsv", "ORGANIZATION"),
    ("gazetteer/places.tsv", "PLACE"),
    ("gazetteer/regions.tsv", "PLACE"),
)


@lru_cache(maxsize=1)
def builtin() -> Gazetteer:
    """The shipped gazetteer: places and organisations."""
    gazetteer = Gazetteer()
    for name, kind in FILES:
        _read(name, kind, gazetteer)
    return gazetteer
