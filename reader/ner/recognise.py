"""Find the people, organisations, places and dates an article mentions.

Steps, each cheap: the CRF proposes spans sentence by sentence; titles are
split off person names ("Menteri Luar Negeri Rusia Sergei Lavrov" → place
"Rusia" + person "Sergei Lavrov"); gazetteers (shipped, and names the
library has learned) add what the model missed and give canonical names;
day and month names and sentence-initial common words are dropped; then the
document is made consistent: a name found once is found everywhere, a
surname refers back to the full name, and "Badan ... (BNPB)" makes "BNPB" the
same organisation. Date expressions come from rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from reader.assets import resource_path
from reader.ner import model
from reader.ner.features import ORG_CUES, PLACE_CUES, TITLE_CUES, capitalisation_share
from reader.ner.gazetteer import Entry, Gazetteer, builtin
from reader.ner.mention import Mention
from reader.ner.temporal import DAY_AND_MONTH_NAMES, find_dates
from reader.ner.tokens import Token, sentences, tokenize

PERSON, ORGANIZATION, PLACE, DATE = "PERSON", "ORGANIZATION", "PLACE", "DATE"
TYPES = (PERSON, ORGANIZATION, PLACE, DATE)
_FROM_TAG = {"PER": PERSON, "ORG": ORGANIZATION, "LOC": PLACE}
#: Ranks and posts that come before names in Indonesian news — police, military, officials
#: ("Kabid Humas Polda Metro Jaya Kombes Yusri Yunus", "Pangdam Jaya Mayjen Dudung") — for the
#: rules only: the model's title feature keeps the list it was trained with.
RANKS = frozenset(
    [
        "jenderal", "komjen", "irjen", "brigjen", "kombes", "akbp", "kompol", "akp", "iptu",
        "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu", "bripda", "bharada", "pol",
        "letjen", "mayjen", "laksamana", "laksdya", "laksda", "marsekal", "marsdya", "marsda",
        "letkol", "lettu", "letda", "serma", "serka", "sertu", "serda", "kopral", "pratu",
        "prada", "kapolsek", "kapolresta", "kapolrestabes", "wakapolri", "wakapolda",
        "kabareskrim", "kadiv", "kabid", "kasubdit", "kasat", "kanit", "pangdam", "pangkostrad",
        "danrem", "dandim", "danramil", "kasad", "kasal", "kasau", "ksad", "camat", "lurah",
        "kades", "sekda", "kajari", "kajati", "kapuspen", "dirut",
        "plt", "pj", "wagub", "wabup", "wawali", "kasatreskrim", "dirreskrimum",
        "dirreskrimsus", "kapendam",
    ]
)  # fmt: skip
#: Words that lead a run of name words when they come before it.
_TITLE_CUES = TITLE_CUES | RANKS
#: Words that belong to a title rather than a name when they lead a person span.
TITLE_WORDS = _TITLE_CUES | frozenset(
    [
        "luar",
        "negeri",
        "dalam",
        "keamanan",
        "nasional",
        "penasihat",
        "umum",
        "besar",
        "utama",
        "harian",
        "eksekutif",
        "bidang",
        "koordinator",
        "perdana",
        "deputi",
        "staf",
        "khusus",
        "kepresidenan",
        "tinggi",
        "mantan",
        "eks",
        "sang",
        "pak",
        "bu",
        "ibu",
        "bapak",
        "tuan",
        "nyonya",
        "former",
        "the",
        "chief",
        "senior",
        "acting",
        "vice",
        "foreign",
        "affairs",
        "state",
        "national",
        "security",
        "adviser",
        "advisor",
        "defense",
        "defence",
        "interior",
        "finance",
        "prime",
        "first",
        "lady",
        "kedutaan",
        "bicara",
        "juru",
        # a minister's portfolio ("Menteri Perhubungan Budi Karya")
        "perhubungan",
        "keuangan",
        "pertahanan",
        "kesehatan",
        "pendidikan",
        "kebudayaan",
        "agama",
        "perdagangan",
        "perindustrian",
        "pertanian",
        "sosial",
        "kehutanan",
        "kelautan",
        "perikanan",
        "pariwisata",
        "koperasi",
        "ketenagakerjaan",
        "perekonomian",
        "polhukam",
        "bumn",
        # the unit in a police post ("Kabid Humas", "Kasat Reskrim", "Dirlantas")
        "humas",
        "reskrim",
        "lantas",
        "intelkam",
        "narkoba",
        "penerangan",
    ]
)
MIN_MODEL_CONFIDENCE = 0.0
#: Capitalised words that start organisations or events rather than names (rules only).
_NOT_NAMES = frozenset(["korps", "satuan", "tim", "pasukan", "hari", "raya", "idul"])


@dataclass
class _Span:
    first: int  # token index
    end: int  # token index, exclusive
    type: str
    confidence: float
    source: str
    canonical: str | None = None


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lowercase words that are ordinary words, never names, in the training data."""
    text = resource_path("models/common_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


def recognise(text: str, known: Gazetteer | None = None) -> list[Mention]:
    """Mentions in ``text``, sorted, non-overlapping. ``known`` adds learned names."""
    return recognise_many([text], known)[0]


def recognise_many(texts: list[str], known: Gazetteer | None = None) -> list[list[Mention]]:
    """``recognise`` for several texts. The model tags all their sentences in one call: its
    passes cost per word position of the longest sentence more than per sentence, so
    tagging sixteen articles together costs about half as much as one at a time."""
    prepared = []
    for text in texts:
        tokens = tokenize(text)
        prepared.append((tokens, sentences(text, tokens) if tokens else []))
    words = [[t.text for t in sentence] for _, split in prepared for sentence in split]
    tagged = iter(model.tag_sentences(words))
    return [
        _recognise(text, tokens, split, [next(tagged) for _ in split], known)
        for text, (tokens, split) in zip(texts, prepared, strict=True)
    ]


def _recognise(
    text: str,
    tokens: list[Token],
    split: list[list[Token]],
    tags: list[list[model.Tagged]],
    known: Gazetteer | None,
) -> list[Mention]:
    if not tokens:
        return []
    sentence_starts = set()
    spans: list[_Span] = []
    index = 0
    for sentence, tagged in zip(split, tags, strict=True):
        sentence_starts.add(index)
        spans.extend(_model_spans(tagged, index))
        index += len(sentence)
    gazetteers = [builtin()] + ([known] if known is not None else [])
    spans = _trim(_split_at_breaks(spans, tokens, gazetteers), tokens)
    spans = _split_at_inner_titles(spans, tokens, gazetteers)
    spans = _split_titles(spans, tokens, gazetteers)
    spans = _extend_institutions(spans, tokens)
    spans = _extend_people(spans, tokens, sentence_starts)
    for gazetteer in gazetteers:
        source = "gazetteer" if gazetteer is gazetteers[0] else "learned"
        spans = _merge(spans, _gazetteer_spans(tokens, gazetteer, source))
    spans = _merge(spans, _people_after_titles(spans, tokens, gazetteers, sentence_starts))
    spans = [s for s in spans if _plausible(s, tokens, sentence_starts)]
    spans = _acronyms(spans, tokens, text)
    spans = _merge(spans, _list_members(spans, tokens, sentence_starts))
    spans = _consistent(spans, tokens, sentence_starts)
    mentions = [_mention(s, tokens, text) for s in spans]
    mentions = _with_dates(mentions, text)
    return _canonicalise(mentions)


# --- model ------------------------------------------------------------------


def _model_spans(tagged: list[model.Tagged], offset: int) -> list[_Span]:
    spans: list[_Span] = []
    current: _Span | None = None
    for i, (label, probability) in enumerate(tagged):
        kind = _FROM_TAG.get(label[2:]) if label != "O" else None
        if current is not None and (label.startswith("I-") and kind == current.type):
            current.end = offset + i + 1
            current.confidence = min(current.confidence, probability)
            continue
        if current is not None:
            spans.append(current)
            current = None
        if kind is not None:
            current = _Span(offset + i, offset + i + 1, kind, probability, "model")
    if current is not None:
        spans.append(current)
    return [s for s in spans if s.confidence >= MIN_MODEL_CONFIDENCE]


_BREAK_WORDS = frozenset({"in", "di", "at", "pada", "and", "dan", "serta", ","})


def _split_at_breaks(
    spans: list[_Span], tokens: list[Token], gazetteers: list[Gazetteer]
) -> list[_Span]:
    """ "Cahors Cathedral in Cahors" is two names. A span is cut at "in"/"di"; at "and"/"dan"
    only when both sides are known names ("Financial Times and The Washington Post")."""
    out: list[_Span] = []
    for span in spans:
        pieces, start = [], span.first
        for i in range(span.first + 1, span.end - 1):
            word = tokens[i].text
            if word in ("in", "di", "at", "pada") or (
                word in _BREAK_WORDS
                and _known(tokens[start:i], gazetteers)
                and _known(tokens[i + 1 : span.end], gazetteers)
            ):
                pieces.append((start, i))
                start = i + 1
        pieces.append((start, span.end))
        if len(pieces) == 1:
            out.append(span)
            continue
        for first, end in pieces:
            if end > first:
                out.append(replace(span, first=first, end=end))
    return out


def _trim(spans: list[_Span], tokens: list[Token]) -> list[_Span]:
    """Drop punctuation and a possessive "'s" from the edges of spans ("Basilashvili's")."""
    out = []
    for span in spans:
        first, end = span.first, span.end
        while end > first and (
            not tokens[end - 1].text[:1].isalnum()
            or (tokens[end - 1].text == "s" and end - 2 >= first and tokens[end - 2].text in "'’")
        ):
            end -= 2 if tokens[end - 1].text == "s" else 1
        while (
            first < end and not tokens[first].text[:1].isalnum() and tokens[first].text not in "("
        ):
            first += 1
        if end > first:
            out.append(
                span
                if (first, end) == (span.first, span.end)
                else replace(span, first=first, end=end)
            )
    return out


def _split_at_inner_titles(
    spans: list[_Span], tokens: list[Token], gazetteers: list[Gazetteer]
) -> list[_Span]:
    """ "US President Trump" read as one span: the words before the title are their own
    mention (when known), the name after it is a person."""
    out = []
    for span in spans:
        inner = [
            i for i in range(span.first + 1, span.end - 1) if tokens[i].text.lower() in _TITLE_CUES
        ]
        if not inner:
            out.append(span)
            continue
        cut = inner[0]
        head = " ".join(t.text for t in tokens[span.first : cut])
        entry = next((g.lookup(head) for g in gazetteers if g.lookup(head)), None)
        if entry is not None:
            out.append(_Span(span.first, cut, entry.type, 1.0, "gazetteer", entry.canonical))
        name_start = cut
        while name_start < span.end and tokens[name_start].text.lower() in TITLE_WORDS:
            name_start += 1
        if name_start < span.end:
            out.append(replace(span, first=name_start, type=PERSON))
    return out


_INSTITUTION_CUES = frozenset(
    [
        "kementerian",
        "kementrian",
        "dinas",
        "badan",
        "lembaga",
        "komisi",
        "dewan",
        "majelis",
        "direktorat",
        "departemen",
        "ministry",
        "department",
    ]
)


def _extend_institutions(spans: list[_Span], tokens: list[Token]) -> list[_Span]:
    """ "Kementerian Pemuda dan Olahraga": an institution's name goes on over "dan"."""
    starts = {s.first for s in spans}
    for span in spans:
        if span.type != ORGANIZATION or tokens[span.first].text.lower() not in _INSTITUTION_CUES:
            continue
        position = span.end
        if (
            position + 1 < len(tokens)
            and tokens[position].text in ("dan", "and")
            and position + 1 not in starts
        ):
            end = position + 1
            while (
                end < len(tokens)
                and end - position <= 3
                and tokens[end].text[:1].isupper()
                and tokens[end].text.isalpha()
            ):
                end += 1
            if end > position + 1:
                span.end = end
    return spans


def _known(tokens: list[Token], gazetteers: list[Gazetteer]) -> bool:
    text = " ".join(t.text for t in tokens)
    return any(g.lookup(text) for g in gazetteers) or any(
        g.lookup(text.replace(" .", ".")) for g in gazetteers
    )


def _leading_qualifier(
    tokens: list[Token], span: _Span, gazetteers: list[Gazetteer]
) -> _Span | None:
    """A known place/organisation or an acronym leading a span, followed by name words."""
    for gazetteer in gazetteers:
        matches = gazetteer.matches(tokens[span.first : span.end])
        if matches and matches[0][0] == 0 and matches[0][1] < span.end - span.first:
            _start, length, entry = matches[0]
            rest = tokens[span.first + length : span.end]
            if rest and all(_name_word(t) for t in rest):
                return _Span(
                    span.first, span.first + length, entry.type, 1.0, "gazetteer", entry.canonical
                )
    word = tokens[span.first].text
    rest = tokens[span.first + 1 : span.end]
    if word.isupper() and len(word) > 1 and rest and all(_name_word(t) for t in rest):
        return _Span(span.first, span.first + 1, ORGANIZATION, span.confidence, "rule")
    return None


def _split_titles(
    spans: list[_Span], tokens: list[Token], gazetteers: list[Gazetteer]
) -> list[_Span]:
    """Strip leading title words off person names; a leading place or organisation
    becomes a mention of its own ("Presiden China Xi Jinping")."""
    out: list[_Span] = []
    for span in spans:
        after_title = span.first > 0 and tokens[span.first - 1].text.lower() in TITLE_WORDS
        if span.type != PERSON and not after_title:
            out.append(span)
            continue
        if span.type != PERSON:
            # "Presiden China Xi Jinping" read as one organisation: place + person.
            head = _leading_qualifier(tokens, span, gazetteers)
            if head is None:
                out.append(span)
                continue
            out.append(head)
            span = replace(span, first=head.end, type=PERSON)
        first = span.first
        while first < span.end - 1 and (
            tokens[first].text.lower() in TITLE_WORDS or not tokens[first].text[:1].isupper()
        ):
            first += 1
        for gazetteer in gazetteers:
            matches = gazetteer.matches(tokens[first : span.end])
            if matches and matches[0][0] == 0 and matches[0][1] < span.end - first:
                _start, length, entry = matches[0]
                out.append(
                    _Span(first, first + length, entry.type, 1.0, "gazetteer", entry.canonical)
                )
                first += length
                while first < span.end - 1 and tokens[first].text.lower() in TITLE_WORDS:
                    first += 1
                break
        if tokens[first].text.lower() not in TITLE_WORDS:
            out.append(span if first == span.first else replace(span, first=first))
    return out


def _name_word(token: Token, sentence_initial: bool = False) -> bool:
    """A capitalised word that can be part of a name. Mid-sentence, a capitalised
    ordinary word ("Yang" in "Yang Jiechi") still can; cue words never can."""
    word = token.text
    lower = word.lower()
    if not (word[:1].isupper() and word.isalpha()) or word in DAY_AND_MONTH_NAMES:
        return False
    if word.isupper() and len(word) > 1:
        return False  # an acronym names an organisation or place, not a person
    if lower in TITLE_WORDS or lower in ORG_CUES or lower in PLACE_CUES or lower in _NOT_NAMES:
        return False
    return not (sentence_initial and lower in common_words())


def _likely_name_word(token: Token, sentence_initial: bool) -> bool:
    """Stricter than :func:`_name_word`: not an acronym, not a known place or organisation,
    and a word that is (nearly) always capitalised where it occurs."""
    word = token.text
    if not _name_word(token, sentence_initial) or word.isupper() or builtin().lookup(word):
        return False
    return capitalisation_share(word.lower()) >= 0.9


def _extend_people(
    spans: list[_Span], tokens: list[Token], sentence_starts: set[int]
) -> list[_Span]:
    """ "Presiden Vladimir Putin" tagged as just "Putin": take in the name words before it."""
    taken = {i for s in spans for i in range(s.first, s.end)}
    for span in spans:
        if span.type != PERSON:
            continue
        while (
            span.first - 1 >= 0
            and span.first not in sentence_starts
            and span.first - 1 not in taken
            and _likely_name_word(tokens[span.first - 1], span.first - 1 in sentence_starts)
        ):
            span.first -= 1
            taken.add(span.first)
    return spans


def _people_after_titles(
    spans_found: list[_Span],
    tokens: list[Token],
    gazetteers: list[Gazetteer],
    sentence_starts: set[int],
) -> list[_Span]:
    """A run of name words after a title ("Presiden China Xi Jinping", "anggota Politbiro
    Partai Komunis Yang Jiechi") is a person, even where the model saw nothing."""
    organisations = {s.first: s.end for s in spans_found if s.type in (ORGANIZATION, PLACE)}
    spans = []
    count = len(tokens)
    index = 0
    while index < count:
        if tokens[index].text.lower() not in _TITLE_CUES:
            index += 1
            continue
        position = index + 1
        while position < count and tokens[position].text.lower() in TITLE_WORDS:
            position += 1
        for gazetteer in gazetteers:
            matches = gazetteer.matches(tokens[position : position + 4])
            if matches and matches[0][0] == 0:
                position += matches[0][1]
                break
        position = organisations.get(position, position)
        while (
            position < count and tokens[position].text.isupper() and len(tokens[position].text) > 1
        ):
            position += 1  # "Juru Bicara KOI Raja Parlindungan Pane"
        start = position
        while (
            position < count
            and _name_word(tokens[position], position in sentence_starts)
            and position - start < 4
        ):
            position += 1
        followed_by_title = position < count and tokens[position].text.lower() in _TITLE_CUES
        if followed_by_title:
            pass  # "Kapolda Metro Jaya Irjen Fadil Imran": a unit or region, then the name
        elif position - start >= 2 or (
            position - start == 1
            and start not in sentence_starts
            # one ordinary word after a title is the rest of the title ("Kepala Negara")
            and capitalisation_share(tokens[start].text.lower()) >= 0.5
        ):
            spans.append(_Span(start, position, PERSON, 0.85, "rule"))
        index = max(position, index + 1)
    return spans


# --- gazetteers ---------------------------------------------------------------


def _gazetteer_spans(tokens: list[Token], gazetteer: Gazetteer, source: str) -> list[_Span]:
    return [
        _Span(first, end, entry.type, 1.0, source, entry.canonical)
        for first, end, entry in gazetteer.matches(tokens)
    ]


def _merge(spans: list[_Span], extra: list[_Span], replace_overlaps: bool = False) -> list[_Span]:
    """Add gazetteer spans: they fill gaps, give canonical names to spans they match
    exactly, and replace shorter model spans inside them ("Partai Komunis China").
    With ``replace_overlaps``, an extra span also replaces spans that straddle it."""
    result = list(spans)
    for g in extra:
        overlapping = [s for s in result if s.first < g.end and g.first < s.end]
        if not overlapping:
            result.append(g)
            continue
        same = [s for s in overlapping if s.first == g.first and s.end == g.end]
        if same:
            span = same[0]
            if span.type != PERSON or span.confidence < 0.9 or g.type == PERSON:
                span.type = g.type
            if span.type == g.type:
                span.canonical = g.canonical
            continue
        if replace_overlaps or all(g.first <= s.first and s.end <= g.end for s in overlapping):
            for s in overlapping:
                result.remove(s)
            result.append(g)
    return sorted(result, key=lambda s: s.first)


# --- filters --------------------------------------------------------------------


#: Nationality adjectives: on their own, "Cuban", "Afghan" describe, they do not name. (Inside a
#: name they stay: "Indian Ocean", "British Airways".)
DEMONYMS = frozenset(
    [
        "afghan", "african", "albanian", "algerian", "american", "argentine", "argentinian",
        "armenian", "asian", "australian", "austrian", "azerbaijani", "bangladeshi",
        "belarusian", "belgian", "bolivian", "bosnian", "brazilian", "british", "bulgarian",
        "burmese", "cambodian", "cameroonian", "canadian", "chilean", "chinese",
        "colombian", "congolese", "croatian", "cuban", "cypriot", "czech", "danish",
        "dutch", "ecuadorian", "egyptian", "emirati", "english", "eritrean", "estonian",
        "ethiopian", "european", "filipino", "finnish", "french", "georgian", "german",
        "ghanaian", "greek", "guatemalan", "haitian", "honduran", "hungarian", "icelandic",
        "indian", "indonesian", "iranian", "iraqi", "irish", "israeli", "italian",
        "ivorian", "jamaican", "japanese", "jordanian", "kazakh", "kenyan", "korean",
        "kosovar", "kurdish", "kuwaiti", "kyrgyz", "lao", "latvian", "lebanese", "liberian",
        "libyan", "lithuanian", "malaysian", "malian", "maltese", "mexican", "moldovan",
        "mongolian", "montenegrin", "moroccan", "mozambican", "namibian", "nepalese",
        "nicaraguan", "nigerian", "nigerien", "norwegian", "omani", "pakistani",
        "palestinian", "panamanian", "paraguayan", "persian", "peruvian", "polish",
        "portuguese", "qatari", "romanian", "russian", "rwandan", "scottish", "senegalese",
        "serbian", "singaporean", "slovak", "slovenian", "somali", "sudanese", "swedish",
        "swiss", "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tibetan", "tunisian",
        "turkish", "turkmen", "ugandan", "ukrainian", "uruguayan", "uzbek", "venezuelan",
        "vietnamese", "welsh", "yemeni", "zambian", "zimbabwean",
    ]
)  # fmt: skip


def _plausible(span: _Span, tokens: list[Token], sentence_starts: set[int]) -> bool:
    words = [t.text for t in tokens[span.first : span.end]]
    if len(words) == 1 and words[0].lower() in DEMONYMS and span.source == "model":
        return False
    if not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    if not any(ch.isalpha() for w in words for ch in w):
        return False
    if span.source != "model":
        return True
    if len(words) == 1 and words[0] in DAY_AND_MONTH_NAMES:
        return False
    if all(w.lower() in common_words() or w in DAY_AND_MONTH_NAMES for w in words) and (
        span.first in sentence_starts or span.confidence < 0.8
    ):
        return False
    return not (words[0].lower() in TITLE_WORDS and len(words) == 1)


# --- document consistency -------------------------------------------------------


_CONNECTORS = frozenset({"dan", "and", "of", "untuk", "for", "the", "&", "de", "der", "la"})


def _defined_acronyms(spans: list[_Span], tokens: list[Token]) -> list[_Span]:
    """ "Komite Olimpiade Indonesia (KOI)": the words whose initials spell the acronym
    name an organisation (or a place, with a place cue), even if the model missed them."""
    found = []
    for index in range(2, len(tokens) - 1):
        acronym = tokens[index].text
        if not (tokens[index - 1].text == "(" and tokens[index + 1].text == ")"):
            continue
        if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
            continue
        letters, position = list(acronym), index - 2
        words: list[int] = []
        while position >= 0 and letters and len(words) < 12:
            word = tokens[position].text
            if word.lower() in _CONNECTORS and words:
                position -= 1
                continue
            if not word[:1].isupper() or word[:1] != letters[-1]:
                break
            letters.pop()
            words.append(position)
            position -= 1
        if letters or len(words) < 2:
            continue
        first = min(words)
        kind = PLACE if any(tokens[i].text.lower() in PLACE_CUES for i in words) else ORGANIZATION
        found.append(_Span(first, index - 1, kind, 0.95, "rule"))
    return found


def _acronyms(spans: list[_Span], tokens: list[Token], text: str) -> list[_Span]:
    """ "Badan Nasional Penanggulangan Bencana (BNPB)": BNPB is that organisation."""
    spans = _merge(spans, _defined_acronyms(spans, tokens), replace_overlaps=True)
    by_first = {s.first: s for s in spans}
    added = []
    for span in spans:
        if span.type not in (ORGANIZATION, PLACE) or span.end + 2 >= len(tokens):
            continue
        opening, acronym, closing = tokens[span.end], tokens[span.end + 1], tokens[span.end + 2]
        if (
            opening.text == "("
            and closing.text == ")"
            and acronym.text.isupper()
            and len(acronym.text) >= 2
        ):
            name = text[tokens[span.first].start : tokens[span.end - 1].end]
            canonical = span.canonical or name
            span.canonical = canonical
            existing = by_first.get(span.end + 1)
            if existing is None:
                added.append(
                    _Span(span.end + 1, span.end + 2, span.type, 1.0, "consistency", canonical)
                )
            else:
                existing.type, existing.canonical = span.type, canonical
    return sorted(spans + added, key=lambda s: s.first)


_LIST_JOINERS = frozenset({",", "dan", "and", "serta", "&"})
#: A model span at least this likely keeps its type against the rest of a list.
_SURE = 0.9


def _list_members(
    spans: list[_Span], tokens: list[Token], sentence_starts: set[int]
) -> list[_Span]:
    """In a list of names ("Evan Dimas, Febri Hariyadi, Hansamu dan Bagas"), the members the
    model missed are of the kind of the others, when at least two others are people."""
    by_first = {s.first: s for s in spans}
    covered = {i for s in spans for i in range(s.first, s.end)}
    added: list[_Span] = []
    index, count = 0, len(tokens)
    while index < count:
        if index not in by_first and (index in covered or not tokens[index].text[:1].isupper()):
            index += 1  # neither a recognised name nor a name word: no list starts here
            continue
        # Collect one list: name runs (recognised spans or runs of name words) joined by
        # commas or "dan"/"and".
        members: list[tuple[int, int, _Span | None]] = []
        position = index
        while position < count:
            span = by_first.get(position)
            if span is not None:
                members.append((span.first, span.end, span))
                position = span.end
            else:
                end = position
                while (
                    end < count
                    and end not in covered
                    and end - position < 3
                    and _name_word(tokens[end], end in sentence_starts)
                ):
                    end += 1
                if end == position:
                    break
                members.append((position, end, None))
                position = end
            if position < count and tokens[position].text.lower() in _LIST_JOINERS:
                position += 1
                if position < count and tokens[position].text.lower() in ("dan", "and"):
                    position += 1  # ", dan"
            else:
                break
        people = [m for m in members if m[2] is not None and m[2].type == PERSON]
        others = [m[2] for m in members if m[2] is not None and m[2].type != PERSON]
        # A member the model doubted (not a known name) follows the others' kind.
        doubted = [s for s in others if s.source == "model" and s.confidence < _SURE]
        if len(members) >= 3 and len(people) >= 2 and len(doubted) == len(others):
            for first, end, span in members:
                if span is None and not _known(tokens[first:end], [builtin()]):
                    added.append(_Span(first, end, PERSON, 0.8, "rule"))
            for span in doubted:
                span.type = PERSON
        index = max(position, index + 1)
    return added


def _consistent(spans: list[_Span], tokens: list[Token], sentence_starts: set[int]) -> list[_Span]:
    """A name recognised once is recognised everywhere in the document; a person's
    first or last name alone refers to the full name."""
    votes: dict[tuple[str, ...], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    canonical: dict[tuple[str, ...], str] = {}
    for span in spans:
        key = tuple(t.text for t in tokens[span.first : span.end])
        weight = 2.0 if span.source in ("gazetteer", "learned") else span.confidence
        votes[key][span.type] += weight
        if span.canonical:
            canonical[key] = span.canonical
    decided: dict[tuple[str, ...], str] = {}
    for key, tally in votes.items():
        kind, weight = max(tally.items(), key=lambda item: item[1])
        if weight >= 2 * (sum(tally.values()) - weight):
            decided[key] = kind
    # Persons: parts of a full name ("Putin" from "Vladimir Putin") point to it.
    people = [k for k, kind in decided.items() if kind == PERSON and len(k) > 1]
    for full in people:
        for part in (full[-1], full[0]):
            key = (part,)
            if part.lower() in TITLE_WORDS or part.lower() in common_words():
                continue
            if key in decided and decided[key] != PERSON and key in canonical:
                continue  # a known place or organisation keeps its type
            decided[key] = PERSON
            canonical.setdefault(key, " ".join(full))
    for span in spans:
        key = tuple(t.text for t in tokens[span.first : span.end])
        if key in decided:
            span.type = decided[key]
        if key in canonical and not span.canonical:
            span.canonical = canonical[key]
    covered = [False] * len(tokens)
    for span in spans:
        for i in range(span.first, span.end):
            covered[i] = True
    by_first_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in decided:
        if key[0][:1].isupper():
            by_first_word[key[0]].append(key)
    for keys in by_first_word.values():
        keys.sort(key=len, reverse=True)
    added = []
    free_from = 0  # the first token not inside a name added below
    for index in [i for i, token in enumerate(tokens) if token.text in by_first_word]:
        if index < free_from or covered[index]:
            continue
        matched = None
        for key in by_first_word[tokens[index].text]:
            end = index + len(key)
            if (
                end <= len(tokens)
                and not any(covered[index:end])
                and all(tokens[index + k].text == key[k] for k in range(len(key)))
            ):
                if len(key) == 1 and index in sentence_starts and key[0].lower() in common_words():
                    continue
                matched = _Span(index, end, decided[key], 0.9, "consistency", canonical.get(key))
                break
        if matched:
            added.append(matched)
            free_from = matched.end
    return sorted(spans + added, key=lambda s: s.first)


# --- output -------------------------------------------------------------------------


def _mention(span: _Span, tokens: list[Token], text: str) -> Mention:
    start, end = tokens[span.first].start, tokens[span.end - 1].end
    surface = text[start:end]
    return Mention(
        start, end, surface, span.type, span.canonical or "", span.source, round(span.confidence, 3)
    )


def _with_dates(mentions: list[Mention], text: str) -> list[Mention]:
    """Rule-found dates win over entity spans they overlap (day names are not places)."""
    dates = [Mention(s, e, text[s:e], DATE, text[s:e], "rule", 1.0) for s, e in find_dates(text)]
    kept = [m for m in mentions if not any(d.start < m.end and m.start < d.end for d in dates)]
    return sorted(kept + dates, key=lambda m: m.start)


def _canonicalise(mentions: list[Mention]) -> list[Mention]:
    out = []
    for mention in mentions:
        name = mention.canonical or " ".join(mention.text.split())
        out.append(mention if name == mention.canonical else replace(mention, canonical=name))
    return out


def entry_for(name: str) -> Entry | None:
    """The shipped gazetteer's entry for a name or alias, if any."""
    return builtin().lookup(name)
