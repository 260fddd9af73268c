"""Articles related to an open article, each with the reasons it is related.

Four kinds, best first: the article's own read-also links (``link``), articles that link to
it (``backlink``), other copies of the same story (``same_story``: near-identical wording by
MinHash), and ``similar`` articles ranked by a score that combines

* shared entities weighted by rarity (sharing "Yang Jiechi" means more than sharing "China"),
  so articles in different languages meet through the same people and places;
* shared keywords (TF-IDF weights, cosine over the two keyword lists);
* closeness in publication date.

The reader's pins always come first and dismissals never come back. Candidates are gathered
through bounded index lookups, so the cost does not grow with the library.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from reader.fingerprint import resemblance
from reader.storage import related as store
from reader.storage.library import Library

#: Estimated shingle resemblance from which two articles are copies of one story.
SAME_STORY = 0.45
#: Weights of shared entities, shared wording and date closeness in the similarity score.
ENTITY_WEIGHT, TEXT_WEIGHT, DATE_WEIGHT = 0.5, 0.4, 0.1
#: Below this score an article is not suggested.
MIN_SCORE = 0.12
#: Candidates come from the article's rarest entities, at most this many, and at most
#: PER_ENTITY (the newest) articles for each: bounded work at any library size.
RARE_ENTITIES = 15
PER_ENTITY = 500
KIND_ORDER = {"link": 0, "backlink": 1, "same_story": 2, "similar": 3}
LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}


@dataclass
class Suggestion:
    """A related article, why it is related, and how strongly."""

    id: int
    title: str
    kind: str
    score: float
    reasons: list[str]
    source: str | None = None
    published: str | None = None
    language: str | None = None
    pinned: bool = False
    #: Other copies of the same story, folded into this suggestion.
    copies: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 3)
        return data


@dataclass
class EntityTrail:
    """One of the open article's most salient entities and the articles that mention it."""

    entity_id: int
    name: str
    type: str
    articles: int
    #: (article id, title, published) of the dated articles that mention it, newest first.
    dated: list[tuple[int, str, str | None]]


@dataclass
class RelatedView:
    """Everything the Related tab shows for one article."""

    article_id: int
    read_also: list[dict[str, Any]]
    suggestions: list[Suggestion]
    trails: list[EntityTrail]


def day_of(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def when(own: str | None, other: str | None) -> str | None:
    """ "same day", "2 days later", "3 months earlier" — the other article relative to this one."""
    a, b = day_of(own), day_of(other)
    if a is None or b is None:
        return None
    days = (b - a).days
    if days == 0:
        return "same day"
    direction = "later" if days > 0 else "earlier"
    days = abs(days)
    if days < 60:
        amount, unit = days, "day"
    elif days < 730:
        amount, unit = round(days / 30.4), "month"
    else:
        amount, unit = round(days / 365.25), "year"
    return f"{amount} {unit}{'s' if amount != 1 else ''} {direction}"


def _closeness(own: str | None, other: str | None) -> float:
    a, b = day_of(own), day_of(other)
    if a is None or b is None:
        return 0.0
    return 1.0 / (1.0 + abs((b - a).days) / 7.0)


def _names(names: list[str], most: int = 3) -> str:
    shown = ", ".join(names[:most])
    if len(names) > most:
        shown += f" and {len(names) - most} more"
    return shown


class _Scorer:
    """The open article's entities and keywords, and the similarity of others to it."""

    def __init__(self, library: Library, article_id: int, info: dict[str, Any]) -> None:
        self.library = library
        self.article_id = article_id
        self.info = info
        total = max(library.count(), 2)
        self.cap = max(100, total // 20)
        profile = [e for e in store.entity_profile(library, article_id) if e["articles"] >= 2]
        self.entities = {e["id"]: e for e in profile}
        self.weights = {
            e["id"]: math.log(total / e["articles"]) * (1.0 + math.log(e["mentions"]))
            for e in profile
        }
        self.entity_total = sum(self.weights.values()) or 1.0
        # Mentions of the same name under another type count as the same entity.
        self.alias_of = {e: e for e in self.entities}
        self.alias_of.update(store.namesakes(library, list(self.entities)))
        self.keywords = store.keywords(library, article_id)

    def candidates(self) -> tuple[dict[int, set[int]], dict[int, dict[str, float]]]:
        rare = sorted(
            (e for e in self.entities.values() if e["articles"] <= self.cap),
            key=lambda e: -self.weights[e["id"]],
        )[:RARE_ENTITIES]
        wanted = {e["id"] for e in rare}
        ids = [i for i, own in self.alias_of.items() if own in wanted]
        by_entity = self.own(
            store.entity_neighbours(self.library, ids, self.article_id, PER_ENTITY)
        )
        by_keyword = store.keyword_neighbours(self.library, self.keywords, self.article_id)
        return by_entity, by_keyword

    def own(self, found: dict[int, set[int]]) -> dict[int, set[int]]:
        """Entity ids found in other articles, mapped to this article's entity ids."""
        return {other: {self.alias_of[e] for e in ids} for other, ids in found.items()}

    def text_score(self, shared: dict[str, float]) -> float:
        return sum(self.keywords[t] * w for t, w in shared.items())

    def entity_score(self, shared: set[int]) -> float:
        return sum(self.weights[e] for e in shared) / self.entity_total

    def score(self, other: dict[str, Any], entities: set[int], words: dict[str, float]) -> float:
        return (
            ENTITY_WEIGHT * self.entity_score(entities)
            + TEXT_WEIGHT * self.text_score(words)
            + DATE_WEIGHT * _closeness(self.info.get("published"), other.get("published"))
        )

    def reasons(self, other: dict[str, Any], entities: set[int], words: dict[str, float]) -> list:
        reasons = []
        if entities:
            names = [
                self.entities[e]["canonical"]
                for e in sorted(entities, key=lambda e: -self.weights[e])
            ]
            reasons.append("shares " + _names(names))
        text = self.text_score(words)
        if text >= 0.12:
            top = sorted(words, key=lambda t: -self.keywords[t] * words[t])
            reasons.append(f"similar wording ({_names(top, 3)})")
        relative = when(self.info.get("published"), other.get("published"))
        if relative:
            reasons.append(relative)
        language = other.get("language")
        if language and self.info.get("language") and language != self.info["language"]:
            reasons.append("in " + LANGUAGE_NAMES.get(language, language))
        return reasons


def _suggestion(row: dict[str, Any], kind: str, score: float, reasons: list[str]) -> Suggestion:
    return Suggestion(
        id=row["id"],
        title=row["title"],
        kind=kind,
        score=score,
        reasons=reasons,
        source=row.get("source"),
        published=row.get("published"),
        language=row.get("language"),
    )


def _same_story(library: Library, article_id: int, skip: set[int]) -> list[Suggestion]:
    own = store.signature(library, article_id)
    if own is None:
        return []
    neighbours = [i for i in store.band_neighbours(library, article_id) if i not in skip]
    found = []
    signatures = store.signatures(library, neighbours)
    rows = store.summaries(library, list(signatures))
    for other, sig in signatures.items():
        alike = resemblance(own, sig)
        if alike >= SAME_STORY and other in rows:
            row = rows[other]
            reasons = [f"same story, {round(alike * 100)}% the same wording"]
            if row.get("source"):
                reasons.append(row["source"])
            found.append(_suggestion(row, "same_story", alike, reasons))
    return sorted(found, key=lambda s: -s.score)


def _fold_copies(library: Library, suggestions: list[Suggestion]) -> list[Suggestion]:
    """Among similar articles, keep one of each story and list the others as its copies."""
    signatures = store.signatures(library, [s.id for s in suggestions])
    kept: list[Suggestion] = []
    for suggestion in suggestions:
        sig = signatures.get(suggestion.id)
        home = None
        if sig is not None:
            home = next(
                (
                    k
                    for k in kept
                    if k.id in signatures and resemblance(signatures[k.id], sig) >= SAME_STORY
                ),
                None,
            )
        if home is None:
            kept.append(suggestion)
        else:
            home.copies.append(
                {"id": suggestion.id, "title": suggestion.title, "source": suggestion.source}
            )
    for suggestion in kept:
        if suggestion.copies:
            outlets = {suggestion.source} | {c["source"] for c in suggestion.copies}
            outlets.discard(None)
            count = max(len(outlets), len(suggestion.copies) + 1)
            suggestion.reasons.append(f"same story in {count} outlets")
    return kept


def similar(
    library: Library,
    article_id: int,
    info: dict[str, Any],
    skip: set[int],
    pinned: set[int],
    limit: int = 10,
) -> list[Suggestion]:
    """Similar articles by shared entities, wording and date, best first."""
    scorer = _Scorer(library, article_id, info)
    by_entity, by_keyword = scorer.candidates()
    prelim = {}
    for other in set(by_entity) | set(by_keyword):
        if other in skip:
            continue
        prelim[other] = scorer.entity_score(by_entity.get(other, set())) * ENTITY_WEIGHT + (
            scorer.text_score(by_keyword.get(other, {})) * TEXT_WEIGHT
        )
    top = sorted(prelim, key=lambda i: -prelim[i])[: limit * 6]
    top = list(dict.fromkeys([*pinned, *top]))
    shared_entities = scorer.own(store.entities_of(library, top, list(scorer.alias_of)))
    shared_words = store.keywords_of(library, top, list(scorer.keywords))
    rows = store.summaries(library, top)
    scored = []
    for other in top:
        row = rows.get(other)
        if row is None:
            continue
        entities = shared_entities.get(other, set())
        words = shared_words.get(other, {})
        score = scorer.score(row, entities, words)
        if score < MIN_SCORE and other not in pinned:
            continue
        scored.append(_suggestion(row, "similar", score, scorer.reasons(row, entities, words)))
    scored.sort(key=lambda s: -s.score)
    return _fold_copies(library, scored[: limit * 2])[:limit]


def _linked(library: Library, ids: list[int], kind: str, reason: str) -> list[Suggestion]:
    rows = store.summaries(library, ids)
    return [_suggestion(rows[i], kind, 1.0, [reason]) for i in ids if i in rows]


def suggestions(library: Library, article_id: int, limit: int = 10) -> list[Suggestion]:
    """Links, backlinks, same-story copies and similar articles, pinned first, best first."""
    info = store.summaries(library, [article_id]).get(article_id)
    if info is None:
        return []
    verdicts = store.feedback(library, article_id)
    pinned = {i for i, v in verdicts.items() if v == "pin"}
    dismissed = {i for i, v in verdicts.items() if v == "dismiss"}
    targets = [
        r["target_id"] for r in store.read_also(library, article_id) if r["target_id"] is not None
    ]
    links = _linked(library, list(dict.fromkeys(targets)), "link", "read-also link in this article")
    seen = {article_id, *targets}
    back = [i for i in store.backlinks(library, article_id) if i not in seen]
    backlinks = _linked(library, back, "backlink", "links to this article")
    seen |= set(back)
    copies = _same_story(library, article_id, seen | dismissed)
    seen |= {c.id for c in copies}
    found = links + backlinks + copies
    found += similar(library, article_id, info, seen | dismissed, pinned - seen, limit)
    for suggestion in found:
        if suggestion.id in pinned:
            suggestion.pinned = True
            suggestion.reasons.insert(0, "pinned by you")
    found.sort(key=lambda s: (not s.pinned, KIND_ORDER[s.kind], -s.score))
    return found


def trails(library: Library, article_id: int, most: int = 4) -> list[EntityTrail]:
    """The open article's most salient people, organisations and places that other articles
    mention too, with those articles' dates (for "More about …" and the timeline)."""
    total = max(library.count(), 2)
    profile = [e for e in store.entity_profile(library, article_id) if e["articles"] >= 2]
    profile.sort(
        key=lambda e: -(1.0 + math.log(e["mentions"])) * math.log(total / e["articles"] + 1.0)
    )
    return [
        EntityTrail(
            e["id"],
            e["canonical"],
            e["type"],
            e["articles"],
            store.entity_articles_dated(library, e["id"]),
        )
        for e in profile[:most]
    ]


def related_view(library: Library, article_id: int) -> RelatedView:
    """What the Related tab shows for an article."""
    return RelatedView(
        article_id,
        store.read_also(library, article_id),
        suggestions(library, article_id),
        trails(library, article_id),
    )
