"""Word n-gram and hashed character n-gram TF-IDF, identical at training and inference.

Implemented here rather than with scikit-learn's vectorizers for two reasons: a trained
vocabulary is then plain arrays (no pickle), and character n-grams are hashed with numpy
over a whole batch at once, which is what lets the default pipeline pass 5,000 posts/s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.text import normalize_social

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

TOKEN_RE = re.compile(r"[\w']+|[!?]+|[^\w\s]")
CHAR_NGRAMS = (2, 3, 4)
HASH_BITS = 20
#: Changes whenever tokenisation, normalisation or hashing changes: old artifacts then
#: retrain (bump the leading number for changes the other parts do not show).
FEATURES_VERSION = f"3:bits={HASH_BITS}:chars={','.join(map(str, CHAR_NGRAMS))}"
_PRIME = 1_000_003
_MULT = 0x9E3779B97F4A7C15  # Fibonacci hashing spreads the rolling hash over the buckets
#: Texts are cut here: beyond, n-grams add cost and no signal to a post-length model.
MAX_CHARS = 2_000


def word_grams(norm: str) -> list[str]:
    """Word unigrams and bigrams of a normalised text."""
    words = TOKEN_RE.findall(norm)
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def char_buckets(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every character n-gram of a batch, computed in one numpy pass."""
    import numpy as np

    padded = [f" {t} " for t in norms]
    cps = np.frombuffer(
        "".join(padded).encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32
    ).astype(np.uint64)
    docid = np.repeat(np.arange(len(padded)), [len(p) for p in padded])
    rows, buckets = [], []
    with np.errstate(over="ignore"):  # the rolling hash wraps modulo 2**64 by design
        for n in CHAR_NGRAMS:
            m = len(cps) - n + 1
            if m <= 0:
                continue
            h = np.full(m, n, dtype=np.uint64)
            for k in range(n):
                h = h * np.uint64(_PRIME) + cps[k : k + m]
            valid = docid[:m] == docid[n - 1 : n - 1 + m]  # no n-gram spans two texts
            rows.append(docid[:m][valid])
            buckets.append((h[valid] * np.uint64(_MULT)) >> np.uint64(64 - HASH_BITS))
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows), np.concatenate(buckets).astype(np.int64)


@dataclass
class Vocabulary:
    """Word n-grams and kept char-n-gram buckets, with their inverse document frequencies."""

    words: dict[str, int]
    char_buckets: np.ndarray
    word_idf: np.ndarray
    char_idf: np.ndarray
    _remap: Any = field(default=None, repr=False)
    _idf_all: Any = field(default=None, repr=False)

    @property
    def size(self) -> int:
        return len(self.words) + len(self.char_buckets)

    @classmethod
    def fit(cls, texts: Sequence[str], min_df: int = 2) -> Vocabulary:
        """Keep terms in at least `min_df` texts; smooth idf as scikit-learn does."""
        import numpy as np

        norms = [normalize_social(t[:MAX_CHARS]) for t in texts]
        n = len(norms)
        word_df: dict[str, int] = {}
        for norm in norms:
            for term in set(word_grams(norm)):
                word_df[term] = word_df.get(term, 0) + 1
        kept = sorted(t for t, c in word_df.items() if c >= min_df)
        word_counts = np.array([word_df[t] for t in kept], dtype=np.float64)
        rows, buckets = char_buckets(norms)
        pairs = np.unique(rows * (1 << HASH_BITS) + buckets)
        char_df = np.bincount(pairs % (1 << HASH_BITS), minlength=1 << HASH_BITS)
        kept_buckets = np.flatnonzero(char_df >= min_df)

        def idf(df: np.ndarray) -> np.ndarray:
            return (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)

        return cls(
            {t: i for i, t in enumerate(kept)},
            kept_buckets.astype(np.int32),
            idf(word_counts),
            idf(char_df[kept_buckets].astype(np.float64)),
        )

    def to_arrays(self) -> dict[str, Any]:
        """Plain arrays for an `.npz` artifact."""
        import numpy as np

        return {
            "vocab_words": np.array(list(self.words), dtype=str),
            "char_buckets": self.char_buckets,
            "word_idf": self.word_idf,
            "char_idf": self.char_idf,
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> Vocabulary:
        """Rebuild from the arrays written by `to_arrays`."""
        words = {str(t): i for i, t in enumerate(arrays["vocab_words"].tolist())}
        return cls(words, arrays["char_buckets"], arrays["word_idf"], arrays["char_idf"])

    def _idf(self) -> np.ndarray:
        if self._idf_all is None:
            import numpy as np

            self._idf_all = np.concatenate([self.word_idf, self.char_idf])
        return self._idf_all  # type: ignore[no-any-return]

    def _bucket_index(self) -> np.ndarray:
        # bucket → feature column (or -1), built once per loaded vocabulary.
        if self._remap is None:
            import numpy as np

            remap = np.full(1 << HASH_BITS, -1, dtype=np.int32)
            remap[self.char_buckets] = np.arange(len(self.char_buckets)) + len(self.words)
            self._remap = remap
        return self._remap  # type: ignore[no-any-return]

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """Sublinear TF-IDF rows, each block (words, chars) scaled to unit length."""
        import numpy as np
        from scipy.sparse import csr_matrix

        n_words, size, n_docs = len(self.words), self.size, len(texts)
        norms = [normalize_social(t[:MAX_CHARS]) for t in texts]
        words_get = self.words.get
        found: list[int] = []
        lengths: list[int] = []
        for norm in norms:
            before = len(found)
            found += map(words_get, word_grams(norm), repeat(-1))
            lengths.append(len(found) - before)
        char_rows, buckets = char_buckets(norms)
        ind = np.concatenate([np.asarray(found, dtype=np.int64), self._bucket_index()[buckets]])
        rows = np.concatenate([np.repeat(np.arange(n_docs), lengths), char_rows])
        keep = ind >= 0
        # Counting (row, term) pairs by sorting one integer key; int32 sorts twice as fast.
        dtype = np.int32 if n_docs * size < 2**31 else np.int64
        keys = np.sort(rows[keep].astype(dtype) * dtype(size) + ind[keep].astype(dtype))
        if not keys.size:
            return csr_matrix((n_docs, size), dtype=np.float32)
        starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
        rows, ind = np.divmod(keys[starts], dtype(size))
        vals = (1.0 + np.log(counts)) * self._idf()[ind]
        block = rows * 2 + (ind >= n_words)
        norms_sq = np.bincount(block, weights=vals * vals, minlength=2 * n_docs)
        vals = vals / np.maximum(np.sqrt(norms_sq[block]), 1e-12)
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
        return csr_matrix(
            (vals.astype(np.float32), ind.astype(np.int32), indptr), shape=(n_docs, size)
        )
