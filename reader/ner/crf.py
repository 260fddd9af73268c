"""Tags an article's sentences with the shipped CRFsuite model: CRFsuite's best labels and
marginal probabilities, computed for all sentences at once with numpy.

CRFsuite's tagger looks up some 27 feature strings for every word of every sentence and is
called once per sentence. A token's score is a sum of weights, and most of that sum depends on
one word at a time (its own features, and what it tells each neighbour), so here each word's
parts are summed once per process and reused; the Viterbi and forward-backward passes run over
every sentence of an article side by side. The weights are read from the model file itself,
so the two cannot drift; tests check the results against CRFsuite's own tagger.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reader.ner.features import FIRST, OFFSETS, edge_feature, pair_feature, word_slots

#: A tagged word: its label and the label's marginal probability.
Tagged = tuple[str, float]

_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class CrfModel:
    """A linear-chain CRF's weights: ``state[attribute, label]`` (the last row all zeros,
    for features the model does not know) and ``transition[label, next label]``."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transition: np.ndarray

    @property
    def unknown(self) -> int:
        return len(self.attributes)


class ModelFileError(ValueError):
    pass


def read_model(path: Path) -> CrfModel:
    """Read a CRFsuite 1st-order model file (the format ``pycrfsuite.Trainer`` writes)."""
    data = Path(path).read_bytes()
    try:
        (
            magic,
            _size,
            kind,
            _version,
            _n,
            n_labels,
            n_attributes,
            features_at,
            labels_at,
            attributes_at,
        ) = struct.unpack_from("<4sI4sIIIIIII", data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelFileError(f"{path} is not a CRFsuite model")
        labels = _strings(data, labels_at)
        attributes = _strings(data, attributes_at)
        chunk, chunk_size, count = struct.unpack_from("<4sII", data, features_at)
        if chunk != b"FEAT" or chunk_size != 12 + count * _FEATURE.itemsize:
            raise ModelFileError(f"{path}: damaged feature table")
        features = np.frombuffer(data, _FEATURE, count, features_at + 12)
    except struct.error as exc:
        raise ModelFileError(f"{path} is truncated") from exc
    if len(labels) != n_labels or len(attributes) != n_attributes:
        raise ModelFileError(f"{path}: label or attribute count does not match its header")
    state = np.zeros((len(attributes) + 1, len(labels)))
    transition = np.zeros((len(labels), len(labels)))
    kinds = features["type"]
    for table, kind in ((state, _STATE), (transition, _TRANSITION)):
        chosen = features[kinds == kind]
        table[chosen["source"], chosen["target"]] = chosen["weight"]
    return CrfModel(
        tuple(labels), {name: i for i, name in enumerate(attributes)}, state, transition
    )


def _strings(data: bytes, at: int) -> list[str]:
    """The strings of a CQDB string/id table, by id (from its backward array)."""
    chunk, _size, _flag, _order, count, backward_at = struct.unpack_from("<4sIIIII", data, at)
    if chunk != b"CQDB":
        raise ModelFileError("damaged string table")
    out = []
    for expected, offset in enumerate(struct.unpack_from(f"<{count}I", data, at + backward_at)):
        record_id, size = struct.unpack_from("<iI", data, at + offset)
        if record_id != expected:
            raise ModelFileError("damaged string table")
        start = at + offset + 8
        out.append(data[start : start + size - 1].decode("utf-8"))  # size counts the NUL
    return out


class ArticleTagger:
    """Tags sentences with one model, keeping each word's summed weights between calls.

    Not thread-safe: one per thread. ``max_words`` bounds the cache (5 × labels floats a
    word); when it is full it starts again. ``max_cells`` bounds the grid of word positions ×
    sentences tagged side by side."""

    #: The slots of a word's cached scores: its own token, then each neighbour offset.
    _SLOTS = 1 + len(OFFSETS)

    def __init__(self, model: CrfModel, max_words: int = 50_000, max_cells: int = 16_384) -> None:
        self.model = model
        self.max_words = max_words
        self.max_cells = max_cells
        self._first = model.attributes.get(FIRST, model.unknown)
        self._exp_transition = np.exp(model.transition)
        self._reset()

    @property
    def word_shape(self) -> tuple[int, int]:
        """The shape of one word's sums: slots × labels."""
        return self._SLOTS, len(self.model.labels)

    @property
    def learned(self) -> int:
        """How many words were summed here (not taken from another tagger)."""
        return len(self._rows) - self._taken

    def _reset(self) -> None:
        self._taken = 0
        self._rows: dict[str, int] = {}
        self._lower: list[str] = [""]
        self._scores = np.zeros((1024, self._SLOTS, len(self.model.labels)))
        # Row 0 is the edge of a sentence: what a missing neighbour adds.
        for slot, offset in enumerate(OFFSETS, start=1):
            self._scores[0, slot] = self._sum((edge_feature(offset),))

    def known_words(self) -> tuple[list[str], np.ndarray]:
        """The words whose weights are summed so far, in the order they were added, and
        their sums (words × slots × labels): what another tagger can start from."""
        words = list(self._rows)  # rows were given out in this order, from 1
        return words, self._scores[1 : len(words) + 1]

    def add_known(self, words: list[str], scores: np.ndarray) -> None:
        """Start from the words another tagger summed (``known_words``), as if they had
        been tagged here: a new process skips working out the features of common words.
        At most half of ``max_words`` are taken, so that the cache is not full at once."""
        if scores.shape != (len(words), *self.word_shape):
            raise ValueError(f"word scores of shape {scores.shape} do not fit this model")
        taken = [w for w in dict.fromkeys(words[: self.max_words // 2]) if w not in self._rows]
        if not taken:
            return
        index = {word: position for position, word in enumerate(words)}
        self._append(taken, scores[[index[word] for word in taken]])
        self._taken += len(taken)

    def _append(self, words: list[str], sums: np.ndarray) -> None:
        """Give ``words`` the next rows of the table, holding ``sums`` (words × slots ×
        labels); the table doubles when full."""
        first = len(self._lower)
        needed = first + len(words)
        if needed > len(self._scores):
            grown = np.zeros((max(needed, 2 * len(self._scores)), *self._scores.shape[1:]))
            grown[:first] = self._scores[:first]
            self._scores = grown
        self._scores[first:needed] = sums
        for row, word in enumerate(words, start=first):
            self._rows[word] = row
            self._lower.append(word.lower())

    def _sum(self, features: tuple[str, ...]) -> np.ndarray:
        attributes = self.model.attributes
        unknown = self.model.unknown
        return self.model.state[[attributes.get(f, unknown) for f in features]].sum(0)

    def _add_words(self, words: list[str]) -> None:
        """Sum the weights of new words' features, every slot of every word in one numpy
        call (a word at a time would be five calls)."""
        attributes, unknown = self.model.attributes, self.model.unknown
        ids: list[int] = []
        segments: list[int] = []
        for word in words:
            for features in word_slots(word):
                segments.append(len(ids))
                ids += [attributes.get(f, unknown) for f in features]
        sums = np.add.reduceat(self.model.state[ids], segments)
        self._append(words, sums.reshape(len(words), self._SLOTS, -1))

    def state_scores(self, sentences: list[list[str]]) -> np.ndarray:
        """Every token's score for every label, sentence after sentence: (tokens, labels)."""
        if len(self._rows) + sum(map(len, sentences)) > self.max_words:
            self._reset()
        new = {word for words in sentences for word in words if word not in self._rows}
        if new:
            self._add_words(list(new))
        own: list[int] = []
        neighbours: list[list[int]] = [[] for _ in OFFSETS]
        pairs: list[int] = []
        attributes, unknown, lower = self.model.attributes, self.model.unknown, self._lower
        for words in sentences:
            if not words:
                continue
            rows = [self._rows[word] for word in words]
            count = len(rows)
            padded = [0, 0, *rows, 0, 0]  # the edges; OFFSETS are -2..2
            own += rows
            for slot, offset in enumerate(OFFSETS):
                neighbours[slot] += padded[2 + offset : 2 + offset + count]
            pairs.append(self._first)
            pairs += [
                attributes.get(pair_feature(lower[rows[i - 1]], lower[rows[i]]), unknown)
                for i in range(1, count)
            ]
        table = self._scores
        scores = table[own, 0] + self.model.state[pairs]
        for slot, rows in enumerate(neighbours, start=1):
            scores += table[rows, slot]
        return scores

    def tag(self, sentences: list[list[str]]) -> list[list[Tagged]]:
        """The best labels of each sentence, each with its marginal probability."""
        lengths = np.array([len(s) for s in sentences], dtype=np.intp)
        out: list[list[Tagged]] = [[] for _ in sentences]
        if not lengths.size or not lengths.max():
            return out
        scores = self.state_scores(sentences)
        starts = np.cumsum(lengths) - lengths
        for group in self._groups(lengths):
            self._tag_group(group, lengths[group], starts[group], scores, out)
        return out

    def _groups(self, lengths: np.ndarray) -> list[np.ndarray]:
        """Sentences (indices), longest first, in groups whose grid (the longest sentence's
        length × the number of sentences) stays within ``max_cells``: one very long sentence
        among many short ones must not make a grid of millions of cells."""
        groups: list[list[int]] = []
        width = 0
        for sentence in np.argsort(-lengths, kind="stable").tolist():
            if not lengths[sentence]:
                break  # the empty ones, last: nothing to tag
            if not groups or (len(groups[-1]) + 1) * width > self.max_cells:
                groups.append([])
                width = int(lengths[sentence])
            groups[-1].append(sentence)
        return [np.array(group, dtype=np.intp) for group in groups]

    def _tag_group(
        self,
        group: np.ndarray,
        lengths: np.ndarray,
        token_starts: np.ndarray,
        scores: np.ndarray,
        out: list[list[Tagged]],
    ) -> None:
        # A grid of columns (word positions) × sentences × labels: longest sentence first,
        # each ending at the last column, so at every column the sentences already begun
        # are the first rows, and one numpy step works on all of them.
        width = int(lengths[0])
        total = int(lengths.sum())
        grid_starts = np.cumsum(lengths) - lengths
        within = np.arange(total) - np.repeat(grid_starts, lengths)
        source = np.repeat(token_starts, lengths) + within
        rows = np.repeat(np.arange(len(group)), lengths)
        columns = np.repeat(width - lengths, lengths) + within
        grid = np.zeros((width, len(group), len(self.model.labels)))
        grid[columns, rows] = scores[source]
        # begun[t]: how many sentences start before column t (so have a word before it).
        begun = np.searchsorted(width - lengths, np.arange(width), side="left").tolist()
        best = self._viterbi(grid, begun)[columns, rows]
        marginals = self._marginals(grid, begun)[columns, rows]
        chosen = (marginals[np.arange(total), best] / marginals.sum(1)).tolist()
        names = [self.model.labels[i] for i in best.tolist()]
        for sentence, start, length in zip(
            group.tolist(), grid_starts.tolist(), lengths.tolist(), strict=True
        ):
            end = start + length
            out[sentence] = list(zip(names[start:end], chosen[start:end], strict=True))

    def _viterbi(self, grid: np.ndarray, begun: list[int]) -> np.ndarray:
        """The best label of every cell of the grid."""
        width, batch, _labels = grid.shape
        transition = self.model.transition
        score = grid[0].copy()
        back: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * width
        for t in range(1, width):
            k = begun[t]
            candidates = score[:k, :, None] + transition
            back[t] = candidates.argmax(1)
            score[:k] = candidates.max(1)
            score += grid[t]
        path = np.empty((width, batch), dtype=np.intp)
        best = path[-1] = score.argmax(1)
        for t in range(width - 1, 0, -1):
            k = begun[t]
            best = best.copy()
            best[:k] = back[t][np.arange(k), best[:k]]
            path[t - 1] = best
        return path

    #: Columns between rescalings of the forward and backward passes (values change by at
    #: most a few orders of magnitude a column, far from float64's limits).
    _RESCALE = 8

    def _marginals(self, grid: np.ndarray, begun: list[int]) -> np.ndarray:
        """Every cell's marginals, up to a factor per cell (alpha × beta)."""
        width = len(grid)
        weights = np.exp(grid - grid.max(2, keepdims=True))
        forward_step, backward_step = self._exp_transition, self._exp_transition.T
        alpha = weights.copy()
        for t in range(1, width):
            k = begun[t]
            column = alpha[t, :k]
            column *= alpha[t - 1, :k] @ forward_step
            if t % self._RESCALE == 0:
                column /= column.sum(1, keepdims=True)
        beta = np.ones_like(weights)
        for t in range(width - 1, 0, -1):
            k = begun[t]
            column = (beta[t, :k] * weights[t, :k]) @ backward_step
            if t % self._RESCALE == 0:
                column /= column.sum(1, keepdims=True)
            beta[t - 1, :k] = column
        return alpha * beta
