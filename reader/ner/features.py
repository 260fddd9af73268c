"""Token features for the CRF: the word, its shape, affixes, neighbours and cue words."""

from __future__ import annotations

import re
from functools import lru_cache

#: Words that often precede a name or start an organisation; shared with the rules.
TITLE_CUES = frozenset(
    [
        "presiden",
        "wakil",
        "menteri",
        "gubernur",
        "bupati",
        "wali",
        "walikota",
        "ketua",
        "kepala",
        "direktur",
        "juru",
        "bicara",
        "jubir",
        "kapolri",
        "kapolda",
        "kapolres",
        "panglima",
        "jenderal",
        "kolonel",
        "letnan",
        "mayor",
        "sekretaris",
        "sekjen",
        "duta",
        "dubes",
        "senator",
        "anggota",
        "pelatih",
        "kapten",
        "striker",
        "bek",
        "gelandang",
        "kiper",
        "penyanyi",
        "aktor",
        "aktris",
        "artis",
        "pengamat",
        "analis",
        "ekonom",
        "profesor",
        "prof",
        "dr",
        "ir",
        "h",
        "hj",
        "raja",
        "ratu",
        "pangeran",
        "paus",
        "imam",
        "ustaz",
        "kh",
        "habib",
        "syekh",
        "president",
        "minister",
        "secretary",
        "governor",
        "mayor",
        "chairman",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "coach",
        "captain",
        "striker",
        "singer",
        "actor",
        "actress",
        "analyst",
        "professor",
        "mr",
        "mrs",
        "ms",
        "sir",
        "lord",
        "queen",
        "king",
        "prince",
        "pope",
        "chief",
        "general",
        "colonel",
        "officer",
        "deputy",
        "ambassador",
        "judge",
        "justice",
    ]
)
ORG_CUES = frozenset(
    [
        "kementerian",
        "kementrian",
        "badan",
        "lembaga",
        "komisi",
        "dewan",
        "majelis",
        "partai",
        "universitas",
        "institut",
        "sekolah",
        "bank",
        "pt",
        "cv",
        "perum",
        "persero",
        "tbk",
        "fc",
        "klub",
        "asosiasi",
        "federasi",
        "perhimpunan",
        "yayasan",
        "pengadilan",
        "mahkamah",
        "kejaksaan",
        "kepolisian",
        "polda",
        "polres",
        "polri",
        "tni",
        "dinas",
        "direktorat",
        "departemen",
        "pemerintah",
        "pemkot",
        "pemkab",
        "pemprov",
        "rumah",
        "sakit",
        "rs",
        "grup",
        "group",
        "ministry",
        "department",
        "agency",
        "commission",
        "council",
        "party",
        "university",
        "institute",
        "bank",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "association",
        "federation",
        "court",
        "police",
        "army",
        "navy",
        "union",
        "league",
        "committee",
        "foundation",
    ]
)
PLACE_CUES = frozenset(
    [
        "kota",
        "kabupaten",
        "provinsi",
        "desa",
        "kecamatan",
        "kelurahan",
        "pulau",
        "jalan",
        "jl",
        "gunung",
        "sungai",
        "danau",
        "selat",
        "teluk",
        "pantai",
        "bandara",
        "pelabuhan",
        "stasiun",
        "city",
        "province",
        "island",
        "street",
        "river",
        "mount",
        "lake",
    ]
)
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """ "Jakarta" → "Xx", "KPK" → "X", "2014" → "d", "COVID-19" → "X-d"."""
    out = []
    for ch in word:
        if ch.isupper():
            kind = "X"
        elif ch.islower():
            kind = "x"
        elif ch.isdigit():
            kind = "d"
        else:
            kind = ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


@lru_cache(maxsize=1)
def _capitalisation() -> dict[str, float]:
    """Share of mid-sentence occurrences capitalised, per word (resources/models)."""
    from reader.assets import resource_path

    table = {}
    for line in resource_path("models/capitalisation.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, share = line.split("\t")
            table[word] = float(share)
    return table


def capitalisation_share(lower: str) -> float:
    """How often the word is capitalised mid-sentence (1.0 for unknown words)."""
    return _capitalisation().get(lower, 1.0)


def _caps_bucket(lower: str) -> str:
    share = _capitalisation().get(lower)
    if share is None:
        return "unk"
    if share >= 0.9:
        return "always"
    if share >= 0.5:
        return "mostly"
    if share >= 0.1:
        return "sometimes"
    return "never"


#: Neighbour offsets whose words are features of a token.
OFFSETS = (-2, -1, 1, 2)
#: The feature of a sentence's first token, which has no pair feature.
FIRST = "first"
BIAS = "bias"


def edge_feature(offset: int) -> str:
    """The feature of a missing neighbour (past the sentence's edge) at ``offset``."""
    return f"{offset:+d}:edge"


_NEIGHBOUR_PREFIX = {offset: f"{offset:+d}:" for offset in OFFSETS}
_CUES = (("titlecue", TITLE_CUES), ("orgcue", ORG_CUES), ("placecue", PLACE_CUES))


def word_slots(word: str) -> tuple[tuple[str, ...], ...]:
    """A word's features: for its own token, then for the tokens it is each of OFFSETS
    away from (-2 first: the word is two tokens before them). Worked out together, so the
    parts they share (lowercase, shape, capitalisation, cue lists) are worked out once."""
    lower = word.lower()
    word_shape = shape(word)
    caps = _caps_bucket(lower)
    cues = [cue for cue, words in _CUES if lower in words]
    own = [
        BIAS,
        "w=" + lower,
        "s=" + word_shape,
        "p3=" + lower[:3],
        "x3=" + lower[-3:],
        "x2=" + lower[-2:],
        "p4=" + lower[:4],
        "x4=" + lower[-4:],
        "caps=" + caps,
    ]
    if word[:1].isupper():
        own.append("cap")
    if word.isupper() and len(word) > 1:
        own.append("allcap")
    if _DIGIT.search(word):
        own.append("digit")
    own += cues
    if not word[:1].isalnum():
        own.append("punct")
    slots = [tuple(own)]
    for offset in OFFSETS:
        prefix = _NEIGHBOUR_PREFIX[offset]
        neighbour = [prefix + "w=" + lower, prefix + "s=" + word_shape]
        if offset in (-1, 1):
            neighbour.append(prefix + "caps=" + caps)
        neighbour += [prefix + cue for cue in cues]
        slots.append(tuple(neighbour))
    return tuple(slots)


@lru_cache(maxsize=65536)
def _cached_slots(word: str) -> tuple[tuple[str, ...], ...]:
    return word_slots(word)


def pair_feature(previous_lower: str, lower: str) -> str:
    return "pair=" + previous_lower + "|" + lower


def sentence_features(words: list[str]) -> list[list[str]]:
    """Features for every token of a sentence (list of words), as CRFsuite trains on them.

    A token's features are its own word's, the pair with the word before it (or FIRST), and
    each neighbour's (or an edge feature); ``reader.ner.crf`` scores them in the same parts."""
    out = []
    count = len(words)
    for index, word in enumerate(words):
        feats = list(_cached_slots(word)[0])
        if index == 0:
            feats.append(FIRST)
        else:
            feats.append(pair_feature(words[index - 1].lower(), word.lower()))
        for slot, offset in enumerate(OFFSETS, start=1):
            position = index + offset
            if 0 <= position < count:
                feats.extend(_cached_slots(words[position])[slot])
            else:
                feats.append(edge_feature(offset))
        out.append(feats)
    return out
