"""Linear model heads over shared features, reconstructed from plain arrays (no pickle)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.features import Vocabulary

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

    from sentinelle.analysis.cues import CueExtractor


@dataclass
class LinearMember:
    """One linear model of an ensemble: scores = (X ∘ scale) · coefᵀ + intercept."""

    coef: np.ndarray  # (classes or 1, features)
    intercept: np.ndarray  # (classes or 1,)
    scale: np.ndarray | None = None  # NB-SVM log-count ratios, when the member uses them

    _coef_t: np.ndarray | None = field(default=None, repr=False)

    def decision(self, features: csr_matrix) -> np.ndarray:
        """Raw scores, one column per class (one column for a binary head)."""
        if self.scale is not None:
            features = features.multiply(self.scale).tocsr()
        if self._coef_t is None:
            import numpy as np

            # scipy copies a non-contiguous right operand on every product: do it once.
            self._coef_t = np.ascontiguousarray(self.coef.T)
        return features @ self._coef_t + self.intercept  # type: ignore[no-any-return]


@dataclass
class Head:
    """A classifier head: labels, ensemble members, and a decision threshold if binary."""

    name: str
    labels: list[Any]
    members: list[LinearMember]
    threshold: float = 0.5
    temperature: float = 1.0
    _explain: np.ndarray | None = field(default=None, repr=False)

    @property
    def binary(self) -> bool:
        return len(self.labels) == 2

    def predict_proba(self, features: csr_matrix) -> np.ndarray:
        """Class probabilities (n, classes): the members' probabilities averaged."""
        import numpy as np

        total = None
        for member in self.members:
            scores = np.asarray(member.decision(features), dtype=np.float64) / self.temperature
            if self.binary:
                p1 = 1.0 / (1.0 + np.exp(-np.clip(scores[:, 0], -30, 30)))
                probs = np.column_stack([1.0 - p1, p1])
            else:
                scores -= scores.max(axis=1, keepdims=True)
                probs = np.exp(scores)
                probs /= probs.sum(axis=1, keepdims=True)
            total = probs if total is None else total + probs
        assert total is not None
        return total / len(self.members)

    def explanation_weights(self) -> np.ndarray:
        """(classes, features) weights whose products with features explain a score."""
        if self._explain is None:
            import numpy as np

            member = self.members[0]
            coef = member.coef if member.scale is None else member.coef * member.scale
            # A binary head scores class 1; class 0 is pushed by the opposite weights.
            self._explain = np.vstack([-coef[0], coef[0]]) if self.binary else coef
        return self._explain


@dataclass
class LanguageModel:
    """Everything trained for one language: shared features and the heads that read them.

    `full_heads` (optional) read the same features plus the sentence encoder's columns
    (`encoder.py`); the full pipeline uses them, the default one never does.
    """

    language: str
    vocabulary: Vocabulary
    heads: dict[str, Head]
    cues: CueExtractor
    full_heads: dict[str, Head] = field(default_factory=dict)
    _cache: tuple[tuple[Any, ...], Any] | None = field(default=None, repr=False)
    _names: tuple[list[str], np.ndarray] | None = field(default=None, repr=False)

    def features(
        self, texts: list[str], kinds: list[set[str]] | None = None, full: bool = False
    ) -> csr_matrix:
        """Feature rows for a batch; the last batch is cached so every head shares one pass.

        `kinds` are the texts' signal kinds (from the signals analyzer); None computes them.
        `full` appends the sentence encoder's columns (for `full_heads`).
        """
        key = (full, *texts)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        from scipy.sparse import csr_matrix, hstack

        blocks = [self.vocabulary.transform(texts), self.cues.transform(texts, kinds)]
        if full:
            from sentinelle.analysis.encoder import encode

            blocks.append(csr_matrix(encode(texts)))
        matrix = hstack(blocks, format="csr")
        self._cache = (key, matrix)
        return matrix

    def feature_names(self) -> tuple[list[str], np.ndarray]:
        """(readable name of each column, whether it has one): hashed char n-grams and
        sentence-encoder columns have none."""
        if self._names is None:
            import numpy as np

            from sentinelle.analysis.encoder import DIM

            names = list(self.vocabulary.words)
            names += [""] * len(self.vocabulary.char_buckets)
            names += [f"[{n}]" for n in self.cues.names]
            names += [""] * DIM
            self._names = (names, np.array([bool(n) for n in names]))
        return self._names

    def top_terms(
        self, head: Head, features: csr_matrix, rows: Sequence[int], classes: Sequence[int]
    ) -> list[list[str]]:
        """For each of `rows`, the readable terms that pushed it most towards its class."""
        import numpy as np

        k = 4
        if not len(rows):
            return []
        names, named = self.feature_names()
        weights = head.explanation_weights()
        # Work on the batch's arrays directly: no sparse row selection (slow in scipy).
        wanted = np.full(features.shape[0], -1, dtype=np.int64)
        wanted[np.asarray(rows)] = np.asarray(classes, dtype=np.int64)
        entry_rows = np.repeat(np.arange(features.shape[0]), np.diff(features.indptr))
        entry_class = wanted[entry_rows]
        cols = features.indices
        keep = (entry_class >= 0) & named[cols]
        entry_rows, cols = entry_rows[keep], cols[keep]
        contrib = features.data[keep] * weights[entry_class[keep], cols]
        positive = contrib > 0
        entry_rows, cols, contrib = entry_rows[positive], cols[positive], contrib[positive]
        # One sort for the whole batch: by row, then by decreasing contribution.
        order = np.lexsort((-contrib, entry_rows))
        entry_rows, cols, contrib = entry_rows[order], cols[order], contrib[order]
        bounds = np.searchsorted(entry_rows, np.arange(features.shape[0] + 1)).tolist()
        cols_list, values = cols.tolist(), contrib.tolist()
        result: list[list[str]] = []
        for i in rows:
            start, end = bounds[i], min(bounds[i + 1], bounds[i] + k)
            result.append(
                [f"{names[cols_list[j]]!r} (+{values[j]:.2f})" for j in range(start, end)]
            )
        return result
